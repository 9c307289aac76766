// How an activation is read, made and removed. Its id is assigned by the service, and its code is
// returned once, by CreateActivation: from the moment that call answers, nothing may fail the
// create, or the code would be lost.
import { CreateActivation, DeleteActivation, DescribeActivations, DisableActivation } from "../../api/ecs.js";
import type { CallAnswer } from "../client/rpc.js";
import type { Inputs, ResourceSpec } from "../framework/lifecycle.js";
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

async function disable(op: Operation, activationId: string): Promise<void> {
  await op.call(DisableActivation, { ActivationId: activationId });
}

/** ManagedInstanceActivation's lifecycle. */
export const managedInstanceActivation: ResourceSpec<typeof ACTIVATION_FIELDS, LiveActivation> = {
  fields: ACTIVATION_FIELDS,
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
      const answer = await op.call(CreateActivation, {
        InstanceName: inputs.instanceName,
        Description: inputs.description,
        InstanceCount: inputs.instanceCount,
        TimeToLiveInHours: inputs.timeToLiveInHours,
        IpAddressRange: inputs.ipAddressRange,
        Tag: Object.entries(inputs.tags ?? {}).map(([Key, Value]) => ({ Key, Value })),
      });
      const activationId = String(answer.ActivationId ?? "");
      const activationCode = String(answer.ActivationCode ?? "");
      if (!activationId || !activationCode) {
        throw new Error("CreateActivation answered without an ActivationId and ActivationCode");
      }
      // The activation exists and its code is never shown again: from here on nothing may fail
      // the create, or the code would be lost. What does not work now, refresh and up repair.
      let live: LiveActivation | undefined;
      try {
        if (inputs.disabled) await disable(op, activationId);
        live = await describe(op, activationId);
      } catch (error) {
        op.log(
          `Activation ${activationId} was created, but reading it back failed (${(error as Error).message}); the next refresh or up completes it`,
        );
      }
      const outs = managedInstanceActivation.outputs(inputs, live, { activationId, activationCode });
      return { id: activationId, outs };
    },
  },

  remove: {
    async call(op, id) {
      await op.call(DeleteActivation, { ActivationId: id });
    },
    goneCodes: ["ActivationId.NotFound"],
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
