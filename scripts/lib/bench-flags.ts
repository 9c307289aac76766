// The command lines of the two benchmarks (scripts/bench.ts, scripts/bench-emulator.ts), of the
// demo (scripts/demo.ts) and of the soak (scripts/soak.ts), read with node:util parseArgs as the emulator's CLI reads its own. An
// unknown flag, a missing value or a number that is not one is refused before anything starts: the
// script prints why and its usage and exits with 2 (`--rounds x` used to become NaN and `--round 5`
// to be ignored).
import { parseArgs } from "node:util";

/** A command line the script cannot run: its message says which flag and why. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** What a numeric flag accepts. */
interface NumberRule {
  /** Whole numbers only. */
  integer?: boolean;
  /** The smallest value allowed. */
  min?: number;
  /** The largest value allowed. */
  max?: number;
  /** Whether `min` itself is refused (a rate or a duration must be more than 0). */
  aboveMin?: boolean;
}

/** The rule in words, for the error: "an integer from 1 to 100", "a number above 0". */
function describeRule(rule: NumberRule): string {
  const kind = rule.integer ? "an integer" : "a number";
  if (rule.min !== undefined && rule.max !== undefined) {
    return rule.aboveMin
      ? `${kind} above ${rule.min} and at most ${rule.max}`
      : `${kind} from ${rule.min} to ${rule.max}`;
  }
  if (rule.min !== undefined) return rule.aboveMin ? `${kind} above ${rule.min}` : `${kind} of at least ${rule.min}`;
  return kind;
}

/** One number as written on the command line (digits, one optional fraction; no "1e3", "0x10", ""). */
export function numberFlag(name: string, text: string, rule: NumberRule): number {
  const value = /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
  const ok =
    Number.isFinite(value) &&
    (!rule.integer || Number.isInteger(value)) &&
    (rule.min === undefined || (rule.aboveMin ? value > rule.min : value >= rule.min)) &&
    (rule.max === undefined || value <= rule.max);
  if (!ok) throw new UsageError(`--${name} must be ${describeRule(rule)}, got "${text}"`);
  return value;
}

/** A comma-separated list of numbers, each by `rule`; sorted, each once. */
export function listFlag(name: string, text: string, rule: NumberRule): number[] {
  const items = text.split(",").map((item) => item.trim());
  if (items.some((item) => item === "")) {
    throw new UsageError(`--${name} must be a comma-separated list, each ${describeRule(rule)}, got "${text}"`);
  }
  return [...new Set(items.map((item) => numberFlag(name, item, rule)))].sort((a, b) => a - b);
}

type StringOptions = Record<
  string,
  { type: "string"; default: string } | { type: "string" } | { type: "boolean"; default: boolean }
>;

