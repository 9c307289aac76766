import path from "node:path";
import { defineConfig } from "vitest/config";

// End-to-end tests and examples import "pulumi-alicloud-dynamic" by name, as users do. That name
// means the built copy `npm test` installs into node_modules (scripts/toolchain/deps.mjs), loaded
// from its node_modules path as in a user's project: Node's self-reference would otherwise resolve
// it to ./dist, outside node_modules, which Pulumi serializes differently.
const installed = path.join(
  import.meta.dirname,
  "node_modules",
  "pulumi-alicloud-dynamic",
  "dist",
  "provider",
  "index.js",
);

export default defineConfig({
  resolve: {
    alias: [{ find: /^pulumi-alicloud-dynamic$/, replacement: installed }],
  },
  test: {
    include: ["test/**/*.test.ts"],
    // End-to-end tests drive the real Pulumi engine: minutes, not milliseconds, on a loaded machine.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: "forks",
  },
});
