// ClassicLinkAttachment: links a classic-network ECS instance to a VPC so that the two can talk
// over private addresses. Create = ECS AttachClassicLinkVpc; destroy = DetachClassicLinkVpc.
import * as pulumi from "@pulumi/pulumi";
import { AlibabaCloudError } from "../client/errors.js";
import { callRpc } from "../client/rpc.js";
import type { Settings } from "../client/settings.js";
import * as provider from "../providers/classic-link-attachment.js";
import { changedKeys, inputsOf, type Lifecycle } from "./lifecycle.js";
import { refusePlaintextCredentials } from "./plaintext-guard.js";
import { checkProfile, checkRegion, defined, Failures } from "./validation.js";
import { WaitTimeoutError, waitUntil } from "./waiting.js";

/** Inputs of {@link ClassicLinkAttachment}. */
export interface ClassicLinkAttachmentArgs {
  /** The classic-network ECS instance to link, e.g. `i-bp1gtjxuuvwj17zr5e6f`. */
  readonly instanceId: pulumi.Input<string>;
  /** The VPC to link it to (ClassicLink must be enabled on it), e.g. `vpc-bp1j4z1sr8zxu4l8u3c4d`. */
  readonly vpcId: pulumi.Input<string>;
  /** The region of both; defaults to `alicloud:region` or ALIBABA_CLOUD_REGION. */
  readonly regionId?: pulumi.Input<string>;
  /** A profile in ~/.aliyun/config.json to act as, instead of the stack's credentials. */
  readonly profile?: pulumi.Input<string>;
  /** When the instance is already linked to this VPC, take the link over instead of failing; destroy then unlinks it. @default false */
  readonly adoptExisting?: pulumi.Input<boolean>;
}

/** The checked inputs, as stored in state. */
export interface ClassicLinkInputs {
  instanceId: string;
  vpcId: string;
  regionId: string;
  profile?: string;
  adoptExisting?: boolean;
}

/** The outputs: the inputs plus whether the link was adopted. */
export interface ClassicLinkOutputs extends ClassicLinkInputs {
  /** Whether this resource took over a link that existed before it. */
  adopted: boolean;
}

const IDENTITY: (keyof ClassicLinkInputs)[] = ["instanceId", "vpcId", "regionId"];
const INPUT_KEYS: (keyof ClassicLinkInputs)[] = [...IDENTITY, "profile", "adoptExisting"];
// An instance that is Starting or Stopping, or briefly locked, will accept the call in a moment.
const TRANSIENT_CODES = ["InvalidStatus.InstanceStatus", "InvalidStatus.InstanceLocked"];
// Detach of a link that is not there: the instance is gone, or it is not linked to this VPC.
const GONE_CODES = new Set(["InvalidInstanceId.NotFound", "InvalidOperation.InvalidVpc"]);

/** The resource id: `<instanceId>:<vpcId>`. */
export function linkId(inputs: Pick<ClassicLinkInputs, "instanceId" | "vpcId">): string {
  return `${inputs.instanceId}:${inputs.vpcId}`;
}

