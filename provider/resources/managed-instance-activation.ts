// ManagedInstanceActivation: an activation code with which servers outside Alibaba Cloud register
// with Cloud Assistant. Create = ECS CreateActivation (the code is returned once, and kept as a
// secret output); `disabled: true` = DisableActivation; destroy = DeleteActivation.
import { randomUUID } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { AlibabaCloudError } from "../client/errors.js";
import { callRpc } from "../client/rpc.js";
import type { Settings } from "../client/settings.js";
import * as provider from "../providers/managed-instance-activation.js";
import { changedKeys, inputsOf, type Lifecycle } from "./lifecycle.js";
import { refusePlaintextCredentials } from "./plaintext-guard.js";
import { checkProfile, checkRegion, defined, Failures, isUnknown } from "./validation.js";

/** Inputs of {@link ManagedInstanceActivation}. */
export interface ManagedInstanceActivationArgs {
  /** The region the servers will register in; defaults to `alicloud:region` or ALIBABA_CLOUD_REGION. */
  readonly regionId?: pulumi.Input<string>;
  /** Name prefix of the registered instances (`<name>-001`, ...); their hostname when omitted. */
  readonly instanceName?: pulumi.Input<string>;
  /** A description of the activation (1 to 100 characters). */
  readonly description?: pulumi.Input<string>;
  /** How many servers may register with the code (1 to 1000). @default 10 */
  readonly instanceCount?: pulumi.Input<number>;
  /** How long the code can be used, in hours. @default 4 */
  readonly timeToLiveInHours?: pulumi.Input<number>;
  /** The IPv4/IPv6 addresses or CIDR blocks allowed to use the code, e.g. `10.0.0.0/8`. @default "0.0.0.0/0" */
  readonly ipAddressRange?: pulumi.Input<string>;
  /** Tags of the activation (up to 20). */
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Set to true to disable the code (no new registrations; registered servers stay). One way. @default false */
  readonly disabled?: pulumi.Input<boolean>;
  /** A profile in ~/.aliyun/config.json to act as, instead of the stack's credentials. */
  readonly profile?: pulumi.Input<string>;
}

/** The checked inputs, as stored in state. */
export interface ActivationInputs {
  regionId: string;
  instanceName?: string;
  description?: string;
  instanceCount?: number;
  timeToLiveInHours?: number;
  ipAddressRange?: string;
  tags?: Record<string, string>;
  disabled?: boolean;
  profile?: string;
}

/** The outputs: the inputs plus what Alibaba Cloud reports. */
export interface ActivationOutputs extends ActivationInputs {
  /** The activation ID. */
  activationId: string;
  /** The activation code: returned once, at creation; a secret. */
  activationCode: string;
  /** When the activation was created (ISO 8601, UTC). */
  creationTime: string;
  /** How many servers registered with it. */
  registeredCount: number;
  /** How many of those were deregistered since. */
  deregisteredCount: number;
}

const REPLACING: (keyof ActivationInputs)[] = [
  "regionId",
  "instanceName",
  "description",
  "instanceCount",
  "timeToLiveInHours",
  "ipAddressRange",
  "tags",
];
const NAME_PATTERN = /^(?!https?:\/\/)[A-Za-z][A-Za-z0-9._:-]{1,49}$/;

