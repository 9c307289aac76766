// The steps of a generated sequence, as fast-check commands: a new version of the program applied
// by `up` (plainly, under cloud faults, or cut off by killing the CLI or the provider process and
// then recovered as docs/recovery.md says), `refresh`, and changes made behind Pulumi's back. Each step
// updates the model and then checks the world, the state and the counters against it.
import fs from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import fc from "fast-check";
import type { FaultKind, FaultRule } from "../../emulator/index";
import type { TestCli } from "../e2e/cli";
import { type Cloud, changeRequests, MAIN } from "../e2e/cloud";
import { poll, providerProcesses, removeEmptyCheckpointAttrs, running, startCommand } from "../e2e/processes";
import type { Model } from "./model";
import { type Declaration, type Program, renderProgram, SLOTS, slot } from "./program";

/** What a sequence acts on, and what it counts. */
export interface Real {
  readonly cloud: Cloud;
  readonly cli: TestCli;
  readonly dir: string;
  readonly project: string;
  readonly tally: Tally;
}

/** Figures over every sequence. */
export interface Tally {
  sequences: number;
  steps: number;
  ups: number;
  faults: number;
  kills: number;
  behindTheBack: number;
  refreshes: number;
}

/** One change of the program. */
export interface Mutation {
  readonly op: "add" | "remove" | "change" | "retain";
  readonly slot: string;
  /** For `add`: declared with `retainOnDelete`. */
  readonly retain: boolean;
}

/** How an `up` runs. */
export type RunMode =
  | { readonly kind: "plain" }
  | { readonly kind: "faults"; readonly rules: readonly FaultRule[] }
  | { readonly kind: "kill-cli" }
  | { readonly kind: "kill-provider" };

const RECOVER = { ALICLOUD_DYNAMIC_RECOVER_INTERRUPTED: "true" };
/** Time every request spends in the emulator while a run is about to be cut: several are in flight. */
const CUT_LATENCY_MS = 250;

/** The next program: the mutations that apply to the model's program, in order. */
export function nextProgram(model: Model, mutations: readonly Mutation[]): Map<string, Declaration> {
  const next = new Map(model.program);
  for (const m of mutations) {
    const s = slot(m.slot);
    const now = next.get(m.slot);
    if (m.op === "add" && now === undefined && model.canAdd(m.slot)) {
      next.set(m.slot, { version: 0, retain: m.retain, adopt: model.mustAdopt(s) });
    } else if (m.op === "remove" && now !== undefined) {
      next.delete(m.slot);
    } else if (
      m.op === "change" &&
      now &&
      (s.kind === "ManagedInstanceActivation" || s.kind === "ManagedInstanceRegistration")
    ) {
      next.set(m.slot, { ...now, version: now.version + 1 });
    } else if (m.op === "retain" && now) {
      next.set(m.slot, { ...now, retain: !now.retain });
    }
  }
  return next;
}

function writeProgram(real: Real, program: Program): void {
  fs.writeFileSync(path.join(real.dir, "index.js"), renderProgram(program));
}

async function up(real: Real, env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  const result = await real.cli.attempt(["up", "--yes", "--skip-preview"], { env });
  return { code: result.code, output: result.stdout + result.stderr };
}

/** Fails the step when the world, the state or the counters differ from the model. */
export async function expectModel(model: Model, real: Real, after: string): Promise<void> {
  const problems = await model.differences(real.cloud.admin, await real.cli.resources());
  if (problems.length) throw new Error(`After ${after}:\n- ${problems.join("\n- ")}`);
}

/** How many change requests (all but Describe*) the emulator received so far. */
const changesSent = async (cloud: Cloud): Promise<number> =>
  Object.values(await changeRequests(cloud)).reduce((sum, n) => sum + n, 0);

const short = (program: Program) =>
  [...program]
    .map(([id, d]) => `${id}${d.version ? `v${d.version}` : ""}${d.retain ? "R" : ""}${d.adopt ? "A" : ""}`)
    .join(" ");

