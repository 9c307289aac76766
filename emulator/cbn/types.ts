// The CBN product's records. Every record is immutable: a change writes a new object into its Table.
import type {
  AttachmentStatus,
  ChildInstanceType,
  TransitRouterInstanceType,
  TransitRouterOrderType,
} from "../../api/cbn.js";

export type { AttachmentStatus, ChildInstanceType, TransitRouterInstanceType, TransitRouterOrderType };

/** A network instance attached to a CEN instance, kept in the account that owns the CEN instance. */
export interface Attachment {
  readonly cenId: string;
  /** The network instance. */
  readonly childInstanceId: string;
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
  /** World ms when a transition ends; absent when none is running. */
  readonly until?: number;
  /** World ms when the attach was asked for. */
  readonly attachTime: number;
}

/**
 * A network instance granted to a CEN instance's transit router (GrantInstanceToTransitRouter),
 * kept in the account that owns the network instance.
 */
export interface TransitRouterGrant {
  /** The network instance. */
  readonly instanceId: string;
  readonly instanceType: TransitRouterInstanceType;
  /** The network instance's region. */
  readonly regionId: string;
  readonly cenId: string;
  /** UID of the CEN instance's owner (a string: UIDs exceed 2^53). */
  readonly cenOwnerId: string;
  readonly orderType: TransitRouterOrderType;
  /** World ms. */
  readonly createTime: number;
}
