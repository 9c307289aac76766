// The world: its core (settings, regions, accounts and their keys, the clock) and each product's
// state (world/store.ts), keyed by account then region (moto-style). Seeding, reset, the snapshot
// and persistence live elsewhere (seed.ts, snapshot.ts, persistence.ts).
import type { ProductName } from "../../api/contract.js";
import { CBN_STORE } from "../cbn/store.js";
import { ECS_STORE } from "../ecs/store.js";
import { STS_STORE } from "../sts/store.js";
import { VPC_STORE } from "../vpc/store.js";
import { Clock } from "./clock.js";
import { DEFAULT_SETTINGS, type WorldSettings } from "./settings.js";
import { checkKeys, ProductState } from "./store.js";
import type { AccessKey, Region, ResourceGroup } from "./types.js";

/** An account: identity and account-level flags. What it owns is in each product's state. */
export class Account {
  /** Digits, as a string: UIDs exceed 2^53. */
  readonly uid: string;
  /** A label (`main`, `cen-owner`, ...). */
  name: string;
  /** False answers RealNameAuthenticationError on CreateActivation. */
  realNameVerified = true;
  /** Action patterns barred by risk control. */
  blockedActions: string[] = [];
  /** By ID. */
  readonly resourceGroups = new Map<string, ResourceGroup>();

  /**
   * @param uid the account's UID.
   * @param name its label.
   */
  constructor(uid: string, name: string) {
    this.uid = uid;
    this.name = name;
  }
}

/** An AccessKey and the account it belongs to. */
export interface KeyEntry {
  /** The owning account's UID. */
  readonly uid: string;
  readonly key: AccessKey;
}

export class World {
  settings: WorldSettings = DEFAULT_SETTINGS;
  /** By region ID. */
  readonly regions = new Map<string, Region>();
  /** By UID. */
  readonly accounts = new Map<string, Account>();
  /** Every AccessKey by AccessKeyId. */
  readonly keys = new Map<string, KeyEntry>();
  readonly clock = new Clock();
  private changes = 0;

  /**
   * Each product's state; every product of api/ has one (a missing one fails to compile). A product
   * reads another's tables only through that product's models (cbn/cens.ts, vpc/models.ts). CBN
   * comes first: seeds fill its CEN instances before the VPC grants that name them, as when they
   * were VPC's, and the admin world view and the state file keep their order of keys.
   */
  readonly stores = {
    cbn: new ProductState(CBN_STORE, () => this.touch()),
    vpc: new ProductState(VPC_STORE, () => this.touch()),
    ecs: new ProductState(ECS_STORE, () => this.touch()),
    sts: new ProductState(STS_STORE, () => this.touch()),
  } satisfies { readonly [name in ProductName]: unknown };

  constructor() {
    checkKeys(Object.values(this.stores).map((store) => store.keys()));
  }

  /** Bumped by every change (every table write included), so the persistence layer knows when to save. */
  get revision(): number {
    return this.changes;
  }

  /** World time, epoch ms. */
  now(): number {
    return this.clock.now();
  }

  /** When a change made at `now` becomes visible to Describe calls (the consistency delay). */
  visibleFrom(now: number): number {
    return now + this.settings.consistencyDelayMs;
  }

  /** Records that the world changed (table writes do it themselves). */
  touch(): void {
    this.changes++;
  }

  /** Changes some settings (admin surface). */
  updateSettings(change: Partial<WorldSettings>): void {
    this.settings = { ...this.settings, ...change };
    this.touch();
  }

  /** Moves the world's clock to `offsetMs` from real time (admin surface). */
  setClockOffset(offsetMs: number): void {
    this.clock.offsetMs = offsetMs;
    this.touch();
  }

  /** The account with this UID, created empty if needed. */
  ensureAccount(uid: string, name: string = uid): Account {
    let account = this.accounts.get(uid);
    if (!account) {
      account = new Account(uid, name);
      this.accounts.set(uid, account);
    }
    return account;
  }

  /** Adds (or replaces) an AccessKey of an account. */
  addKey(uid: string, key: AccessKey): void {
    this.ensureAccount(uid);
    this.keys.set(key.accessKeyId, { uid, key });
  }

  /** Every key of one account. */
  keysOf(uid: string): AccessKey[] {
    const out: AccessKey[] = [];
    for (const entry of this.keys.values()) if (entry.uid === uid) out.push(entry.key);
    return out;
  }

  /**
   * Forgets history that no Describe call can see any more, rows that have expired, and keys STS
   * issued that expired over an hour ago (until then they still answer InvalidSecurityToken.Expired).
   */
  prune(): void {
    const now = this.now();
    for (const store of Object.values(this.stores)) store.prune(now);
    for (const [id, entry] of this.keys) {
      const { session, expiration } = entry.key;
      if (session && expiration !== undefined && expiration + 3_600_000 <= now) this.keys.delete(id);
    }
  }
}
