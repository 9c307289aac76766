// The CBN product's records. Every record is immutable: a change writes a new object into its Table.
import type { AttachmentStatus, ChildInstanceType } from "../../api/cbn.js";

export type { AttachmentStatus, ChildInstanceType };

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
