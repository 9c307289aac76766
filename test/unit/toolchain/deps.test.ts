// When the toolchain reinstalls npm dependencies, and how it installs the built package into
// node_modules (scripts/toolchain/deps.mjs), in temporary folders.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ensureDependencies, fingerprint, installSelf, installState } from "../../../scripts/toolchain/deps.mjs";

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A temporary folder holding `files` (relative path -> text). */
function folder(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "pad-toolchain-deps-"));
  made.push(root);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

const STAMP = path.join("node_modules", ".pulumi-alicloud-dynamic-install");

describe("fingerprint", () => {
  it("GIVEN package.json, the lock and Node's version WHEN hashed THEN each matters, Node's minor does not", () => {
    const root = folder({ "package.json": '{"name":"a"}', "package-lock.json": '{"lockfileVersion":3}' });
    const base = fingerprint(root, "22.1.0");
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprint(root, "22.23.3")).toBe(base);
    expect(fingerprint(root, "24.0.0")).not.toBe(base);
    fs.writeFileSync(path.join(root, "package-lock.json"), '{"lockfileVersion":3,"x":1}');
    const relocked = fingerprint(root, "22.1.0");
    expect(relocked).not.toBe(base);
    fs.writeFileSync(path.join(root, "package.json"), '{"name":"b"}');
    expect(fingerprint(root, "22.1.0")).not.toBe(relocked);
  });

  it("GIVEN no lock file WHEN hashed THEN it still hashes package.json", () => {
    const root = folder({ "package.json": '{"name":"a"}' });
    expect(fingerprint(root, "22.1.0")).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("installState", () => {
  it("GIVEN no stamp, then the stamp of this install, then a changed package.json WHEN asked THEN missing, current, stale", () => {
    const root = folder({ "package.json": '{"name":"a"}', "package-lock.json": "{}", "node_modules/.keep": "" });
    expect(installState(root, "22.1.0")).toBe("missing");
    fs.writeFileSync(path.join(root, STAMP), `${fingerprint(root, "22.1.0")}\n`);
    expect(installState(root, "22.1.0")).toBe("current");
    expect(installState(root, "24.0.0")).toBe("stale");
    fs.writeFileSync(path.join(root, "package.json"), '{"name":"a","dependencies":{"x":"1"}}');
    expect(installState(root, "22.1.0")).toBe("stale");
  });
});

describe("ensureDependencies", () => {
  // npm itself, beside the Node running the tests; the fresh clone's path, on a package with nothing
  // to fetch (so no registry is asked). The toolchain's own output goes to stderr: kept quiet here.
  const withNpm = { ...process.env, PATH: [path.dirname(process.execPath), process.env.PATH].join(path.delimiter) };

  it("GIVEN a fresh clone (no node_modules) WHEN ensured THEN npm ci runs and stamps the install as current", async () => {
    const lock = {
      name: "a",
      version: "1.0.0",
      lockfileVersion: 3,
      requires: true,
      packages: { "": { name: "a", version: "1.0.0" } },
    };
    const root = folder({
      "package.json": '{"name":"a","version":"1.0.0"}',
      "package-lock.json": JSON.stringify(lock),
    });
    await ensureDependencies(root, withNpm, "22.1.0");
    expect(installState(root, "22.1.0")).toBe("current");
  });

  it("GIVEN a current install WHEN ensured with no npm to run THEN nothing runs", async () => {
    const root = folder({ "package.json": '{"name":"a"}', "node_modules/.keep": "" });
    fs.writeFileSync(path.join(root, STAMP), `${fingerprint(root, "22.1.0")}\n`);
    await expect(ensureDependencies(root, { PATH: folder({}) }, "22.1.0")).resolves.toBeUndefined();
  });

  it("GIVEN a stale install and no npm to run WHEN ensured THEN it fails and the stamp stays stale", async () => {
    const root = folder({ "package.json": '{"name":"a"}', "node_modules/.keep": "" });
    fs.writeFileSync(path.join(root, STAMP), "stamp of another install\n");
    await expect(ensureDependencies(root, { PATH: folder({}) }, "22.1.0")).rejects.toThrow(/ENOENT/);
    expect(installState(root, "22.1.0")).toBe("stale");
  });
});

describe("installSelf", () => {
  const manifest = JSON.stringify({
    name: "pulumi-alicloud-dynamic",
    files: ["dist/api", "dist/provider", "README.md", "LICENSE"],
  });

  it("GIVEN a build WHEN installed THEN node_modules holds package.json and exactly the dist/ folders `files` names", () => {
    const root = folder({
      "package.json": manifest,
      "README.md": "readme",
      "dist/api/vpc.js": "api",
      "dist/provider/index.js": "index",
      "dist/provider/client/rpc.js": "rpc",
      "dist/emulator/cli.js": "not shipped",
      "dist/test/x.test.js": "not shipped",
      // What an earlier install left: a file the new build no longer has.
      "node_modules/pulumi-alicloud-dynamic/dist/provider/removed.js": "old",
    });
    installSelf(root);
    const installed = path.join(root, "node_modules", "pulumi-alicloud-dynamic");
    const listing = fs
      .readdirSync(installed, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(installed, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
      .sort();
    expect(listing).toEqual([
      "dist/api/vpc.js",
      "dist/provider/client/rpc.js",
      "dist/provider/index.js",
      "package.json",
    ]);
    expect(fs.readFileSync(path.join(installed, "package.json"), "utf8")).toBe(manifest);
    expect(fs.readFileSync(path.join(installed, "dist/provider/client/rpc.js"), "utf8")).toBe("rpc");
    // Nothing half-done is left beside it.
    expect(fs.readdirSync(path.join(root, "node_modules"))).toEqual(["pulumi-alicloud-dynamic"]);
  });

  it("GIVEN compiled examples and scripts WHEN installed THEN each gets a nameless package.json; absent folders get none", () => {
    const root = folder({
      "package.json": manifest,
      "dist/api/vpc.js": "api",
      "dist/provider/index.js": "index",
      "dist/scripts/bench.js": "bench",
    });
    installSelf(root);
    const marker = JSON.parse(fs.readFileSync(path.join(root, "dist", "scripts", "package.json"), "utf8"));
    expect(marker).toEqual({ private: true, type: "commonjs" });
    expect(fs.existsSync(path.join(root, "dist", "examples"))).toBe(false);
  });

  it("GIVEN `files` names a dist/ folder the build lacks WHEN installed THEN it fails and the old install stays", () => {
    const root = folder({
      "package.json": manifest,
      "dist/provider/index.js": "index",
      "node_modules/pulumi-alicloud-dynamic/dist/provider/index.js": "old",
    });
    expect(() => installSelf(root)).toThrow(/ENOENT/);
    const old = path.join(root, "node_modules", "pulumi-alicloud-dynamic", "dist", "provider", "index.js");
    expect(fs.readFileSync(old, "utf8")).toBe("old");
    expect(fs.readdirSync(path.join(root, "node_modules"))).toEqual(["pulumi-alicloud-dynamic"]);
  });
});
