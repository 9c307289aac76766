// How an activation is read, made and removed. Its id is assigned by the service, and its code is
// returned once, by CreateActivation: from the moment that call answers, nothing may fail the
// create, or the code would be lost.

import { CreateActivation, DeleteActivation, DescribeActivations, DisableActivation } from "../../api/ecs.js";
import { codesFor } from "../client/error-handling.js";
import { AlibabaCloudError } from "../client/errors.js";
import type { CallAnswer } from "../client/rpc.js";
import { OWNER_KEY } from "../framework/common-fields.js";
import { OWNER_TAG, ownerDigest } from "../framework/holdings.js";
import { CreatedButFailed, type Inputs, RECOVER_ENV, type ResourceSpec } from "../framework/lifecycle.js";
import type { Operation } from "../framework/operation.js";
import { CLOUD_ASSISTANT_REGIONS } from "../framework/regions.js";
import { ACTIVATION_FIELDS } from "../resources/managed-instance-activation.js";

type Activation = Inputs<typeof ACTIVATION_FIELDS>;

/** What DescribeActivations reports that the outputs keep. */
interface LiveActivation {
  creationTime: string;
  registeredCount: number;
  deregisteredCount: number;
  disabled: boolean;
}

type Listed = NonNullable<CallAnswer<typeof DescribeActivations>["ActivationList"]>[number];

function liveFields(activation: Listed): LiveActivation {
  return {
    creationTime: String(activation?.CreationTime ?? ""),
    registeredCount: Number(activation?.RegisteredCount ?? 0),
    deregisteredCount: Number(activation?.DeregisteredCount ?? 0),
    disabled: activation?.Disabled === true || String(activation?.Disabled) === "true",
  };
}

async function describe(op: Operation, activationId: string): Promise<LiveActivation | undefined> {
  const answer = await op.call(DescribeActivations, { ActivationId: activationId });
  const found = (answer.ActivationList ?? []).find((a) => a?.ActivationId === activationId);
  return found ? liveFields(found) : undefined;
}

// The owner tag (framework/holdings.ts) marks an activation as made by one resource, so that one
// made by a create that was cut off is recognised (and removed: its code, returned once, was never
// recorded) and another stack's never is. A tagged activation is not always an orphan, though: one
// kept by `retainOnDelete` carries the tag of the resource that made it, and a later create under
// the same name must leave it alone. So a create removes only what it can tell is an orphan: what
// its own unanswered CreateActivation made (tagged, and absent from the list taken before it), and,
// in the documented recovery update (RECOVER_ENV), every activation of this resource's that no
// server uses. An activation is made by one resource and never taken over, so its delete needs no
// look at the tag.

/** The activations this resource made, by their owner tag. */
async function madeBy(op: Operation, owner: string): Promise<Listed[]> {
  const answer = await op.call(DescribeActivations, { Tag: [{ Key: OWNER_TAG, Value: owner }], MaxResults: 50 });
  return (answer.ActivationList ?? []).filter((a) => a?.ActivationId);
}

/**
 * Removes the activations a cut-off create of this resource left (nobody has their code), except
 * those in `keep`. One that servers registered with is left alone (and said so): it is in use.
 * Returns the ids of those left, `keep`'s among them.
 */
async function removeOrphans(
  op: Operation,
  owner: string,
  keep: ReadonlySet<string> = new Set(),
): Promise<Set<string>> {
  const left = new Set<string>();
  for (const orphan of await madeBy(op, owner)) {
    const id = String(orphan?.ActivationId);
    const inUse = Number(orphan?.RegisteredCount ?? 0) > Number(orphan?.DeregisteredCount ?? 0);
    if (keep.has(id) || inUse) left.add(id);
    if (keep.has(id)) continue;
    if (inUse) {
      op.log(`Activation ${id} was made by this resource in a run that was cut off, and servers use it: left as it is`);
      continue;
    }
    await op.call(DeleteActivation, { ActivationId: id }).catch((error: unknown) => {
      if (!(error instanceof AlibabaCloudError && error.code === "ActivationId.NotFound")) throw error;
    });
    op.log(`Deleted activation ${id}, made by this resource in a run that was cut off: its code was never recorded`);
  }
  return left;
}

async function disable(op: Operation, activationId: string): Promise<void> {
  await op.call(DisableActivation, { ActivationId: activationId });
}

