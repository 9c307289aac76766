// The benchmarks', the demo's and the soak's command lines (scripts/lib/bench-flags.ts): what each flag accepts, and that
// anything else is refused with a message naming the flag, before a benchmark starts.
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  BENCH_USAGE,
  flagsOrExit,
  listFlag,
  numberFlag,
  parseBenchFlags,
  parseDemoFlags,
  parseEmulatorBenchFlags,
  parseSoakFlags,
  UsageError,
} from "../../../scripts/lib/bench-flags";

describe("numberFlag", () => {
  it("GIVEN digits, with or without a fraction WHEN read THEN the number", () => {
    expect(numberFlag("rounds", "3", { integer: true, min: 1 })).toBe(3);
    expect(numberFlag("throttle", "0.25", { min: 0, aboveMin: true, max: 0.9 })).toBe(0.25);
  });

  it("GIVEN text that is not plainly a number WHEN read THEN refused, naming the flag, the rule and the text", () => {
    for (const text of ["x", "", " 3", "1e3", "0x10", "-1", "3.", "NaN", "Infinity"]) {
      expect(() => numberFlag("rounds", text, { integer: true, min: 1 })).toThrow(
        new UsageError(`--rounds must be an integer of at least 1, got "${text}"`),
      );
    }
  });

  it("GIVEN a number outside its rule WHEN read THEN refused with the rule in words", () => {
    expect(() => numberFlag("rounds", "2.5", { integer: true, min: 1 })).toThrow("an integer of at least 1");
    expect(() => numberFlag("concurrency", "101", { integer: true, min: 1, max: 100 })).toThrow(
      '--concurrency must be an integer from 1 to 100, got "101"',
    );
    expect(() => numberFlag("throttle", "0", { min: 0, aboveMin: true, max: 0.9 })).toThrow(
      '--throttle must be a number above 0 and at most 0.9, got "0"',
    );
    expect(() => numberFlag("duration", "0", { min: 0, aboveMin: true })).toThrow("a number above 0");
  });
});

describe("listFlag", () => {
  it("GIVEN a comma-separated list WHEN read THEN its numbers, ascending, each once", () => {
    expect(listFlag("sizes", "100,1, 10,100", { integer: true, min: 1 })).toEqual([1, 10, 100]);
  });

  it("GIVEN an empty item or a bad number WHEN read THEN refused", () => {
    expect(() => listFlag("sizes", "10,,50", { integer: true, min: 1 })).toThrow(
      '--sizes must be a comma-separated list, each an integer of at least 1, got "10,,50"',
    );
    expect(() => listFlag("sizes", "10,x", { integer: true, min: 1 })).toThrow(
      '--sizes must be an integer of at least 1, got "x"',
    );
    expect(() => listFlag("sizes", "0,10", { integer: true, min: 1 })).toThrow('got "0"');
  });
});

