// Reading request parameters the way RPC APIs define them: flat names, repeat lists `Name.N`,
// tag lists `Tag.N.Key` / `Tag.N.Value`. `Params` is the raw request; `ActionParams<P>` is the view
// a handler gets, which only takes the names its api/ contract declares.
import type { TagParam as ContractTag } from "../../api/contract.js";
import type { ServiceError } from "./errors.js";
import { invalidParameter, missingParameter } from "./gateway-errors.js";

/** A tag as APIs take it (`Tag.N.Key`, `Tag.N.Value`). */
export interface TagParam {
  /** Empty when the caller only sent a value. */
  readonly key: string;
  /** Empty when absent. */
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

  /** Tags from `Name.N.Key` / `Name.N.Value`, in index order. */
  tags(name: string): TagParam[] {
    const byIndex = new Map<number, { key: string; value: string }>();
    const pattern = new RegExp(`^${name}\\.([1-9][0-9]*)\\.(Key|Value)$`);
    for (const [param, value] of this.values) {
      const match = pattern.exec(param);
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

/** The parameters of `P` that carry one value (not a repeat list, not tags). */
export type ScalarName<P> = {
  [K in keyof P]-?: NonNullable<P[K]> extends readonly unknown[] ? never : K;
}[keyof P] &
  string;

/** The parameters of `P` that are repeat lists (`Name.N`). */
export type ListName<P> = {
  [K in keyof P]-?: NonNullable<P[K]> extends readonly string[] ? K : never;
}[keyof P] &
  string;

/** The parameters of `P` that are tag lists (`Name.N.Key`, `Name.N.Value`). */
export type TagName<P> = {
  [K in keyof P]-?: NonNullable<P[K]> extends readonly ContractTag[] ? K : never;
}[keyof P] &
  string;

/**
 * One action's parameters, read by the names of its contract's parameters `P`: a name the
 * contract does not declare, a list read as a scalar or tags asked of an action without them do
 * not compile. Values are the wire's text; `integer()` parses.
 */
export class ActionParams<P> {
  private readonly raw: Params;

  /** @param raw the request's parameters. */
  constructor(raw: Params) {
    this.raw = raw;
  }

  /** The value, or undefined when absent or empty. */
  get(name: ScalarName<P>): string | undefined {
    return this.raw.get(name);
  }

  /** The value; absent or empty answers `error` (default: the gateway's MissingParameter). */
  required(name: ScalarName<P>, error?: () => ServiceError): string {
    return this.raw.required(name, error);
  }

  /** An integer: `fallback` when absent, `error` outside `[min, max]` (default: InvalidParameter). */
  integer(name: ScalarName<P>, fallback: number, min: number, max: number, error?: () => ServiceError): number {
    return this.raw.integer(name, fallback, min, max, error);
  }

  /** A repeat list in index order. */
  list(name: ListName<P>): string[] {
    return this.raw.list(name);
  }

  /** The highest N sent for a list or tags, to enforce length limits on what was sent. */
  maxIndex(name: ListName<P> | TagName<P>): number {
    return this.raw.maxIndex(name);
  }

  /** Tags in index order. */
  tags(name: TagName<P>): TagParam[] {
    return this.raw.tags(name);
  }
}
