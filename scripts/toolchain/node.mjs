// Node.js 22 for a machine whose Node is older: the npm registry's per-platform `node-<os>-<arch>`
// package ships the official binary. (The `node` meta-package fetches that same package from an
// install script, which npm 11 does not run without approval, so we ask for it directly.)
import fs from "node:fs";
import path from "node:path";
import { cacheRoot, say } from "./cache.mjs";
import { capture, run } from "./exec.mjs";

/** The Node.js release fetched when the Node on PATH is older than the project needs. */
export const NODE_VERSION = "22.23.3";
const MIN_MAJOR = 22;

function platformPackage() {
  const os = { linux: "linux", darwin: "darwin", win32: "win" }[process.platform];
  const arch = { x64: "x64", arm64: "arm64" }[process.arch];
  if (!os || !arch) {
    throw new Error(
      `No Node.js ${NODE_VERSION} package for ${process.platform}/${process.arch}: install Node.js ${MIN_MAJOR} or newer yourself.`,
    );
  }
  return `node-${os}-${arch}`;
}

/**
 * Returns the path of a Node.js >= 22 binary: the one running this script when it is new enough,
 * else a cached copy from the npm registry, installed on first use.
 */
export async function ensureNode() {
  const major = Number(process.versions.node.split(".")[0]);
  if (major >= MIN_MAJOR) return process.execPath;

  const pkg = platformPackage();
  const dir = path.join(cacheRoot(), "node", `v${NODE_VERSION}`);
  const binary = path.join(dir, "node_modules", pkg, "bin", process.platform === "win32" ? "node.exe" : "node");
  if (capture(binary, ["--version"]) === `v${NODE_VERSION}`) return binary;

  say(
    `Node.js ${process.versions.node} is older than ${MIN_MAJOR}; fetching Node.js ${NODE_VERSION} from the npm registry into ${dir}`,
  );
  // Install beside the final place and rename, so an interrupted download never looks complete.
  const staging = `${dir}.partial-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  await run(
    npm,
    [
      "install",
      "--prefix",
      staging,
      "--no-save",
      "--no-package-lock",
      "--no-audit",
      "--no-fund",
      "--loglevel=error",
      `${pkg}@${NODE_VERSION}`,
    ],
    {
      shell: process.platform === "win32",
    },
  );
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(staging, dir);
  const version = capture(binary, ["--version"]);
  if (version !== `v${NODE_VERSION}`)
    throw new Error(`The fetched Node.js at ${binary} does not run (got ${version ?? "nothing"}).`);
  return binary;
}
