// The pinned Pulumi version and the Node.js language host's stamp: when the cached host is used as
// it is and when it is rebuilt (scripts/toolchain/pulumi-cli.mjs). A stand-in `go` (a shell script
// that writes the binary it is asked for) takes the place of the Go toolchain.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  ensureLanguageHost,
  ensurePulumi,
  findOnPath,
  languageHostFingerprint,
  pinnedPulumiVersion,
} from "../../../scripts/toolchain/pulumi-cli.mjs";

const made: string[] = [];
afterEach(() => {
  vi.unstubAllEnvs();
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pad-toolchain-pulumi-"));
  made.push(dir);
  return dir;
}

function write(file: string, text: string, mode?: number): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text, { mode });
}

const VERSION = "v3.270.0";

/** A Go module shaped like scripts/pulumi-cli: go.mod, go.sum and the host's sources. */
function goModule(): string {
  const dir = tempDir();
  write(path.join(dir, "go.mod"), `module x\n\nrequire (\n\tgithub.com/pulumi/pulumi/pkg/v3 ${VERSION}\n)\n`);
  write(path.join(dir, "go.sum"), "github.com/pulumi/pulumi/pkg/v3 v3.270.0 h1:abc=\n");
  write(path.join(dir, "language-nodejs", "main.go"), "package main\n");
  write(path.join(dir, "language-nodejs", "host.go"), "package main\n// host\n");
  write(path.join(dir, "language-nodejs", "README.md"), "notes\n");
  return dir;
}

