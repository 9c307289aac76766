// ManagedInstanceActivation: an activation code with which servers outside Alibaba Cloud register
// with Cloud Assistant. Create = ECS CreateActivation (the code is returned once, and kept as a
// secret output); `disabled: true` = DisableActivation; destroy = DeleteActivation. Program side.
import { isIP } from "node:net";
import type * as pulumi from "@pulumi/pulumi";
import type { ScopeArgs } from "../framework/common-fields.js";
import { resourceClass } from "../framework/resource.js";
import { computed, custom, declareFields, flag, integer, Refusal, shown, text } from "../framework/schema.js";
import * as provider from "../providers/managed-instance-activation.js";

/** Inputs of {@link ManagedInstanceActivation}. */
export interface ManagedInstanceActivationArgs extends ScopeArgs {
  /** Name prefix of the registered instances (`<name>-001`, ...); their hostname when omitted. */
  readonly instanceName?: pulumi.Input<string>;
  /** A description of the activation (1 to 100 characters). */
  readonly description?: pulumi.Input<string>;
  /** How many servers may register with the code (1 to 1000). @default 10 */
  readonly instanceCount?: pulumi.Input<number>;
  /** How long the code can be used, in hours. @default 4 */
  readonly timeToLiveInHours?: pulumi.Input<number>;
  /** The IPv4/IPv6 address or CIDR block allowed to use the code, e.g. `10.0.0.0/8`. @default "0.0.0.0/0" */
  readonly ipAddressRange?: pulumi.Input<string>;
  /** Tags of the activation (up to 20). */
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Set to true to disable the code (no new registrations; registered servers stay). One way. @default false */
  readonly disabled?: pulumi.Input<boolean>;
}

const NAME_PATTERN = /^(?!https?:\/\/)[A-Za-z][A-Za-z0-9._:-]{1,49}$/;

/** An IPv4 or IPv6 address, or a CIDR block whose prefix fits the address. */
function isAddressRange(value: string): boolean {
  const [address = "", prefix, ...rest] = value.split("/");
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

const TAGS_ALLOWED =
  "an object of up to 20 tags: keys of 1 to 64 characters, not starting with acs: or aliyun and holding no URL; string values of at most 128 characters";

function parseTags(value: unknown, name: string): Record<string, string> | Refusal {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return new Refusal(`${name} must be ${TAGS_ALLOWED}; got ${shown(value)}`);
  }
  const entries = Object.entries(value);
  if (entries.length > 20) return new Refusal(`${name} may hold at most 20 entries; got ${entries.length}`);
  for (const [key, tagValue] of entries) {
    if (!key || key.length > 64 || /^(acs:|aliyun)/.test(key) || /https?:\/\//.test(key)) {
      return new Refusal(
        `${name}: tag key ${shown(key)} must be 1 to 64 characters, not start with acs: or aliyun, and hold no URL`,
      );
    }
    if (typeof tagValue !== "string" || tagValue.length > 128) {
      return new Refusal(`${name}: tag ${shown(key)} must have a string value of at most 128 characters`);
    }
  }
  return value as Record<string, string>;
}

/** The fields of {@link ManagedInstanceActivation}: every input but `disabled` replaces the activation. */
export const ACTIVATION_FIELDS = declareFields<ManagedInstanceActivationArgs, ScopeArgs>()({
  /** Name prefix of the registered instances (`<name>-001`, ...), when one was given. */
  instanceName: text(
    NAME_PATTERN,
    "2 to 50 characters, starting with a letter; letters, digits, '.', '_', '-' and ':'",
    {
      onChange: "replace",
    },
  ),
  /** The description of the activation, when one was given. */
  description: text(/^[\s\S]{1,100}$/, "1 to 100 characters", { onChange: "replace" }),
  /** How many servers may register with the code. */
  instanceCount: integer(1, 1000, { onChange: "replace" }),
  /** How long the code can be used, in hours. */
  // Alibaba's pages disagree (1-4 and 1-24 hours); accept the wider range and let the service decide.
  timeToLiveInHours: integer(1, 24, { onChange: "replace" }),
  /** The address or CIDR block allowed to use the code. */
  ipAddressRange: custom(
    { onChange: "replace" },
    "an IPv4 or IPv6 address or CIDR block such as 10.0.0.0/8",
    (value, name) =>
      typeof value === "string" && isAddressRange(value)
        ? value
        : new Refusal(`${name} must be an IPv4 or IPv6 address or CIDR block such as 10.0.0.0/8; got ${shown(value)}`),
  ),
  /** Tags of the activation. */
  tags: custom({ onChange: "replace" }, TAGS_ALLOWED, parseTags),
  /** Whether the code is disabled. */
  disabled: flag({ onChange: "update", default: false }),
  /** The activation ID. */
  activationId: computed<string>(),
  /** The activation code (secret): what `aliyun-service --register --ActivationCode` needs; returned once, at creation. */
  activationCode: computed<string>({ secret: true }),
  /** When the activation was created (ISO 8601, UTC). */
  creationTime: computed<string>(),
  /** How many servers registered with it. */
  registeredCount: computed<number>(),
  /** How many of those were deregistered since. */
  deregisteredCount: computed<number>(),
});

/**
 * A Cloud Assistant activation: servers outside Alibaba Cloud register with its code and become
 * managed instances. The code is an output marked secret, available only from the create.
 */
export class ManagedInstanceActivation extends resourceClass<ManagedInstanceActivationArgs, typeof ACTIVATION_FIELDS>({
  kind: "ManagedInstanceActivation",
  provider,
  fields: ACTIVATION_FIELDS,
}) {}
