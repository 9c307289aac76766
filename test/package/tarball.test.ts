// The npm tarball, as `npm publish` would make it. prepack builds from an empty dist/, so this test
// does the same in a temporary directory: a fresh compile with the repository's tsconfig (never
// the repository's own dist/, which may hold outputs of deleted sources, and which the other tests
// are using), the package's other files beside it, then `npm pack --dry-run --json` and
// `npm publish --dry-run` there with scripts off (prepack's build is the compile above).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { builtinModules } from "node:module";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repoRoot = path.resolve(__dirname, "..", "..");
const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as PackageJson;

/**
 * The module paths each resource's state records in `__provider`. A state written by any version
 * must stay refreshable and destroyable by every later one: these are never removed or renamed
 * (docs/versioning.md).
 */
const PROMISED_PROVIDER_MODULES = [
  "cen-grant-revocation",
  "classic-link-attachment",
  "managed-instance-registration",
  "managed-instance-activation",
];

interface PackageJson {
  name: string;
  version: string;
  files?: string[];
  exports?: Record<string, ExportTarget>;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  engines?: Record<string, string>;
}
type ExportTarget = string | null | { [condition: string]: ExportTarget };

interface PackResult {
  name: string;
  version: string;
  size: number;
  unpackedSize: number;
  files: { path: string; size: number }[];
}

let stage: string;
let pack: PackResult;
let shipped: Set<string>;

function npm(args: string[], cwd: string) {
  const result = spawnSync("npm", args, {
    cwd,
    encoding: "utf8",
    shell: process.platform === "win32",
    env: { ...process.env, npm_config_loglevel: "notice", npm_config_update_notifier: "false" },
  });
  if (result.error) throw result.error;
  return result;
}

beforeAll(() => {
  stage = fs.mkdtempSync(path.join(os.tmpdir(), "pad-tarball-"));
  const tsc = path.join(repoRoot, "node_modules", "typescript", "bin", "tsc");
  const compile = spawnSync(
    process.execPath,
    [
      tsc,
      "-p",
      path.join(repoRoot, "tsconfig.json"),
      "--outDir",
      path.join(stage, "dist"),
      "--tsBuildInfoFile",
      path.join(stage, "tsbuildinfo"),
    ],
    { encoding: "utf8" },
  );
  expect(compile.status, `tsc failed:\n${compile.stdout}${compile.stderr}`).toBe(0);
  fs.rmSync(path.join(stage, "tsbuildinfo"), { force: true });

  // Everything `files` names outside dist/ comes from the repository, with the files npm always
  // packs (package.json, README, LICENSE) and the changelog.
  const extra = (pkg.files ?? []).filter((entry) => !entry.startsWith("dist/") && entry !== "dist");
  for (const entry of new Set(["package.json", "README.md", "LICENSE", "CHANGELOG.md", ...extra])) {
    const from = path.join(repoRoot, entry);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(stage, entry), { recursive: true });
  }

  const result = npm(["pack", "--dry-run", "--json", "--ignore-scripts"], stage);
  expect(result.status, `npm pack failed:\n${result.stderr}`).toBe(0);
  const parsed = JSON.parse(result.stdout) as PackResult[];
  expect(parsed).toHaveLength(1);
  pack = parsed[0]!;
  shipped = new Set(pack.files.map((file) => file.path));
}, 240_000);

afterAll(() => {
  if (stage) fs.rmSync(stage, { recursive: true, force: true });
});

