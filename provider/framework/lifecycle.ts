// The lifecycle every resource is declared with (AWS CDK's custom-resource framework is the model:
// a resource says what is its own, the framework owns the sequence). A resource declares its
// fields, how to read the live object (`probe`), how to make it and how to remove it
// (resource-spec.ts); the framework writes `check`, `diff`, `create`, `read`, `update` and `delete` from that, once:
// looking before creating, "already exists" (adopt or refuse), waiting until Describe calls show a
// change, recording an object that was made even when it is slow to show, looking again after an
// unanswered call, treating "already gone" as deleted, and the order of a replacement.
import type * as pulumi from "@pulumi/pulumi";
import { AlibabaCloudError } from "../client/errors.js";
import type { Settings } from "../client/settings.js";
import { checkInputs } from "./check.js";
import { OWNER_KEY, SCOPE_FIELDS, TIMEOUTS_KEY } from "./common-fields.js";
import { Holdings, nameInUrn, ownerDigest } from "./holdings.js";
import { deadlineOf, Operation, OperationTimeoutError, parseDuration, type TimedOperation } from "./operation.js";
import {
  CreatedButFailed,
  type FindCreate,
  type Inputs,
  type NaturalKeyCreate,
  type Outputs,
  RECOVER_ENV,
  type ResourceSpec,
  type ServiceIdCreate,
  unlessBlocked,
} from "./resource-spec.js";
import type { Fields, InputField } from "./schema.js";
import { WaitTimeoutError } from "./waiting.js";

