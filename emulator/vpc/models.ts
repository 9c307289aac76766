// VPC rules: grants of network instances to CEN instances, and the VPC side of ClassicLink.
// Writers act on the latest state; Describe readers use the visible (eventually consistent) view.
import { ownsCen } from "../cbn/cens.js";
import { compareText } from "../core/encoding.js";
import { type IpRange, parseIpRange, rangesOverlap } from "../world/net.js";
import type { Account, World } from "../world/world.js";
import * as err from "./exceptions.js";
import { grantKey } from "./seed.js";
import type { VpcRegion } from "./store.js";
import type { Grant, GrantInstanceType, Vpc } from "./types.js";

/** A grant request after its parameters were read. */
export interface GrantTarget {
  /** The network instance's region. */
  readonly regionId: string;
  /** The network instance. */
  readonly instanceId: string;
  readonly instanceType: GrantInstanceType;
  readonly cenId: string;
  /** The CEN owner's UID. */
  readonly cenOwnerId: string;
}

/** The account's VPC tables in a known region, or `error` for an unknown one. */
export function regionOf(world: World, account: Account, regionId: string, error: () => Error): VpcRegion {
  if (!world.regions.has(regionId)) throw error();
  return world.stores.vpc.region(account.uid, regionId);
}

/** Checks that the network instance exists and may change; refuses as the real service does. */
function requireNetworkInstance(region: VpcRegion, type: GrantInstanceType, instanceId: string): void {
  if (type === "VPC") {
    const vpc = region.vpcs.get(instanceId);
    if (!vpc) throw err.instanceNotFound();
    if (vpc.status !== "Available") throw err.incorrectStatus();
  } else if (type === "VBR") {
    const vbr = region.vbrs.get(instanceId);
    if (!vbr) throw err.vbrNotFound();
    if (vbr.status !== "active") throw err.incorrectStatus();
  } else if (!region.ccns.get(instanceId)) {
    throw err.instanceNotFound();
  }
}

function requireNoTask(region: VpcRegion, instanceId: string, now: number): void {
  const endsAt = region.tasks.get(instanceId)?.endsAt;
  if (endsAt !== undefined && endsAt > now) throw err.taskConflict();
}

function startTask(world: World, region: VpcRegion, instanceId: string, now: number): void {
  const duration = world.settings.taskDurationMs;
  if (duration > 0) region.tasks.set(instanceId, { instanceId, endsAt: now + duration }, now);
}

/**
 * Grants a network instance to a CEN instance; undefined when it already was granted and the world
 * is set to accept a duplicate (`settings.duplicateGrant: "succeed"`): nothing changes then.
 */
export function grantInstance(world: World, account: Account, target: GrantTarget, now: number): Grant | undefined {
  const region = regionOf(world, account, target.regionId, err.regionNotFound);
  requireNetworkInstance(region, target.instanceType, target.instanceId);
  if (target.instanceType === "VBR" && target.cenOwnerId !== account.uid) throw err.invalidGrant();
  // CEN instances are CBN's.
  if (!ownsCen(world, target.cenOwnerId, target.cenId)) throw err.illegalCenId(target.cenId, target.cenOwnerId);
  requireNoTask(region, target.instanceId, now);
  const key = grantKey(target.instanceId, target.cenId, target.cenOwnerId);
  if (region.grants.get(key)) {
    // Unknown in the sources: refused by default, switchable so that clients can be tested on both.
    if (world.settings.duplicateGrant === "succeed") return undefined;
    throw err.grantExists();
  }
  let existing = 0;
  for (const grant of region.grants.values()) if (grant.instanceId === target.instanceId) existing++;
  if (existing >= world.settings.grantQuotaPerInstance) throw err.grantQuotaExceeded();
  const grant: Grant = { ...target, creationTime: now };
  region.grants.set(key, grant, now, world.visibleFrom(now));
  startTask(world, region, target.instanceId, now);
  return grant;
}

/** Revokes a grant; false when there was none and the world is set to accept that (nothing changes). */
export function revokeInstance(world: World, account: Account, target: GrantTarget, now: number): boolean {
  const region = regionOf(world, account, target.regionId, err.regionNotFound);
  requireNetworkInstance(region, target.instanceType, target.instanceId);
  requireNoTask(region, target.instanceId, now);
  const key = grantKey(target.instanceId, target.cenId, target.cenOwnerId);
  if (!region.grants.get(key)) {
    // Unknown in the sources (settings.revokeMissingGrant): refused, accepted, or Terraform's guess.
    const behaviour = world.settings.revokeMissingGrant;
    if (behaviour === "succeed") return false;
    throw behaviour === "instance-not-found" ? err.instanceNotFound() : err.grantNotExist();
  }
  region.grants.delete(key, now, world.visibleFrom(now));
  startTask(world, region, target.instanceId, now);
  return true;
}

/** The grants of one network instance as Describe calls see them, oldest first. */
export function visibleGrants(
  world: World,
  account: Account,
  regionId: string,
  instanceType: GrantInstanceType,
  instanceId: string,
  now: number,
): Grant[] {
  const region = regionOf(world, account, regionId, err.regionNotFound);
  const exists =
    instanceType === "VPC"
      ? region.vpcs.get(instanceId)
      : instanceType === "VBR"
        ? region.vbrs.get(instanceId)
        : region.ccns.get(instanceId);
  if (!exists) {
    // Unknown in the sources (settings.unknownInstanceGrantRules): refused, or nothing to list.
    if (world.settings.unknownInstanceGrantRules === "empty") return [];
    throw instanceType === "VBR" ? err.vbrNotFound() : err.instanceNotFound();
  }
  const grants: Grant[] = [];
  for (const grant of region.grants.visibleValues(now)) if (grant.instanceId === instanceId) grants.push(grant);
  return grants.sort((a, b) => a.creationTime - b.creationTime || compareText(a.cenId, b.cenId));
}

