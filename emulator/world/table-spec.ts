// How a product declares its tables (world/store.ts keeps them): for each table, how a seed fills
// it, how the admin world view shows it and how the state file keeps it. The descriptors are
// mapped types over the table names, so a table without all three does not compile.
import { isoSeconds } from "../core/time.js";
import { list } from "./seed-checks.js";
import type { Table, TableData } from "./table.js";
import type { Region } from "./types.js";

/** JSON data of the admin world view. */
export type SnapshotValue = string | number | boolean | null | SnapshotValue[] | { [key: string]: SnapshotValue };

/** A product's tables in one place (one account's region, or the account itself), by name. */
export type Tables<Rows> = { readonly [K in keyof Rows]: Table<Rows[K]> };

/** An account's seed lists of one product: `S` maps each list name to the type of one entry. */
export type SeedListsOf<S> = { readonly [K in keyof S]?: readonly S[K][] };

/** A row a seed entry became, with its key. */
export interface SeededRow<Row> {
  readonly key: string;
  readonly row: Row;
}

/** A row a seed entry became in a region table. */
export interface SeededRegionRow<Row> extends SeededRow<Row> {
  readonly regionId: string;
}

/** What a seed applier may know of the world: its regions, and the time the seed is applied at. */
export interface SeedScope {
  readonly regions: ReadonlyMap<string, Region>;
  readonly now: number;
}

/** Checks one seed entry (throwing SeedError that names `where`) and turns it into a row. */
export type SeedApplier<Entry, Out> = (entry: Entry, where: string, scope: SeedScope) => Out;

/** The seed list that fills a table: every entry of it, checked and turned into rows. */
export interface SeedSource<S, Out> {
  readonly read: (lists: SeedListsOf<S>, where: string, scope: SeedScope) => Out[];
}

/** Seed sources over the seed lists `S`: `const seeded = seedsFrom<VpcSeedLists>()`, then `seeded("vpcs", applyVpc)`. */
export function seedsFrom<S>() {
  return <K extends keyof S & string, Out>(name: K, apply: SeedApplier<S[K], Out>): SeedSource<S, Out> => ({
    read: (lists, where, scope) =>
      list(lists[name], `${where}.${name}`).map((entry, i) => apply(entry, `${where}.${name}[${i}]`, scope)),
  });
}

/** A table's entry in the admin world view. */
export interface SnapshotSpec<Row> {
  readonly key: string;
  readonly view: (table: Table<Row>) => SnapshotValue;
}

/** A table's entry in the state file. */
export interface PersistSpec<Row> {
  readonly key: string;
  readonly save: (table: Table<Row>) => unknown;
  /** `data` is what `save` wrote, or undefined when the file has none (an older file). */
  readonly load: (table: Table<Row>, data: unknown) => void;
}

/** How one table is seeded, shown and saved. */
export interface TableSpec<S, Row, Seeded> {
  /** The seed list that fills it, or null when only actions write it. */
  readonly seed: SeedSource<S, Seeded> | null;
  readonly snapshot: SnapshotSpec<Row>;
  readonly persist: PersistSpec<Row>;
  /** Rows that have served their time, dropped when the world is pruned. */
  readonly expired?: (row: Row, now: number) => boolean;
}

/**
 * A product's store: its tables per account and region (`R`) and per account (`A`), each with its
 * TableSpec; `S` are the product's seed lists. `changed` goes to every Table it creates.
 */
export interface StoreDefinition<S, R, A> {
  readonly regionTables: (changed: () => void) => Tables<R>;
  readonly accountTables: (changed: () => void) => Tables<A>;
  readonly region: { readonly [K in keyof R]: TableSpec<S, R[K], SeededRegionRow<R[K]>> };
  readonly account: { readonly [K in keyof A]: TableSpec<S, A[K], SeededRow<A[K]>> };
}

/** The state file's form of a product's tables in one place: persist key -> saved table. */
export type SavedTables = { readonly [key: string]: unknown };

/** The versioned rows of a table, saved as they are. */
export function versioned<Row>(key: string): PersistSpec<Row> {
  return {
    key,
    save: (table) => table.toData(),
    // The state file holds what save() wrote.
    load: (table, data) => table.load(data as TableData<Row> | undefined),
  };
}

/** The latest rows as a list; `times` (world ms) shown in ISO 8601, `hidden` fields left out. */
export function rowList<Row extends object>(
  key: string,
  times: readonly (keyof Row & string)[] = [],
  hidden: readonly (keyof Row & string)[] = [],
): SnapshotSpec<Row> {
  return {
    key,
    view: (table) =>
      [...table.values()].map((row) => {
        const out: { [key: string]: SnapshotValue } = {};
        for (const [field, raw] of Object.entries(row)) {
          const value: unknown = raw;
          if (value === undefined || hidden.some((name) => name === field)) continue;
          const isTime = times.some((name) => name === field) && typeof value === "number";
          // Rows are plain JSON data.
          out[field] = isTime ? isoSeconds(value) : (value as SnapshotValue);
        }
        return out;
      }),
  };
}
