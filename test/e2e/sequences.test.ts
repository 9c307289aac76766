// GIVEN generated sequences of program versions over every resource kind (resources added,
// removed, changed, retained, adopted), run by `pulumi up` plainly, under cloud faults, or cut off
// by killing the CLI or the provider process and recovered as docs/recovery.md says, interleaved with
// `refresh` and changes made in the console behind Pulumi's back, WHEN each step ends THEN the
// emulator's world, the stack's state and the effect counters match the model (test/sequences/):
// nothing lost, nothing made twice, and `destroy` leaves only what was retained or made by hand.
// A fixed seed, bounded to a few minutes; `npm run soak` runs the same for as long as asked.
import { expect, it } from "vitest";
import { runSequences } from "../sequences/runner";

const SEED = 20261207;

it("GIVEN a fixed seed's generated sequences WHEN each step runs through the pulumi CLI THEN the world, the state and the counters match the model after every step and after destroy", async () => {
  const report = await runSequences({
    seed: SEED,
    numRuns: 3,
    maxCommands: 6,
    timeLimitMs: 8 * 60_000,
    log: (line) => console.log(line),
  });
  console.table({ ...report.tally, seconds: Math.round(report.elapsedMs / 1000) });
  console.table(report.faultsByKind);
  expect(report.failure, report.failure).toBeUndefined();
  expect(report.interrupted, "the time limit cut the run short").toBe(false);
  // The fixed seed must exercise every kind of step, or the test would quietly check less.
  expect(report.tally.sequences).toBe(3);
  expect(report.tally.kills).toBeGreaterThan(0);
  expect(report.tally.faults).toBeGreaterThan(0);
  expect(report.tally.behindTheBack).toBeGreaterThan(0);
  expect(report.tally.refreshes).toBeGreaterThan(0);
});