describe("parseBenchFlags", () => {
  it("GIVEN no flags WHEN read THEN the defaults: N=1 to N=500, 3 rounds, 20% throttled, 2000 calls", () => {
    expect(parseBenchFlags([])).toEqual({
      sizes: [1, 10, 50, 100, 500],
      rounds: 3,
      throttle: 0.2,
      calls: 2000,
      out: undefined,
      help: false,
    });
  });

  it("GIVEN every flag, in both spellings parseArgs takes WHEN read THEN each value", () => {
    expect(
      parseBenchFlags(["--sizes", "10,50", "--rounds=5", "--throttle", "0.1", "--calls", "500", "--out", "x.json"]),
    ).toEqual({ sizes: [10, 50], rounds: 5, throttle: 0.1, calls: 500, out: "x.json", help: false });
    expect(parseBenchFlags(["--help"]).help).toBe(true);
  });

  it("GIVEN `--rounds x` WHEN read THEN refused rather than becoming NaN", () => {
    expect(() => parseBenchFlags(["--rounds", "x"])).toThrow(UsageError);
    expect(() => parseBenchFlags(["--rounds", "x"])).toThrow('--rounds must be an integer from 1 to 100, got "x"');
  });

  it("GIVEN an unknown flag, a missing value or a stray argument WHEN read THEN refused, naming it", () => {
    expect(() => parseBenchFlags(["--round", "5"])).toThrow(/Unknown option '--round'/);
    expect(() => parseBenchFlags(["--rounds"])).toThrow(/--rounds <value>' argument missing/);
    expect(() => parseBenchFlags(["500"])).toThrow(/Unexpected argument '500'/);
    expect(() => parseBenchFlags(["--calls", "99"])).toThrow("--calls must be an integer from 100 to 1000000");
  });
});

describe("parseEmulatorBenchFlags", () => {
  it("GIVEN no flags, then both WHEN read THEN the defaults, then the values", () => {
    expect(parseEmulatorBenchFlags([])).toEqual({ seconds: 5, concurrency: 16, help: false });
    expect(parseEmulatorBenchFlags(["--duration", "0.5", "--concurrency", "4"])).toEqual({
      seconds: 0.5,
      concurrency: 4,
      help: false,
    });
  });

  it("GIVEN a bad or unknown flag WHEN read THEN refused, naming it", () => {
    expect(() => parseEmulatorBenchFlags(["--duration", "soon"])).toThrow(
      '--duration must be a number above 0 and at most 600, got "soon"',
    );
    expect(() => parseEmulatorBenchFlags(["--concurrency", "0"])).toThrow(
      "--concurrency must be an integer from 1 to 100",
    );
    expect(() => parseEmulatorBenchFlags(["--workers", "4"])).toThrow(/Unknown option '--workers'/);
  });
});

describe("parseSoakFlags", () => {
  it("GIVEN no flags WHEN read THEN 30 minutes, a seed from the clock, 10 steps, exploring", () => {
    expect(parseSoakFlags([], () => 2_147_483_647 + 42)).toEqual({
      minutes: 30,
      seed: 42,
      maxSteps: 10,
      path: undefined,
      help: false,
    });
  });

  it("GIVEN the replay command a failure prints WHEN read THEN its seed, path and steps", () => {
    expect(parseSoakFlags(["--seed", "7", "--path", "3:1:0", "--max-steps", "6"])).toMatchObject({
      seed: 7,
      path: "3:1:0",
      maxSteps: 6,
    });
  });

  it("GIVEN flags it cannot run WHEN read THEN each is refused naming the flag", () => {
    expect(() => parseSoakFlags(["--minutes", "0"])).toThrow(
      '--minutes must be a number above 0 and at most 1440, got "0"',
    );
    expect(() => parseSoakFlags(["--seed", "1.5"])).toThrow(/--seed must be an integer/);
    expect(() => parseSoakFlags(["--path", "3:1"])).toThrow("--path needs the --seed it was printed with");
    expect(() => parseSoakFlags(["--seed", "1", "--path", "x"])).toThrow(/--path must be the path a failure printed/);
    expect(() => parseSoakFlags(["--max-steps", "51"])).toThrow(/--max-steps must be an integer from 1 to 50/);
  });
});

describe("parseDemoFlags", () => {
  it("GIVEN no flags, then each WHEN read THEN the defaults, then the values", () => {
    expect(parseDemoFlags([])).toEqual({ keep: false, workDir: undefined, help: false });
    expect(parseDemoFlags(["--keep", "--work-dir", "/tmp/demo"])).toEqual({
      keep: true,
      workDir: "/tmp/demo",
      help: false,
    });
    expect(parseDemoFlags(["--help"]).help).toBe(true);
  });

  it("GIVEN an unknown flag, a value for --keep, a stray argument or an empty --work-dir WHEN read THEN refused, naming it", () => {
    expect(() => parseDemoFlags(["--kep"])).toThrow(/Unknown option '--kep'/);
    expect(() => parseDemoFlags(["--keep=yes"])).toThrow(/--keep/);
    expect(() => parseDemoFlags(["keep"])).toThrow(/Unexpected argument 'keep'/);
    expect(() => parseDemoFlags(["--work-dir"])).toThrow(/--work-dir <value>' argument missing/);
    expect(() => parseDemoFlags(["--work-dir", ""])).toThrow(new UsageError('--work-dir must name a folder, got ""'));
  });
});

describe("flagsOrExit", () => {
  const argv = process.argv;
  afterEach(() => {
    process.argv = argv;
    vi.restoreAllMocks();
  });

  /** Runs flagsOrExit on `args` with process.exit and the output captured: the exit code (or the flags) and what was printed. */
  function outcome(args: string[]) {
    process.argv = [argv[0] ?? "node", "bench.js", ...args];
    const printed: Record<"stdout" | "stderr", string> = { stdout: "", stderr: "" };
    for (const stream of ["stdout", "stderr"] as const) {
      vi.spyOn(process[stream], "write").mockImplementation((chunk: string | Uint8Array) => {
        printed[stream] += String(chunk);
        return true;
      });
    }
    vi.spyOn(process, "exit").mockImplementation((code?: string | number | null) => {
      throw new Error(`exit ${code}`);
    });
    try {
      return { flags: flagsOrExit("bench", BENCH_USAGE, parseBenchFlags), ...printed };
    } catch (error) {
      return { exit: (error as Error).message, ...printed };
    }
  }

  it("GIVEN `--rounds x` WHEN started THEN it exits with 2, printing the reason and the usage to stderr", () => {
    expect(outcome(["--rounds", "x"])).toEqual({
      exit: "exit 2",
      stdout: "",
      stderr: `bench: --rounds must be an integer from 1 to 100, got "x"\n\n${BENCH_USAGE}\n`,
    });
  });

  it("GIVEN --help WHEN started THEN it exits with 0, printing the usage to stdout", () => {
    expect(outcome(["--help"])).toEqual({ exit: "exit 0", stdout: `${BENCH_USAGE}\n`, stderr: "" });
  });

  it("GIVEN good flags WHEN started THEN it returns them and prints nothing", () => {
    expect(outcome(["--sizes", "1,500"])).toMatchObject({ flags: { sizes: [1, 500] }, stdout: "", stderr: "" });
  });
});
