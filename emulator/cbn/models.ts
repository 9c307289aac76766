// CBN rules: the owner of a CEN instance attaches network instances to it (its own, or another
// account's that their owner granted to it) and detaches them. Each attach or detach runs for the
// world's `taskDurationMs` (Attaching, Detaching), during which the network instance and the CEN
// instance refuse other attaches and detaches. Writers act on the latest state; the Describe
// readers use the visible (eventually consistent) view. What the VPC product knows (network
// instances, grants) is asked through its model functions; CEN instances through cens.ts.
import { compareText } from "../core/encoding.js";
import { isGranted, networkInstance } from "../vpc/models.js";
import type { Account, World } from "../world/world.js";
import { ownsCen, transitRouterEdition } from "./cens.js";
import * as err from "./exceptions.js";
import { attachmentKey } from "./store.js";
import type { Attachment, AttachmentStatus, ChildInstanceType } from "./types.js";

/** Which network instance, in which region, and which CEN instance. */
export interface ChildRef {
  readonly cenId: string;
  readonly childInstanceId: string;
  readonly childInstanceType: ChildInstanceType;
  readonly childInstanceRegionId: string;
}

/** An attach or detach after its parameters were read. */
export interface ChildRequest extends ChildRef {
  /** The UID given as ChildInstanceOwnerId, if any. */
  readonly childInstanceOwnerId?: string;
}

/** A detach, which the network instance's owner may also ask for, naming the CEN's owner. */
export interface DetachRequest extends ChildRequest {
  /** The UID given as CenOwnerId, if any. */
  readonly cenOwnerId?: string;
}

/** The status of an attachment at `now`; undefined when its detach has run its course. */
export function statusAt(row: Attachment, now: number): AttachmentStatus | undefined {
  if (row.until === undefined || now < row.until) return row.status;
  return row.status === "Detaching" ? undefined : "Attached";
}

/** The attachment as it stands at `now` (undefined when gone). */
function settled(row: Attachment | undefined, now: number): Attachment | undefined {
  if (!row) return undefined;
  const status = statusAt(row, now);
  if (status === undefined) return undefined;
  if (status === row.status) return row;
  return { ...row, status, until: undefined };
}

/** Whether an attach or detach is still running on the attachment. */
function inTransition(row: Attachment, now: number): boolean {
  const status = statusAt(row, now);
  return status === "Attaching" || status === "Detaching";
}

function requireRegion(world: World, regionId: string, error: () => Error): void {
  if (!world.regions.has(regionId)) throw error();
}

function requireCen(world: World, uid: string, cenId: string): void {
  if (!ownsCen(world, uid, cenId)) throw err.cenIdIllegal();
}

function attachmentsOf(world: World, uid: string) {
  return world.stores.cbn.account(uid).attachments;
}

/** The attachment of a network instance to any CEN instance of any account, as it stands now. */
function attachmentOfChild(world: World, childInstanceId: string, now: number): Attachment | undefined {
  for (const uid of world.accounts.keys()) {
    for (const row of attachmentsOf(world, uid).values()) {
      if (row.childInstanceId !== childInstanceId) continue;
      const current = settled(row, now);
      if (current) return current;
    }
  }
  return undefined;
}

/** Refuses a change while another attach or detach of the same CEN instance runs. */
function requireCenIdle(world: World, uid: string, cenId: string, childInstanceId: string, now: number): void {
  for (const row of attachmentsOf(world, uid).values()) {
    if (row.cenId === cenId && row.childInstanceId !== childInstanceId && inTransition(row, now)) throw err.cenBusy();
  }
}

/** The end of a transition starting at `now`, or undefined when the world completes it at once. */
function transitionEnd(world: World, now: number): number | undefined {
  const duration = world.settings.taskDurationMs;
  return duration > 0 ? now + duration : undefined;
}

/** Attaches a network instance to the caller's CEN instance; refuses as the real service does. */
export function attachChild(world: World, account: Account, request: ChildRequest, now: number): Attachment {
  requireRegion(world, request.childInstanceRegionId, err.regionIllegal);
  requireCen(world, account.uid, request.cenId);
  // Enterprise Edition transit routers attach through transit router attachments, not this action.
  if (transitRouterEdition(world, account.uid, request.cenId) === "Enterprise") throw err.invalidTransitRouter();
  const owner = request.childInstanceOwnerId ?? account.uid;
  if (!world.accounts.has(owner)) throw err.childBidNotFound();
  const child = networkInstance(
    world,
    owner,
    request.childInstanceRegionId,
    request.childInstanceType,
    request.childInstanceId,
  );
  if (!child) throw err.childNotFound();
  if (
    owner !== account.uid &&
    !isGranted(world, owner, request.childInstanceRegionId, request.childInstanceId, request.cenId, account.uid, now)
  ) {
    throw err.notGranted();
  }
  if (!child.ready) throw request.childInstanceType === "VPC" ? err.vpcConfiguring() : err.resourceStatus();
  const existing = attachmentOfChild(world, request.childInstanceId, now);
  if (existing && inTransition(existing, now)) throw err.childBusy();
  if (existing) throw err.alreadyAttached();
  requireCenIdle(world, account.uid, request.cenId, request.childInstanceId, now);
  const until = transitionEnd(world, now);
  const row: Attachment = {
    cenId: request.cenId,
    childInstanceId: request.childInstanceId,
    childInstanceType: request.childInstanceType,
    childInstanceRegionId: request.childInstanceRegionId,
    childInstanceOwnerId: owner,
    status: until === undefined ? "Attached" : "Attaching",
    ...(until === undefined ? {} : { until }),
    attachTime: now,
  };
  attachmentsOf(world, account.uid).set(
    attachmentKey(request.cenId, request.childInstanceId),
    row,
    now,
    world.visibleFrom(now),
  );
  return row;
}