/** The handlers of {@link ClassicLinkAttachment}. */
export function classicLinkAttachmentHandlers(settings: Settings): Lifecycle<ClassicLinkInputs, ClassicLinkOutputs> {
  const { timing } = settings;
  const waitTiming = () => ({
    timeoutMs: timing.visibilityTimeoutMs,
    intervalMs: timing.pollIntervalMs,
    log: settings.log,
  });

  /** The VPC the instance is linked to; undefined when none; null when the instance does not exist. */
  async function linkedVpc(inputs: ClassicLinkInputs): Promise<string | undefined | null> {
    try {
      const answer = await callRpc(settings, {
        product: "ecs",
        action: "DescribeClassicLinkInstances",
        region: inputs.regionId,
        profile: inputs.profile,
        safety: "idempotent",
        params: { InstanceId: inputs.instanceId, PageNumber: "1", PageSize: "100" },
      });
      const container = answer.Links as { Link?: unknown } | undefined;
      const links = Array.isArray(container?.Link) ? (container.Link as Record<string, unknown>[]) : [];
      const link = links.find((l) => l.InstanceId === inputs.instanceId);
      return typeof link?.VpcId === "string" ? link.VpcId : undefined;
    } catch (error) {
      if (error instanceof AlibabaCloudError && error.code === "InvalidInstanceId.NotFound") return null;
      throw error;
    }
  }

  const describe = (inputs: ClassicLinkInputs) => `${inputs.instanceId} to ${inputs.vpcId}`;

  return {
    async check(olds, news) {
      const failures = new Failures();
      const instanceId = failures.text(
        news,
        "instanceId",
        /^i-[a-z0-9]+$/,
        "an ECS instance ID such as i-bp1gtjxuuvwj17zr",
        true,
      );
      const vpcId = failures.text(news, "vpcId", /^vpc-[a-z0-9]+$/, "a VPC ID such as vpc-bp1j4z1sr8zxu4l8u", true);
      const regionId = checkRegion(failures, olds, news, settings);
      const profile = checkProfile(failures, news);
      failures.flag(news, "adoptExisting");
      const inputs = defined({
        instanceId,
        vpcId,
        regionId,
        profile,
        adoptExisting: news.adoptExisting as boolean | undefined,
      }) as ClassicLinkInputs;
      return failures.result(inputs);
    },

    async diff(_id, olds, news) {
      const replaces = changedKeys<ClassicLinkInputs>(olds, news, IDENTITY);
      const changes = replaces.length > 0 || changedKeys<ClassicLinkInputs>(olds, news, INPUT_KEYS).length > 0;
      // An instance links to one VPC at a time: moving it must unlink the old VPC first.
      return {
        changes,
        replaces: replaces as string[],
        deleteBeforeReplace: replaces.length > 0 && olds.instanceId === news.instanceId,
      };
    },

    async create(inputs) {
      const current = await linkedVpc(inputs);
      if (current === null) {
        throw new Error(`ECS instance ${inputs.instanceId} was not found in ${inputs.regionId} for these credentials`);
      }
      if (current === inputs.vpcId) {
        if (!inputs.adoptExisting) {
          throw new Error(
            `${inputs.instanceId} is already linked to ${inputs.vpcId}. Set adoptExisting: true to bring that link under this stack (destroy will then unlink it), or unlink it first.`,
          );
        }
        return { id: linkId(inputs), outs: { ...inputs, adopted: true } };
      }
      if (current) {
        throw new Error(
          `${inputs.instanceId} is linked to ${current}; an instance links to one VPC at a time. Unlink it from ${current} first.`,
        );
      }
      try {
        await callRpc(settings, {
          product: "ecs",
          action: "AttachClassicLinkVpc",
          region: inputs.regionId,
          profile: inputs.profile,
          // No ClientToken on this API: after an unanswered attempt, look before linking again.
          safety: "verify",
          verify: async () => ((await linkedVpc(inputs)) === inputs.vpcId ? "applied" : "not-applied"),
          retryCodes: TRANSIENT_CODES,
          params: { InstanceId: inputs.instanceId, VpcId: inputs.vpcId },
        });
      } catch (error) {
        // A retry of a link that did take effect is refused as "already linked": that is our
        // success, once Describe (eventually consistent) shows it within a few polls.
        if (!(error instanceof AlibabaCloudError && error.code === "OperationDenied")) throw error;
        const linked = await waitUntil(
          {
            what: `the link of ${describe(inputs)}`,
            timeoutMs: timing.pollIntervalMs * 3,
            intervalMs: timing.pollIntervalMs,
          },
          async () => ((await linkedVpc(inputs)) === inputs.vpcId ? true : undefined),
        ).catch(() => false);
        if (!linked) throw error;
      }
      await waitUntil({ what: `the link of ${describe(inputs)} to appear`, ...waitTiming() }, async () =>
        (await linkedVpc(inputs)) === inputs.vpcId ? true : undefined,
      ).catch((error: unknown) => {
        // The link call succeeded: record the link rather than leave it outside the state.
        if (!(error instanceof WaitTimeoutError)) throw error;
        settings.log?.(`${error.message}; recorded anyway (AttachClassicLinkVpc succeeded), refresh will read it`);
      });
      return { id: linkId(inputs), outs: { ...inputs, adopted: false } };
    },

    async read(id, props) {
      if ((await linkedVpc(props)) !== props.vpcId) return {};
      return { id, props: { ...props }, inputs: inputsOf(props, INPUT_KEYS) };
    },

    async update(_id, olds, news) {
      // Only profile and adoptExisting can change in place, and neither touches the link.
      return { outs: { ...news, adopted: olds.adopted } };
    },

    async delete(_id, props) {
      try {
        await callRpc(settings, {
          product: "ecs",
          action: "DetachClassicLinkVpc",
          region: props.regionId,
          profile: props.profile,
          safety: "verify",
          verify: async () => ((await linkedVpc(props)) === props.vpcId ? "not-applied" : "applied"),
          retryCodes: TRANSIENT_CODES,
          params: { InstanceId: props.instanceId, VpcId: props.vpcId },
        });
      } catch (error) {
        if (error instanceof AlibabaCloudError && GONE_CODES.has(error.code)) return;
        if (error instanceof AlibabaCloudError && error.code === "OperationDenied") {
          throw new Error(
            `Alibaba Cloud refuses to unlink ${describe(props)}: ${error.message}. The link stays; resolve the cause (for example re-enable ClassicLink on the VPC), then run destroy again.`,
          );
        }
        throw error;
      }
      await waitUntil({ what: `the link of ${describe(props)} to disappear`, ...waitTiming() }, async () =>
        (await linkedVpc(props)) === props.vpcId ? undefined : true,
      );
    },
  };
}

/** Links a classic-network ECS instance to a VPC. Destroying the resource unlinks it. */
export class ClassicLinkAttachment extends pulumi.dynamic.Resource {
  /** The linked classic-network instance. */
  declare readonly instanceId: pulumi.Output<string>;
  /** The VPC it is linked to. */
  declare readonly vpcId: pulumi.Output<string>;
  /** The region of both. */
  declare readonly regionId: pulumi.Output<string>;
  /** Whether this resource took over a link that already existed. */
  declare readonly adopted: pulumi.Output<boolean>;

  /** Declares the link; see {@link ClassicLinkAttachmentArgs}. */
  constructor(name: string, args: ClassicLinkAttachmentArgs, opts?: pulumi.CustomResourceOptions) {
    refusePlaintextCredentials();
    super(
      provider,
      name,
      { regionId: undefined, ...args, adopted: undefined },
      opts,
      "alicloud",
      "ClassicLinkAttachment",
    );
  }
}
