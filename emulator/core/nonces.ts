// SignatureNonce replay protection: a nonce used by the same AccessKey within the window is
// refused. Entries expire in insertion order, so pruning from the front is amortized O(1).

/** Remembers nonces per AccessKeyId for a time window. */
export class NonceStore {
  private readonly seen = new Map<string, number>();

  /**
   * Records the nonce; false when the same key already used it and it has not expired.
   * @param accessKeyId the key that signed the request.
   * @param nonce the request's SignatureNonce.
   * @param now world time (ms).
   * @param ttlMs how long a nonce is remembered.
   */
  use(accessKeyId: string, nonce: string, now: number, ttlMs: number): boolean {
    this.prune(now);
    const key = `${accessKeyId}\n${nonce}`;
    const expiresAt = this.seen.get(key);
    if (expiresAt !== undefined && expiresAt > now) return false;
    this.seen.delete(key);
    this.seen.set(key, now + ttlMs);
    return true;
  }

  /** Forgets every nonce. */
  clear(): void {
    this.seen.clear();
  }

  /** Number of remembered nonces. */
  get size(): number {
    return this.seen.size;
  }

  private prune(now: number): void {
    for (const [key, expiresAt] of this.seen) {
      if (expiresAt > now) break;
      this.seen.delete(key);
    }
  }
}
