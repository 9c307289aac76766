// @ts-check
// The command line of scripts/run.mjs: which command, what it passes on, and the steps it runs.

/** The commands run.mjs knows, in the order its usage lists them. */
export const COMMANDS = /** @type {const} */ ([
  "test",
  "demo",
  "emulator",
  "bench",
  "bench-emulator",
  "soak",
  "build",
  "lint",
  "docs",
  "test-live",
  "sweep-live",
  "parity",
  "exec",
]);

/** @typedef {typeof COMMANDS[number]} Command */

/**
 * One thing run.mjs does: `biome` (format and lint), `tsc` (type-check everything but the
 * toolchain, emit dist/ and install the package into node_modules), `tsc-toolchain` (type-check
 * the toolchain's .mjs files and their tests from JSDoc, tsconfig.toolchain.json), `typedoc`,
 * `error-codes` (docs/error-codes.md from the error tables, a compiled program), `vitest`, or
 * running one of the compiled programs (`test-live`, `sweep-live` and `parity`: the live suite, its
 * sweeper and the replay of its transcripts, scripts/live/), or `exec`.
 * @typedef {"biome" | "tsc" | "tsc-toolchain" | "typedoc" | "error-codes" | "vitest" | "demo" | "emulator" | "bench" | "bench-emulator" | "soak" | "test-live" | "sweep-live" | "parity" | "exec"} Step
 */

/**
 * The steps of each command, in order; the first to fail stops the rest. `test` type-checks the
 * toolchain right after the main compile, so that a type error in either fails it before a test runs.
 * @type {Readonly<Record<Command, readonly Step[]>>}
 */
export const PLANS = {
  test: ["biome", "tsc", "tsc-toolchain", "typedoc", "vitest"],
  demo: ["tsc", "demo"],
  emulator: ["tsc", "emulator"],
  bench: ["tsc", "bench"],
  "bench-emulator": ["tsc", "bench-emulator"],
  soak: ["tsc", "soak"],
  build: ["tsc"],
  lint: ["biome", "tsc-toolchain"],
  docs: ["tsc", "typedoc", "error-codes"],
  "test-live": ["tsc", "test-live"],
  "sweep-live": ["tsc", "sweep-live"],
  parity: ["tsc", "parity"],
  exec: ["exec"],
};

/** The commands that run the Pulumi CLI (or may: `exec` runs anything), which must then be on PATH. */
const NEEDS_PULUMI = new Set(["test", "demo", "bench", "soak", "test-live", "exec"]);

/**
 * What `node scripts/run.mjs <command> [args]` asks for.
 * @typedef {object} CommandLine
 * @property {Command} command the command
 * @property {readonly Step[]} steps what it runs, in order
 * @property {string[]} rest the arguments passed on to its last step
 * @property {boolean} needsPulumi whether it needs the Pulumi CLI
 */

/**
 * Reads run.mjs's arguments (process.argv without node and the script): the first is the command,
 * `test` when there is none; a `--` right after it is dropped, so that `run.mjs test -- <files>`
 * means the same as without it (npm strips it itself). An unknown command is refused.
 * @param {readonly string[]} args
 * @returns {CommandLine}
 */
export function parseCommandLine(args) {
  const [given = "test", ...after] = args;
  const command = COMMANDS.find((known) => known === given);
  if (!command) throw new Error(`Unknown command "${given}". Known: ${COMMANDS.join(", ")}.`);
  const rest = after[0] === "--" ? after.slice(1) : after;
  return { command, steps: PLANS[command], rest, needsPulumi: NEEDS_PULUMI.has(command) };
}
