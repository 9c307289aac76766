// World-wide settings: limits and timings that shape real situations (quotas, task durations),
// and switches for behaviour the public sources leave UNKNOWN, so that a client can be tested
// against each plausible real behaviour.
import type { ProductName } from "../../api/contract.js";

/** A second identical GrantInstanceToCen: refused (`error`) or a success that changes nothing. */
export type DuplicateGrantBehaviour = "error" | "succeed";
/** Revoking a grant that does not exist: refused, a success that changes nothing, or 404 InvalidInstanceId.NotFound. */
export type RevokeMissingGrantBehaviour = "error" | "succeed" | "instance-not-found";
/**
 * The code DescribeCenAttachedChildInstanceAttribute answers for a network instance that exists
 * but is not attached: no page says; Terraform treats all three as "not attached".
 */
export type NotAttachedCode = "ParameterError" | "ParameterInstanceId" | "ParameterCenInstanceId";
/** VPC DescribeGrantRulesToCen of a network instance that does not exist: an error, or no rules. */
export type UnknownInstanceGrantRules = "error" | "empty";
/** DescribeManagedInstances naming an InstanceId that does not exist: no such entry, or an error. */
export type UnknownManagedInstance = "empty" | "error";
/** DeleteActivation once every server of it was deregistered: allowed, or still `ActivationId.InUse`. */
export type DeleteUsedActivation = "allow" | "in-use";
/** RevokeInstanceFromCen while the CEN instance has the network instance attached: allowed, or refused. */
export type RevokeWhileAttached = "allow" | "refuse";
/** DeregisterManagedInstance of an InstanceId that does not exist (or was deregistered): refused, or a success. */
export type DeregisterUnknownInstance = "error" | "succeed";

/** The values each switch accepts. */
export const SETTING_CHOICES: {
  readonly duplicateGrant: readonly DuplicateGrantBehaviour[];
  readonly revokeMissingGrant: readonly RevokeMissingGrantBehaviour[];
  readonly notAttachedCode: readonly NotAttachedCode[];
  readonly unknownInstanceGrantRules: readonly UnknownInstanceGrantRules[];
  readonly unknownManagedInstance: readonly UnknownManagedInstance[];
  readonly deleteUsedActivation: readonly DeleteUsedActivation[];
  readonly revokeWhileAttached: readonly RevokeWhileAttached[];
  readonly deregisterUnknownInstance: readonly DeregisterUnknownInstance[];
} = {
  duplicateGrant: ["error", "succeed"],
  revokeMissingGrant: ["error", "succeed", "instance-not-found"],
  notAttachedCode: ["ParameterError", "ParameterInstanceId", "ParameterCenInstanceId"],
  unknownInstanceGrantRules: ["error", "empty"],
  unknownManagedInstance: ["empty", "error"],
  deleteUsedActivation: ["allow", "in-use"],
  revokeWhileAttached: ["allow", "refuse"],
  deregisterUnknownInstance: ["error", "succeed"],
};

