// ECS side of ClassicLink: linking classic-network instances to VPCs, with the documented
// preconditions (classic instance, Running or Stopped, not locked, same region, ClassicLink
// enabled on the VPC, one VPC per instance, quota per VPC).
import { compareText } from "../core/encoding.js";
import { findVpc } from "../vpc/models.js";
import type { Vpc } from "../vpc/types.js";
import type { Account, World } from "../world/world.js";
import * as err from "./exceptions.js";
import type { EcsRegion } from "./store.js";
import type { ClassicLink, EcsInstance, InstanceStatus } from "./types.js";

const REGION_SHAPE = /^[a-z]{2}-[a-z0-9-]+$/;
const INSTANCE_SHAPE = /^i-[a-z0-9]+$/;

/** Finds a live ECS instance in any account and region. */
export function findInstance(world: World, instanceId: string): { uid: string; instance: EcsInstance } | undefined {
  for (const { uid, tables } of world.stores.ecs.regions()) {
    const instance = tables.instances.get(instanceId);
    if (instance) return { uid, instance };
  }
  return undefined;
}

/** Checks RegionId: malformed or unknown answers the given errors (Detach: both Malformed). */
export function classicRegion(
  world: World,
  account: Account,
  regionId: string,
  notFound: () => Error,
  malformed: () => Error = err.regionMalformed,
): EcsRegion {
  if (!REGION_SHAPE.test(regionId)) throw malformed();
  if (!world.regions.has(regionId)) throw notFound();
  return world.stores.ecs.region(account.uid, regionId);
}

/**
 * How Attach and Detach refuse a resource that is not where RegionId says. Attach's page has
 * InvalidInstanceId.LimitedRegion; Detach's has no region code, so there the instance counts as not
 * found and the VPC as not yours.
 */
export type RegionMismatch = "limited-region" | "not-found";

/** Finds the caller's instance in the region, refusing as the real service does otherwise. */
export function ownInstance(
  world: World,
  account: Account,
  regionId: string,
  instanceId: string,
  mismatch: RegionMismatch = "limited-region",
): EcsInstance {
  if (!INSTANCE_SHAPE.test(instanceId)) throw err.instanceIdUnknown();
  const here = world.stores.ecs.region(account.uid, regionId).instances.get(instanceId);
  if (here) return here;
  const anywhere = findInstance(world, instanceId);
  if (anywhere?.uid === account.uid) {
    throw mismatch === "limited-region" ? err.limitedRegion() : err.instanceNotFound();
  }
  if (anywhere) throw err.instanceNotBelong();
  throw err.instanceNotFound();
}

/** Finds the caller's VPC in the region (a VPC elsewhere in the account: see RegionMismatch). */
function ownVpc(world: World, account: Account, regionId: string, vpcId: string, mismatch: RegionMismatch): Vpc {
  if (!/^vpc-[a-z0-9]+$/.test(vpcId)) throw err.vpcIdNotYours();
  const here = world.stores.vpc.region(account.uid, regionId).vpcs.get(vpcId);
  if (here) return here;
  if (mismatch === "limited-region" && findVpc(world, vpcId)?.uid === account.uid) throw err.limitedRegion();
  throw err.vpcIdNotYours();
}

const LINKABLE = new Set(["Running", "Stopped"]);

/** Links a classic instance to a VPC; false when it already was linked to that VPC. */
export function attach(
  world: World,
  account: Account,
  regionId: string,
  instanceId: string,
  vpcId: string,
  now: number,
): boolean {
  const region = world.stores.ecs.region(account.uid, regionId);
  const instance = ownInstance(world, account, regionId, instanceId);
  if (instance.networkType !== "classic") throw err.notClassic();
  const vpc = ownVpc(world, account, regionId, vpcId, "limited-region");
  if (instance.locked) throw err.instanceLocked();
  if (!LINKABLE.has(instance.status)) throw err.attachStatus();
  if (!vpc.classicLinkEnabled) throw err.attachDisabled();
  const existing = region.links.get(instanceId);
  if (existing) {
    if (existing.vpcId === vpcId) return false;
    throw err.linkedElsewhere();
  }
  let linked = 0;
  for (const link of region.links.values()) if (link.vpcId === vpcId) linked++;
  if (linked >= world.settings.classicLinkQuotaPerVpc) throw err.linkQuotaExceeded();
  const link: ClassicLink = { instanceId, vpcId, regionId, creationTime: now };
  region.links.set(instanceId, link, now, world.visibleFrom(now));
  return true;
}

/** Unlinks a classic instance from a VPC, answering only the codes Detach's page documents. */
export function detach(
  world: World,
  account: Account,
  regionId: string,
  instanceId: string,
  vpcId: string,
  now: number,
): void {
  const region = world.stores.ecs.region(account.uid, regionId);
  const instance = ownInstance(world, account, regionId, instanceId, "not-found");
  if (instance.networkType !== "classic") throw err.notClassic();
  const vpc = ownVpc(world, account, regionId, vpcId, "not-found");
  if (instance.locked) throw err.detachDenied();
  if (!LINKABLE.has(instance.status)) throw err.detachStatus();
  if (!vpc.classicLinkEnabled) throw err.detachDisabled();
  if (region.links.get(instanceId)?.vpcId !== vpcId) throw err.notLinked();
  region.links.delete(instanceId, now, world.visibleFrom(now));
}

/** Links as Describe calls see them, filtered by instance IDs and/or VPC, sorted by instance ID. */
export function visibleLinks(
  world: World,
  account: Account,
  regionId: string,
  instanceIds: readonly string[],
  vpcId: string | undefined,
  now: number,
): ClassicLink[] {
  const region = world.stores.ecs.region(account.uid, regionId);
  for (const id of instanceIds) {
    if (!INSTANCE_SHAPE.test(id)) throw err.instanceIdUnknown();
    if (region.instances.get(id)) continue;
    const anywhere = findInstance(world, id);
    throw anywhere && anywhere.uid !== account.uid ? err.instanceNotBelong() : err.instanceNotFound();
  }
  if (vpcId !== undefined && !world.stores.vpc.region(account.uid, regionId).vpcs.get(vpcId)) {
    throw err.vpcNotBelong();
  }
  const wanted = new Set(instanceIds);
  const out: ClassicLink[] = [];
  for (const link of region.links.visibleValues(now)) {
    if (wanted.size > 0 && !wanted.has(link.instanceId)) continue;
    if (vpcId !== undefined && link.vpcId !== vpcId) continue;
    out.push(link);
  }
  return out.sort((a, b) => compareText(a.instanceId, b.instanceId));
}

/** A change of an ECS instance's status and/or lock (the admin surface's instance control). */
export interface InstanceStateChange {
  readonly status?: InstanceStatus;
  readonly locked?: boolean;
}

/** Applies a status/lock change to an instance in any account and region; undefined when there is none. */
export function setInstanceState(
  world: World,
  instanceId: string,
  change: InstanceStateChange,
  now: number,
): EcsInstance | undefined {
  const found = findInstance(world, instanceId);
  if (!found) return undefined;
  const updated: EcsInstance = {
    ...found.instance,
    ...(change.status === undefined ? {} : { status: change.status }),
    ...(change.locked === undefined ? {} : { locked: change.locked }),
  };
  world.stores.ecs.region(found.uid, updated.regionId).instances.set(instanceId, updated, now);
  return updated;
}
