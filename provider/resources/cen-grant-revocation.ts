// CenGrantRevocation: lets a CEN instance (usually another account's) attach one of our network
// instances. Create = VPC GrantInstanceToCen; destroy = RevokeInstanceFromCen.
import { randomUUID } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { AlibabaCloudError } from "../client/errors.js";
import { uidToString } from "../client/numbers.js";
import { callRpc, type RpcResponse } from "../client/rpc.js";
import type { Settings } from "../client/settings.js";
import * as provider from "../providers/cen-grant-revocation.js";
import { changedKeys, inputsOf, type Lifecycle } from "./lifecycle.js";
import { refusePlaintextCredentials } from "./plaintext-guard.js";
import { checkProfile, checkRegion, defined, Failures, isUnknown } from "./validation.js";
import { WaitTimeoutError, waitUntil } from "./waiting.js";

/** The kinds of network instance that can be granted to a CEN instance. */
export type NetworkInstanceType = "VPC" | "VBR" | "CCN";

/** Inputs of {@link CenGrantRevocation}. */
export interface CenGrantRevocationArgs {
  /** The CEN instance allowed to attach the network instance, e.g. `cen-7qthudw0ll6jmc1a2b`. */
  readonly cenId: pulumi.Input<string>;
  /** UID of the account that owns the CEN instance, as a string of digits (a number only if below 2^53). */
  readonly cenOwnerId: pulumi.Input<string | number>;
  /** The network instance to grant: a VPC (`vpc-...`), VBR (`vbr-...`) or CCN (`ccn-...`). */
  readonly instanceId: pulumi.Input<string>;
  /** The kind of network instance; inferred from the `instanceId` prefix when omitted. */
  readonly instanceType?: pulumi.Input<NetworkInstanceType>;
  /** The region of the network instance; defaults to `alicloud:region` or ALIBABA_CLOUD_REGION. */
  readonly regionId?: pulumi.Input<string>;
  /** A profile in ~/.aliyun/config.json to act as (the network instance's owner), instead of the stack's credentials. */
  readonly profile?: pulumi.Input<string>;
  /** When the grant already exists, take it over instead of failing; destroy then revokes it. @default false */
  readonly adoptExisting?: pulumi.Input<boolean>;
}

/** The checked inputs, as stored in state. */
export interface CenGrantInputs {
  cenId: string;
  cenOwnerId: string;
  instanceId: string;
  instanceType: NetworkInstanceType;
  regionId: string;
  profile?: string;
  adoptExisting?: boolean;
}

/** The outputs: the inputs plus what Alibaba Cloud reports. */
export interface CenGrantOutputs extends CenGrantInputs {
  /** When the grant was made (ISO 8601, UTC). */
  creationTime: string;
  /** Whether this resource took over a grant that existed before it. */
  adopted: boolean;
}

const TYPE_BY_PREFIX: Record<string, NetworkInstanceType> = { vpc: "VPC", vbr: "VBR", ccn: "CCN" };
const IDENTITY: (keyof CenGrantInputs)[] = ["cenId", "cenOwnerId", "instanceId", "instanceType", "regionId"];
const INPUT_KEYS: (keyof CenGrantInputs)[] = [...IDENTITY, "profile", "adoptExisting"];
// Codes meaning the grant, or the instance itself, no longer exists (emulator/README.md documents the first).
const GONE_CODES = new Set(["InvalidOperation.GrantRuleNotExist", "InvalidInstanceId.NotFound"]);
const EXISTS_CODE = "Forbidden.GrantRuleExists";

/** The resource id, as Terraform writes it: `<cenId>:<instanceId>:<cenOwnerId>`. */
export function grantId(inputs: Pick<CenGrantInputs, "cenId" | "instanceId" | "cenOwnerId">): string {
  return `${inputs.cenId}:${inputs.instanceId}:${inputs.cenOwnerId}`;
}

interface GrantRule {
  creationTime: string;
}

