// Reading request parameters the way RPC APIs define them: flat names, repeat lists `Name.N`,
// tag lists `Tag.N.Key` / `Tag.N.Value`.
import type { ServiceError } from "./errors.js";
import { invalidParameter, missingParameter } from "./gateway-errors.js";

/** A tag as APIs take it (`Tag.N.Key`, `Tag.N.Value`). */
export interface TagParam {
  /** Tag key (may be empty when the caller only sent a value). */
  readonly key: string;
  /** Tag value; empty when absent. */
  readonly value: string;
}

/** The parameters of one request (query and form body merged; signature parameters included). */
export class Params {
  private readonly values: ReadonlyMap<string, string>;

  /** @param values every parameter by exact (case-sensitive) name. */
  constructor(values: ReadonlyMap<string, string>) {
    this.values = values;
  }

  /** The value, or undefined when the parameter is absent or empty. */
  get(name: string): string | undefined {
    const value = this.values.get(name);
    return value === undefined || value === "" ? undefined : value;
  }

  /** The value; absent or empty answers `error` (default: the gateway's MissingParameter). */
  required(name: string, error?: () => ServiceError): string {
    const value = this.get(name);
    if (value === undefined) throw error ? error() : missingParameter(name);
    return value;
  }

  /**
   * An integer parameter: `fallback` when absent; outside `[min, max]` or not an integer answers
   * `error` (default: the gateway's InvalidParameter for the name).
   */
  integer(name: string, fallback: number, min: number, max: number, error?: () => ServiceError): number {
    const raw = this.get(name);
    if (raw === undefined) return fallback;
    const fail = error ?? (() => invalidParameter(name));
    if (!/^-?[0-9]+$/.test(raw.trim())) throw fail();
    const n = Number(raw.trim());
    if (!Number.isSafeInteger(n) || n < min || n > max) throw fail();
    return n;
  }

  /** A repeat list `Name.1`, `Name.2`, ... in index order (empty members skipped). */
  list(name: string): string[] {
    const found: Array<[number, string]> = [];
    const prefix = `${name}.`;
    for (const [key, value] of this.values) {
      if (!key.startsWith(prefix)) continue;
      const index = key.slice(prefix.length);
      if (!/^[1-9][0-9]*$/.test(index) || value === "") continue;
      found.push([Number(index), value]);
    }
    return found.sort((a, b) => a[0] - b[0]).map(([, value]) => value);
  }

  /** The highest N used in `Name.N...` (0 when none), to enforce list-length limits. */
  maxIndex(name: string): number {
    const prefix = `${name}.`;
    let max = 0;
    for (const key of this.values.keys()) {
      if (!key.startsWith(prefix)) continue;
      const index = Number.parseInt(key.slice(prefix.length), 10);
      if (Number.isSafeInteger(index) && index > max) max = index;
    }
    return max;
  }

  /** Tags from `Tag.N.Key` / `Tag.N.Value`, in index order. */
  tags(): TagParam[] {
    const byIndex = new Map<number, { key: string; value: string }>();
    for (const [name, value] of this.values) {
      const match = /^Tag\.([1-9][0-9]*)\.(Key|Value)$/.exec(name);
      if (!match) continue;
      const index = Number(match[1]);
      const tag = byIndex.get(index) ?? { key: "", value: "" };
      if (match[2] === "Key") tag.key = value;
      else tag.value = value;
      byIndex.set(index, tag);
    }
    return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, tag]) => tag);
  }

  /** Every parameter, for fingerprints and signatures. */
  entries(): IterableIterator<[string, string]> {
    return this.values.entries();
  }
}
