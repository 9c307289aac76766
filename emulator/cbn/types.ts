// The CBN product's records, and how the admin world view shows them (RowView). Every record is
// immutable: a change writes a new object into its Table.
import type {
  AttachmentStatus,
  ChildInstanceType,
  TransitRouterInstanceType,
  TransitRouterOrderType,
} from "../../api/cbn.js";
import type { RowView } from "../world/table-spec.js";

export type { AttachmentStatus, ChildInstanceType, TransitRouterInstanceType, TransitRouterOrderType };

/**
 * The edition of a CEN instance's transit routers: Basic ones attach network instances with
 * AttachCenChildInstance (after VPC GrantInstanceToCen), Enterprise ones with transit router
 * attachments (after CBN GrantInstanceToTransitRouter).
 */
export type TransitRouterEdition = "Basic" | "Enterprise";

/** A CEN instance (a global resource of its owner account). */
export interface Cen {
  /** `cen-...` */
  readonly cenId: string;
  /** Its name. */
  readonly name: string;
  /** `Enterprise` when its transit routers are; absent for Basic (and in worlds saved before editions were modelled). */
  readonly transitRouterEdition?: Exclude<TransitRouterEdition, "Basic">;
}

/** A network instance attached to a CEN instance, kept in the account that owns the CEN instance. */
export interface Attachment {
  /** The CEN instance. */
  readonly cenId: string;
  /** The network instance. */
  readonly childInstanceId: string;
  /** The network instance's type. */
  readonly childInstanceType: ChildInstanceType;
  /** The network instance's region. */
  readonly childInstanceRegionId: string;
  /** UID of the network instance's owner (a string: UIDs exceed 2^53). */
  readonly childInstanceOwnerId: string;
  /**
   * As written. `Attaching` becomes `Attached` at `until`; `Detaching` becomes gone at `until`
   * (the world's `taskDurationMs` after the call; without it the change is complete at once).
   */
  readonly status: AttachmentStatus;
  /** When a transition ends (world ms; ISO 8601 in the admin world view); absent when none is running. */
  readonly until?: number;
  /** When the attach was asked for (world ms; ISO 8601 in the admin world view). */
  readonly attachTime: number;
}

/**
 * A network instance granted to a CEN instance's transit router (GrantInstanceToTransitRouter),
 * kept in the account that owns the network instance.
 */
export interface TransitRouterGrant {
  /** The network instance. */
  readonly instanceId: string;
  /** The network instance's type. */
  readonly instanceType: TransitRouterInstanceType;
  /** The network instance's region. */
  readonly regionId: string;
  /** The CEN instance. */
  readonly cenId: string;
  /** UID of the CEN instance's owner (a string: UIDs exceed 2^53). */
  readonly cenOwnerId: string;
  /** Who pays for the network instance's traffic. */
  readonly orderType: TransitRouterOrderType;
  /** When it was granted (world ms; ISO 8601 in the admin world view). */
  readonly createTime: number;
}

/** A CEN instance as the admin world view shows it. */
export type CenView = RowView<Cen>;

/** A CEN child-instance attachment as the admin world view shows it. */
export type AttachmentView = RowView<Attachment, "attachTime" | "until">;

/** A grant to a transit router as the admin world view shows it. */
export type TransitRouterGrantView = RowView<TransitRouterGrant, "createTime">;
