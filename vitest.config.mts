import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // Examples import the package by name, as users do; in tests that name means the sources.
    alias: { "pulumi-alicloud-dynamic": path.join(import.meta.dirname, "provider", "index.ts") },
  },
  test: {
    include: ["test/**/*.test.ts"],
    // End-to-end tests drive the real Pulumi engine: minutes, not milliseconds, on a loaded machine.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: "forks",
  },
});