/** The handlers of {@link ManagedInstanceActivation}. */
export function managedInstanceActivationHandlers(settings: Settings): Lifecycle<ActivationInputs, ActivationOutputs> {
  async function describe(
    inputs: ActivationInputs,
    activationId: string,
  ): Promise<Record<string, unknown> | undefined> {
    const answer = await callRpc(settings, {
      product: "ecs",
      action: "DescribeActivations",
      region: inputs.regionId,
      profile: inputs.profile,
      safety: "idempotent",
      params: { ActivationId: activationId },
    });
    const list = Array.isArray(answer.ActivationList) ? (answer.ActivationList as Record<string, unknown>[]) : [];
    return list.find((a) => a.ActivationId === activationId);
  }

  async function disable(inputs: ActivationInputs, activationId: string): Promise<void> {
    await callRpc(settings, {
      product: "ecs",
      action: "DisableActivation",
      region: inputs.regionId,
      profile: inputs.profile,
      safety: "idempotent",
      params: { ActivationId: activationId },
    });
  }

  function liveFields(activation: Record<string, unknown>) {
    return {
      creationTime: String(activation.CreationTime ?? ""),
      registeredCount: Number(activation.RegisteredCount ?? 0),
      deregisteredCount: Number(activation.DeregisteredCount ?? 0),
      disabled: activation.Disabled === true || activation.Disabled === "true",
    };
  }

  return {
    async check(olds, news) {
      const failures = new Failures();
      const regionId = checkRegion(failures, olds, news, settings);
      const profile = checkProfile(failures, news);
      const instanceName = failures.text(
        news,
        "instanceName",
        NAME_PATTERN,
        "2 to 50 characters, starting with a letter; letters, digits, '.', '_', '-' and ':'",
        false,
      );
      const description = failures.text(news, "description", /^[\s\S]{1,100}$/, "1 to 100 characters", false);
      const ipAddressRange = failures.text(
        news,
        "ipAddressRange",
        /^[0-9a-fA-F:.]+(\/\d{1,3})?$/,
        "an IPv4 or IPv6 address or CIDR block such as 10.0.0.0/8",
        false,
      );
      failures.integer(news, "instanceCount", 1, 1000);
      // Alibaba's pages disagree (1-4 and 1-24 hours); accept the wider range and let the service decide.
      failures.integer(news, "timeToLiveInHours", 1, 24);
      failures.flag(news, "disabled");
      const tags = news.tags;
      if (tags !== undefined && tags !== null && !isUnknown(tags)) {
        const entries = typeof tags === "object" && !Array.isArray(tags) ? Object.entries(tags) : undefined;
        if (!entries) failures.add("tags", "tags must be an object of string keys and string values");
        else if (entries.length > 20) failures.add("tags", `tags may hold at most 20 entries; got ${entries.length}`);
        else {
          for (const [key, value] of entries) {
            if (!key || key.length > 64 || /^(acs:|aliyun)/.test(key) || /https?:\/\//.test(key)) {
              failures.add(
                "tags",
                `tag key "${key}" must be 1 to 64 characters, not start with acs: or aliyun, and hold no URL`,
              );
            } else if (!isUnknown(value) && (typeof value !== "string" || value.length > 128)) {
              failures.add("tags", `tag "${key}" must have a string value of at most 128 characters`);
            }
          }
        }
      }
      const inputs = defined({
        regionId,
        instanceName,
        description,
        instanceCount: news.instanceCount as number | undefined,
        timeToLiveInHours: news.timeToLiveInHours as number | undefined,
        ipAddressRange,
        tags: tags as Record<string, string> | undefined,
        disabled: news.disabled as boolean | undefined,
        profile,
      }) as ActivationInputs;
      return failures.result(inputs);
    },

    async diff(_id, olds, news) {
      const replaces = changedKeys<ActivationInputs>(olds, news, REPLACING) as string[];
      const isDisabled = olds.disabled ?? false;
      const wantDisabled = news.disabled ?? false;
      // A disabled code cannot be enabled again: only a new activation is enabled.
      if (isDisabled && !wantDisabled) replaces.push("disabled");
      const changes = replaces.length > 0 || isDisabled !== wantDisabled || olds.profile !== news.profile;
      return { changes, replaces, deleteBeforeReplace: false };
    },

    async create(inputs) {
      const tags = Object.entries(inputs.tags ?? {});
      const answer = await callRpc(settings, {
        product: "ecs",
        action: "CreateActivation",
        region: inputs.regionId,
        profile: inputs.profile,
        safety: "client-token",
        params: {
          InstanceName: inputs.instanceName,
          Description: inputs.description,
          InstanceCount: inputs.instanceCount,
          TimeToLiveInHours: inputs.timeToLiveInHours,
          IpAddressRange: inputs.ipAddressRange,
          ClientToken: randomUUID(),
          ...Object.fromEntries(
            tags.flatMap(([key, value], i) => [
              [`Tag.${i + 1}.Key`, key],
              [`Tag.${i + 1}.Value`, value],
            ]),
          ),
        },
      });
      const activationId = String(answer.ActivationId ?? "");
      const activationCode = String(answer.ActivationCode ?? "");
      if (!activationId || !activationCode) {
        throw new Error("CreateActivation answered without an ActivationId and ActivationCode");
      }
      // The activation exists and its code is never shown again: from here on nothing may fail
      // the create, or the code would be lost. What does not work now, refresh and up repair.
      let live: ReturnType<typeof liveFields> = {
        creationTime: "",
        registeredCount: 0,
        deregisteredCount: 0,
        disabled: false,
      };
      try {
        if (inputs.disabled) await disable(inputs, activationId);
        const found = await describe(inputs, activationId);
        if (found) live = liveFields(found);
      } catch (error) {
        settings.log?.(
          `Activation ${activationId} was created, but reading it back failed (${(error as Error).message}); the next refresh or up completes it`,
        );
      }
      return { id: activationId, outs: { ...inputs, activationId, activationCode, ...live } };
    },

    async read(id, props) {
      const live = await describe(props, id);
      if (!live) return {};
      return {
        id,
        props: { ...props, ...liveFields(live) },
        inputs: inputsOf(props, [...REPLACING, "disabled", "profile"]),
      };
    },

    async update(id, olds, news) {
      if (news.disabled && !olds.disabled) await disable(news, id);
      const { activationId, activationCode, creationTime, registeredCount, deregisteredCount } = olds;
      const computed = { activationId, activationCode, creationTime, registeredCount, deregisteredCount };
      return { outs: { ...news, ...computed, disabled: (news.disabled ?? false) || (olds.disabled ?? false) } };
    },

    async delete(id, props) {
      try {
        await callRpc(settings, {
          product: "ecs",
          action: "DeleteActivation",
          region: props.regionId,
          profile: props.profile,
          safety: "idempotent",
          params: { ActivationId: id },
        });
      } catch (error) {
        if (error instanceof AlibabaCloudError && error.code === "ActivationId.NotFound") return;
        if (error instanceof AlibabaCloudError && error.code === "ActivationId.InUse") {
          throw new Error(
            `Activation ${id} still has registered managed instances, so it cannot be deleted. Deregister them first ` +
              "(destroy the ManagedInstanceRegistration resources that use it, or run `aliyun-service --deregister` on each server), then destroy again.",
          );
        }
        throw error;
      }
    },
  };
}

