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
  /** The row's key in its table. */
  readonly key: string;
  /** The row. */
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

/**
 * The fields of `Row` that may hold a time: those of type number (world ms), optional or not. Only
 * they may be shown in ISO 8601 (RowView's `Times`).
 */
export type TimeField<Row> = {
  [K in keyof Row]-?: Exclude<Row[K], undefined> extends number ? K : never;
}[keyof Row];

/** Every field of `Row` read-only, those named `Times` as ISO 8601 strings. */
type Shown<Row, Times> = { readonly [K in keyof Row]: K extends Times ? string : Row[K] };

/**
 * A row as the admin world view shows it: every field of `Row` read-only (its lists stay
 * read-only lists), the time fields `Times` (world ms) as ISO 8601 strings, and the fields
 * `Hidden` (secrets) left out: typed `never`, so a view that would show one does not compile.
 * rowList() builds it, so a change of `Row` changes the view.
 */
export type RowView<Row, Times extends TimeField<Row> = never, Hidden extends keyof Row = never> = [Hidden] extends [
  never,
]
  ? Shown<Row, Times>
  : Shown<Omit<Row, Hidden>, Times> & { readonly [K in Hidden]?: never };

/**
 * A table's entry in the admin world view: its key there and how it shows the table. `Views` are
 * the product's views in that place, by key (`{ vpcs: readonly VpcView[]; ... }`): the key must be
 * one of them and the table must show as that key's view.
 */
export type SnapshotSpec<Row, Views> = {
  readonly [Key in keyof Views & string]: {
    /** Where the view shows the table. */
    readonly key: Key;
    /** The table as the view shows it. */
    readonly view: (table: Table<Row>) => Views[Key];
  };
}[keyof Views & string];

/** A table's entry in the state file. */
export interface PersistSpec<Row> {
  /** The table's key in the state file. */
  readonly key: string;
  /** The table as the state file keeps it. */
  readonly save: (table: Table<Row>) => unknown;
  /** `data` is what `save` wrote, or undefined when the file has none (an older file). */
  readonly load: (table: Table<Row>, data: unknown) => void;
}

/** How one table is seeded, shown (as one of the `Views`) and saved. */
export interface TableSpec<S, Row, Seeded, Views> {
  /** The seed list that fills it, or null when only actions write it. */
  readonly seed: SeedSource<S, Seeded> | null;
  /** How the admin world view shows it. */
  readonly snapshot: SnapshotSpec<Row, Views>;
  /** How the state file keeps it. */
  readonly persist: PersistSpec<Row>;
  /** Rows that have served their time, dropped when the world is pruned. */
  readonly expired?: (row: Row, now: number) => boolean;
}

/** No tables, no views (a product without tables in one place). */
export type None = Record<never, never>;

/**
 * A product's store: its tables per account and region (`R`) and per account (`A`), each with its
 * TableSpec; `S` are the product's seed lists; `RV` and `AV` how the admin world view shows the
 * tables of a region and of the account, by view key (admin/types.ts composes RegionView and
 * AccountView of them). `changed` goes to every Table it creates.
 */
export interface StoreDefinition<S, R, A, RV, AV> {
  /** Makes the tables of one account in one region. */
  readonly regionTables: (changed: () => void) => Tables<R>;
  /** Makes the account-wide tables of one account. */
  readonly accountTables: (changed: () => void) => Tables<A>;
  /** Each region table's seed, view and state-file entry. */
  readonly region: { readonly [K in keyof R]: TableSpec<S, R[K], SeededRegionRow<R[K]>, RV> };
  /** Each account table's seed, view and state-file entry. */
  readonly account: { readonly [K in keyof A]: TableSpec<S, A[K], SeededRow<A[K]>, AV> };
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

/**
 * The latest rows as a list under `key`: `times` (world ms) shown in ISO 8601, `hidden` fields
 * left out (RowView). The key and the view must be one of the product's views (SnapshotSpec), so a
 * time field the view shows in ISO 8601 but `times` does not name (or the other way round) does not
 * compile.
 */
export function rowList<
  Row extends object,
  const Key extends string,
  const Times extends TimeField<Row> = never,
  const Hidden extends keyof Row & string = never,
>(
  key: Key,
  times: readonly Times[] = [],
  hidden: readonly Hidden[] = [],
): {
  readonly key: Key;
  // Times and Hidden are what the arguments name, never guessed from the view expected.
  readonly view: (table: Table<Row>) => NoInfer<RowView<Row, Times, Hidden>>[];
} {
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
        // The fields of the row, the times converted and the hidden ones left out: RowView.
        return out as RowView<Row, Times, Hidden>;
      }),
  };
}
