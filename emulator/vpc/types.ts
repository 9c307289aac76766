// The VPC product's records, and how the admin world view shows them (RowView). Every record is
// immutable: a change writes a new object into its Table.
import type { GrantInstanceType } from "../../api/vpc.js";
import type { RowView } from "../world/table-spec.js";

export type { GrantInstanceType };

/** A VPC. */
export interface Vpc {
  /** `vpc-...` */
  readonly vpcId: string;
  /** Its region. */
  readonly regionId: string;
  /** Its name. */
  readonly vpcName: string;
  /** Its IPv4 CIDR block. */
  readonly cidrBlock: string;
  /** Pending refuses changes: IncorrectStatus / IncorrectVpcStatus. */
  readonly status: "Available" | "Pending";
  /** ClassicLink is enabled. */
  readonly classicLinkEnabled: boolean;
  /** Destination CIDRs of custom route entries (ClassicLink needs 10.0.0.0/8 free). */
  readonly routeEntries: readonly string[];
  /** Its description. */
  readonly description: string;
  /** When it was made (world ms; ISO 8601 in the admin world view). */
  readonly creationTime: number;
}

/** A virtual border router. */
export interface Vbr {
  /** `vbr-...` */
  readonly vbrId: string;
  /** Its region. */
  readonly regionId: string;
  /** `active`, or another status, which refuses grants: IncorrectStatus. */
  readonly status: string;
}

/** A cloud connect network. */
export interface Ccn {
  /** `ccn-...` */
  readonly ccnId: string;
  /** Its region. */
  readonly regionId: string;
}

/** A grant of this account's network instance to a (usually foreign) CEN instance. */
export interface Grant {
  /** The network instance (`vpc-...`, `vbr-...`, `ccn-...`). */
  readonly instanceId: string;
  /** The network instance's type. */
  readonly instanceType: GrantInstanceType;
  /** The network instance's region. */
  readonly regionId: string;
  /** The CEN instance. */
  readonly cenId: string;
  /** UID of the CEN owner (a string: UIDs exceed 2^53). */
  readonly cenOwnerId: string;
  /** When it was granted (world ms; ISO 8601 in the admin world view). */
  readonly creationTime: number;
}

/** A grant or revoke still running on a network instance: another one meanwhile is a TaskConflict. */
export interface GrantTask {
  /** The network instance. */
  readonly instanceId: string;
  /** World ms. */
  readonly endsAt: number;
}

/** A VPC as the admin world view shows it. */
export type VpcView = RowView<Vpc, "creationTime">;

/** A virtual border router as the admin world view shows it. */
export type VbrView = RowView<Vbr>;

/** A cloud connect network as the admin world view shows it. */
export type CcnView = RowView<Ccn>;

/** A grant of a network instance to a CEN instance as the admin world view shows it. */
export type GrantView = RowView<Grant, "creationTime">;
