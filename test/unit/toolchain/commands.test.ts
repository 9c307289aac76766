// How scripts/run.mjs reads its command line and which steps each command runs
// (scripts/toolchain/commands.mjs).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { COMMANDS, PLANS, parseCommandLine } from "../../../scripts/toolchain/commands.mjs";

describe("parseCommandLine", () => {
  it("GIVEN no arguments WHEN read THEN the full test run, which needs the Pulumi CLI", () => {
    expect(parseCommandLine([])).toEqual({
      command: "test",
      steps: ["biome", "tsc", "tsc-toolchain", "typedoc", "vitest"],
      rest: [],
      needsPulumi: true,
    });
  });

  it("GIVEN a command and its arguments WHEN read THEN the arguments are passed on as given", () => {
    expect(parseCommandLine(["bench", "--sizes", "1,500", "--rounds", "5"])).toEqual({
      command: "bench",
      steps: ["tsc", "bench"],
      rest: ["--sizes", "1,500", "--rounds", "5"],
      needsPulumi: true,
    });
  });

  it("GIVEN `test -- <files>` WHEN read THEN the `--` right after the command is dropped, a later one kept", () => {
    expect(parseCommandLine(["test", "--", "test/unit", "--", "x"]).rest).toEqual(["test/unit", "--", "x"]);
  });

  it("GIVEN the commands that never run pulumi WHEN read THEN they do not ask for the Pulumi CLI", () => {
    const without = COMMANDS.filter((command) => !parseCommandLine([command]).needsPulumi);
    expect(without).toEqual(["emulator", "bench-emulator", "build", "lint", "docs", "sweep-live", "parity"]);
  });

  it("GIVEN an unknown command WHEN read THEN it is refused, naming it and the known ones", () => {
    expect(() => parseCommandLine(["tests"])).toThrow(
      'Unknown command "tests". Known: test, demo, emulator, bench, bench-emulator, soak, build, lint, docs, test-live, sweep-live, parity, exec.',
    );
  });
});

describe("PLANS", () => {
  it("GIVEN `test` WHEN planned THEN lint, the main compile, the toolchain's type-check beside it, docs, then vitest", () => {
    expect(PLANS.test).toEqual(["biome", "tsc", "tsc-toolchain", "typedoc", "vitest"]);
  });

  it("GIVEN `docs` WHEN planned THEN it builds, writes the API reference, then the error-code tables (a compiled program)", () => {
    expect(PLANS.docs).toEqual(["tsc", "typedoc", "error-codes"]);
  });

  it("GIVEN `lint` WHEN planned THEN it type-checks the toolchain too, without a build", () => {
    expect(PLANS.lint).toEqual(["biome", "tsc-toolchain"]);
  });

  it("GIVEN a command that runs a compiled program WHEN planned THEN it builds first, then runs it last", () => {
    for (const command of [
      "demo",
      "emulator",
      "bench",
      "bench-emulator",
      "soak",
      "test-live",
      "sweep-live",
      "parity",
    ] as const) {
      expect(PLANS[command]).toEqual(["tsc", command]);
    }
  });
});

describe("scripts/run.mjs", () => {
  it("GIVEN an unknown command WHEN run on this Node THEN it exits 1 with the message, before fetching or building anything", () => {
    const runMjs = path.join(__dirname, "..", "..", "..", "scripts", "run.mjs");
    const result = spawnSync(process.execPath, [runMjs, "tset"], { encoding: "utf8", timeout: 30_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      '[toolchain] Unknown command "tset". Known: test, demo, emulator, bench, bench-emulator, soak, build, lint, docs, test-live, sweep-live, parity, exec.\n',
    );
  });
});