/** A new version of the program, applied by `up` in one of the run modes. */
export class UpCommand implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly mutations: readonly Mutation[],
    readonly mode: RunMode,
  ) {}

  check(): boolean {
    return true;
  }

  async run(model: Model, real: Real): Promise<void> {
    real.tally.steps += 1;
    const next = nextProgram(model, this.mutations);
    writeProgram(real, next);
    real.tally.ups += 1;
    const what = `up of [${short(next)}] (${this.describeMode()})`;
    if (this.mode.kind === "plain" || this.mode.kind === "faults") {
      if (this.mode.kind === "faults") await real.cloud.admin.setFaults({ rules: this.mode.rules });
      const result = await up(real);
      await real.cloud.admin.clearFaults();
      if (result.code !== 0) throw new Error(`${what} failed:\n${result.output.slice(-4000)}`);
      model.applyUp(next);
    } else {
      const kept = new Map(model.retainedActivations);
      await this.cutOffAndRecover(real, what);
      model.applyUp(next);
      await model.settleRecovery(real.cloud.admin, next, kept);
    }
    await expectModel(model, real, what);
  }

  /** Starts `up`, cuts it off once a change is under way, then runs the documented recovery (docs/recovery.md). */
  private async cutOffAndRecover(real: Real, what: string): Promise<void> {
    const admin = real.cloud.admin;
    await admin.setFaults({ rules: [{ kind: "Latency", latencyMs: CUT_LATENCY_MS }] });
    const before = await changesSent(real.cloud);
    const started = startCommand(real.cli, ["up", "--yes", "--skip-preview"]);
    let ended = false;
    void started.done.then(() => {
      ended = true;
    });
    await poll(
      "a change under way, or the up's end",
      async () => ended || (await changesSent(real.cloud)) > before,
      (go) => go,
      120_000,
    );
    const pid = started.child.pid as number;
    const providers = providerProcesses(pid);
    if (!ended && providers.length > 0) {
      real.tally.kills += 1;
      if (this.mode.kind === "kill-cli") started.child.kill("SIGKILL");
      else for (const p of providers) process.kill(p, "SIGKILL");
      await poll(
        "the provider processes to exit",
        () => providers.some(running),
        (any) => !any,
        30_000,
      );
    }
    const result = await started.done;
    await admin.clearFaults();
    // Requests already sent may still be applied: let the emulator finish them.
    await sleep(CUT_LATENCY_MS * 2);
    await removeEmptyCheckpointAttrs(real.cli, real.project);
    if (this.mode.kind === "kill-cli") await real.cli.attempt(["cancel", "--yes"]);
    const recovery = await up(real, RECOVER);
    if (recovery.code !== 0) {
      throw new Error(
        `${what}: the recovery up failed (the cut-off run exited ${result.code}):\n${recovery.output.slice(-4000)}`,
      );
    }
  }

  private describeMode(): string {
    if (this.mode.kind !== "faults") return this.mode.kind;
    return `faults ${this.mode.rules.map((r) => `${r.kind}${r.action ? `@${r.action}` : ""}x${r.count}`).join(",")}`;
  }

  toString(): string {
    const muts = this.mutations.map((m) => `${m.op}:${m.slot}${m.op === "add" && m.retain ? "R" : ""}`).join(" ");
    return `up(${muts}; ${this.describeMode()})`;
  }
}

/** `pulumi refresh`: the state learns what was removed behind its back. */
export class RefreshCommand implements fc.AsyncCommand<Model, Real> {
  check(): boolean {
    return true;
  }

  async run(model: Model, real: Real): Promise<void> {
    real.tally.steps += 1;
    real.tally.refreshes += 1;
    const result = await real.cli.attempt(["refresh", "--yes", "--skip-preview"]);
    if (result.code !== 0) throw new Error(`refresh failed:\n${(result.stdout + result.stderr).slice(-4000)}`);
    model.applyRefresh();
    await expectModel(model, real, "refresh");
  }

  toString(): string {
    return "refresh";
  }
}

/** A declared object removed in the console, behind Pulumi's back. */
export class RemoveBehindBackCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly slotId: string) {}

  check(model: Model): boolean {
    const s = slot(this.slotId);
    return (
      s.natural?.removeBehindBack !== undefined &&
      model.program.has(this.slotId) &&
      !model.missing.has(this.slotId) &&
      !model.dropped.has(this.slotId)
    );
  }

  async run(model: Model, real: Real): Promise<void> {
    const call = slot(this.slotId).natural?.removeBehindBack;
    if (!call) throw new Error(`${this.slotId} cannot be removed by hand`);
    real.tally.steps += 1;
    real.tally.behindTheBack += 1;
    await real.cloud.call(MAIN, call.product, call.action, call.params);
    model.missing.add(this.slotId);
    await expectModel(model, real, `removing ${this.slotId} by hand`);
  }

  toString(): string {
    return `removeByHand(${this.slotId})`;
  }
}

/**
 * An object made in the console, then declared: the `up` that declares it plainly is refused with
 * an error that says how to take it over, changes nothing, and `adoptExisting` then takes it over.
 */