/** A folder with a stand-in `go` that records each call (cwd|CGO_ENABLED|GOFLAGS|args) in `log`. */
function fakeGo(): { searchPath: string; log: string; calls(): string[] } {
  const bin = tempDir();
  const log = path.join(bin, "calls.log");
  write(
    path.join(bin, "go"),
    [
      "#!/bin/sh",
      'out=""; prev=""',
      'for arg in "$@"; do if [ "$prev" = "-o" ]; then out="$arg"; fi; prev="$arg"; done',
      `printf '%s\\n' "$PWD|$CGO_ENABLED|$GOFLAGS|$*" >> '${log}'`,
      "printf 'host binary' > \"$out\"",
      "",
    ].join("\n"),
    0o755,
  );
  return {
    searchPath: bin,
    log,
    calls: () => (fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n") : []),
  };
}

const HOST = "pulumi-language-nodejs";

describe("pinnedPulumiVersion", () => {
  it("GIVEN this repository's go.mod WHEN read THEN the pkg/v3 version it pins", () => {
    const gomod = fs.readFileSync(path.join(__dirname, "..", "..", "..", "scripts", "pulumi-cli", "go.mod"), "utf8");
    const version = pinnedPulumiVersion();
    expect(version).toMatch(/^v\d+\.\d+\.\d+$/);
    expect(gomod).toContain(`github.com/pulumi/pulumi/pkg/v3 ${version}`);
  });

  it("GIVEN a go.mod WHEN read THEN the version of github.com/pulumi/pulumi/pkg/v3 in its require block", () => {
    expect(pinnedPulumiVersion(goModule())).toBe(VERSION);
  });

  it("GIVEN a go.mod that does not pin pkg/v3 WHEN read THEN the error names the file and the module", () => {
    const dir = tempDir();
    write(path.join(dir, "go.mod"), "module x\n\nrequire github.com/pulumi/pulumi/sdk/v3 v3.270.0\n");
    expect(() => pinnedPulumiVersion(dir)).toThrow(
      `${path.join(dir, "go.mod")} does not pin github.com/pulumi/pulumi/pkg/v3`,
    );
  });
});

describe("findOnPath", () => {
  it("GIVEN folders on a PATH WHEN looking THEN the first executable file of that name; not a folder, not a plain file", () => {
    const first = tempDir();
    const second = tempDir();
    write(path.join(first, "tool"), "not executable", 0o644);
    fs.mkdirSync(path.join(first, "other"));
    write(path.join(second, "tool"), "#!/bin/sh\n", 0o755);
    write(path.join(second, "other"), "#!/bin/sh\n", 0o755);
    const searchPath = ["", first, second].join(path.delimiter);
    expect(findOnPath("tool", searchPath)).toBe(path.join(second, "tool"));
    expect(findOnPath("other", searchPath)).toBe(path.join(second, "other"));
    expect(findOnPath("missing", searchPath)).toBeUndefined();
    expect(findOnPath("tool", undefined)).toBeUndefined();
  });
});

describe("languageHostFingerprint", () => {
  it("GIVEN the same sources WHEN hashed twice THEN the same; another Pulumi version THEN another", () => {
    const dir = goModule();
    expect(languageHostFingerprint(VERSION, dir)).toBe(languageHostFingerprint(VERSION, dir));
    expect(languageHostFingerprint("v3.271.0", dir)).not.toBe(languageHostFingerprint(VERSION, dir));
  });

  it("GIVEN a change to go.mod, go.sum, a .go source, or a new .go file WHEN hashed THEN each changes it", () => {
    const dir = goModule();
    const seen = new Set([languageHostFingerprint(VERSION, dir)]);
    const changes: [string, string][] = [
      ["go.mod", `module x\n\nrequire (\n\tgithub.com/pulumi/pulumi/pkg/v3 ${VERSION}\n\tgolang.org/x/y v1.0.0\n)\n`],
      ["go.sum", "github.com/pulumi/pulumi/pkg/v3 v3.270.0 h1:def=\n"],
      ["language-nodejs/main.go", "package main\n\nfunc main() {}\n"],
      ["language-nodejs/extra.go", "package main\n"],
    ];
    for (const [file, text] of changes) {
      write(path.join(dir, file), text);
      seen.add(languageHostFingerprint(VERSION, dir));
    }
    expect(seen.size).toBe(changes.length + 1);
  });

  it("GIVEN a change to a file that is not Go WHEN hashed THEN it stays the same", () => {
    const dir = goModule();
    const before = languageHostFingerprint(VERSION, dir);
    write(path.join(dir, "language-nodejs", "README.md"), "other notes\n");
    write(path.join(dir, "language-nodejs", "host_test.txt"), "x\n");
    expect(languageHostFingerprint(VERSION, dir)).toBe(before);
  });
});

describe("ensureLanguageHost", () => {
  it("GIVEN no host and a Go toolchain WHEN ensured THEN it builds the host with the pinned version, then stamps it", async () => {
    const moduleDir = goModule();
    const go = fakeGo();
    const cache = path.join(tempDir(), "pulumi", VERSION);
    const binary = await ensureLanguageHost(VERSION, cache, { moduleDir, searchPath: go.searchPath });
    expect(binary).toBe(path.join(cache, HOST));
    expect(fs.readFileSync(path.join(cache, HOST), "utf8")).toBe("host binary");
    expect(fs.readFileSync(path.join(cache, `${HOST}.stamp`), "utf8")).toBe(
      `${languageHostFingerprint(VERSION, moduleDir)}\n`,
    );
    const [call, ...more] = go.calls();
    expect(more).toEqual([]);
    const [cwd, cgo, goflags, args] = (call ?? "").split("|");
    expect([fs.realpathSync(cwd ?? ""), cgo, goflags]).toEqual([fs.realpathSync(moduleDir), "0", "-mod=readonly"]);
    expect(args).toContain(`-ldflags -s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=${VERSION}`);
    expect(args).toMatch(/ \.\/language-nodejs$/);
    // The staging folder beside the cache is gone.
    expect(fs.readdirSync(path.dirname(cache))).toEqual([VERSION]);
  });

  it("GIVEN a host stamped with the current sources WHEN ensured THEN it is used as it is, without Go", async () => {
    const moduleDir = goModule();
    const go = fakeGo();
    const cache = path.join(tempDir(), VERSION);
    await ensureLanguageHost(VERSION, cache, { moduleDir, searchPath: go.searchPath });
    const again = await ensureLanguageHost(VERSION, cache, { moduleDir, searchPath: go.searchPath });
    expect(again).toBe(path.join(cache, HOST));
    expect(go.calls()).toHaveLength(1);
  });

  it("GIVEN a host stamped with older sources WHEN ensured THEN it is rebuilt and restamped", async () => {
    const moduleDir = goModule();
    const go = fakeGo();
    const cache = path.join(tempDir(), VERSION);
    await ensureLanguageHost(VERSION, cache, { moduleDir, searchPath: go.searchPath });
    write(path.join(moduleDir, "language-nodejs", "host.go"), "package main\n// changed\n");
    await ensureLanguageHost(VERSION, cache, { moduleDir, searchPath: go.searchPath });
    expect(go.calls()).toHaveLength(2);
    expect(fs.readFileSync(path.join(cache, `${HOST}.stamp`), "utf8").trim()).toBe(
      languageHostFingerprint(VERSION, moduleDir),
    );
  });

  it("GIVEN a stamp but no binary WHEN ensured THEN it is rebuilt", async () => {
    const moduleDir = goModule();
    const go = fakeGo();
    const cache = path.join(tempDir(), VERSION);
    write(path.join(cache, `${HOST}.stamp`), `${languageHostFingerprint(VERSION, moduleDir)}\n`);
    expect(await ensureLanguageHost(VERSION, cache, { moduleDir, searchPath: go.searchPath })).toBe(
      path.join(cache, HOST),
    );
    expect(go.calls()).toHaveLength(1);
  });

  it("GIVEN no Go toolchain WHEN the stamp is stale THEN the older host is used; with no host at all, none", async () => {
    const moduleDir = goModule();
    const noGo = tempDir();
    const cache = path.join(tempDir(), VERSION);
    expect(await ensureLanguageHost(VERSION, cache, { moduleDir, searchPath: noGo })).toBeUndefined();
    write(path.join(cache, HOST), "older host", 0o755);
    write(path.join(cache, `${HOST}.stamp`), "stamp of older sources\n");
    expect(await ensureLanguageHost(VERSION, cache, { moduleDir, searchPath: noGo })).toBe(path.join(cache, HOST));
    expect(fs.readFileSync(path.join(cache, HOST), "utf8")).toBe("older host");
  });
});

/**
 * A stand-in `go` for a machine that has nothing cached: each `go build -o <out>` writes an
 * executable `<out>` that prints the version given in -ldflags (as the real CLI's `pulumi version`
 * does), and records the package built in `log`.
 */
function fakeGoBuildingExecutables(): { searchPath: string; built(): string[] } {
  const bin = tempDir();
  const log = path.join(bin, "built.log");
  write(
    path.join(bin, "go"),
    [
      "#!/bin/sh",
      "PATH=/usr/bin:/bin",
      'out=""; version=""; prev=""; last=""',
      'for arg in "$@"; do',
      '  if [ "$prev" = "-o" ]; then out="$arg"; fi',
      `  if [ "$prev" = "-ldflags" ]; then version=$(printf '%s' "$arg" | sed 's/.*=//'); fi`,
      '  prev="$arg"; last="$arg"',
      "done",
      `printf '%s\\n' "$last" >> '${log}'`,
      'printf \'#!/bin/sh\\necho %s\\n\' "$version" > "$out"',
      'chmod +x "$out"',
      "",
    ].join("\n"),
    0o755,
  );
  return { searchPath: bin, built: () => (fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n") : []) };
}

/** A repository root whose node_modules/@pulumi/pulumi ships the dynamic provider launcher. */
function repoWithLauncher(): string {
  const root = tempDir();
  write(path.join(root, "node_modules", "@pulumi", "pulumi", "pulumi-resource-pulumi-nodejs"), "#!/bin/sh\n", 0o755);
  return root;
}

describe("ensurePulumi", () => {
  it("GIVEN a fresh machine (no pulumi on PATH, nothing cached) WHEN ensured THEN it builds the pinned CLI and our host, then reuses them", async () => {
    const go = fakeGoBuildingExecutables();
    const cache = tempDir();
    vi.stubEnv("PULUMI_ALICLOUD_DYNAMIC_CACHE", cache);
    vi.stubEnv("PATH", go.searchPath);
    const repo = repoWithLauncher();
    const version = pinnedPulumiVersion();
    const dir = path.join(cache, "pulumi", version);

    const cli = await ensurePulumi(repo);
    expect(cli).toEqual({
      binary: path.join(dir, "pulumi"),
      version,
      source: `built from Go modules, cached in ${dir}`,
      languageHost: path.join(dir, HOST),
    });
    expect(go.built()).toEqual(["github.com/pulumi/pulumi/pkg/v3/cmd/pulumi", "./language-nodejs"]);
    // The launcher the engine looks for beside the CLI, and nothing half-done beside the cache.
    expect(fs.statSync(path.join(dir, "pulumi-resource-pulumi-nodejs")).mode & 0o111).not.toBe(0);
    expect(fs.readdirSync(path.join(cache, "pulumi"))).toEqual([version]);

    // A second run, and a run whose PATH already holds the cached CLI (as run.mjs's children have), build nothing.
    expect(await ensurePulumi(repo)).toEqual(cli);
    vi.stubEnv("PATH", [dir, go.searchPath].join(path.delimiter));
    expect(await ensurePulumi(repo)).toEqual(cli);
    expect(go.built()).toHaveLength(2);
  });

  it("GIVEN a pulumi and its language host on PATH WHEN ensured THEN they are used as they are, with nothing built", async () => {
    const go = fakeGoBuildingExecutables();
    const theirs = tempDir();
    write(path.join(theirs, "pulumi"), "#!/bin/sh\necho v3.200.0\n", 0o755);
    write(path.join(theirs, HOST), "#!/bin/sh\n", 0o755);
    vi.stubEnv("PULUMI_ALICLOUD_DYNAMIC_CACHE", tempDir());
    vi.stubEnv("PATH", [theirs, go.searchPath].join(path.delimiter));
    expect(await ensurePulumi(repoWithLauncher())).toEqual({
      binary: path.join(theirs, "pulumi"),
      version: "v3.200.0",
      source: "PATH",
      languageHost: path.join(theirs, HOST),
    });
    expect(go.built()).toEqual([]);
  });

  it("GIVEN no pulumi and no Go WHEN ensured THEN the error says what to install", async () => {
    vi.stubEnv("PULUMI_ALICLOUD_DYNAMIC_CACHE", tempDir());
    vi.stubEnv("PATH", tempDir());
    await expect(ensurePulumi(repoWithLauncher())).rejects.toThrow(
      "No `pulumi` on PATH and no Go toolchain to build it. Install the Pulumi CLI",
    );
  });
});