/** The dynamic provider methods of one resource kind, typed by its fields. */
export interface Lifecycle<F extends Fields> {
  check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult<Inputs<F>>>;
  diff(id: string, olds: Outputs<F>, news: Inputs<F>): Promise<pulumi.dynamic.DiffResult>;
  create(inputs: Inputs<F>): Promise<pulumi.dynamic.CreateResult<Outputs<F>>>;
  read(id: string, props: Outputs<F>): Promise<pulumi.dynamic.ReadResult<Outputs<F>>>;
  update(id: string, olds: Outputs<F>, news: Inputs<F>): Promise<pulumi.dynamic.UpdateResult<Outputs<F>>>;
  delete(id: string, props: Outputs<F>): Promise<void>;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Whether a failure is one the service gave for this action with one of `codes`. */
function isCode(error: unknown, codes: readonly string[]): error is AlibabaCloudError {
  return error instanceof AlibabaCloudError && codes.includes(error.code);
}

/**
 * Builds a resource's provider methods from its spec. `holdings` are the provider process's
 * record of who holds what (one per kind for the process, whatever `configure` renews).
 */
export function lifecycle<F extends Fields, Live>(
  spec: ResourceSpec<F, Live>,
  settings: Settings,
  holdings: Holdings = new Holdings(),
): Lifecycle<F> {
  const all: Fields = { ...SCOPE_FIELDS, ...spec.fields };
  const inputKeys = Object.entries(all)
    .filter(([, field]) => field.role === "input")
    .map(([key]) => key);
  const adoptable = "adoptExisting" in spec.fields;

  const operation = (subject: Inputs<F>, name?: TimedOperation) =>
    new Operation(
      settings,
      { region: subject.regionId, profile: subject.profile, assumeRole: subject.assumeRole, owner: subject[OWNER_KEY] },
      spec.products,
      name ? deadlineOf(subject[TIMEOUTS_KEY], name) : undefined,
      name ? parseDuration(spec.defaultTimeouts?.[name] ?? "") : undefined,
    );

  const inputsOf = (props: Partial<Outputs<F>>): Inputs<F> => {
    const source = props as Record<string, unknown>;
    const keys = [...inputKeys, TIMEOUTS_KEY, OWNER_KEY].filter((key) => source[key] !== undefined);
    return Object.fromEntries(keys.map((key) => [key, source[key]])) as Inputs<F>;
  };

  /** The probe, where an object on its way out counts as not there. */
  const probe = async (op: Operation, subject: Inputs<F>, id?: string): Promise<Live | undefined> => {
    const live = await spec.probe(op, subject, id);
    return live !== undefined && spec.leaving?.(live) ? undefined : live;
  };
  /** The probe, where "cannot be there" counts as "not there" too. */
  const present = (op: Operation, subject: Inputs<F>, id?: string) => unlessBlocked(probe(op, subject, id));

  const visibility = (what: string) => ({
    what,
    timeoutMs: settings.timing.visibilityTimeoutMs,
    intervalMs: settings.timing.pollIntervalMs,
  });

  const withAdoption = (outs: Outputs<F>, adopted: boolean): Outputs<F> =>
    adoptable ? ({ ...outs, adopted } as Outputs<F>) : outs;

  async function createByKey(op: Operation, create: NaturalKeyCreate<F>, inputs: Inputs<F>) {
    const id = create.id(inputs);
    const adopt = adoptable && (inputs as { adoptExisting?: boolean }).adoptExisting === true;
    const recovering = settings.env[RECOVER_ENV] === "true";
    const { statement, removal } = create.exists(inputs);
    const urn = inputs[OWNER_KEY];
    const name = urn ? `"${nameInUrn(urn)}"` : "this resource";
    // The likeliest cause first: a rename is planned as a create of the new name before the old
    // name's delete. Each way out leaves the state saying what the cloud holds (holdings.ts).
    const refuse = () =>
      new Error(
        `${statement} (id ${id}). ` +
          `If you renamed or moved ${name} in the program (a new name or parent), tell Pulumi it is the same resource: ` +
          `add aliases: [{ name: "<old name>" }] (or { parent: ... }) to its options, and run up again. ` +
          `If another stack or a person made it, set adoptExisting: true to hold it here as well (destroy will then ${removal} it), or ${removal} it first. ` +
          `Only if an update of this stack that was creating ${name} was cut off (the pulumi CLI or its provider process killed), ` +
          `record it with: ${RECOVER_ENV}=true pulumi up --yes`,
      );
    const existing = await probe(op, inputs, undefined);
    if (existing !== undefined) {
      if (recovering) {
        op.log(`${statement}: recorded as this stack's own (${RECOVER_ENV})`);
        return { id, outs: withAdoption(spec.outputs(inputs, existing, undefined), false) };
      }
      if (!adopt) throw refuse();
      return { id, outs: withAdoption(spec.outputs(inputs, existing, undefined), true) };
    }
    try {
      await create.call(op, inputs);
    } catch (error) {
      if (!(error instanceof AlibabaCloudError)) throw error;
      const exists = create.existsCodes.includes(error.code);
      if (!exists && !error.afterUnanswered && error.outcome !== "unknown") throw error;
      // Refused as existing, or an attempt went unanswered and may have made it: look again,
      // briefly (Describe calls lag), before failing over an object that is there.
      const found = await op
        .waitFor({ ...visibility(spec.describe(inputs)), timeoutMs: settings.timing.pollIntervalMs * 3 }, () =>
          present(op, inputs),
        )
        .catch((lookFailed: unknown) => {
          // Not there within the look: the call's own error stands. A look that failed (network,
          // credentials) is the real problem, and is reported as such.
          if (lookFailed instanceof WaitTimeoutError) return undefined;
          throw lookFailed;
        });
      if (found === undefined) throw error;
      // "Exists" on our first attempt: someone made it between our look and our call.
      // While recovering, that is this stack's cut-off run too: an answer it sent may land late.
      const theirs = exists && !error.afterUnanswered && !recovering;
      if (theirs && !adopt) throw refuse();
      if (exists && recovering) op.log(`${statement}: recorded as this stack's own (${RECOVER_ENV})`);
      return { id, outs: withAdoption(spec.outputs(inputs, found, undefined), theirs) };
    }
    const live = await settle(op, inputs, undefined, recorder(id, inputs));
    return { id, outs: withAdoption(spec.outputs(inputs, live, undefined), false) };
  }

  /** Builds the failure that records the object `id` made or found, from the last state seen. */
  const recorder =
    (id: string, inputs: Inputs<F>, once?: Partial<Outputs<F>>) => (seen: Live | undefined, reason: string) =>
      new CreatedButFailed(id, withAdoption(spec.outputs(inputs, seen, once), false), inputs, reason);

  /**
   * What follows the object's making or finding (`work`), where any failure records the object as
   * last `seen`, with what only the create's answer showed, so that the next up completes it.
   */
  function recording<T>(
    work: Promise<T>,
    inputs: Inputs<F>,
    id: string,
    once: Partial<Outputs<F>> | undefined,
    seen: Live | undefined,
  ): Promise<T> {
    return work.catch((error: unknown) => {
      if (error instanceof CreatedButFailed) throw error;
      const answered = once ? ", with what its create answered," : "";
      const reason = `${spec.describe(inputs)} (${id}) is recorded${answered} but ${(error as Error).message}; the next up completes it`;
      throw recorder(id, inputs, once)(seen, reason);
    });
  }

  /**
   * Waits until the object a create call just made shows, and is ready; undefined when the
   * Describe calls lag past the visibility wait (the object is recorded all the same). When the
   * operation's customTimeouts run out first, throws what `recorded` builds from the last state seen.
   */
  async function settle(
    op: Operation,
    inputs: Inputs<F>,
    id: string | undefined,
    recorded: (seen: Live | undefined, reason: string) => CreatedButFailed,
  ): Promise<Live | undefined> {
    let seen: Live | undefined;
    const settled = async () => {
      seen = await present(op, inputs, id);
      return seen !== undefined && (spec.ready?.(seen) ?? true) ? seen : undefined;
    };
    return op
      .waitFor(visibility(`${spec.describe(inputs)} to ${spec.ready ? "be ready" : "appear"}`), settled)
      .catch((error: unknown) => {
        // The call succeeded: record the object rather than leave it outside the state.
        if (error instanceof OperationTimeoutError)
          throw recorded(seen, `${error.message} It was made, and is recorded.`);
        if (!(error instanceof WaitTimeoutError)) throw error;
        op.log(`${error.message}; recorded anyway (the create call succeeded), refresh will read it`);
        return seen;
      });
  }

  /**
   * Deletes the objects carrying `marker` that a create whose answer was lost made, except those
   * in `keep` and those in use; returns the ids left (`keep`'s among them).
   */
  async function removeOrphans(
    op: Operation,
    create: ServiceIdCreate<F>,
    inputs: Inputs<F>,
    marker: string,
    keep: ReadonlySet<string> = new Set(),
  ): Promise<Set<string>> {
    const left = new Set<string>();
    const what = spec.describe(inputs);
    for (const { id, inUse } of await create.marked(op, marker)) {
      if (keep.has(id) || inUse) left.add(id);
      if (keep.has(id)) continue;
      if (inUse) {
        op.log(`${id} (${what}) was made by this resource in a run that was cut off, and is in use: left as it is`);
        continue;
      }
      // An orphan is known by its id alone: the removal sees the inputs, not what was never recorded.
      await spec.remove.call(op, id, spec.outputs(inputs, undefined, undefined)).catch((error: unknown) => {
        if (!isCode(error, spec.remove.goneCodes)) throw error;
      });
      op.log(
        `Deleted ${id} (${what}), made by this resource in a run that was cut off: ${create.returnedOnce} was never recorded`,
      );
    }
    return left;
  }

  async function createByServiceId(op: Operation, create: ServiceIdCreate<F>, inputs: Inputs<F>) {
    const marker = ownerDigest(inputs[OWNER_KEY]);
    // What carries the marker before this create (kept by retainOnDelete, or left by a cut-off run
    // that no recovery update has cleared) is not what a lost answer below made. The recovery update
    // clears the unused ones first, and what it leaves is what was there before.
    const recovering = settings.env[RECOVER_ENV] === "true";
    const before =
      marker === undefined
        ? new Set<string>()
        : recovering
          ? await removeOrphans(op, create, inputs, marker)
          : new Set((await create.marked(op, marker)).map((object) => object.id));
    let made: Awaited<ReturnType<ServiceIdCreate<F>["call"]>>;
    try {
      made = await create.call(op, inputs, marker);
    } catch (error) {
      const lost = error instanceof AlibabaCloudError && (error.afterUnanswered || error.outcome === "unknown");
      if (marker === undefined || !lost) throw error;
      await removeOrphans(op, create, inputs, marker, before);
      throw new Error(
        `${error.message}. No answer reached the provider: if the call made ${spec.describe(inputs)}, ${create.returnedOnce} is known to nobody, so what it made was looked for by this resource's owner tag and deleted (unless in use: see the log). Run up again.`,
      );
    }
    const { id, once } = made;
    // From here the object exists and what only its answer showed is in hand: a failure must still
    // record it, so that nothing is lost and the next up completes it.
    const live = await recording(settle(op, inputs, id, recorder(id, inputs, once)), inputs, id, once, undefined);
    return { id, outs: await recording(complete(op, id, inputs, live, once), inputs, id, once, live) };
  }

  async function createByFinding(op: Operation, create: FindCreate<F, Live>, inputs: Inputs<F>) {
    const waiting = create.waitFor(inputs);
    const live = waiting
      ? await op.waitFor({ ...waiting, intervalMs: settings.timing.pollIntervalMs, announce: true }, () =>
          create.find(op, inputs),
        )
      : await create.find(op, inputs);
    if (live === undefined) throw new Error(create.missing(inputs));
    const id = create.idOf(live);
    return { id, outs: await recording(complete(op, id, inputs, live, undefined), inputs, id, undefined, live) };
  }

  /**
   * Applies the inputs the create could not carry (disabling an activation, naming a server) with
   * the resource's own `update`, from the object as it is.
   */
  async function complete(
    op: Operation,
    id: string,
    inputs: Inputs<F>,
    live: Live | undefined,
    once: Partial<Outputs<F>> | undefined,
  ): Promise<Outputs<F>> {
    const outs = spec.outputs(inputs, live, once);
    return spec.update ? spec.update(op, id, outs, inputs) : outs;
  }

  /** Takes the object for the resource `urn`: in this process, and in its owner tag where it has one. */
  async function take(op: Operation, id: string, urn: string | undefined): Promise<void> {
    holdings.claim(id, urn, "create");
    const owner = ownerDigest(urn);
    if (!spec.ownerTag || owner === undefined) return;
    await spec.ownerTag.write(op, id, owner).catch((error: unknown) => {
      // The object is this resource's either way; without the tag, only a later delete by another
      // stack's resource that held it cannot tell that it was taken over.
      const reason = error instanceof AlibabaCloudError ? error.code : (error as Error).message;
      op.log(`${id}: could not tag it as held by this resource (${reason}); it is recorded all the same`);
    });
  }

  /** Why a delete must leave the object to another resource, or undefined to remove it. */
  async function keptFor(op: Operation, id: string, urn: string | undefined): Promise<string | undefined> {
    const holder = holdings.keeperFor(id, urn);
    if (holder) {
      const name = nameInUrn(holder.urn);
      return holder.urn === urn ? `kept: its replacement ${name} holds it` : `kept: now held by ${name}`;
    }
    if (!spec.ownerTag) return undefined;
    const tag = await spec.ownerTag.read(op, id);
    return tag !== undefined && tag !== ownerDigest(urn)
      ? "kept: its owner tag names another resource that holds it"
      : undefined;
  }

  return {
    async check(olds, news) {
      return checkInputs<Inputs<F>>(spec.fields, settings, olds, news, spec);
    },

    async diff(id, olds, news) {
      const stored = olds as Record<string, unknown>;
      const given = news as Record<string, unknown>;
      const changed = inputKeys.filter((key) => {
        const field = all[key] as InputField<unknown>;
        // A reported field's output is the live value: an omitted input asks for no change.
        if (field.reported && given[key] === undefined) return false;
        return !same(stored[key] ?? field.default, given[key] ?? field.default);
      });
      const rules = (spec.replaceWhen ?? {}) as Record<string, ((o: Outputs<F>, n: Inputs<F>) => boolean) | undefined>;
      const decided = {
        changes: changed.length > 0,
        replaces: changed.filter((key) => {
          const rule = rules[key];
          return rule ? rule(olds, news) : (all[key] as InputField<unknown>).onChange === "replace";
        }),
      };
      const replaces = [...decided.replaces];
      // An object taken over may be removed by its other owner: then it is made again.
      if (adoptable && replaces.length === 0 && (olds as { adopted?: boolean }).adopted === true) {
        const inputs = inputsOf(olds);
        if ((await present(operation(inputs), inputs)) === undefined) replaces.push("adopted");
      }
      // Kept by this resource: the delete of another that held it (a rename) must leave it alone.
      if (replaces.length === 0) holdings.claim(id, given[OWNER_KEY] as string | undefined, "diff");
      const deleteBeforeReplace = replaces.length > 0 && (spec.deleteBeforeReplace?.(olds, news) ?? false);
      return { changes: decided.changes || replaces.length > 0, replaces, deleteBeforeReplace };
    },

    async create(inputs) {
      const op = operation(inputs, "create");
      try {
        const { create } = spec;
        const made =
          create.style === "natural-key"
            ? await createByKey(op, create, inputs)
            : create.style === "service-id"
              ? await createByServiceId(op, create, inputs)
              : await createByFinding(op, create, inputs);
        await take(op, made.id, inputs[OWNER_KEY]);
        return made;
      } catch (error) {
        // Recorded all the same: held by this resource as much as a create that succeeded.
        if (error instanceof CreatedButFailed) await take(op, error.id, inputs[OWNER_KEY]);
        throw error;
      }
    },

    async read(id, props) {
      const inputs = inputsOf(props);
      const live = await present(operation(inputs), inputs, id);
      if (live === undefined) return {};
      const adopted = (props as { adopted?: boolean }).adopted ?? false;
      // No `inputs`: the engine keeps the inputs the program gave; outputs of the same names hold live values.
      return { id, props: withAdoption(spec.outputs(inputs, live, props), adopted) };
    },

    async update(id, olds, news) {
      const op = operation(news, "update");
      // Under a new URN (an alias), the owner tag follows the stored one.
      const moved = spec.ownerTag && olds[OWNER_KEY] !== news[OWNER_KEY];
      if (moved) await take(op, id, news[OWNER_KEY]);
      if (spec.update) return { outs: await spec.update(op, id, olds, news) };
      const computed = Object.fromEntries(
        Object.entries(spec.fields)
          .filter(([, field]) => field.role === "computed")
          .map(([key]) => [key, (olds as Record<string, unknown>)[key]]),
      );
      return { outs: { ...news, ...computed } as Outputs<F> };
    },

    async delete(id, props) {
      const inputs = inputsOf(props);
      const op = operation(inputs, "delete");
      const kept = await keptFor(op, id, inputs[OWNER_KEY]);
      if (kept) {
        op.log(`${spec.describe(inputs)} (${id}) ${kept}`);
        return;
      }
      const { remove } = spec;
      try {
        await remove.call(op, id, props);
      } catch (error) {
        if (isCode(error, remove.goneCodes)) return;
        const refusal = error instanceof AlibabaCloudError ? remove.refusals?.[error.code] : undefined;
        if (refusal && error instanceof AlibabaCloudError) throw new Error(refusal(props, error));
        // Whatever the refusal or however the answer was lost, an object that is not there any
        // more is a successful delete.
        if (!(error instanceof AlibabaCloudError) || (await present(op, inputs, id)) !== undefined) throw error;
      }
      if (!remove.waitUntilGone) return;
      // Gone altogether, not merely leaving: what depends on it may be deleted next.
      await op.waitFor(visibility(`${spec.describe(inputs)} to disappear`), async () =>
        (await unlessBlocked(spec.probe(op, inputs, id))) === undefined ? true : undefined,
      );
    },
  };
}
