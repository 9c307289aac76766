// Fields that several resources share: where the object lives (`regionId`) and whose credentials
// act on it (`profile`), which every resource takes; and adoption of an object that exists already
// (`adoptExisting` / `adopted`), which the resources named by their inputs take. Program side.
import type * as pulumi from "@pulumi/pulumi";
import { computed, flag, type InputField, text } from "./schema.js";

/** Region IDs as Alibaba writes them: `cn-hangzhou`, `ap-southeast-1`. */
export const REGION_PATTERN = /^[a-z]{2,}(-[a-z0-9]+)+$/;
/** A profile name in ~/.aliyun/config.json. */
export const PROFILE_PATTERN = /^[A-Za-z0-9_.@-]{1,64}$/;

/** Inputs every resource takes. */
export interface ScopeArgs {
  /** The region of the object; defaults to `alicloud:region`, then ALIBABA_CLOUD_REGION / ALICLOUD_REGION. */
  readonly regionId?: pulumi.Input<string>;
  /** A profile of the aliyun CLI (~/.aliyun/config.json) to act as, instead of the stack's credentials. */
  readonly profile?: pulumi.Input<string>;
}

/** The shared inputs as stored in state: the region is always recorded. */
export interface ScopeInputs {
  /** The region the object lives in: the one given, or the default found at creation. */
  regionId: string;
  /** The profile acting on the object, when one was given. */
  profile?: string;
}

/** The rules of the shared inputs. The region is filled in by `check` when omitted. */
export const SCOPE_FIELDS = {
  regionId: text(REGION_PATTERN, "a region ID such as cn-hangzhou", {
    onChange: "replace",
    filled: true,
    maxLength: 64,
  }),
  profile: text(PROFILE_PATTERN, "the name of a profile in ~/.aliyun/config.json", { onChange: "update" }),
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
