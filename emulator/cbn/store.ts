// The CBN product's state: per account, the attachments of the CEN instances it owns (the CEN
// instances themselves are VPC's, as GrantInstanceToCen names them). Only actions write it: a seed
// has no attachments (world/store.ts).
import { Table } from "../world/table.js";
import { rowList, type StoreDefinition, type Tables, versioned } from "../world/table-spec.js";
import type { Attachment, TransitRouterGrant } from "./types.js";

/** The rows of one account's account-wide CBN tables. */
export interface CbnAccountRows {
  /** By attachmentKey(): one row per CEN instance and network instance. */
  readonly attachments: Attachment;
  /** By transitRouterGrantKey(): the grants of the account's network instances to transit routers. */
  readonly transitRouterGrants: TransitRouterGrant;
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

/** The CBN product's tables (none per region, no seed lists). */
export const CBN_STORE: StoreDefinition<Record<never, never>, Record<never, never>, CbnAccountRows> = {
  regionTables: () => ({}),
  accountTables: (changed) => ({ attachments: new Table(changed), transitRouterGrants: new Table(changed) }),
  region: {},
  account: {
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
