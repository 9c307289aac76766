// What the world and the state must hold after each step of a sequence, kept as the steps run:
// the program of the last successful `up`, and what the cloud holds apart from it (objects kept by
// `retainOnDelete` or made by hand, objects removed behind Pulumi's back). Checked against the
// emulator's world, the stack's state and the emulator's effect counters.
import { createHash } from "node:crypto";
import type { AdminClient } from "../../emulator/index";
import type { StateResource } from "../e2e/cli";
import { MAIN, WORLD } from "../e2e/cloud";
import { type Declaration, type Program, REGISTRATION, registeredName, SLOTS, type Slot, slot } from "./program";

const OWNER_TAG = "pulumi:owner";
const RESOURCE_TYPE = (kind: string) => `pulumi-nodejs:dynamic/alicloud:${kind}`;

/** The model of one sequence. */
export class Model {
  /** The program the state records (the last successful `up`'s, or what a failed one did not change). */
  program = new Map<string, Declaration>();
  /** Declared slots whose object was removed behind Pulumi's back (the state still has them). */
  readonly missing = new Set<string>();
  /** Declared slots that a `refresh` dropped from the state: the next `up` makes them again. */
  readonly dropped = new Set<string>();
  /** Objects named by their inputs that exist outside the state (retained, or made by hand), by world line. */
  readonly outside = new Set<string>();
  /** Activations kept by `retainOnDelete`, per slot (they carry that slot's owner tag). */
  readonly retainedActivations = new Map<string, number>();
  /** The registered server was deregistered (a registration removed without `retainOnDelete`). */
  registrationGone = false;
  /**
   * Declared slots whose state says `adopted: true` (taken over, not made): the diff of each looks
   * whether the object is still there, and an `up` makes it again when it is not.
   */
  readonly adopted = new Set<string>();
  /** Creates of objects named by their inputs that must have taken effect, by effect key. */
  readonly creates = new Map<string, number>();

  constructor(readonly project: string) {}

  /** The URN of a slot's resource in this sequence's stack. */
  urn(s: Slot): string {
    return `urn:pulumi:dev::${this.project}::${RESOURCE_TYPE(s.kind)}::${s.name}`;
  }

  /** Whether slot `id` may be added to the program now, and if so whether it must adopt. */
  canAdd(id: string): boolean {
    return !this.program.has(id) && !(id === REGISTRATION.id && this.registrationGone);
  }

  /** Whether a new declaration of `s` must adopt what exists (an object outside the state). */
  mustAdopt(s: Slot): boolean {
    return s.natural !== undefined && this.outside.has(s.natural.line);
  }

  /** Records a successful `up` of `next`. */
  applyUp(next: Program): void {
    for (const [id, old] of this.program) {
      const s = slot(id);
      const now = next.get(id);
      if (now === undefined) this.forget(s, old, this.missing.has(id) || this.dropped.has(id));
      else if (s.kind === "ManagedInstanceActivation" && now.version !== old.version && old.retain) {
        // Replacing a retained resource leaves the old object (the state's retainOnDelete decides).
        this.retainedActivations.set(id, (this.retainedActivations.get(id) ?? 0) + 1);
      }
    }
    for (const [id, now] of next) {
      const s = slot(id);
      const was = this.program.get(id);
      if (was === undefined || this.dropped.has(id)) {
        this.adopted.delete(id);
        if (s.natural) {
          if (now.adopt && this.outside.has(s.natural.line)) {
            this.outside.delete(s.natural.line);
            this.adopted.add(id);
          } else this.count(s.natural.createEffect);
        }
      } else if (this.missing.has(id) && this.adopted.has(id) && s.natural) {
        // Taken over, then removed by hand: the diff sees it gone, and the replacement makes it.
        this.count(s.natural.createEffect);
        this.missing.delete(id);
        this.adopted.delete(id);
      }
      this.dropped.delete(id);
    }
    for (const id of [...this.missing]) if (!next.has(id)) this.missing.delete(id);
    this.program = new Map(next);
  }

  /** A slot left the program: its object goes, unless retained. */
  private forget(s: Slot, old: Declaration, absent: boolean): void {
    this.adopted.delete(s.id);
    this.missing.delete(s.id);
    this.dropped.delete(s.id);
    if (absent || !old.retain) {
      if (s.id === REGISTRATION.id && !absent) this.registrationGone = true;
      return;
    }
    if (s.natural) this.outside.add(s.natural.line);
    if (s.kind === "ManagedInstanceActivation") {
      this.retainedActivations.set(s.id, (this.retainedActivations.get(s.id) ?? 0) + 1);
    }
  }

  /**
   * After the recovery update (RECOVER_ENV): a create of an activation slot deletes the unused
   * activations its name left, kept ones included (docs/recovery.md, "When a run is cut off"). Whether the
   * recovery or the cut-off run made the new one, and so whether kept ones went, depends on where
   * the cut fell: the kept count becomes what the world shows, if that is one the model allows.
   */
  async settleRecovery(admin: AdminClient, next: Program, before: ReadonlyMap<string, number>): Promise<void> {
    const { activations } = await readWorld(admin, this);
    for (const [id, kept] of before) {
      if (!next.has(id) || kept === 0) continue;
      const observed = (activations[id] ?? 0) - 1;
      if (observed >= 0 && observed <= (this.retainedActivations.get(id) ?? 0))
        this.retainedActivations.set(id, observed);
    }
  }

  /** Records an object made by hand (outside every state) and its create. */
  madeByHand(s: Slot): void {
    if (!s.natural) throw new Error(`${s.id} is not named by its inputs`);
    this.outside.add(s.natural.line);
    this.count(s.natural.createEffect);
  }

