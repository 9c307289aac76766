// @ts-check
// Installs the project's npm dependencies when node_modules is missing or older than the lock.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { say } from "./cache.mjs";
import { run } from "./exec.mjs";

const STAMP = path.join("node_modules", ".pulumi-alicloud-dynamic-install");

/**
 * What an install is made from: package.json, the lock and Node's major version, as a hash.
 * @param {string} repoRoot
 * @param {string} nodeVersion e.g. "22.23.3"
 * @returns {string}
 */
export function fingerprint(repoRoot, nodeVersion) {
  const hash = createHash("sha256");
  for (const file of ["package.json", "package-lock.json"]) {
    const full = path.join(repoRoot, file);
    hash.update(fs.existsSync(full) ? fs.readFileSync(full) : Buffer.alloc(0));
  }
  hash.update(nodeVersion.split(".")[0] ?? "");
  return hash.digest("hex");
}

/**
 * Whether node_modules was installed from the current package.json, lock and Node major: "current",
 * or why not ("missing": never installed here; "stale": installed from something else).
 * @param {string} repoRoot
 * @param {string} nodeVersion
 * @returns {"current" | "missing" | "stale"}
 */
export function installState(repoRoot, nodeVersion) {
  const stampPath = path.join(repoRoot, STAMP);
  const current = fs.existsSync(stampPath) ? fs.readFileSync(stampPath, "utf8").trim() : "";
  if (!current) return "missing";
  return current === fingerprint(repoRoot, nodeVersion) ? "current" : "stale";
}

/**
 * Runs `npm ci` (or `npm install` when there is no lock) under the given environment, whose PATH
 * puts Node 22 first so that npm and every install script run under it.
 * @param {string} repoRoot
 * @param {NodeJS.ProcessEnv} env
 * @param {string} nodeVersion
 * @returns {Promise<void>}
 */
export async function ensureDependencies(repoRoot, env, nodeVersion) {
  const state = installState(repoRoot, nodeVersion);
  if (state !== "current") {
    const hasLock = fs.existsSync(path.join(repoRoot, "package-lock.json"));
    say(`Installing npm dependencies (${hasLock ? "npm ci" : "npm install"}): node_modules is ${state}.`);
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    await run(npm, [hasLock ? "ci" : "install", "--no-audit", "--no-fund", "--loglevel=error"], {
      cwd: repoRoot,
      env,
      shell: process.platform === "win32",
    });
    // npm may normalise the lock file while installing: stamp what is there now. (With nothing to
    // install, npm makes no node_modules.)
    fs.mkdirSync(path.join(repoRoot, "node_modules"), { recursive: true });
    fs.writeFileSync(path.join(repoRoot, STAMP), `${fingerprint(repoRoot, nodeVersion)}\n`);
  }
}

/**
 * Installs the freshly built package into the repository's own node_modules, as a copy, the way a
 * user's `npm install pulumi-alicloud-dynamic` would. The repository's programs (tests, examples,
 * demo, benchmarks) and the dynamic provider processes they start then load it by name from
 * node_modules, exactly as in a user's project; in particular Pulumi serializes each resource's
 * provider as a one-line `require` of the package, as it will for users.
 * @param {string} repoRoot
 * @returns {void}
 */
export function installSelf(repoRoot) {
  const target = path.join(repoRoot, "node_modules", "pulumi-alicloud-dynamic");
  const staging = `${target}.partial-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(path.join(staging, "dist"), { recursive: true });
  fs.copyFileSync(path.join(repoRoot, "package.json"), path.join(staging, "package.json"));
  // What the package ships, as package.json `files` names it (the compiled folders under dist/).
  /** @type {{ files?: string[] }} */
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"));
  try {
    for (const entry of manifest.files ?? []) {
      if (!entry.startsWith("dist/")) continue;
      fs.cpSync(path.join(repoRoot, entry), path.join(staging, entry), { recursive: true });
    }
  } catch (error) {
    // A build without a folder `files` names: the installed copy stays as it was, nothing beside it.
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  fs.rmSync(target, { recursive: true, force: true });
  fs.renameSync(staging, target);

  // The compiled examples and scripts sit inside this package's own folder, where Node would
  // resolve the package's name to ./dist itself (a "self-reference"). A package.json of their
  // own, without a name, makes them resolve it from node_modules, as a user's program does.
  for (const dir of ["examples", "scripts"]) {
    const marker = path.join(repoRoot, "dist", dir, "package.json");
    if (fs.existsSync(path.dirname(marker))) {
      fs.writeFileSync(marker, `${JSON.stringify({ private: true, type: "commonjs" }, null, 2)}\n`);
    }
  }
}