/** parseArgs, strict and without positionals; what it refuses becomes a UsageError. */
function readFlags<O extends StringOptions>(args: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** `npm run bench`'s usage. */
export const BENCH_USAGE = `Usage: npm run bench -- [options]

  --sizes <n,n,...>   numbers of resources per up/destroy (default 1,10,50,100,500); the smallest
                      above 1 and the largest give the growth row, 1 the cold-start row, the
                      largest the memory, throttled and latency rows
  --rounds <n>        rounds per size, medians reported (default 3)
  --throttle <rate>   share of requests throttled in the throttled up, above 0, at most 0.9 (default 0.2)
  --calls <n>         client-layer calls timed against bare pop-core, at least 100 (default 2000)
  --out <file>        where the figures go as JSON (default bench-results/bench.json)
  --help              this text`;

/** What `npm run bench` was asked for. */
export interface BenchFlags {
  /** Numbers of resources, ascending. */
  sizes: number[];
  /** Rounds per size. */
  rounds: number;
  /** Share of requests throttled in the throttled run. */
  throttle: number;
  /** Client-layer calls timed (and as many bare pop-core ones). */
  calls: number;
  /** The JSON file's path as given; undefined for the default. */
  out: string | undefined;
  /** Whether only the usage was asked for. */
  help: boolean;
}

/** Reads `npm run bench`'s flags; throws a UsageError on anything it cannot run. */
export function parseBenchFlags(args: readonly string[]): BenchFlags {
  const values = readFlags(args, {
    sizes: { type: "string", default: "1,10,50,100,500" },
    rounds: { type: "string", default: "3" },
    throttle: { type: "string", default: "0.2" },
    calls: { type: "string", default: "2000" },
    out: { type: "string", default: "" },
    help: { type: "boolean", default: false },
  });
  return {
    sizes: listFlag("sizes", values.sizes, { integer: true, min: 1, max: 10_000 }),
    rounds: numberFlag("rounds", values.rounds, { integer: true, min: 1, max: 100 }),
    // 1 would throttle every retry too: the run could never finish.
    throttle: numberFlag("throttle", values.throttle, { min: 0, aboveMin: true, max: 0.9 }),
    calls: numberFlag("calls", values.calls, { integer: true, min: 100, max: 1_000_000 }),
    out: values.out === "" ? undefined : values.out,
    help: values.help,
  };
}

/** `npm run bench:emulator`'s usage. */
export const EMULATOR_BENCH_USAGE = `Usage: npm run bench:emulator -- [options]

  --duration <s>      seconds per phase, above 0 and at most 600 (default 5)
  --concurrency <n>   keep-alive workers, an integer from 1 to 100 (default 16)
  --help              this text`;

/** What `npm run bench:emulator` was asked for. */
export interface EmulatorBenchFlags {
  /** Seconds per phase. */
  seconds: number;
  /** Concurrent keep-alive workers. */
  concurrency: number;
  /** Whether only the usage was asked for. */
  help: boolean;
}

/** Reads `npm run bench:emulator`'s flags; throws a UsageError on anything it cannot run. */
export function parseEmulatorBenchFlags(args: readonly string[]): EmulatorBenchFlags {
  const values = readFlags(args, {
    duration: { type: "string", default: "5" },
    concurrency: { type: "string", default: "16" },
    help: { type: "boolean", default: false },
  });
  return {
    seconds: numberFlag("duration", values.duration, { min: 0, aboveMin: true, max: 600 }),
    concurrency: numberFlag("concurrency", values.concurrency, { integer: true, min: 1, max: 100 }),
    help: values.help,
  };
}

/** `npm run demo`'s usage. */
export const DEMO_USAGE = `Usage: npm run demo -- [options]

  --keep             leave the stack and the emulator running, and print how to go on by hand
  --work-dir <dir>   where the program folder, backend, logs and emulator state go (default ./.demo)
  --help             this text`;

/** What `npm run demo` was asked for. */
export interface DemoFlags {
  /** Whether to leave the stack and the emulator running at the end. */
  keep: boolean;
  /** The work folder as given; undefined for the default, ./.demo. */
  workDir: string | undefined;
  /** Whether only the usage was asked for. */
  help: boolean;
}

/** Reads `npm run demo`'s flags; throws a UsageError on anything it cannot run. */
export function parseDemoFlags(args: readonly string[]): DemoFlags {
  const values = readFlags(args, {
    keep: { type: "boolean", default: false },
    "work-dir": { type: "string" },
    help: { type: "boolean", default: false },
  });
  // Given but empty (`--work-dir "$UNSET"`) is a mistake, not a request for the default.
  if (values["work-dir"] === "") throw new UsageError('--work-dir must name a folder, got ""');
  return { keep: values.keep, workDir: values["work-dir"], help: values.help };
}

/** `npm run soak`'s usage. */
export const SOAK_USAGE = `Usage: npm run soak -- [options]

  --minutes <n>     how long to generate sequences, above 0 and at most 1440 (default 30)
  --seed <n>        fast-check's seed, an integer (default: the time)
  --max-steps <n>   most steps in one sequence, an integer from 1 to 50 (default 10)
  --path <path>     replay the one sequence a failure printed (with its --seed and --max-steps)
  --help            this text`;

/** What `npm run soak` was asked for. */
export interface SoakFlags {
  /** How long to run. */
  minutes: number;
  /** fast-check's seed. */
  seed: number;
  /** Most steps in one sequence. */
  maxSteps: number;
  /** The failure's path to replay; undefined to explore. */
  path: string | undefined;
  /** Whether only the usage was asked for. */
  help: boolean;
}

/** Reads `npm run soak`'s flags; throws a UsageError on anything it cannot run. */
export function parseSoakFlags(args: readonly string[], now: () => number = Date.now): SoakFlags {
  const values = readFlags(args, {
    minutes: { type: "string", default: "30" },
    seed: { type: "string" },
    "max-steps": { type: "string", default: "10" },
    path: { type: "string" },
    help: { type: "boolean", default: false },
  });
  if (values.path !== undefined && !/^\d+(:\d+)*$/.test(values.path)) {
    throw new UsageError(`--path must be the path a failure printed (digits and colons), got "${values.path}"`);
  }
  if (values.path !== undefined && values.seed === undefined)
    throw new UsageError("--path needs the --seed it was printed with");
  return {
    minutes: numberFlag("minutes", values.minutes, { min: 0, aboveMin: true, max: 1440 }),
    seed:
      values.seed === undefined
        ? now() % 2_147_483_647
        : numberFlag("seed", values.seed, { integer: true, min: 0, max: 2_147_483_647 }),
    maxSteps: numberFlag("max-steps", values["max-steps"], { integer: true, min: 1, max: 50 }),
    path: values.path,
    help: values.help,
  };
}

/**
 * The flags `parse` reads from this process's command line; on a UsageError, prints it with the
 * usage to stderr and exits with 2; on --help, prints the usage and exits with 0.
 */
export function flagsOrExit<F extends { help: boolean }>(
  tool: string,
  usage: string,
  parse: (args: readonly string[]) => F,
): F {
  let flags: F;
  try {
    flags = parse(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${tool}: ${error.message}\n\n${usage}\n`);
    process.exit(2);
  }
  if (flags.help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  return flags;
}