/** The files an export target names, expanding a `*` pattern against the tarball. */
function filesOf(target: string): string[] {
  const relative = path.posix.normalize(target.replace(/^\.\//, ""));
  if (!relative.includes("*")) return [relative];
  const [prefix, suffix] = relative.split("*") as [string, string];
  return [...shipped].filter(
    (file) => file.startsWith(prefix) && file.endsWith(suffix) && file.length >= prefix.length + suffix.length,
  );
}

/** Every (subpath, condition, target) of package.json's `exports`. */
function exportTargets(): { subpath: string; condition: string; target: string }[] {
  const out: { subpath: string; condition: string; target: string }[] = [];
  const walk = (subpath: string, condition: string, value: ExportTarget) => {
    if (typeof value === "string") out.push({ subpath, condition, target: value });
    else if (value) for (const [key, inner] of Object.entries(value)) walk(subpath, key, inner);
  };
  for (const [subpath, value] of Object.entries(pkg.exports ?? {})) walk(subpath, "default", value);
  return out;
}

/** Tarball paths that `exports` makes public (for the rule that keeps test/, scripts/... out). */
function exported(file: string): boolean {
  return exportTargets().some(({ target }) => filesOf(target).includes(file));
}

function shippedText(file: string): string {
  return fs.readFileSync(path.join(stage, file), "utf8");
}

const BUILTINS = new Set(builtinModules);

/** The package a bare specifier names: `@scope/name/sub` -> `@scope/name`, `name/sub` -> `name`. */
function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

describe("the npm tarball", () => {
  it("GIVEN package.json's exports WHEN packed THEN every target of every entry is in the tarball, code with its declarations", () => {
    const targets = exportTargets();
    expect(targets.length).toBeGreaterThan(0);
    for (const { subpath, condition, target } of targets) {
      const files = filesOf(target);
      expect(files.length, `exports["${subpath}"].${condition} -> ${target} matches no file`).toBeGreaterThan(0);
      for (const file of files) expect(shipped, `exports["${subpath}"] -> ${file}`).toContain(file);
    }
    // Each export that has code has declarations, file for file.
    for (const { subpath, target } of targets.filter((t) => t.target.endsWith(".js"))) {
      for (const file of filesOf(target)) {
        expect(shipped, `exports["${subpath}"]: ${file} has no .d.ts`).toContain(file.replace(/\.js$/, ".d.ts"));
      }
    }
  });

  it("GIVEN the module paths that states record WHEN packed THEN each resolves through exports to code and types", () => {
    const pattern = exportTargets().filter(({ subpath }) => subpath === "./providers/*");
    expect(pattern.map((p) => p.condition).sort()).toEqual(["default", "types"]);
    for (const name of PROMISED_PROVIDER_MODULES) {
      for (const { target } of pattern) {
        const file = path.posix.normalize(target.replace(/^\.\//, "").replace("*", name));
        expect(shipped, `pulumi-alicloud-dynamic/providers/${name}`).toContain(file);
      }
    }
  });

  it("GIVEN the package WHEN packed THEN README.md, LICENSE, CHANGELOG.md and package.json are in it", () => {
    for (const file of ["README.md", "LICENSE", "CHANGELOG.md", "package.json"]) expect(shipped).toContain(file);
    expect(shippedText("LICENSE")).toContain("Apache License\n                           Version 2.0, January 2004");
    expect(shippedText("CHANGELOG.md")).toContain(`## [${pkg.version}]`);
  });

  it("GIVEN the tarball WHEN listed THEN it holds no tests, no TypeScript sources and nothing of test/, scripts/ or examples/; the emulator and the kit only compiled", () => {
    const offenders = [...shipped].filter((file) => {
      if (/\.(test|spec)\.[cm]?[jt]s(\.map)?$/.test(file)) return true;
      if (exported(file)) return false;
      if (/\.[cm]?ts$/.test(file) && !/\.d\.[cm]?ts$/.test(file)) return true;
      if (/(^|\/)(test|scripts|examples)\//.test(file)) return true;
      // The emulator and the testing kit ship as compiled code under dist/, never as sources.
      if (/(^|\/)(emulator|testing)\//.test(file) && !/^dist\/(emulator|testing)\//.test(file)) return true;
      return /(^|\/)(\.tsbuildinfo|tsbuildinfo|node_modules\/)/.test(file);
    });
    expect(offenders).toEqual([]);
    // The emulator ships whole: its command, its entry point, and the schemas it serves and validates with.
    for (const file of [
      "dist/emulator/cli.js",
      "dist/emulator/index.js",
      "dist/emulator/index.d.ts",
      "dist/emulator/schema/openapi.json",
      "dist/emulator/schema/world-seed.schema.json",
      "dist/emulator/schema/admin.schema.json",
      "dist/testing/index.js",
      "dist/testing/index.d.ts",
    ]) {
      expect(shipped).toContain(file);
    }
  });

  it("GIVEN package.json's bin WHEN packed THEN alicloud-emulator is the emulator's command, shipped with its shebang", () => {
    const bin = (pkg as PackageJson & { bin?: Record<string, string> }).bin ?? {};
    expect(bin).toEqual({ "alicloud-emulator": "dist/emulator/cli.js" });
    expect(shipped).toContain("dist/emulator/cli.js");
    expect(shippedText("dist/emulator/cli.js")).toMatch(/^#!\/usr\/bin\/env node\n/);
  });

  it("GIVEN the shipped code and declarations WHEN their imports are followed THEN each relative one is in the tarball and each package is a dependency", () => {
    const allowed = new Set([
      pkg.name,
      ...Object.keys(pkg.dependencies ?? {}),
      ...Object.keys(pkg.peerDependencies ?? {}),
    ]);
    const problems: string[] = [];
    for (const file of shipped) {
      const isCode = /\.[cm]?js$/.test(file);
      const isTypes = /\.d\.[cm]?ts$/.test(file);
      if (!isCode && !isTypes) continue;
      const text = shippedText(file);
      const specifiers = isCode
        ? [...text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!)
        : [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)["']([^"']+)["']/g)].map((m) => m[1]!);
      for (const specifier of specifiers) {
        if (specifier.startsWith(".")) {
          let resolved = path.posix.join(path.posix.dirname(file), specifier);
          if (isTypes) resolved = resolved.replace(/\.([cm]?)js$/, ".d.$1ts");
          if (!shipped.has(resolved)) problems.push(`${file}: ${specifier} -> ${resolved} is not in the tarball`);
        } else if (!specifier.startsWith("node:") && !BUILTINS.has(specifier)) {
          if (!allowed.has(packageOf(specifier))) {
            problems.push(`${file}: "${specifier}" is not a dependency or peer dependency`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("GIVEN the shipped source maps WHEN read THEN each is in the tarball where its code says, and carries every source it names that is not shipped", () => {
    const problems: string[] = [];
    for (const file of shipped) {
      if (!/\.[cm]?js$/.test(file)) continue;
      const match = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(shippedText(file));
      if (!match || match[1]!.startsWith("data:")) continue;
      const map = path.posix.join(path.posix.dirname(file), match[1]!);
      if (!shipped.has(map)) problems.push(`${file} points at ${map}, which is not in the tarball`);
    }
    for (const file of shipped) {
      if (!file.endsWith(".map")) continue;
      const map = JSON.parse(shippedText(file)) as {
        sources: string[];
        sourcesContent?: (string | null)[];
        sourceRoot?: string;
      };
      map.sources.forEach((source, index) => {
        const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), map.sourceRoot ?? "", source));
        if (!shipped.has(resolved) && typeof map.sourcesContent?.[index] !== "string") {
          problems.push(`${file} names ${source} (${resolved}): neither shipped nor inlined`);
        }
      });
    }
    expect(problems).toEqual([]);
  });

  it("GIVEN package.json WHEN read THEN it names the engines it needs and prepack builds", () => {
    expect(pkg.engines?.node).toBeDefined();
    expect(pkg.scripts?.prepack).toMatch(/run\.mjs build/);
    expect(pack.name).toBe(pkg.name);
    expect(pack.version).toBe(pkg.version);
  });

  it("GIVEN the staged package WHEN `npm publish --dry-run` runs THEN npm warns about nothing", () => {
    // Publishing needs a token for the registry even in a dry run (else npm warns "This command
    // requires you to be logged in"), and the dry run reads the registry's record of the package.
    // A placeholder token, never sent, and --offline keep it local; the registry is left as set.
    const registry = npm(["config", "get", "registry"], stage).stdout.trim();
    const authKey = `${registry.replace(/^https?:/, "").replace(/\/?$/, "/")}:_authToken`;
    const result = npm(
      ["publish", "--dry-run", "--ignore-scripts", "--offline", `--${authKey}=placeholder-for-dry-run`],
      stage,
    );
    const output = `${result.stdout}\n${result.stderr}`;
    expect(result.status, output).toBe(0);
    expect(output.split("\n").filter((line) => /^npm warn/i.test(line))).toEqual([]);
    expect(output).toContain(`${pkg.name}@${pkg.version}`);
  });
});
