// ManagedInstanceRegistration: brings a server that the Cloud Assistant agent registered (a
// managed instance, `mi-...`) under the stack. Create finds it (waiting while the agent has not
// registered yet) and optionally names it; destroy = ECS DeregisterManagedInstance. Program side.
import type * as pulumi from "@pulumi/pulumi";
import type { ScopeArgs } from "../framework/common-fields.js";
import { resourceClass } from "../framework/resource.js";
import { computed, custom, declareFields, integer, Refusal, shown, text } from "../framework/schema.js";
import * as provider from "../providers/managed-instance-registration.js";

/** How to recognise the server among those registered with an activation; every given field must match. */
export interface ManagedInstanceMatch {
  /** The server's hostname as the agent reported it. */
  readonly hostname?: pulumi.Input<string>;
  /** The server's machine code (up to 36 characters). */
  readonly machineId?: pulumi.Input<string>;
  /** The name the instance was registered with (for example `web-001`). */
  readonly instanceName?: pulumi.Input<string>;
}

/** Inputs of {@link ManagedInstanceRegistration}. */
export interface ManagedInstanceRegistrationArgs extends ScopeArgs {
  /** The managed instance to adopt, e.g. `mi-hz01axdfas****`; or give `activationId` and `match` instead. */
  readonly instanceId?: pulumi.Input<string>;
  /** The activation the server registers with; used with `match` to find it. */
  readonly activationId?: pulumi.Input<string>;
  /** With `activationId`: which registered server this is. */
  readonly match?: pulumi.Input<ManagedInstanceMatch>;
  /** A name to give the managed instance (changed in place); left as registered when omitted. */
  readonly instanceName?: pulumi.Input<string>;
  /** How long create waits for the agent to register the server. @default 600 */
  readonly waitTimeoutSeconds?: pulumi.Input<number>;
}

/**
 * A {@link ManagedInstanceMatch} as checked and stored.
 * @inline
 */
export interface MatchValues {
  /** The server's hostname. */
  hostname?: string;
  /** The server's machine code. */
  machineId?: string;
  /** The name the instance was registered with. */
  instanceName?: string;
}

const MATCH_RULES: Record<keyof MatchValues, [RegExp, string]> = {
  hostname: [/^.{1,255}$/, "a hostname"],
  machineId: [/^.{1,36}$/, "a machine code of up to 36 characters"],
  instanceName: [/^.{1,128}$/, "an instance name"],
};
const MATCH_ALLOWED = "an object with hostname, machineId and/or instanceName";

function parseMatch(value: unknown, name: string): MatchValues | Refusal {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return new Refusal(`${name} must be ${MATCH_ALLOWED}; got ${shown(value)}`);
  }
  const out: MatchValues = {};
  for (const [key, given] of Object.entries(value)) {
    const rule = MATCH_RULES[key as keyof MatchValues];
    if (!rule) return new Refusal(`${name} accepts hostname, machineId and instanceName; not ${key}`);
    if (given === undefined || given === null || given === "") continue;
    const [pattern, allowed] = rule;
    if (typeof given !== "string" || !pattern.test(given)) {
      return new Refusal(`${name}.${key} must be ${allowed}; got ${shown(given)}`);
    }
    out[key as keyof MatchValues] = given;
  }
  return out;
}

/** What a managed instance's name may be. */
export const INSTANCE_NAME_RULE = "2 to 128 characters, starting with a letter; letters, digits, '.', '_', '-' and ':'";

/**
 * The fields of {@link ManagedInstanceRegistration}. `instanceId`, `activationId` and
 * `instanceName` are inputs whose outputs are what the live instance reports.
 */
export const REGISTRATION_FIELDS = declareFields<ManagedInstanceRegistrationArgs, ScopeArgs>()({
  /** The managed instance ID (`mi-...`): the one given, or the one found with `activationId` and `match`. */
  instanceId: text(/^mi-[a-z0-9]+$/, "a managed instance ID such as mi-hz01axdfas", {
    onChange: "replace",
    reported: true,
  }),
  /** The activation the server registered with, as the live instance reports it. */
  activationId: text(/^[A-Za-z0-9-]{1,64}$/, "an activation ID", { onChange: "replace", reported: true }),
  /** How the server was recognised, when found by `activationId` and `match`. */
  match: custom({ onChange: "replace" }, MATCH_ALLOWED, parseMatch),
  /** The managed instance's name, as the live instance reports it. */
  instanceName: text(/^(?!https?:\/\/)[A-Za-z][A-Za-z0-9._:-]{1,127}$/, INSTANCE_NAME_RULE, {
    onChange: "update",
    reported: true,
  }),
  /** How long create waits for the agent to register the server, in seconds. */
  waitTimeoutSeconds: integer(0, 86_400, { onChange: "update" }),
  /** The server's hostname. */
  hostname: computed<string>(),
  /** The server's machine code. */
  machineId: computed<string>(),
  /** The Cloud Assistant agent version. */
  agentVersion: computed<string>(),
  /** The operating system type (`linux`, `windows`, `FreeBSD`). */
  osType: computed<string>(),
  /** The operating system version. */
  osVersion: computed<string>(),
  /** The server's private IP address. */
  intranetIp: computed<string>(),
  /** The server's public IP address, if any. */
  internetIp: computed<string>(),
  /** When the server registered (ISO 8601, UTC). */
  registrationTime: computed<string>(),
  /** When Cloud Assistant last ran a task on it (ISO 8601, UTC). */
  lastInvokedTime: computed<string>(),
  /** How many Cloud Assistant tasks ran on it. */
  invocationCount: computed<number>(),
  /** Whether the agent is connected. */
  connected: computed<boolean>(),
  /** The resource group of the managed instance. */
  resourceGroupId: computed<string>(),
});

/**
 * A server registered with Cloud Assistant (a managed instance), adopted by the stack: create
 * finds it, waiting for the agent to register when needed, and can name it; destroy deregisters it.
 */
export class ManagedInstanceRegistration extends resourceClass<
  ManagedInstanceRegistrationArgs,
  typeof REGISTRATION_FIELDS
>({ kind: "ManagedInstanceRegistration", provider, fields: REGISTRATION_FIELDS }) {}
