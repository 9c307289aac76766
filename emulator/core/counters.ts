// Counters read by tests and the demo: requests by action, faults by kind, effects by key.

/** The counters as GET /__admin/counters returns them. */
export interface CountersData {
  /** RPC requests by Action (every request that named one, whatever its outcome). */
  readonly requests: { [action: string]: number };
  /** Injected faults by kind. */
  readonly faults: { [kind: string]: number };
  /** State changes actually applied, by effect key (emulator/README.md). */
  readonly effects: { [key: string]: number };
}

/** Mutable counters. */
export class Counters {
  private requests = new Map<string, number>();
  private faults = new Map<string, number>();
  private effects = new Map<string, number>();

  /** Counts one request of an action. */
  request(action: string): void {
    this.requests.set(action, (this.requests.get(action) ?? 0) + 1);
  }

  /** Counts one injected fault. */
  fault(kind: string): void {
    this.faults.set(kind, (this.faults.get(kind) ?? 0) + 1);
  }

  /** Counts one applied state change. */
  effect(key: string): void {
    this.effects.set(key, (this.effects.get(key) ?? 0) + 1);
  }

  /** Zeroes everything. */
  reset(): void {
    this.requests = new Map();
    this.faults = new Map();
    this.effects = new Map();
  }

  /** Plain data. */
  toData(): CountersData {
    return {
      requests: Object.fromEntries(this.requests),
      faults: Object.fromEntries(this.faults),
      effects: Object.fromEntries(this.effects),
    };
  }
}
