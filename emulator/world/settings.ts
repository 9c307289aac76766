// World-wide settings: limits and timings that shape real situations (quotas, task durations),
// and switches for behaviour the public sources leave UNKNOWN, so that a client can be tested
// against each plausible real behaviour.

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

/** The values each switch accepts. */
export const SETTING_CHOICES: {
  readonly duplicateGrant: readonly DuplicateGrantBehaviour[];
  readonly revokeMissingGrant: readonly RevokeMissingGrantBehaviour[];
  readonly notAttachedCode: readonly NotAttachedCode[];
  readonly unknownInstanceGrantRules: readonly UnknownInstanceGrantRules[];
  readonly unknownManagedInstance: readonly UnknownManagedInstance[];
  readonly deleteUsedActivation: readonly DeleteUsedActivation[];
  readonly revokeWhileAttached: readonly RevokeWhileAttached[];
} = {
  duplicateGrant: ["error", "succeed"],
  revokeMissingGrant: ["error", "succeed", "instance-not-found"],
  notAttachedCode: ["ParameterError", "ParameterInstanceId", "ParameterCenInstanceId"],
  unknownInstanceGrantRules: ["error", "empty"],
  unknownManagedInstance: ["empty", "error"],
  deleteUsedActivation: ["allow", "in-use"],
  revokeWhileAttached: ["allow", "refuse"],
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
};
