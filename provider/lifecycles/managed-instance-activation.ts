// How an activation is read, made and removed. Its id is assigned by the service, and its code is
// returned once, by CreateActivation: from the moment that call answers, nothing may fail the
// create, or the code would be lost.

import { CreateActivation, DeleteActivation, DescribeActivations, DisableActivation } from "../../api/ecs.js";
import { codesFor } from "../client/error-handling.js";
import { AlibabaCloudError } from "../client/errors.js";
import type { CallAnswer } from "../client/rpc.js";
import { OWNER_TAG } from "../framework/holdings.js";
import type { Operation } from "../framework/operation.js";
import { CLOUD_ASSISTANT_REGIONS } from "../framework/regions.js";
import type { Inputs, ResourceSpec } from "../framework/resource-spec.js";
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

  // The owner tag marks the activations this resource made: its code, returned once, is lost with
  // a lost answer, so the framework deletes what such a create made (resource-spec.ts, ServiceIdCreate).
  create: {
    style: "service-id",
    async call(op, inputs: Activation, marker) {
      const tags = Object.entries(inputs.tags ?? {}).map(([Key, Value]) => ({ Key, Value }));
      const answer = await op.call(CreateActivation, {
        InstanceName: inputs.instanceName,
        Description: inputs.description,
        InstanceCount: inputs.instanceCount,
        TimeToLiveInHours: inputs.timeToLiveInHours,
        IpAddressRange: inputs.ipAddressRange,
        Tag: marker ? [...tags, { Key: OWNER_TAG, Value: marker }] : tags,
      });
      const activationId = String(answer.ActivationId ?? "");
      const activationCode = String(answer.ActivationCode ?? "");
      if (!activationId || !activationCode) {
        throw new Error("CreateActivation answered without an ActivationId and ActivationCode");
      }
      return { id: activationId, once: { activationId, activationCode } };
    },
    async marked(op, marker) {
      const answer = await op.call(DescribeActivations, { Tag: [{ Key: OWNER_TAG, Value: marker }], MaxResults: 50 });
      return (answer.ActivationList ?? [])
        .filter((listed) => listed?.ActivationId)
        .map((listed) => {
          const live = liveFields(listed);
          return { id: String(listed?.ActivationId), inUse: live.registeredCount > live.deregisteredCount };
        });
    },
    returnedOnce: "its code",
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

  // A disabled code cannot be enabled again: only a new activation is enabled.
  replaceWhen: { disabled: (olds, news) => olds.disabled === true && news.disabled !== true },
};