/** Limits and timings of the world; every one can be set by a seed. */
export interface WorldSettings {
  /** How long a grant/revoke task runs; another grant/revoke on the same instance meanwhile: TaskConflict. @default 0 */
  readonly taskDurationMs: number;
  /** How long every action takes to process before it answers (a slow service); a retry with the same ClientToken meanwhile: LastTokenProcessing. @default 0 */
  readonly processingMs: number;
  /** Describe calls show the old state for this long after a change. @default 0 */
  readonly consistencyDelayMs: number;
  /** Grants per network instance (QuotaExceeded.CbnGrantRules above it). @default 100 */
  readonly grantQuotaPerInstance: number;
  /** Classic instances linked per VPC (QuotaExceeded above it). @default 1000 */
  readonly classicLinkQuotaPerVpc: number;
  /** Activation codes per account and region (ActivationCount.ExceedLimit). @default 5000 */
  readonly activationQuotaPerRegion: number;
  /** Largest TimeToLiveInHours (ActivationTTL.ExceedLimit). @default 24 */
  readonly activationMaxTtlHours: number;
  /** Largest InstanceCount (ActivationLimitation.Invalid). @default 1000 */
  readonly activationMaxInstanceCount: number;
  /** Managed instances per account and region (ManagedInstanceCountExceedLimit). @default 5000 */
  readonly managedInstanceQuotaPerRegion: number;
  /** How long a ClientToken is remembered. @default 86400000 (24 h) */
  readonly clientTokenTtlMs: number;
  /** Accepted clock skew of a request's timestamp. @default 900000 (15 min) */
  readonly timestampSkewMs: number;
  /** How long a SignatureNonce is remembered per AccessKey. @default 900000 (15 min) */
  readonly nonceTtlMs: number;
  /** A second identical GrantInstanceToCen: 400 Forbidden.GrantRuleExists, or success without change. @default "error" */
  readonly duplicateGrant: DuplicateGrantBehaviour;
  /**
   * RevokeInstanceFromCen of a grant that does not exist: 400 InvalidOperation.GrantRuleNotExist
   * (`error`), success without change (`succeed`), or 404 InvalidInstanceId.NotFound
   * (`instance-not-found`, what Terraform's delete expects). @default "error"
   */
  readonly revokeMissingGrant: RevokeMissingGrantBehaviour;
  /**
   * DescribeCenAttachedChildInstanceAttribute of a network instance that exists but is not
   * attached: 404 ParameterError, 400 ParameterInstanceId or 400 ParameterCenInstanceId (each one
   * Terraform's resource_alicloud_cen_instance_attachment.go counts as not attached). @default "ParameterError"
   */
  readonly notAttachedCode: NotAttachedCode;
  /**
   * VPC DescribeGrantRulesToCen of a network instance that does not exist: 404
   * InvalidInstanceId.NotFound (`error`) or an empty list (`empty`). @default "error"
   */
  readonly unknownInstanceGrantRules: UnknownInstanceGrantRules;
  /**
   * DescribeManagedInstances naming an InstanceId that does not exist: left out of the answer
   * (`empty`) or 404 InvalidInstance.NotFound (`error`). @default "empty"
   */
  readonly unknownManagedInstance: UnknownManagedInstance;
  /**
   * DeleteActivation of an activation whose servers were all deregistered: allowed (`allow`), or
   * 403 ActivationId.InUse as long as any server ever registered with it (`in-use`). @default "allow"
   */
  readonly deleteUsedActivation: DeleteUsedActivation;
  /**
   * RevokeInstanceFromCen while the CEN instance has the network instance attached: allowed, the
   * attachment staying (`allow`), or 400 InvalidOperation.InstanceAttached until it is detached
   * (`refuse`, what the transit router grant's page requires). @default "allow"
   */
  readonly revokeWhileAttached: RevokeWhileAttached;
  /**
   * DeregisterManagedInstance of an InstanceId that does not exist, or was deregistered already:
   * 404 InvalidInstance.NotFound (`error`), or a success that changes nothing (`succeed`). @default "error"
   */
  readonly deregisterUnknownInstance: DeregisterUnknownInstance;
  /**
   * How long a new VPC grant (GrantInstanceToCen) takes to reach CEN: until then CBN
   * DescribeGrantRulesToCen does not list it and AttachCenChildInstance refuses it as not granted
   * (409 Forbbiden.AttachChildInstanceAcrossUid), while the VPC's own DescribeGrantRulesToCen
   * already lists it. @default 0
   */
  readonly grantPropagationMs: number;
}

/** The defaults (choices and reasons in emulator/README.md). */
export const DEFAULT_SETTINGS: WorldSettings = {
  taskDurationMs: 0,
  processingMs: 0,
  consistencyDelayMs: 0,
  grantQuotaPerInstance: 100,
  classicLinkQuotaPerVpc: 1000,
  activationQuotaPerRegion: 5000,
  activationMaxTtlHours: 24,
  activationMaxInstanceCount: 1000,
  managedInstanceQuotaPerRegion: 5000,
  clientTokenTtlMs: 24 * 60 * 60 * 1000,
  timestampSkewMs: 15 * 60 * 1000,
  nonceTtlMs: 15 * 60 * 1000,
  duplicateGrant: "error",
  revokeMissingGrant: "error",
  notAttachedCode: "ParameterError",
  unknownInstanceGrantRules: "error",
  unknownManagedInstance: "empty",
  deleteUsedActivation: "allow",
  revokeWhileAttached: "allow",
  deregisterUnknownInstance: "error",
  grantPropagationMs: 0,
};

