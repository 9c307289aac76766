// `npm run soak`: generated sequences of program versions (test/sequences/) for as long as asked,
// against an emulator in this process, checked against the model after every step. Prints the
// figures at the end, and for a failure the shrunk sequence and the command that replays it.
//
//   npm run soak -- [--minutes 30] [--seed S] [--max-steps 10] [--path P]
import { runSequences } from "../test/sequences/runner.js";
import { flagsOrExit, parseSoakFlags, SOAK_USAGE } from "./lib/bench-flags.js";

async function main(): Promise<void> {
  const flags = flagsOrExit("soak", SOAK_USAGE, parseSoakFlags);
  const replay = flags.path !== undefined;
  console.log(
    replay
      ? `Replaying seed ${flags.seed} path ${flags.path} (at most ${flags.maxSteps} steps)`
      : `Soak: seed ${flags.seed}, ${flags.minutes} min, at most ${flags.maxSteps} steps per sequence`,
  );
  const memoryBefore = process.memoryUsage();
  const report = await runSequences({
    seed: flags.seed,
    numRuns: replay ? 1 : 1_000_000,
    maxCommands: flags.maxSteps,
    timeLimitMs: flags.minutes * 60_000,
    ...(replay ? { path: flags.path } : {}),
    log: (line) => console.log(`${new Date().toISOString()} ${line}`),
  });
  const memoryAfter = process.memoryUsage();
  const mib = (n: number) => Math.round(n / 1024 / 1024);
  console.log("\nFigures");
  console.table({
    seed: flags.seed,
    minutes: Math.round(report.elapsedMs / 600) / 100,
    ...report.tally,
    problems: report.failure ? 1 : 0,
    "rss MiB (start, end)": `${mib(memoryBefore.rss)}, ${mib(memoryAfter.rss)}`,
    "heap MiB (start, end)": `${mib(memoryBefore.heapUsed)}, ${mib(memoryAfter.heapUsed)}`,
  });
  console.log("Faults injected by kind");
  console.table(report.faultsByKind);
  if (report.failure) {
    console.error(`\n${report.failure}`);
    process.exitCode = 1;
  } else {
    console.log("No problem found.");
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