/**
 * Detaches a network instance. The caller is the CEN instance's owner, or (naming it in
 * CenOwnerId) the network instance's owner.
 */
export function detachChild(world: World, account: Account, request: DetachRequest, now: number): void {
  requireRegion(world, request.childInstanceRegionId, err.childRegionIllegal);
  const cenOwner = request.cenOwnerId ?? account.uid;
  if (!world.accounts.has(cenOwner)) throw err.bidNotFound();
  requireCen(world, cenOwner, request.cenId);
  if (request.childInstanceOwnerId !== undefined && !world.accounts.has(request.childInstanceOwnerId)) {
    throw err.bidNotFound();
  }
  const table = attachmentsOf(world, cenOwner);
  const key = attachmentKey(request.cenId, request.childInstanceId);
  const row = settled(table.get(key), now);
  const visibleToCaller = row && (cenOwner === account.uid || row.childInstanceOwnerId === account.uid);
  if (
    !row ||
    !visibleToCaller ||
    row.childInstanceType !== request.childInstanceType ||
    row.childInstanceRegionId !== request.childInstanceRegionId ||
    (request.childInstanceOwnerId !== undefined && request.childInstanceOwnerId !== row.childInstanceOwnerId)
  ) {
    throw err.childNotFound();
  }
  if (inTransition(row, now)) throw err.childBusy();
  requireCenIdle(world, cenOwner, request.cenId, request.childInstanceId, now);
  const until = transitionEnd(world, now);
  if (until === undefined) table.delete(key, now, world.visibleFrom(now));
  else table.set(key, { ...row, status: "Detaching", until }, now, world.visibleFrom(now));
}

/** Whether CEN instance `cenId` of `cenOwnerId` has the network instance attached now (any status). */
export function isAttached(
  world: World,
  cenOwnerId: string,
  cenId: string,
  childInstanceId: string,
  now: number,
): boolean {
  if (!world.accounts.has(cenOwnerId)) return false;
  return settled(attachmentsOf(world, cenOwnerId).get(attachmentKey(cenId, childInstanceId)), now) !== undefined;
}

/** Whether any account has this network instance in that region (to tell "not attached" from "no such instance"). */
function childExists(world: World, ref: ChildRef): boolean {
  for (const uid of world.accounts.keys()) {
    if (networkInstance(world, uid, ref.childInstanceRegionId, ref.childInstanceType, ref.childInstanceId)) return true;
  }
  return false;
}

/** One attachment of the caller's CEN instance as Describe calls see it, with the network instance's name. */
export function visibleAttachment(
  world: World,
  account: Account,
  ref: ChildRef,
  now: number,
): { readonly attachment: Attachment; readonly name: string } {
  requireRegion(world, ref.childInstanceRegionId, err.childRegionIllegal);
  requireCen(world, account.uid, ref.cenId);
  const row = settled(
    attachmentsOf(world, account.uid).visible(attachmentKey(ref.cenId, ref.childInstanceId), now),
    now,
  );
  if (
    !row ||
    row.childInstanceType !== ref.childInstanceType ||
    row.childInstanceRegionId !== ref.childInstanceRegionId
  ) {
    throw childExists(world, ref) ? err.notAttached(world.settings.notAttachedCode) : err.childNotFound();
  }
  const child = networkInstance(
    world,
    row.childInstanceOwnerId,
    row.childInstanceRegionId,
    row.childInstanceType,
    row.childInstanceId,
  );
  return { attachment: row, name: child?.name ?? "" };
}

/** The attachments of the caller's CEN instance as Describe calls see them, oldest first, filtered. */
export function visibleAttachments(
  world: World,
  account: Account,
  cenId: string,
  filter: { readonly childInstanceType?: ChildInstanceType; readonly childInstanceRegionId?: string },
  now: number,
): Attachment[] {
  if (filter.childInstanceRegionId !== undefined)
    requireRegion(world, filter.childInstanceRegionId, err.childRegionIllegal);
  requireCen(world, account.uid, cenId);
  const found: Attachment[] = [];
  for (const value of attachmentsOf(world, account.uid).visibleValues(now)) {
    const row = settled(value, now);
    if (!row || row.cenId !== cenId) continue;
    if (filter.childInstanceType !== undefined && row.childInstanceType !== filter.childInstanceType) continue;
    if (filter.childInstanceRegionId !== undefined && row.childInstanceRegionId !== filter.childInstanceRegionId)
      continue;
    found.push(row);
  }
  return found.sort((a, b) => a.attachTime - b.attachTime || compareText(a.childInstanceId, b.childInstanceId));
}
