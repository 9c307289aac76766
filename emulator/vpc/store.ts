// The VPC product's state: per account and region its VPCs, VBRs, CCNs, grants and running grant
// tasks (the CEN instances the grants name are CBN's: cbn/store.ts, asked through cbn/cens.ts).
// Each table says how a seed fills it, how the admin world view shows it and how the state file
// keeps it (world/store.ts).
import { isoSeconds } from "../core/time.js";
import { Table } from "../world/table.js";
import { type None, rowList, type StoreDefinition, seedsFrom, type Tables, versioned } from "../world/table-spec.js";
import { seedCcn, seedGrant, seedVbr, seedVpc } from "./seed.js";
import type { VpcSeedLists } from "./seed-types.js";
import type { Ccn, CcnView, Grant, GrantTask, GrantView, Vbr, VbrView, Vpc, VpcView } from "./types.js";

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

/** How the admin world view shows an account's VPC tables in one region, by view key. */
export interface VpcRegionViews {
  /** VPCs. */
  readonly vpcs: readonly VpcView[];
  /** Virtual border routers. */
  readonly vbrs: readonly VbrView[];
  /** Cloud connect networks. */
  readonly ccns: readonly CcnView[];
  /** Grants of this account's network instances. */
  readonly grants: readonly GrantView[];
  /** Grant/revoke tasks still running, by network instance: when each ends (ISO 8601). */
  readonly tasks: { readonly [instanceId: string]: string };
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
export const VPC_STORE: StoreDefinition<VpcSeedLists, VpcRegionRows, None, VpcRegionViews, None> = {
  regionTables: (changed) => ({
    vpcs: new Table(changed),
    vbrs: new Table(changed),
    ccns: new Table(changed),
    grants: new Table(changed),
    tasks: new Table(changed),
  }),
  accountTables: () => ({}),
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
          const out: { [instanceId: string]: string } = {};
          for (const task of table.values()) out[task.instanceId] = isoSeconds(task.endsAt);
          return out;
        },
      },
      persist: TASKS_SAVED,
      expired: (task, now) => task.endsAt <= now,
    },
  },
  account: {},
};