  /** Records a `refresh`: the state drops what was removed behind its back. */
  applyRefresh(): void {
    for (const id of this.missing) this.dropped.add(id);
    this.missing.clear();
  }

  private count(effect: string): void {
    this.creates.set(effect, (this.creates.get(effect) ?? 0) + 1);
  }

  /** The world lines the model expects, among those the slots can make. */
  expectedLines(): string[] {
    const lines = new Set(this.outside);
    for (const [id] of this.program) {
      const s = slot(id);
      if (s.natural && !this.missing.has(id) && !this.dropped.has(id)) lines.add(s.natural.line);
    }
    return [...lines].sort();
  }

  /** Live activations expected per slot id: the declared one, and those retained. */
  expectedActivations(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const s of SLOTS) {
      if (s.kind !== "ManagedInstanceActivation") continue;
      const n = (this.program.has(s.id) ? 1 : 0) + (this.retainedActivations.get(s.id) ?? 0);
      if (n > 0) out[s.id] = n;
    }
    return out;
  }

  /** Compares the world, the state and the counters with the model; returns what differs. */
  async differences(admin: AdminClient, state: readonly StateResource[]): Promise<string[]> {
    const problems: string[] = [];
    const world = await readWorld(admin, this);
    const expected = this.expectedLines();
    const extra = world.lines.filter((l) => !expected.includes(l));
    const lost = expected.filter((l) => !world.lines.includes(l));
    if (extra.length) problems.push(`in the world but not expected: ${extra.join(", ")}`);
    if (lost.length) problems.push(`expected in the world but gone: ${lost.join(", ")}`);

    const activations = this.expectedActivations();
    if (JSON.stringify(world.activations) !== JSON.stringify(activations)) {
      problems.push(
        `live activations per slot ${JSON.stringify(world.activations)}, expected ${JSON.stringify(activations)}`,
      );
    }
    const server = world.server;
    if (this.registrationGone !== (server === undefined)) {
      problems.push(`the registered server ${server ? "exists" : "is gone"}, expected the opposite`);
    }
    const registration = this.program.get(REGISTRATION.id);
    if (registration && server && server !== registeredName(registration.version)) {
      problems.push(`the registered server is named ${server}, expected ${registeredName(registration.version)}`);
    }

    // The state: every declared slot not dropped by a refresh, nothing else of ours.
    const ours = new Map(SLOTS.map((s) => [this.urn(s), s.id]));
    const recorded = state.filter((r) => ours.has(r.urn)).map((r) => ours.get(r.urn) as string);
    const want = [...this.program.keys()].filter((id) => !this.dropped.has(id));
    if ([...recorded].sort().join() !== [...want].sort().join()) {
      problems.push(`the state records [${recorded.sort().join(", ")}], expected [${want.sort().join(", ")}]`);
    }
    for (const r of state) {
      const id = ours.get(r.urn);
      if (id && slot(id).kind === "ManagedInstanceActivation" && !world.activationIds.has(String(r.id))) {
        if (!this.missing.has(id)) problems.push(`${id}'s recorded activation ${r.id} does not exist`);
      }
    }

    // Made twice: a create that took effect more often than the model made it.
    const { effects } = await admin.counters();
    for (const s of SLOTS) {
      if (!s.natural) continue;
      const done = effects[s.natural.createEffect] ?? 0;
      const want = this.creates.get(s.natural.createEffect) ?? 0;
      if (done !== want) problems.push(`${s.natural.createEffect} took effect ${done} times, expected ${want}`);
    }
    return problems;
  }
}

/** What the slots' objects look like in the emulator's world. */
interface WorldReading {
  /** Objects named by their inputs, as world lines, sorted. */
  lines: string[];
  /** Live activations carrying a slot's owner tag, per slot id. */
  activations: Record<string, number>;
  activationIds: Set<string>;
  /** The registered server's name, when it is registered. */
  server?: string;
}

async function readWorld(admin: AdminClient, model: Model): Promise<WorldReading> {
  const world = await admin.world();
  const main = world.accounts.find((a) => a.uid === MAIN.uid);
  const hz = main?.regions["cn-hangzhou"];
  const candidates = new Set(SLOTS.flatMap((s) => (s.natural ? [s.natural.line] : [])));
  const lines = [
    ...(hz?.grants ?? []).map((g) => `grant ${g.cenId}:${g.instanceId}:${g.cenOwnerId}`),
    ...(main?.transitRouterGrants ?? []).map(
      (g) => `tr-grant ${String(g.cenId)}:${String(g.instanceId)}:${String(g.cenOwnerId)}`,
    ),
    ...(hz?.classicLinks ?? []).map((l) => `link ${l.instanceId}:${l.vpcId}`),
  ]
    .filter((l) => candidates.has(l))
    .sort();
  const owners = new Map(
    SLOTS.filter((s) => s.kind === "ManagedInstanceActivation").map((s) => [digest(model.urn(s)), s.id]),
  );
  const activations: Record<string, number> = {};
  const activationIds = new Set<string>();
  for (const a of hz?.activations ?? []) {
    activationIds.add(a.activationId);
    const id = owners.get(a.tags?.find((t) => t.key === OWNER_TAG)?.value ?? "");
    if (id) activations[id] = (activations[id] ?? 0) + 1;
  }
  const sorted = Object.fromEntries(Object.entries(activations).sort(([a], [b]) => a.localeCompare(b)));
  const server = hz?.managedInstances.find((m) => m.instanceId === WORLD.managed1)?.instanceName;
  return { lines, activations: sorted, activationIds, ...(server === undefined ? {} : { server }) };
}

const digest = (urn: string) => createHash("sha256").update(urn).digest("hex");
