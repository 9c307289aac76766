// The CBN product's state, per account: the CEN instances it owns (global resources; VPC's
// GrantInstanceToCen names them and asks cens.ts), their attachments, and the grants of its network
// instances to transit routers. Seeds fill the CEN instances; only actions write the others
// (world/store.ts).
import { Table } from "../world/table.js";
import { type None, rowList, type StoreDefinition, seedsFrom, type Tables, versioned } from "../world/table-spec.js";
import { seedCen } from "./seed.js";
import type { CbnSeedLists } from "./seed-types.js";
import type { Attachment, AttachmentView, Cen, CenView, TransitRouterGrant, TransitRouterGrantView } from "./types.js";

/** The rows of one account's account-wide CBN tables. */
export interface CbnAccountRows {
  /** By cenId: CEN instances are global. */
  readonly cens: Cen;
  /** By attachmentKey(): one row per CEN instance and network instance. */
  readonly attachments: Attachment;
  /** By transitRouterGrantKey(): the grants of the account's network instances to transit routers. */
  readonly transitRouterGrants: TransitRouterGrant;
}

/** How the admin world view shows an account's CBN tables, by view key. */
export interface CbnAccountViews {
  /** Its CEN instances. */
  readonly cens: readonly CenView[];
  /** CEN child-instance attachments of its CEN instances. */
  readonly cenAttachments: readonly AttachmentView[];
  /** Grants of its network instances to transit routers. */
  readonly transitRouterGrants: readonly TransitRouterGrantView[];
}

/** One account's CBN tables. */
export type CbnAccount = Tables<CbnAccountRows>;

/** An attachment's key in its CEN owner's table. */
export function attachmentKey(cenId: string, childInstanceId: string): string {
  return `${cenId}:${childInstanceId}`;
}

/** A transit router grant's key in the network instance owner's table. */
export function transitRouterGrantKey(instanceId: string, cenId: string): string {
  return `${instanceId}:${cenId}`;
}

const seeded = seedsFrom<CbnSeedLists>();

/** The CBN product's tables (none per region). */
export const CBN_STORE: StoreDefinition<CbnSeedLists, None, CbnAccountRows, None, CbnAccountViews> = {
  regionTables: () => ({}),
  accountTables: (changed) => ({
    cens: new Table(changed),
    attachments: new Table(changed),
    transitRouterGrants: new Table(changed),
  }),
  region: {},
  account: {
    // The keys VPC's store had for them (state files saved before the move load as they are).
    cens: { seed: seeded("cens", seedCen), snapshot: rowList("cens"), persist: versioned("cens") },
    attachments: {
      // Only AttachCenChildInstance writes attachments.
      seed: null,
      snapshot: rowList("cenAttachments", ["attachTime", "until"]),
      persist: versioned("cenAttachments"),
      // A detach that has run its course leaves nothing behind.
      expired: (row, now) => row.status === "Detaching" && row.until !== undefined && row.until <= now,
    },
    transitRouterGrants: {
      // Only GrantInstanceToTransitRouter writes them.
      seed: null,
      snapshot: rowList("transitRouterGrants", ["createTime"]),
      persist: versioned("transitRouterGrants"),
    },
  },
};