export class MadeByHandCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly slotId: string) {}

  check(model: Model): boolean {
    const s = slot(this.slotId);
    // The refused up would also make what is pending (an adopted object removed by hand, one a
    // refresh dropped), or not, depending on where the engine stops: this step runs only when
    // nothing is pending.
    const pending = model.dropped.size > 0 || [...model.missing].some((id) => model.adopted.has(id));
    return s.natural?.makeBehindBack !== undefined && model.canAdd(this.slotId) && !model.mustAdopt(s) && !pending;
  }

  async run(model: Model, real: Real): Promise<void> {
    const s = slot(this.slotId);
    const call = s.natural?.makeBehindBack;
    if (!call) throw new Error(`${this.slotId} cannot be made by hand`);
    real.tally.steps += 1;
    real.tally.behindTheBack += 1;
    await real.cloud.call(MAIN, call.product, call.action, call.params);
    model.madeByHand(s);
    await expectModel(model, real, `making ${this.slotId} by hand`);

    const plain = new Map(model.program).set(this.slotId, { version: 0, retain: false, adopt: false });
    writeProgram(real, plain);
    real.tally.ups += 1;
    const refused = await up(real);
    if (refused.code === 0)
      throw new Error(`up declaring ${this.slotId}, made by hand, succeeded without adoptExisting`);
    if (!refused.output.includes("adoptExisting")) {
      throw new Error(
        `up declaring ${this.slotId}, made by hand, failed without naming adoptExisting:\n${refused.output.slice(-3000)}`,
      );
    }
    await expectModel(model, real, `the refused up declaring ${this.slotId}`);

    const adopting = new Map(model.program).set(this.slotId, { version: 0, retain: false, adopt: true });
    writeProgram(real, adopting);
    real.tally.ups += 1;
    const adopted = await up(real);
    if (adopted.code !== 0) throw new Error(`up adopting ${this.slotId} failed:\n${adopted.output.slice(-4000)}`);
    model.applyUp(adopting);
    await expectModel(model, real, `adopting ${this.slotId}`);
  }

  toString(): string {
    return `makeByHandThenDeclare(${this.slotId})`;
  }
}

const FAULT_KINDS: readonly FaultKind[] = [
  "Throttling.User",
  "ServiceUnavailable",
  "InternalError",
  "BadGateway",
  "DropBeforeAnswer",
  "DropAfterEffect",
];
const FAULTED_ACTIONS = [
  undefined,
  "GrantInstanceToCen",
  "RevokeInstanceFromCen",
  "GrantInstanceToTransitRouter",
  "AttachClassicLinkVpc",
  "DetachClassicLinkVpc",
  "CreateActivation",
  "DeleteActivation",
  "ModifyManagedInstance",
  "DeregisterManagedInstance",
  "TagResources",
] as const;

const faultRule: fc.Arbitrary<FaultRule> = fc.oneof(
  fc
    .record({
      kind: fc.constantFrom(...FAULT_KINDS),
      action: fc.constantFrom(...FAULTED_ACTIONS),
      count: fc.integer({ min: 1, max: 2 }),
    })
    .map(({ action, ...rule }) => (action ? { ...rule, action } : rule)),
  fc.record({
    kind: fc.constant<FaultKind>("Latency"),
    latencyMs: fc.integer({ min: 50, max: 400 }),
    count: fc.integer({ min: 1, max: 5 }),
  }),
);

const runMode: fc.Arbitrary<RunMode> = fc.oneof(
  { weight: 3, arbitrary: fc.constant<RunMode>({ kind: "plain" }) },
  {
    weight: 3,
    arbitrary: fc.array(faultRule, { minLength: 1, maxLength: 3 }).map((rules): RunMode => ({ kind: "faults", rules })),
  },
  { weight: 1, arbitrary: fc.constant<RunMode>({ kind: "kill-cli" }) },
  { weight: 1, arbitrary: fc.constant<RunMode>({ kind: "kill-provider" }) },
);

const slotIds = SLOTS.map((s) => s.id);
const mutation: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom<Mutation["op"]>("add", "add", "remove", "change", "retain"),
  slot: fc.constantFrom(...slotIds),
  retain: fc.boolean(),
});

/** The generated steps of a sequence. */
export function sequenceSteps(maxCommands: number): fc.Arbitrary<Iterable<fc.AsyncCommand<Model, Real>>> {
  const handSlots = SLOTS.filter((s) => s.natural?.makeBehindBack).map((s) => s.id);
  const removable = SLOTS.filter((s) => s.natural?.removeBehindBack).map((s) => s.id);
  const upStep = fc
    .tuple(fc.array(mutation, { minLength: 1, maxLength: 4 }), runMode)
    .map(([m, mode]) => new UpCommand(m, mode));
  return fc.commands(
    [
      // Listed three times: most steps are new versions of the program.
      upStep,
      upStep,
      upStep,
      fc.constant(new RefreshCommand()),
      fc.constantFrom(...removable).map((id) => new RemoveBehindBackCommand(id)),
      fc.constantFrom(...handSlots).map((id) => new MadeByHandCommand(id)),
    ],
    { maxCommands },
  );
}