/** 10.0.0.0/8. */
const CLASSIC_RANGE: IpRange = { family: 4, base: 10n << 24n, prefix: 8 };

/** Enables or disables ClassicLink on a VPC; false when it already was in that state. */
export function setClassicLink(
  world: World,
  account: Account,
  regionId: string,
  vpcId: string,
  enable: boolean,
  now: number,
): boolean {
  const region = regionOf(world, account, regionId, err.classicLinkRegionNotFound);
  const vpc = region.vpcs.get(vpcId);
  if (!vpc) throw err.vpcNotFound();
  if (!world.regions.get(regionId)?.classicNetwork) {
    throw enable ? err.forbiddenEnableClassicLink() : err.forbiddenDisableClassicLink();
  }
  if (vpc.status !== "Available") throw err.incorrectVpcStatus();
  if (vpc.classicLinkEnabled === enable) return false;
  if (enable) checkRoutes(vpc);
  else {
    const links = world.stores.ecs.region(account.uid, regionId).links;
    for (const link of links.values()) if (link.vpcId === vpcId) throw err.vpcStillLinked();
  }
  region.vpcs.set(vpcId, { ...vpc, classicLinkEnabled: enable }, now, world.visibleFrom(now));
  return true;
}

/** ClassicLink routes 10.0.0.0/8 to the classic network: custom routes there conflict. */
function checkRoutes(vpc: Vpc): void {
  for (const entry of vpc.routeEntries) {
    const range = parseIpRange(entry);
    // A malformed entry cannot conflict (seeds refuse them anyway).
    if (!range) continue;
    if (range.prefix === CLASSIC_RANGE.prefix && range.base === CLASSIC_RANGE.base) throw err.routeEntryExists();
    if (rangesOverlap(range, CLASSIC_RANGE)) throw err.routeConflict();
  }
}

/** A VPC as Describe calls see it. */
export function visibleVpc(world: World, account: Account, regionId: string, vpcId: string, now: number): Vpc {
  const region = regionOf(world, account, regionId, err.regionNotFound);
  const vpc = region.vpcs.visible(vpcId, now);
  if (!vpc) throw err.vpcNotFound();
  return vpc;
}

/** Finds a live VPC in any account and region. */
export function findVpc(world: World, vpcId: string): { uid: string; vpc: Vpc } | undefined {
  for (const { uid, tables } of world.stores.vpc.regions()) {
    const vpc = tables.vpcs.get(vpcId);
    if (vpc) return { uid, vpc };
  }
  return undefined;
}

// What other products may ask of the VPC product (a CEN attaching a network instance): answers
// from the latest state, as the service itself acts on it. Other products call these, never the
// VPC tables.

/** A network instance as another product sees it. */
export interface NetworkInstanceView {
  /** Its name; empty when it has none. */
  readonly name: string;
  /** Whether it accepts changes now: a VPC `Available`, a VBR `active` (a CCN always). */
  readonly ready: boolean;
}

/** The network instance `instanceId` of account `uid` in a region, or undefined when it has none such. */
export function networkInstance(
  world: World,
  uid: string,
  regionId: string,
  type: GrantInstanceType,
  instanceId: string,
): NetworkInstanceView | undefined {
  // Looking must not create the account's tables in that region.
  if (!world.stores.vpc.hasRows(uid, regionId)) return undefined;
  const region = world.stores.vpc.region(uid, regionId);
  if (type === "VPC") {
    const vpc = region.vpcs.get(instanceId);
    return vpc && { name: vpc.vpcName, ready: vpc.status === "Available" };
  }
  if (type === "VBR") {
    const vbr = region.vbrs.get(instanceId);
    return vbr && { name: "", ready: vbr.status === "active" };
  }
  return region.ccns.get(instanceId) && { name: "", ready: true };
}

/**
 * Whether a grant has reached CEN at `now`: a new grant does so `settings.grantPropagationMs` after
 * it was made (0 by default; how long the real one takes is unknown, so a test can make it lag).
 */
function reachedCen(world: World, grant: Grant, now: number): boolean {
  return grant.creationTime + world.settings.grantPropagationMs <= now;
}

/**
 * Whether account `uid` has granted its network instance to the CEN instance `cenId` of
 * `cenOwnerId`, as CEN sees it at `now`.
 */
export function isGranted(
  world: World,
  uid: string,
  regionId: string,
  instanceId: string,
  cenId: string,
  cenOwnerId: string,
  now: number,
): boolean {
  if (!world.stores.vpc.hasRows(uid, regionId)) return false;
  const grant = world.stores.vpc.region(uid, regionId).grants.get(grantKey(instanceId, cenId, cenOwnerId));
  return grant !== undefined && reachedCen(world, grant, now);
}

/**
 * The grants to CEN instance `cenId` of owner `cenOwnerId` as CEN's Describe calls see them (those
 * that reached CEN), with their owner's UID.
 */
export function visibleGrantsToCen(
  world: World,
  cenId: string,
  cenOwnerId: string,
  now: number,
): { readonly ownerUid: string; readonly grant: Grant }[] {
  const found: { ownerUid: string; grant: Grant }[] = [];
  for (const { uid, tables } of world.stores.vpc.regions()) {
    for (const grant of tables.grants.visibleValues(now)) {
      if (grant.cenId === cenId && grant.cenOwnerId === cenOwnerId && reachedCen(world, grant, now)) {
        found.push({ ownerUid: uid, grant });
      }
    }
  }
  return found.sort((a, b) => a.grant.creationTime - b.grant.creationTime);
}
