// @ts-check
// Where the toolchain keeps what it downloads or builds: outside the repository, keyed by version.
import os from "node:os";
import path from "node:path";

/**
 * The root of the project's cache (PULUMI_ALICLOUD_DYNAMIC_CACHE, else XDG_CACHE_HOME, else ~/.cache).
 * @param {NodeJS.ProcessEnv} [env] the environment that names it; this process's own by default
 * @returns {string}
 */
export function cacheRoot(env = process.env) {
  if (env.PULUMI_ALICLOUD_DYNAMIC_CACHE) return path.resolve(env.PULUMI_ALICLOUD_DYNAMIC_CACHE);
  const base = env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  return path.join(base, "pulumi-alicloud-dynamic");
}

/**
 * Prints one line of progress to stderr, prefixed so it is clear which tool speaks.
 * @param {string} message
 * @returns {void}
 */
export function say(message) {
  process.stderr.write(`[toolchain] ${message}\n`);
}

/**
 * Formats milliseconds as "1m05s" / "12s".
 * @param {number} ms
 * @returns {string}
 */
export function elapsed(ms) {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}
