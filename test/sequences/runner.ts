// Runs generated sequences against a local cloud: each sequence a program folder of its own with
// stack `dev`, a fresh world, the generated steps, then `destroy`, checked against the model after
// every step. A failure is shrunk by fast-check and reported with the one command that replays it.
import fs from "node:fs";
import fc from "fast-check";
import { type CliSandbox, createCliSandbox, javascriptProgram } from "../e2e/cli";
import { CEN_OWNER, type Cloud, startCloud } from "../e2e/cloud";
import { Model } from "./model";
import { SEQ_CENS, SEQ_TR_CENS } from "./program";
import { expectModel, type Real, sequenceSteps, type Tally } from "./steps";

/** What to run. */
export interface SequenceOptions {
  /** fast-check's seed. */
  readonly seed: number;
  /** Sequences to run (fewer when `timeLimitMs` ends the run first). */
  readonly numRuns: number;
  /** Most steps in one sequence. */
  readonly maxCommands: number;
  /** Stop starting sequences (and shrinking) after this long. */
  readonly timeLimitMs: number;
  /** Replays one sequence: the path a failure printed. */
  readonly path?: string;
  /** Progress lines. */
  readonly log?: (line: string) => void;
}

/** What a run found. */
export interface SequenceReport {
  readonly tally: Tally;
  /** Emulator-side injected faults, by kind. */
  readonly faultsByKind: Record<string, number>;
  /** The failure, shrunk, with the command that replays it; undefined when every sequence passed. */
  readonly failure?: string;
  /** Whether the time limit ended the run. */
  readonly interrupted: boolean;
  readonly elapsedMs: number;
}

/** Runs the sequences; never throws for a failing sequence (see `failure`). */
export async function runSequences(options: SequenceOptions): Promise<SequenceReport> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const cloud = await startCloud();
  const sandbox = createCliSandbox({ prefix: "pad-seq-", env: cloud.testEnv() });
  const tally: Tally = { sequences: 0, steps: 0, ups: 0, faults: 0, kills: 0, behindTheBack: 0, refreshes: 0 };
  const faultsByKind: Record<string, number> = {};
  // fast-check's time limit returns while a sequence still runs: that sequence is awaited (and a
  // failure of it reported, unshrunk) before the cloud it runs against is closed.
  let running: Promise<unknown> | undefined;
  let lateFailure: string | undefined;
  try {
    const property = fc.asyncProperty(sequenceSteps(options.maxCommands), (steps) => {
      const sequence = runSequence(steps);
      running = sequence.catch((error: unknown) => {
        lateFailure = `sequence ${tally.sequences}: ${[...steps].map(String).join("; ")}\n${String(error)}`;
      });
      return sequence;
    });
    const runSequence = async (steps: Iterable<fc.AsyncCommand<Model, Real>>): Promise<void> => {
      tally.sequences += 1;
      const real = await newSequence(cloud, sandbox, tally);
      const model = new Model(real.project);
      log(`sequence ${tally.sequences}: ${[...steps].map(String).join("; ") || "(no steps)"}`);
      try {
        await fc.asyncModelRun(() => ({ model, real }), steps);
        const destroyed = await real.cli.attempt(["destroy", "--yes", "--skip-preview"]);
        if (destroyed.code !== 0)
          throw new Error(`destroy failed:\n${(destroyed.stdout + destroyed.stderr).slice(-4000)}`);
        model.applyUp(new Map());
        await expectModel(model, real, "destroy");
      } catch (error) {
        log(`sequence ${tally.sequences} failed: ${String(error).split("\n").slice(0, 4).join(" | ")}`);
        throw error;
      } finally {
        const { faults } = await cloud.admin.counters();
        for (const [kind, n] of Object.entries(faults)) {
          faultsByKind[kind] = (faultsByKind[kind] ?? 0) + n;
          tally.faults += n;
        }
        fs.rmSync(real.dir, { recursive: true, force: true });
      }
    };
    const details = await fc.check(property, {
      seed: options.seed,
      numRuns: options.numRuns,
      ...(options.path === undefined ? {} : { path: options.path }),
      interruptAfterTimeLimit: options.timeLimitMs,
      markInterruptAsFailure: false,
    });
    lateFailure = undefined;
    await running;
    const late =
      details.interrupted && lateFailure
        ? `A sequence failed after the time limit (not shrunk):\n${lateFailure}`
        : undefined;
    const failure = details.failed ? describeFailure(details, options) : late;
    return { tally, faultsByKind, failure, interrupted: details.interrupted, elapsedMs: Date.now() - started };
  } finally {
    sandbox.dispose();
    await cloud.close();
  }
}

/** A program folder with stack `dev` on main's credentials, in a world reset for it. */
async function newSequence(cloud: Cloud, sandbox: CliSandbox, tally: Tally): Promise<Real> {
  const project = `seq-${tally.sequences}`;
  const cli = await javascriptProgram(sandbox, project, "");
  const admin = cloud.admin;
  await admin.reset();
  await admin.seed({
    accounts: [
      {
        uid: CEN_OWNER.uid,
        cens: [
          ...SEQ_CENS.map((cenId) => ({ cenId })),
          ...SEQ_TR_CENS.map((cenId) => ({ cenId, transitRouterEdition: "Enterprise" as const })),
        ],
      },
    ],
  });
  await admin.resetCounters();
  return { cloud, cli, dir: cli.cwd, project, tally };
}

function describeFailure<Ts extends [Iterable<unknown>]>(details: fc.RunDetails<Ts>, options: SequenceOptions): string {
  const steps = details.counterexample ? [...details.counterexample[0]].map(String) : [];
  const replay = `npm run soak -- --seed ${details.seed} --path ${details.counterexamplePath} --max-steps ${options.maxCommands}`;
  const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  return [
    `A generated sequence failed (seed ${details.seed}, shrunk ${details.numShrinks} times):`,
    ...steps.map((s, i) => `  ${i + 1}. ${s}`),
    error,
    `Replay it: ${replay}`,
  ].join("\n");
}
