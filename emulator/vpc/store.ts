// The VPC product's state: per account and region its VPCs, VBRs, CCNs, grants and running grant
// tasks; per account its CEN instances. Each table says how a seed fills it, how the admin world
// view shows it and how the state file keeps it (world/store.ts).
import { isoSeconds } from "../core/time.js";
import { Table } from "../world/table.js";
import {
  rowList,
  type SnapshotValue,
  type StoreDefinition,
  seedsFrom,
  type Tables,
  versioned,
} from "../world/table-spec.js";
import { seedCcn, seedCen, seedGrant, seedVbr, seedVpc } from "./seed.js";
import type { VpcSeedLists } from "./seed-types.js";
import type { Ccn, Cen, Grant, GrantTask, Vbr, Vpc } from "./types.js";

/** The rows of one account's VPC tables in one region, by table name. */
export interface VpcRegionRows {
  /** By vpcId. */
  readonly vpcs: Vpc;
  /** By vbrId. */
  readonly vbrs: Vbr;
  /** By ccnId. */
  readonly ccns: Ccn;
  /** By grantKey(). */
  readonly grants: Grant;
  /** By network instanceId. */
  readonly tasks: GrantTask;
}

/** The rows of one account's account-wide VPC tables. */
export interface VpcAccountRows {
  /** By cenId: CEN instances are global. */
  readonly cens: Cen;
}

/** One account's VPC tables in one region. */
export type VpcRegion = Tables<VpcRegionRows>;

const seeded = seedsFrom<VpcSeedLists>();

/** Tasks as the state file has always kept them: `{ instanceId: endsAt }`. */
const TASKS_SAVED = {
  key: "tasks",
  save: (table: Table<GrantTask>) => Object.fromEntries([...table.values()].map((t) => [t.instanceId, t.endsAt])),
  load: (table: Table<GrantTask>, data: unknown) => {
    const entries = typeof data === "object" && data !== null ? Object.entries(data) : [];
    for (const [instanceId, endsAt] of entries) {
      if (typeof endsAt === "number") table.set(instanceId, { instanceId, endsAt }, 0);
    }
  },
};

/** The VPC product's tables. */
export const VPC_STORE: StoreDefinition<VpcSeedLists, VpcRegionRows, VpcAccountRows> = {
  regionTables: (changed) => ({
    vpcs: new Table(changed),
    vbrs: new Table(changed),
    ccns: new Table(changed),
    grants: new Table(changed),
    tasks: new Table(changed),
  }),
  accountTables: (changed) => ({ cens: new Table(changed) }),
  region: {
    vpcs: { seed: seeded("vpcs", seedVpc), snapshot: rowList("vpcs", ["creationTime"]), persist: versioned("vpcs") },
    vbrs: { seed: seeded("vbrs", seedVbr), snapshot: rowList("vbrs"), persist: versioned("vbrs") },
    ccns: { seed: seeded("ccns", seedCcn), snapshot: rowList("ccns"), persist: versioned("ccns") },
    grants: {
      seed: seeded("grants", seedGrant),
      snapshot: rowList("grants", ["creationTime"]),
      persist: versioned("grants"),
    },
    tasks: {
      // Only grants and revokes start tasks.
      seed: null,
      snapshot: {
        key: "tasks",
        view: (table) => {
          const out: { [instanceId: string]: SnapshotValue } = {};
          for (const task of table.values()) out[task.instanceId] = isoSeconds(task.endsAt);
          return out;
        },
      },
      persist: TASKS_SAVED,
      expired: (task, now) => task.endsAt <= now,
    },
  },
  account: {
    cens: { seed: seeded("cens", seedCen), snapshot: rowList("cens"), persist: versioned("cens") },
  },
};