/** ManagedInstanceActivation's lifecycle. */
export const managedInstanceActivation: ResourceSpec<typeof ACTIVATION_FIELDS, LiveActivation> = {
  fields: ACTIVATION_FIELDS,
  products: ["ecs"],
  regions: { service: "Cloud Assistant", ids: CLOUD_ASSISTANT_REGIONS },

  describe: (activation) => `activation ${activation.instanceName ?? ""}`.trim(),

  probe: (op, _inputs, id) => (id ? describe(op, id) : Promise.resolve(undefined)),

  outputs: (inputs, live, previous) => ({
    ...inputs,
    activationId: previous?.activationId ?? "",
    activationCode: previous?.activationCode ?? "",
    creationTime: live?.creationTime ?? previous?.creationTime ?? "",
    registeredCount: live?.registeredCount ?? previous?.registeredCount ?? 0,
    deregisteredCount: live?.deregisteredCount ?? previous?.deregisteredCount ?? 0,
    disabled: live?.disabled ?? previous?.disabled ?? false,
  }),

  create: {
    style: "custom",
    async run(op, inputs: Activation) {
      const owner = ownerDigest(inputs[OWNER_KEY]);
      // What carries the tag before this create (kept by retainOnDelete, or left by a cut-off run
      // that no recovery update has cleared) is not what a lost answer below made. The recovery
      // update clears the unused ones first, and what it leaves is what was there before.
      const recovering = op.settings.env[RECOVER_ENV] === "true";
      const before = !owner
        ? new Set<string>()
        : recovering
          ? await removeOrphans(op, owner)
          : new Set((await madeBy(op, owner)).map((a) => String(a?.ActivationId)));
      const tags = Object.entries(inputs.tags ?? {}).map(([Key, Value]) => ({ Key, Value }));
      let answer: CallAnswer<typeof CreateActivation>;
      try {
        answer = await op.call(CreateActivation, {
          InstanceName: inputs.instanceName,
          Description: inputs.description,
          InstanceCount: inputs.instanceCount,
          TimeToLiveInHours: inputs.timeToLiveInHours,
          IpAddressRange: inputs.ipAddressRange,
          Tag: owner ? [...tags, { Key: OWNER_TAG, Value: owner }] : tags,
        });
      } catch (error) {
        // Every answer lost: an activation may exist whose code nobody will ever see.
        if (owner && error instanceof AlibabaCloudError && (error.afterUnanswered || error.outcome === "unknown")) {
          await removeOrphans(op, owner, before);
          throw new Error(
            `${error.message}. No answer reached the provider, so an activation it may have made has no known code; any such activation was deleted. Run up again.`,
          );
        }
        throw error;
      }
      const activationId = String(answer.ActivationId ?? "");
      const activationCode = String(answer.ActivationCode ?? "");
      if (!activationId || !activationCode) {
        throw new Error("CreateActivation answered without an ActivationId and ActivationCode");
      }
      // The activation exists and its code is never shown again: from here on a failure must
      // still record it (with its code), so that nothing is lost and the next up completes it.
      const made = { activationId, activationCode };
      try {
        if (inputs.disabled) await disable(op, activationId);
        const live = await describe(op, activationId);
        return { id: activationId, outs: managedInstanceActivation.outputs(inputs, live, made) };
      } catch (error) {
        const outs = managedInstanceActivation.outputs(inputs, undefined, made);
        throw new CreatedButFailed(
          activationId,
          outs,
          inputs,
          `Activation ${activationId} was made and is recorded, code included, but ${(error as Error).message}; the next up completes it`,
        );
      }
    },
  },

  remove: {
    async call(op, id) {
      try {
        await op.call(DeleteActivation, { ActivationId: id });
      } catch (error) {
        if (!(error instanceof AlibabaCloudError && error.code === "ActivationId.InUse")) throw error;
        // No page says whether an activation whose servers were all deregistered can be deleted.
        // If it cannot, nothing can register with it once disabled: that is as good as gone.
        const live = await describe(op, id);
        if (!live || live.registeredCount > live.deregisteredCount) throw error;
        await disable(op, id);
        op.log(
          `Activation ${id} is kept by Alibaba Cloud although none of its servers is registered any more: disabled instead, so that no server can register with it`,
        );
      }
    },
    goneCodes: codesFor("ecs", "DeleteActivation", "gone"),
    refusals: {
      "ActivationId.InUse": (activation) =>
        `Activation ${activation.activationId} still has registered managed instances, so it cannot be deleted. Deregister them first ` +
        "(destroy the ManagedInstanceRegistration resources that use it, or run `aliyun-service --deregister` on each server), then destroy again.",
    },
    waitUntilGone: false,
  },

  async update(op, id, olds, news) {
    if (news.disabled && !olds.disabled) await disable(op, id);
    return {
      ...managedInstanceActivation.outputs(news, undefined, olds),
      disabled: (news.disabled ?? false) || (olds.disabled ?? false),
    };
  },

  // Its code changes anyway, and deleting first means that a replacement never has two activations
  // of this resource's at once (unless the old one is kept by retainOnDelete).
  deleteBeforeReplace: () => true,

  diff(olds, news, changed, replacing) {
    const wasDisabled = olds.disabled ?? false;
    const wantDisabled = news.disabled ?? false;
    // The stored `disabled` is the live state; an omitted input means false.
    const effective = changed.filter((key) => key !== "disabled" || wasDisabled !== wantDisabled);
    // A disabled code cannot be enabled again: only a new activation is enabled.
    const replaces = wasDisabled && !wantDisabled ? [...replacing, "disabled"] : replacing;
    return { changes: effective.length > 0, replaces };
  },
};