/** The handlers of {@link CenGrantRevocation}. */
export function cenGrantRevocationHandlers(settings: Settings): Lifecycle<CenGrantInputs, CenGrantOutputs> {
  const { timing } = settings;

  /** The grant rule for these inputs, or undefined; `null` when the network instance itself is gone. */
  async function findRule(inputs: CenGrantInputs): Promise<GrantRule | undefined | null> {
    for (let page = 1; ; page += 1) {
      let answer: RpcResponse;
      try {
        answer = await callRpc(settings, {
          product: "vpc",
          action: "DescribeGrantRulesToCen",
          region: inputs.regionId,
          profile: inputs.profile,
          safety: "idempotent",
          params: { InstanceId: inputs.instanceId, InstanceType: inputs.instanceType, PageNumber: page, PageSize: 50 },
        });
      } catch (error) {
        if (error instanceof AlibabaCloudError && error.code === "InvalidInstanceId.NotFound") return null;
        throw error;
      }
      const container = answer.CenGrantRules as { CbnGrantRule?: unknown } | undefined;
      const rules = Array.isArray(container?.CbnGrantRule) ? (container.CbnGrantRule as Record<string, unknown>[]) : [];
      for (const rule of rules) {
        const owner = uidToString(rule.CenOwnerId) ?? String(rule.CenOwnerId ?? "");
        // Some answers carry CenOwnerId 0 (spec §5.3); a CEN id alone is unique, so accept that.
        if (rule.CenInstanceId === inputs.cenId && (owner === inputs.cenOwnerId || owner === "0" || owner === "")) {
          return { creationTime: String(rule.CreationTime ?? "") };
        }
      }
      const total = Number(answer.TotalCount ?? 0);
      if (rules.length === 0 || page * 50 >= total) return undefined;
    }
  }

  function outputs(inputs: CenGrantInputs, rule: GrantRule, adopted: boolean): CenGrantOutputs {
    return { ...inputs, creationTime: rule.creationTime, adopted };
  }

  function alreadyGranted(inputs: CenGrantInputs): Error {
    return new Error(
      `${inputs.instanceId} is already granted to ${inputs.cenId} (owner ${inputs.cenOwnerId}). ` +
        "Set adoptExisting: true to bring that grant under this stack (destroy will then revoke it), or remove it first.",
    );
  }

  async function adopt(inputs: CenGrantInputs): Promise<pulumi.dynamic.CreateResult<CenGrantOutputs>> {
    const rule = await waitUntil(
      { what: `the existing grant of ${inputs.instanceId} to ${inputs.cenId}`, ...waitTiming() },
      async () => (await findRule(inputs)) ?? undefined,
    );
    return { id: grantId(inputs), outs: outputs(inputs, rule, true) };
  }

  function waitTiming() {
    return { timeoutMs: timing.visibilityTimeoutMs, intervalMs: timing.pollIntervalMs, log: settings.log };
  }

  return {
    async check(olds, news) {
      const failures = new Failures();
      const cenId = failures.text(
        news,
        "cenId",
        /^cen-[a-z0-9]+$/,
        "a CEN instance ID such as cen-7qthudw0ll6jmc",
        true,
      );
      const instanceId = failures.text(
        news,
        "instanceId",
        /^(vpc|vbr|ccn)-[a-z0-9]+$/,
        "a VPC, VBR or CCN ID (vpc-..., vbr-..., ccn-...)",
        true,
      );
      let cenOwnerId: string | undefined;
      if (isUnknown(news.cenOwnerId)) cenOwnerId = news.cenOwnerId as string;
      else if (news.cenOwnerId === undefined || news.cenOwnerId === null || news.cenOwnerId === "") {
        failures.add("cenOwnerId", "cenOwnerId is required: the UID of the account that owns the CEN instance");
      } else {
        cenOwnerId = uidToString(news.cenOwnerId);
        if (cenOwnerId === undefined) {
          failures.add(
            "cenOwnerId",
            typeof news.cenOwnerId === "number"
              ? `cenOwnerId ${news.cenOwnerId} is above 2^53 and cannot be exact as a JavaScript number: pass the UID as a string of digits`
              : `cenOwnerId must be an account UID, a string of up to 20 digits; got ${JSON.stringify(news.cenOwnerId)}`,
          );
        }
      }
      let instanceType = failures.text(news, "instanceType", /^(VPC|VBR|CCN)$/, '"VPC", "VBR" or "CCN"', false);
      if (instanceId && !isUnknown(instanceId) && !isUnknown(instanceType)) {
        const inferred = TYPE_BY_PREFIX[instanceId.slice(0, 3)];
        if (!instanceType) instanceType = inferred;
        else if (inferred && instanceType !== inferred) {
          failures.add(
            "instanceType",
            `instanceType ${instanceType} does not match instanceId ${instanceId}, which is a ${inferred}`,
          );
        }
      }
      const regionId = checkRegion(failures, olds, news, settings);
      const profile = checkProfile(failures, news);
      failures.flag(news, "adoptExisting");
      const inputs = defined({
        cenId,
        cenOwnerId,
        instanceId,
        instanceType,
        regionId,
        profile,
        adoptExisting: news.adoptExisting as boolean | undefined,
      }) as CenGrantInputs;
      return failures.result(inputs);
    },

    async diff(_id, olds, news) {
      const replaces = changedKeys<CenGrantInputs>(olds, news, IDENTITY);
      const changes = replaces.length > 0 || changedKeys<CenGrantInputs>(olds, news, INPUT_KEYS).length > 0;
      // Revoking the old grant after granting a new one with the same natural key would undo the new one.
      const sameKey =
        olds.cenId === news.cenId && olds.instanceId === news.instanceId && olds.cenOwnerId === news.cenOwnerId;
      return { changes, replaces: replaces as string[], deleteBeforeReplace: replaces.length > 0 && sameKey };
    },

    async create(inputs) {
      const existing = await findRule(inputs);
      if (existing === null) {
        throw new Error(
          `${inputs.instanceType} ${inputs.instanceId} was not found in ${inputs.regionId} for these credentials`,
        );
      }
      if (existing) {
        if (!inputs.adoptExisting) throw alreadyGranted(inputs);
        return { id: grantId(inputs), outs: outputs(inputs, existing, true) };
      }
      try {
        await callRpc(settings, {
          product: "vpc",
          action: "GrantInstanceToCen",
          region: inputs.regionId,
          profile: inputs.profile,
          // One token for every retry of this create: the service grants at most once.
          safety: "client-token",
          params: {
            CenId: inputs.cenId,
            CenOwnerId: inputs.cenOwnerId,
            InstanceId: inputs.instanceId,
            InstanceType: inputs.instanceType,
            ClientToken: randomUUID(),
          },
        });
      } catch (error) {
        // Someone else granted it between our look and our call.
        if (error instanceof AlibabaCloudError && error.code === EXISTS_CODE) {
          if (!inputs.adoptExisting) throw alreadyGranted(inputs);
          return adopt(inputs);
        }
        throw error;
      }
      const rule = await waitUntil(
        { what: `the grant of ${inputs.instanceId} to ${inputs.cenId} to appear`, ...waitTiming() },
        async () => (await findRule(inputs)) ?? undefined,
      ).catch((error: unknown) => {
        // The grant call succeeded: record the grant rather than leave it outside the state.
        if (!(error instanceof WaitTimeoutError)) throw error;
        settings.log?.(`${error.message}; recorded anyway (GrantInstanceToCen succeeded), refresh will read it`);
        return { creationTime: "" };
      });
      return { id: grantId(inputs), outs: outputs(inputs, rule, false) };
    },

    async read(id, props) {
      const rule = await findRule(props);
      if (!rule) return {};
      const live = outputs(props, rule, props.adopted ?? false);
      return { id, props: live, inputs: inputsOf(props, INPUT_KEYS) };
    },

    async update(_id, olds, news) {
      // Only profile and adoptExisting can change in place, and neither touches the grant.
      return { outs: { ...news, creationTime: olds.creationTime, adopted: olds.adopted } };
    },

    async delete(_id, props) {
      try {
        await callRpc(settings, {
          product: "vpc",
          action: "RevokeInstanceFromCen",
          region: props.regionId,
          profile: props.profile,
          safety: "client-token",
          params: {
            CenId: props.cenId,
            CenOwnerId: props.cenOwnerId,
            InstanceId: props.instanceId,
            InstanceType: props.instanceType,
            ClientToken: randomUUID(),
          },
        });
      } catch (error) {
        if (error instanceof AlibabaCloudError && GONE_CODES.has(error.code)) return;
        // Alibaba does not document what revoking a missing grant answers: whatever the refusal,
        // a grant that is not there any more is a successful delete.
        if (error instanceof AlibabaCloudError && error.outcome === "answered" && !(await findRule(props))) return;
        throw error;
      }
      await waitUntil(
        { what: `the grant of ${props.instanceId} to ${props.cenId} to disappear`, ...waitTiming() },
        async () => ((await findRule(props)) ? undefined : true),
      );
    },
  };
}