/**
 * A Cloud Assistant activation: servers outside Alibaba Cloud register with its code and become
 * managed instances. The code is an output marked secret, available only from the create.
 */
export class ManagedInstanceActivation extends pulumi.dynamic.Resource {
  /** The activation ID. */
  declare readonly activationId: pulumi.Output<string>;
  /** The activation code (secret): what `aliyun-service --register --ActivationCode` needs. */
  declare readonly activationCode: pulumi.Output<string>;
  /** When the activation was created (ISO 8601, UTC). */
  declare readonly creationTime: pulumi.Output<string>;
  /** How many servers registered with it. */
  declare readonly registeredCount: pulumi.Output<number>;
  /** How many of those were deregistered since. */
  declare readonly deregisteredCount: pulumi.Output<number>;
  /** Whether the code is disabled. */
  declare readonly disabled: pulumi.Output<boolean>;
  /** The region of the activation. */
  declare readonly regionId: pulumi.Output<string>;

  /** Declares the activation; see {@link ManagedInstanceActivationArgs}. */
  constructor(name: string, args: ManagedInstanceActivationArgs, opts?: pulumi.CustomResourceOptions) {
    refusePlaintextCredentials();
    const computed = {
      activationId: undefined,
      activationCode: undefined,
      creationTime: undefined,
      registeredCount: undefined,
      deregisteredCount: undefined,
      disabled: undefined,
      regionId: undefined,
    };
    super(
      provider,
      name,
      { ...computed, ...args },
      pulumi.mergeOptions(opts, { additionalSecretOutputs: ["activationCode"] }),
      "alicloud",
      "ManagedInstanceActivation",
    );
  }
}
