// Installs the project's npm dependencies when node_modules is missing or older than the lock.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { say } from "./cache.mjs";
import { run } from "./exec.mjs";

const STAMP = path.join("node_modules", ".pulumi-alicloud-dynamic-install");

function fingerprint(repoRoot, nodeVersion) {
  const hash = createHash("sha256");
  for (const file of ["package.json", "package-lock.json"]) {
    const full = path.join(repoRoot, file);
    hash.update(fs.existsSync(full) ? fs.readFileSync(full) : Buffer.alloc(0));
  }
  hash.update(nodeVersion.split(".")[0]);
  return hash.digest("hex");
}

/**
 * Runs `npm ci` (or `npm install` when there is no lock) under the given environment, whose PATH
 * puts Node 22 first so that npm and every install script run under it. Then links the package to
 * itself in node_modules, as a workspace would, so that `require("pulumi-alicloud-dynamic")` works
 * from the repository's own programs and from the dynamic provider process they start.
 */
export async function ensureDependencies(repoRoot, env, nodeVersion) {
  const wanted = fingerprint(repoRoot, nodeVersion);
  const stampPath = path.join(repoRoot, STAMP);
  const current = fs.existsSync(stampPath) ? fs.readFileSync(stampPath, "utf8").trim() : "";
  if (current !== wanted) {
    const hasLock = fs.existsSync(path.join(repoRoot, "package-lock.json"));
    say(
      `Installing npm dependencies (${hasLock ? "npm ci" : "npm install"}): node_modules is ${current ? "stale" : "missing"}.`,
    );
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    await run(npm, [hasLock ? "ci" : "install", "--no-audit", "--no-fund", "--loglevel=error"], {
      cwd: repoRoot,
      env,
      shell: process.platform === "win32",
    });
    // npm may normalise the lock file while installing: stamp what is there now.
    fs.writeFileSync(stampPath, `${fingerprint(repoRoot, nodeVersion)}\n`);
  }
  const self = path.join(repoRoot, "node_modules", "pulumi-alicloud-dynamic");
  let linked = false;
  try {
    linked = fs.realpathSync(self) === fs.realpathSync(repoRoot);
  } catch {
    linked = false;
  }
  if (!linked) {
    fs.rmSync(self, { recursive: true, force: true });
    fs.symlinkSync("..", self, "junction");
  }
}
