// SignatureNonce replay protection: a nonce used by the same AccessKey within the window is
// refused. Nonces are kept in one bucket per minute of first use, so a whole minute is dropped at
// once when it has left the window (whatever the order of arrival, even if the clock was moved),
// and a hard cap bounds the memory: past it, the oldest nonces are forgotten first.

/** Default hard cap on remembered nonces (about 40 MB; the bench's rate fills it in ~20 s). */
export const DEFAULT_MAX_NONCES = 250_000;

const BUCKET_MS = 60_000;

/** Remembers nonces per AccessKeyId for a time window, at most `maxEntries` of them. */
export class NonceStore {
  /** Minute index -> (AccessKeyId + nonce -> world time of use), in the order the minutes began. */
  private readonly buckets = new Map<number, Map<string, number>>();
  private count = 0;
  private readonly maxEntries: number;

  /** @param maxEntries hard cap on remembered nonces (@default DEFAULT_MAX_NONCES). */
  constructor(maxEntries: number = DEFAULT_MAX_NONCES) {
    this.maxEntries = Math.max(1, maxEntries);
  }

  /**
   * Records the nonce; false when the same key already used it and it has not expired.
   * @param accessKeyId the key that signed the request.
   * @param nonce the request's SignatureNonce.
   * @param now world time (ms).
   * @param ttlMs how long a nonce is remembered.
   */
  use(accessKeyId: string, nonce: string, now: number, ttlMs: number): boolean {
    this.prune(now, ttlMs);
    const key = `${accessKeyId}\n${nonce}`;
    for (const bucket of this.buckets.values()) {
      const usedAt = bucket.get(key);
      if (usedAt === undefined) continue;
      // Exact window per nonce; buckets only make forgetting cheap.
      if (usedAt + ttlMs > now) return false;
      bucket.delete(key);
      this.count--;
    }
    const minute = Math.floor(now / BUCKET_MS);
    let bucket = this.buckets.get(minute);
    if (!bucket) {
      bucket = new Map();
      this.buckets.set(minute, bucket);
    }
    bucket.set(key, now);
    this.count++;
    this.enforceCap();
    return true;
  }

  /** Forgets every nonce. */
  clear(): void {
    this.buckets.clear();
    this.count = 0;
  }

  /** Number of remembered nonces. */
  get size(): number {
    return this.count;
  }

  /** Drops every minute whose nonces have all left the window. */
  private prune(now: number, ttlMs: number): void {
    for (const [minute, bucket] of this.buckets) {
      if ((minute + 1) * BUCKET_MS + ttlMs > now) continue;
      this.count -= bucket.size;
      this.buckets.delete(minute);
    }
  }

  /** Past the cap, forgets nonces from the oldest bucket, oldest first. */
  private enforceCap(): void {
    for (const [minute, bucket] of this.buckets) {
      if (this.count <= this.maxEntries) return;
      for (const key of bucket.keys()) {
        if (this.count <= this.maxEntries) break;
        bucket.delete(key);
        this.count--;
      }
      if (bucket.size === 0) this.buckets.delete(minute);
    }
  }
}