/** One answer a world setting plays where the sources are silent (docs/error-codes.md lists them). */
export interface PlayedAnswer {
  /** The product of the action. */
  readonly product: ProductName;
  /** The action. */
  readonly action: string;
  /** The error code it answers, or `success`. */
  readonly answer: string;
  /** In which situation. */
  readonly when: string;
  /** Whether the action answers this code only under this setting (not in other situations too). */
  readonly only: boolean;
}

const vpc = (action: string, answer: string, when: string, only = true): PlayedAnswer => ({
  product: "vpc",
  action,
  answer,
  when,
  only,
});
const cbn = (action: string, answer: string, when: string, only = true): PlayedAnswer => ({
  product: "cbn",
  action,
  answer,
  when,
  only,
});
const ecs = (action: string, answer: string, when: string, only = true): PlayedAnswer => ({
  product: "ecs",
  action,
  answer,
  when,
  only,
});
const DUPLICATE = "a second identical grant";
const MISSING_GRANT = "revoking a grant that does not exist";
const NOT_ATTACHED = "a network instance that exists but is not attached";
const UNKNOWN_VPC = "a network instance that does not exist";
const UNKNOWN_MI = "an InstanceId that does not exist";
const USED = "once every server of the activation was deregistered";
const ATTACHED = "while the CEN instance has the network instance attached";
const DEREGISTERED = "an InstanceId that does not exist or was deregistered";

/** What each value of each switch plays; a switch or value left out does not compile. */
export const SWITCH_ANSWERS: {
  readonly [K in keyof typeof SETTING_CHOICES]: {
    readonly [V in (typeof SETTING_CHOICES)[K][number]]: readonly PlayedAnswer[];
  };
} = {
  duplicateGrant: {
    error: [vpc("GrantInstanceToCen", "Forbidden.GrantRuleExists", DUPLICATE)],
    succeed: [vpc("GrantInstanceToCen", "success", DUPLICATE)],
  },
  revokeMissingGrant: {
    error: [vpc("RevokeInstanceFromCen", "InvalidOperation.GrantRuleNotExist", MISSING_GRANT)],
    succeed: [vpc("RevokeInstanceFromCen", "success", MISSING_GRANT)],
    "instance-not-found": [vpc("RevokeInstanceFromCen", "InvalidInstanceId.NotFound", MISSING_GRANT, false)],
  },
  notAttachedCode: {
    ParameterError: [cbn("DescribeCenAttachedChildInstanceAttribute", "ParameterError", NOT_ATTACHED)],
    ParameterInstanceId: [cbn("DescribeCenAttachedChildInstanceAttribute", "ParameterInstanceId", NOT_ATTACHED, false)],
    ParameterCenInstanceId: [cbn("DescribeCenAttachedChildInstanceAttribute", "ParameterCenInstanceId", NOT_ATTACHED)],
  },
  unknownInstanceGrantRules: {
    error: [vpc("DescribeGrantRulesToCen", "InvalidInstanceId.NotFound", UNKNOWN_VPC)],
    empty: [vpc("DescribeGrantRulesToCen", "success", UNKNOWN_VPC)],
  },
  unknownManagedInstance: {
    empty: [ecs("DescribeManagedInstances", "success", UNKNOWN_MI)],
    error: [ecs("DescribeManagedInstances", "InvalidInstance.NotFound", UNKNOWN_MI)],
  },
  deleteUsedActivation: {
    allow: [ecs("DeleteActivation", "success", USED)],
    "in-use": [ecs("DeleteActivation", "ActivationId.InUse", USED, false)],
  },
  revokeWhileAttached: {
    allow: [vpc("RevokeInstanceFromCen", "success", ATTACHED)],
    refuse: [vpc("RevokeInstanceFromCen", "InvalidOperation.InstanceAttached", ATTACHED)],
  },
  deregisterUnknownInstance: {
    error: [ecs("DeregisterManagedInstance", "InvalidInstance.NotFound", DEREGISTERED)],
    succeed: [ecs("DeregisterManagedInstance", "success", DEREGISTERED)],
  },
};

/** What `grantPropagationMs` above 0 plays, for that long after a GrantInstanceToCen. */
export const PROPAGATION_ANSWERS: readonly PlayedAnswer[] = [
  cbn("DescribeGrantRulesToCen", "success", "the new grant is not listed yet"),
  cbn(
    "AttachCenChildInstance",
    "Forbbiden.AttachChildInstanceAcrossUid",
    "the new grant has not reached CEN yet",
    false,
  ),
];
