// Fields that several resources share: where the object lives (`regionId`) and whose credentials
// act on it (`profile`, `assumeRole`), which every resource takes; and adoption of an object that exists already
// (`adoptExisting` / `adopted`), which the resources named by their inputs take. Program side.
import type * as pulumi from "@pulumi/pulumi";
import { EXTERNAL_ID_PATTERN, ROLE_ARN_PATTERN, SESSION_NAME_PATTERN } from "../../api/sts.js";
import { computed, custom, flag, type InputField, Refusal, shown, text } from "./schema.js";

/** Region IDs as Alibaba writes them: `cn-hangzhou`, `ap-southeast-1`. */
export const REGION_PATTERN = /^[a-z]{2,}(-[a-z0-9]+)+$/;
/** A profile name in ~/.aliyun/config.json. */
export const PROFILE_PATTERN = /^[A-Za-z0-9_.@-]{1,64}$/;

/** A RAM role a resource acts through: the stack's credentials (or `profile`'s) assume it for each call. */
export interface AssumeRoleArgs {
  /** The role, `acs:ram::<uid>:role/<name>`; its trust policy must let the stack's identity in. */
  readonly roleArn: pulumi.Input<string>;
  /** The session name in the role's account's audit trail. @default "pulumi-<project>-<stack>" */
  readonly sessionName?: pulumi.Input<string>;
  /** What the role's trust policy requires as `sts:ExternalId`, when it does. */
  readonly externalId?: pulumi.Input<string>;
}

/** A role as stored in state. */
export interface AssumeRoleInputs {
  /** The role's ARN. */
  roleArn: string;
  /** The session name given, if any. */
  sessionName?: string;
  /** The ExternalId given, if any. */
  externalId?: string;
}

const ROLE_KEYS = ["roleArn", "sessionName", "externalId"] as const;

/** Checks an `assumeRole` input, naming the sub-property at fault. */
function parseAssumeRole(value: unknown, name: string): AssumeRoleInputs | Refusal {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return new Refusal(`${name} must be an object { roleArn, sessionName?, externalId? }; got ${shown(value)}`);
  }
  const entries = value as Record<string, unknown>;
  const extra = Object.keys(entries).filter((key) => !(ROLE_KEYS as readonly string[]).includes(key));
  if (extra.length > 0)
    return new Refusal(`${name}.${extra[0]} is not a property of assumeRole; it takes ${ROLE_KEYS.join(", ")}`);
  const rules: Record<(typeof ROLE_KEYS)[number], [RegExp, string]> = {
    roleArn: [ROLE_ARN_PATTERN, "a role ARN such as acs:ram::1234567890123456:role/cen-granter"],
    sessionName: [SESSION_NAME_PATTERN, "2 to 64 of A-Z a-z 0-9 . @ - _"],
    externalId: [EXTERNAL_ID_PATTERN, "2 to 1224 of letters, digits and = , . @ : / - _"],
  };
  const out: Record<string, string> = {};
  for (const key of ROLE_KEYS) {
    const given = entries[key];
    if (given === undefined || given === null || given === "") {
      if (key === "roleArn") return new Refusal(`${name}.roleArn is required: ${rules.roleArn[1]}`);
      continue;
    }
    const [pattern, allowed] = rules[key];
    if (typeof given !== "string" || !pattern.test(given)) {
      // An ExternalId is not shown back: it is an agreed value between two accounts.
      const got = key === "externalId" ? "" : `; got ${shown(given)}`;
      return new Refusal(`${name}.${key} must be ${allowed}${got}`);
    }
    out[key] = given;
  }
  return out as unknown as AssumeRoleInputs;
}

/** Inputs every resource takes. */
export interface ScopeArgs {
  /** The region of the object; defaults to `alicloud:region`, then ALIBABA_CLOUD_REGION / ALICLOUD_REGION. */
  readonly regionId?: pulumi.Input<string>;
  /** A profile of the aliyun CLI (~/.aliyun/config.json) to act as, instead of the stack's credentials. */
  readonly profile?: pulumi.Input<string>;
  /** A RAM role to act through, assumed with the stack's (or `profile`'s) credentials; changing it updates in place. */
  readonly assumeRole?: pulumi.Input<AssumeRoleArgs>;
}

/** The shared inputs as stored in state: the region is always recorded. */
export interface ScopeInputs {
  /** The region the object lives in: the one given, or the default found at creation. */
  regionId: string;
  /** The profile acting on the object, when one was given. */
  profile?: string;
  /** The role acting on the object, when one was given. */
  assumeRole?: AssumeRoleInputs;
}

/** The rules of the shared inputs. The region is filled in by `check` when omitted. */
export const SCOPE_FIELDS = {
  regionId: text(REGION_PATTERN, "a region ID such as cn-hangzhou", {
    onChange: "replace",
    filled: true,
    maxLength: 64,
  }),
  profile: text(PROFILE_PATTERN, "the name of a profile in ~/.aliyun/config.json", { onChange: "update" }),
  assumeRole: custom({ onChange: "update" }, "an object { roleArn, sessionName?, externalId? }", parseAssumeRole),
} as const satisfies Record<keyof ScopeArgs, InputField<unknown>>;

/**
 * The hidden input that carries the resource's `customTimeouts` to the provider, which Pulumi's
 * dynamic provider protocol does not otherwise pass on. Never a reason to change the object.
 */
export const TIMEOUTS_KEY = "__timeouts";

/**
 * The hidden input that names the resource owning the object: its URN, computed by the program
 * side (Pulumi's dynamic provider protocol does not pass it on). Objects that take tags carry a
 * digest of it, so that the provider recognises what it made in a run that was cut off.
 */
export const OWNER_KEY = "__urn";

/** Pulumi's own internal input: the serialized provider. */
export const PROVIDER_KEY = "__provider";

/** The input of resources that can take over an object that exists already. */
export interface AdoptionArgs {
  /** When the object already exists, take it over instead of failing; destroy then removes it. @default false */
  readonly adoptExisting?: pulumi.Input<boolean>;
}

/** The fields of adoption: the input, and whether the object was taken over. */
export const ADOPTION_FIELDS = {
  /** Whether an object that already existed may be taken over. */
  adoptExisting: flag({ onChange: "update" }),
  /** Whether this resource took over an object that existed before it. */
  adopted: computed<boolean>(),
} as const;
