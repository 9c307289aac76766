// Grants to transit routers: the owner of a network instance lets a CEN instance (usually another
// account's) attach it to its transit router (CBN GrantInstanceToTransitRouter), changes who pays
// (ModifyGrantInstanceToTransitRouter), and takes the grant back (RevokeInstanceFromTransitRouter),
// which is refused while the instance is attached. Grants live in the instance owner's account.
import { networkInstance } from "../vpc/models.js";
import type { Account, World } from "../world/world.js";
import { ownsCen } from "./cens.js";
import * as err from "./exceptions.js";
import { attachmentKey, transitRouterGrantKey } from "./store.js";
import type { TransitRouterGrant, TransitRouterInstanceType, TransitRouterOrderType } from "./types.js";

/** Which grant: the caller's network instance and the CEN instance with its owner. */
export interface GrantRef {
  readonly regionId: string;
  readonly instanceId: string;
  readonly instanceType: TransitRouterInstanceType;
  readonly cenId: string;
  readonly cenOwnerId: string;
}

function grantsOf(world: World, uid: string) {
  return world.stores.cbn.account(uid).transitRouterGrants;
}

/** The caller's network instance of that type and region; VPN connections and ECRs are not in this world. */
function requireInstance(world: World, account: Account, ref: GrantRef): void {
  if (!world.regions.has(ref.regionId)) throw err.regionIllegal();
  const type = ref.instanceType === "VPC" ? "VPC" : ref.instanceType === "ExpressConnect" ? "VBR" : undefined;
  if (!type || !networkInstance(world, account.uid, ref.regionId, type, ref.instanceId)) throw err.instanceIdIllegal();
}

function requireCen(world: World, ref: GrantRef): void {
  if (!world.accounts.has(ref.cenOwnerId)) throw err.cenAliUidIllegal();
  if (!ownsCen(world, ref.cenOwnerId, ref.cenId)) throw err.cenIdIllegal();
}

/** Grants the caller's network instance to the CEN instance's transit router. */
export function grantToTransitRouter(
  world: World,
  account: Account,
  ref: GrantRef,
  orderType: TransitRouterOrderType,
  now: number,
): TransitRouterGrant {
  requireInstance(world, account, ref);
  requireCen(world, ref);
  const key = transitRouterGrantKey(ref.instanceId, ref.cenId);
  if (grantsOf(world, account.uid).get(key)) throw err.grantExists();
  const row: TransitRouterGrant = { ...ref, orderType, createTime: now };
  grantsOf(world, account.uid).set(key, row, now, world.visibleFrom(now));
  return row;
}

/** The caller's grant of the instance to the CEN instance, as it stands. */
function existing(world: World, account: Account, cenId: string, instanceId: string): TransitRouterGrant {
  const row = grantsOf(world, account.uid).get(transitRouterGrantKey(instanceId, cenId));
  if (!row) throw err.grantNotExist();
  return row;
}

/** Changes who pays; the same value again changes nothing. Answers whether it changed. */
export function modifyTransitRouterGrant(
  world: World,
  account: Account,
  cenId: string,
  instanceId: string,
  orderType: TransitRouterOrderType,
  now: number,
): boolean {
  const row = existing(world, account, cenId, instanceId);
  if (row.orderType === orderType) return false;
  const key = transitRouterGrantKey(instanceId, cenId);
  grantsOf(world, account.uid).set(key, { ...row, orderType }, now, world.visibleFrom(now));
  return true;
}

/** Revokes the grant; refused while the CEN instance has the network instance attached. */
export function revokeFromTransitRouter(world: World, account: Account, ref: GrantRef, now: number): void {
  requireInstance(world, account, ref);
  requireCen(world, ref);
  const row = existing(world, account, ref.cenId, ref.instanceId);
  if (row.cenOwnerId !== ref.cenOwnerId || row.instanceType !== ref.instanceType) throw err.grantNotExist();
  const attached = world.stores.cbn.account(ref.cenOwnerId).attachments.get(attachmentKey(ref.cenId, ref.instanceId));
  if (attached) throw err.instanceStillAttached();
  grantsOf(world, account.uid).delete(transitRouterGrantKey(ref.instanceId, ref.cenId), now, world.visibleFrom(now));
}

/** The grants of one of the caller's network instances as Describe calls see them, oldest first. */
export function visibleGrantsOf(
  world: World,
  account: Account,
  instanceId: string,
  instanceType: TransitRouterInstanceType,
  now: number,
): TransitRouterGrant[] {
  return [...grantsOf(world, account.uid).visibleValues(now)]
    .filter((row) => row.instanceId === instanceId && row.instanceType === instanceType)
    .sort((a, b) => a.createTime - b.createTime || a.cenId.localeCompare(b.cenId));
}
