// A keyed table whose writes can become visible to Describe calls later than they happen
// (eventual consistency). Writers always see the latest value; readers that ask for the visible
// view see, per key, the newest version whose visibility time has passed. Deletions are kept as
// tombstones until the deletion itself is visible.

/** One version of a row; `value` undefined is a tombstone. */
export interface RowVersion<T> {
  /** World time (ms) from which Describe calls see this version. */
  readonly at: number;
  /** The row, or undefined for "deleted". */
  readonly value: T | undefined;
}

/** Serialized form of a table: key -> versions, oldest first. */
export type TableData<T> = { [key: string]: Array<RowVersion<T>> };

/** A table of immutable rows with delayed visibility. Rows must be replaced, never mutated. */
export class Table<T> {
  private readonly rows = new Map<string, Array<RowVersion<T>>>();
  private readonly changed: () => void;

  /** @param changed called on every write, so that the world knows it has something to save. */
  constructor(changed: () => void = () => {}) {
    this.changed = changed;
  }

  /** The latest value (what the service itself acts on), or undefined. */
  get(key: string): T | undefined {
    const versions = this.rows.get(key);
    return versions ? versions[versions.length - 1]?.value : undefined;
  }

  /** The value Describe calls see at `now`. */
  visible(key: string, now: number): T | undefined {
    const versions = this.rows.get(key);
    if (!versions) return undefined;
    for (let i = versions.length - 1; i >= 0; i--) {
      const version = versions[i];
      if (version && version.at <= now) return version.value;
    }
    return undefined;
  }

  /** Writes a value that Describe calls see from `visibleAt` on (immediately when `visibleAt <= now`). */
  set(key: string, value: T, now: number, visibleAt: number = now): void {
    this.write(key, value, now, visibleAt);
  }

  /** Deletes a row; Describe calls keep seeing the old value until `visibleAt`. */
  delete(key: string, now: number, visibleAt: number = now): void {
    if (!this.rows.has(key)) return;
    this.write(key, undefined, now, visibleAt);
  }

  /** Every latest (live) row with its key. */
  *entries(): IterableIterator<[string, T]> {
    for (const [key, versions] of this.rows) {
      const value = versions[versions.length - 1]?.value;
      if (value !== undefined) yield [key, value];
    }
  }

  /** Every latest (live) row. */
  *values(): IterableIterator<T> {
    for (const versions of this.rows.values()) {
      const value = versions[versions.length - 1]?.value;
      if (value !== undefined) yield value;
    }
  }

  /** Every row as Describe calls see it at `now`. */
  *visibleValues(now: number): IterableIterator<T> {
    for (const key of this.rows.keys()) {
      const value = this.visible(key, now);
      if (value !== undefined) yield value;
    }
  }

  /** Number of live rows. */
  get size(): number {
    let n = 0;
    for (const versions of this.rows.values()) if (versions[versions.length - 1]?.value !== undefined) n++;
    return n;
  }

  /**
   * Forgets history nobody can see any more (deletions already visible, superseded versions), and
   * rows that `expired` says have served their time. Not a change of the world: nothing is written.
   */
  prune(now: number, expired?: (row: T, now: number) => boolean): void {
    for (const [key, versions] of this.rows) {
      const latest = versions[versions.length - 1]?.value;
      if (expired && latest !== undefined && expired(latest, now)) {
        this.rows.delete(key);
        continue;
      }
      let newestVisible = -1;
      for (let i = versions.length - 1; i >= 0; i--) {
        if ((versions[i]?.at ?? 0) <= now) {
          newestVisible = i;
          break;
        }
      }
      if (newestVisible < 0) continue;
      const kept = versions.slice(newestVisible);
      if (kept.length === 1 && kept[0]?.value === undefined) this.rows.delete(key);
      else if (kept.length !== versions.length) this.rows.set(key, kept);
    }
  }

  /** Plain data for persistence. */
  toData(): TableData<T> {
    const out: TableData<T> = {};
    for (const [key, versions] of this.rows) out[key] = versions.map((v) => ({ at: v.at, value: v.value }));
    return out;
  }

  /** Replaces the content with data saved by toData (tombstones come back as `null` from JSON). */
  load(data: TableData<T> | undefined): void {
    this.rows.clear();
    for (const [key, versions] of Object.entries(data ?? {})) {
      this.rows.set(
        key,
        versions.map((v) => ({ at: v.at, value: v.value === null ? undefined : v.value })),
      );
    }
  }

  private write(key: string, value: T | undefined, now: number, visibleAt: number): void {
    this.changed();
    const versions = this.rows.get(key) ?? [];
    if (visibleAt <= now) {
      // Visible at once: history before it no longer matters to anyone.
      if (value === undefined) this.rows.delete(key);
      else this.rows.set(key, [{ at: visibleAt, value }]);
      return;
    }
    versions.push({ at: visibleAt, value });
    // Keep only the newest version already visible, and everything still pending.
    let firstKept = 0;
    for (let i = versions.length - 1; i >= 0; i--) {
      const version = versions[i];
      if (version && version.at <= now) {
        firstKept = i;
        break;
      }
    }
    this.rows.set(key, versions.slice(firstKept));
  }
}