/**
 * Grants a VPC, VBR or CCN to a CEN instance, usually one owned by another account, which can then
 * attach it. Destroying the resource revokes the grant.
 */
export class CenGrantRevocation extends pulumi.dynamic.Resource {
  /** The CEN instance the network instance is granted to. */
  declare readonly cenId: pulumi.Output<string>;
  /** UID of the CEN instance's owner, as a string of digits. */
  declare readonly cenOwnerId: pulumi.Output<string>;
  /** The granted network instance. */
  declare readonly instanceId: pulumi.Output<string>;
  /** The kind of the granted network instance. */
  declare readonly instanceType: pulumi.Output<NetworkInstanceType>;
  /** The region of the granted network instance. */
  declare readonly regionId: pulumi.Output<string>;
  /** When the grant was made (ISO 8601, UTC). */
  declare readonly creationTime: pulumi.Output<string>;
  /** Whether this resource took over a grant that already existed. */
  declare readonly adopted: pulumi.Output<boolean>;

  /** Declares the grant; see {@link CenGrantRevocationArgs}. */
  constructor(name: string, args: CenGrantRevocationArgs, opts?: pulumi.CustomResourceOptions) {
    refusePlaintextCredentials();
    super(
      provider,
      name,
      { instanceType: undefined, regionId: undefined, ...args, creationTime: undefined, adopted: undefined },
      opts,
      "alicloud",
      "CenGrantRevocation",
    );
  }
}
