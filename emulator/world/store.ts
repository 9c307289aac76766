// Per-product state, keyed by account then region (moto's per-account, per-region backends;
// LocalStack's stores): one ProductState per product, built from its StoreDefinition
// (table-spec.ts), which it follows to seed, show, save, load and prune every table.
import type { SavedTables, SeedListsOf, SeedScope, StoreDefinition, Tables } from "./table-spec.js";

interface AccountState<R, A> {
  readonly tables: Tables<A>;
  readonly regions: Map<string, Tables<R>>;
}

/** One product's state in a world (type parameters: StoreDefinition's). */
export class ProductState<S, R, A, RV, AV> {
  private readonly definition: StoreDefinition<S, R, A, RV, AV>;
  private readonly changed: () => void;
  private readonly accounts = new Map<string, AccountState<R, A>>();

  /**
   * @param definition the product's tables and their specs.
   * @param changed called on every write (the world's revision).
   */
  constructor(definition: StoreDefinition<S, R, A, RV, AV>, changed: () => void) {
    this.definition = definition;
    this.changed = changed;
  }

  /** One account's tables in one region (created empty on first use). */
  region(uid: string, regionId: string): Tables<R> {
    const regions = this.accountState(uid).regions;
    let tables = regions.get(regionId);
    if (!tables) {
      tables = this.definition.regionTables(this.changed);
      regions.set(regionId, tables);
    }
    return tables;
  }

  /** One account's account-wide tables (created empty on first use). */
  account(uid: string): Tables<A> {
    return this.accountState(uid).tables;
  }

  /** Every account's tables in every region it has some. */
  *regions(): IterableIterator<{ readonly uid: string; readonly regionId: string; readonly tables: Tables<R> }> {
    for (const [uid, state] of this.accounts) {
      for (const [regionId, tables] of state.regions) yield { uid, regionId, tables };
    }
  }

  /** The regions where an account has tables (possibly empty ones). */
  regionIds(uid: string): string[] {
    return [...(this.accounts.get(uid)?.regions.keys() ?? [])];
  }

  /** Upserts the rows of an account's seed lists, visible at once. */
  seed(uid: string, lists: SeedListsOf<S>, where: string, scope: SeedScope): void {
    const { account, region } = this.definition;
    for (const name in account) {
      for (const { key, row } of account[name].seed?.read(lists, where, scope) ?? []) {
        this.account(uid)[name].set(key, row, scope.now);
      }
    }
    for (const name in region) {
      for (const { regionId, key, row } of region[name].seed?.read(lists, where, scope) ?? []) {
        this.region(uid, regionId)[name].set(key, row, scope.now);
      }
    }
  }

  /** An account's account-wide tables in the admin world view (AV, by view key). */
  snapshotAccount(uid: string): { [key: string]: unknown } {
    const out: { [key: string]: unknown } = {};
    const tables = this.accounts.get(uid)?.tables ?? this.definition.accountTables(() => {});
    for (const name in this.definition.account) {
      const spec = this.definition.account[name].snapshot;
      out[spec.key] = spec.view(tables[name]);
    }
    return out;
  }

  /** Whether an account has any row in a region. */
  hasRows(uid: string, regionId: string): boolean {
    const tables = this.accounts.get(uid)?.regions.get(regionId);
    if (!tables) return false;
    for (const name in this.definition.region) if (tables[name].size > 0) return true;
    return false;
  }

  /** An account's tables in one region in the admin world view (RV, by view key). */
  snapshotRegion(uid: string, regionId: string): { [key: string]: unknown } {
    const tables = this.accounts.get(uid)?.regions.get(regionId) ?? this.definition.regionTables(() => {});
    const out: { [key: string]: unknown } = {};
    for (const name in this.definition.region) {
      const spec = this.definition.region[name].snapshot;
      out[spec.key] = spec.view(tables[name]);
    }
    return out;
  }

  /** An account's account-wide tables as the state file keeps them. */
  saveAccount(uid: string): SavedTables {
    const out: { [key: string]: unknown } = {};
    const tables = this.account(uid);
    for (const name in this.definition.account) {
      const spec = this.definition.account[name].persist;
      out[spec.key] = spec.save(tables[name]);
    }
    return out;
  }

  /** An account's tables in one region as the state file keeps them. */
  saveRegion(uid: string, regionId: string): SavedTables {
    const out: { [key: string]: unknown } = {};
    const tables = this.region(uid, regionId);
    for (const name in this.definition.region) {
      const spec = this.definition.region[name].persist;
      out[spec.key] = spec.save(tables[name]);
    }
    return out;
  }

  /** Restores an account's account-wide tables from the state file. */
  loadAccount(uid: string, data: SavedTables): void {
    const tables = this.account(uid);
    for (const name in this.definition.account) {
      const spec = this.definition.account[name].persist;
      spec.load(tables[name], data[spec.key]);
    }
  }

  /** Restores an account's tables in one region from the state file. */
  loadRegion(uid: string, regionId: string, data: SavedTables): void {
    const tables = this.region(uid, regionId);
    for (const name in this.definition.region) {
      const spec = this.definition.region[name].persist;
      spec.load(tables[name], data[spec.key]);
    }
  }

  /** Every key this store uses in the snapshot and the state file, per place, to catch clashes. */
  keys(): { readonly account: string[]; readonly region: string[] } {
    const account: string[] = [];
    const region: string[] = [];
    for (const name in this.definition.account) {
      const spec = this.definition.account[name];
      account.push(`snapshot:${spec.snapshot.key}`, `persist:${spec.persist.key}`);
    }
    for (const name in this.definition.region) {
      const spec = this.definition.region[name];
      region.push(`snapshot:${spec.snapshot.key}`, `persist:${spec.persist.key}`);
    }
    return { account, region };
  }

  /** Drops expired rows and history no Describe call can see any more. */
  prune(now: number): void {
    const { account, region } = this.definition;
    for (const state of this.accounts.values()) {
      for (const name in account) state.tables[name].prune(now, account[name].expired);
      for (const tables of state.regions.values()) {
        for (const name in region) tables[name].prune(now, region[name].expired);
      }
    }
  }

  private accountState(uid: string): AccountState<R, A> {
    let state = this.accounts.get(uid);
    if (!state) {
      state = { tables: this.definition.accountTables(this.changed), regions: new Map() };
      this.accounts.set(uid, state);
    }
    return state;
  }
}

/** The fields the world core puts beside the stores' keys: an account's, and a region's (none). */
const CORE_ACCOUNT_FIELDS = [
  "uid",
  "name",
  "realNameVerified",
  "blockedActions",
  "resourceGroups",
  "accessKeys",
  "regions",
];

/**
 * Refuses two tables, or a table and the core, claiming one key in the admin world view or the
 * state file: one would silently overwrite the other.
 */
export function checkKeys(stores: readonly { readonly account: string[]; readonly region: string[] }[]): void {
  const account = new Set(CORE_ACCOUNT_FIELDS.flatMap((field) => [`snapshot:${field}`, `persist:${field}`]));
  const region = new Set<string>();
  for (const keys of stores) {
    for (const [seen, claimed] of [
      [account, keys.account],
      [region, keys.region],
    ] as const) {
      for (const key of claimed) {
        if (seen.has(key)) throw new Error(`two tables claim the ${key.replace(":", " key ")}`);
        seen.add(key);
      }
    }
  }
}
