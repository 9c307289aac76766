// What other products may ask of the CBN product's CEN instances (VPC GrantInstanceToCen names
// one): answers from the latest state. Other products call these, never the CBN tables. This
// module asks no other product, so the VPC rules may use it while CBN's rules ask the VPC's.
import type { World } from "../world/world.js";
import type { TransitRouterEdition } from "./types.js";

/** Whether account `uid` owns the CEN instance `cenId`. */
export function ownsCen(world: World, uid: string, cenId: string): boolean {
  return world.accounts.has(uid) && world.stores.cbn.account(uid).cens.get(cenId) !== undefined;
}

/** The edition of the transit routers of account `uid`'s CEN instance `cenId` (Basic unless it says). */
export function transitRouterEdition(world: World, uid: string, cenId: string): TransitRouterEdition {
  return world.stores.cbn.account(uid).cens.get(cenId)?.transitRouterEdition ?? "Basic";
}
