// @ts-check
// Child processes for the toolchain: inherit the terminal, fail loudly with the command that failed.
import { spawn, spawnSync } from "node:child_process";

/**
 * Runs a command to completion with inherited stdio; rejects with its exit code on failure.
 * @param {string} command
 * @param {readonly string[]} args
 * @param {import("node:child_process").SpawnOptions} [options]
 * @returns {Promise<void>}
 */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", ...options });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) resolve();
      else reject(new CommandFailed(command, args, code, signal));
    });
  });
}

/**
 * Runs a command and returns its trimmed stdout, or undefined when it cannot run or fails.
 * @param {string} command
 * @param {readonly string[]} args
 * @param {import("node:child_process").SpawnSyncOptions} [options]
 * @returns {string | undefined}
 */
export function capture(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: "utf8", ...options });
  if (result.error || result.status !== 0) return undefined;
  return String(result.stdout).trim();
}

/** A child process that exited with a non-zero code or a signal. */
export class CommandFailed extends Error {
  /**
   * @param {string} command
   * @param {readonly string[]} args
   * @param {number | null} code its exit code, null when a signal ended it
   * @param {NodeJS.Signals | null} signal
   */
  constructor(command, args, code, signal) {
    super(`${[command, ...args].join(" ")} failed (${signal ? `signal ${signal}` : `exit code ${code}`})`);
    /** The exit code to pass on: the child's own, or 1 when a signal ended it. */
    this.exitCode = typeof code === "number" && code !== 0 ? code : 1;
  }
}
