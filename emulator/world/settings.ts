// World-wide settings: limits and timings that shape real situations (quotas, task durations).

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
};

/** Keeps only known, finite, non-negative numeric settings from untrusted input. */
export function cleanSettings(input: unknown): Partial<WorldSettings> {
  if (typeof input !== "object" || input === null) return {};
  const out: { [key: string]: number } = {};
  for (const key of Object.keys(DEFAULT_SETTINGS)) {
    const value = (input as { [key: string]: unknown })[key];
    if (typeof value === "number" && Number.isFinite(value) && value >= 0) out[key] = value;
  }
  return out as Partial<WorldSettings>;
}
