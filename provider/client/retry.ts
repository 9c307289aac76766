// Backoff pacing for retries: capped exponential growth with full jitter, so that many resources
// throttled at once spread out instead of retrying in lockstep.

/** Pacing of one call's retries. */
export interface BackoffPolicy {
  /** Delay ceiling for the first retry; doubles per attempt. */
  baseDelayMs: number;
  /** The largest delay ever used. */
  maxDelayMs: number;
}

/** The delay before retry number `attempt` (0 = the first retry): uniform in [ceiling/2, ceiling]. */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(attempt, 30));
  // Half fixed, half random: never a zero delay, still decorrelated across callers.
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
