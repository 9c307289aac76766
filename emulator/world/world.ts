// The world's state, keyed by account then region (moto-style). Service code reads and writes it
// through these methods; seeding, reset and persistence live elsewhere (seed.ts, persistence.ts).
import { Clock } from "./clock.js";
import { DEFAULT_SETTINGS, type WorldSettings } from "./settings.js";
import { Table } from "./table.js";
import type {
  AccessKey,
  Activation,
  Ccn,
  Cen,
  ClassicLink,
  EcsInstance,
  Grant,
  ManagedInstance,
  Region,
  ResourceGroup,
  Vbr,
  Vpc,
} from "./types.js";

/** The names of a region's tables: the one list that pruning, persistence and the snapshot walk. */
export const REGION_TABLES = [
  "vpcs",
  "vbrs",
  "ccns",
  "instances",
  "grants",
  "links",
  "activations",
  "managedInstances",
] as const;

/** The name of one of a region's tables. */
export type RegionTableName = (typeof REGION_TABLES)[number];

/** One account's resources in one region. */
export class RegionState {
  /** VPCs by vpcId. */
  readonly vpcs = new Table<Vpc>();
  /** VBRs by vbrId. */
  readonly vbrs = new Table<Vbr>();
  /** CCNs by ccnId. */
  readonly ccns = new Table<Ccn>();
  /** ECS instances by instanceId. */
  readonly instances = new Table<EcsInstance>();
  /** Grants by grantKey(). */
  readonly grants = new Table<Grant>();
  /** ClassicLink connections by instanceId (one VPC per instance). */
  readonly links = new Table<ClassicLink>();
  /** Activations by activationId. */
  readonly activations = new Table<Activation>();
  /** Managed instances by instanceId. */
  readonly managedInstances = new Table<ManagedInstance>();
  /** Grant/revoke tasks still running: network instanceId -> end time (world ms). */
  readonly tasks = new Map<string, number>();

  /** One table by name, untyped (for code that walks every table). */
  table(name: RegionTableName): Table<unknown> {
    return this[name] as Table<unknown>;
  }

  /** Every table, in REGION_TABLES order. */
  tables(): Array<Table<unknown>> {
    return REGION_TABLES.map((name) => this.table(name));
  }
}

/** The key of a grant row. */
export function grantKey(instanceId: string, cenId: string, cenOwnerId: string): string {
  return `${instanceId}|${cenId}|${cenOwnerId}`;
}

/** An account: identity, keys, account-level flags and its resources by region. */
export class Account {
  /** UID (digits, as a string). */
  readonly uid: string;
  /** Label. */
  name: string;
  /** False answers RealNameAuthenticationError on CreateActivation. */
  realNameVerified = true;
  /** Action patterns barred by risk control. */
  blockedActions: string[] = [];
  /** Resource groups by ID. */
  readonly resourceGroups = new Map<string, ResourceGroup>();
  /** CEN instances (global). */
  readonly cens = new Table<Cen>();
  /** Resources by region. */
  readonly regions = new Map<string, RegionState>();

  /**
   * @param uid account UID.
   * @param name label.
   */
  constructor(uid: string, name: string) {
    this.uid = uid;
    this.name = name;
  }

  /** The account's state in a region (created empty on first use). */
  region(regionId: string): RegionState {
    let state = this.regions.get(regionId);
    if (!state) {
      state = new RegionState();
      this.regions.set(regionId, state);
    }
    return state;
  }
}

/** An AccessKey and the account it belongs to. */
export interface KeyEntry {
  /** Owning account UID. */
  readonly uid: string;
  /** The key. */
  readonly key: AccessKey;
}

/** The whole world. */
export class World {
  /** Settings. */
  settings: WorldSettings = DEFAULT_SETTINGS;
  /** Known regions by ID. */
  readonly regions = new Map<string, Region>();
  /** Accounts by UID. */
  readonly accounts = new Map<string, Account>();
  /** Every AccessKey by AccessKeyId. */
  readonly keys = new Map<string, KeyEntry>();
  /** The world's clock. */
  readonly clock = new Clock();
  /** Bumped by every change, so the persistence layer knows when to save. */
  revision = 0;

  /** World time, epoch ms. */
  now(): number {
    return this.clock.now();
  }

  /** When a change made at `now` becomes visible to Describe calls (the consistency delay). */
  visibleFrom(now: number): number {
    return now + this.settings.consistencyDelayMs;
  }

  /** Records that the world changed. */
  touch(): void {
    this.revision++;
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

  /** Finds a live ECS instance in any account and region. */
  findInstance(instanceId: string): { account: Account; instance: EcsInstance } | undefined {
    for (const account of this.accounts.values()) {
      for (const region of account.regions.values()) {
        const instance = region.instances.get(instanceId);
        if (instance) return { account, instance };
      }
    }
    return undefined;
  }

  /** Finds a live VPC in any account and region. */
  findVpc(vpcId: string): { account: Account; vpc: Vpc } | undefined {
    for (const account of this.accounts.values()) {
      for (const region of account.regions.values()) {
        const vpc = region.vpcs.get(vpcId);
        if (vpc) return { account, vpc };
      }
    }
    return undefined;
  }

  /** Forgets history that no Describe call can see any more. */
  prune(): void {
    const now = this.now();
    for (const account of this.accounts.values()) {
      account.cens.prune(now);
      for (const region of account.regions.values()) {
        for (const table of region.tables()) table.prune(now);
        for (const [instanceId, endsAt] of region.tasks) if (endsAt <= now) region.tasks.delete(instanceId);
      }
    }
  }
}
