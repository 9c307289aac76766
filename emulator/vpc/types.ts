// The VPC product's records. Every record is immutable: a change writes a new object into its Table.
import type { GrantInstanceType } from "../../api/vpc.js";

export type { GrantInstanceType };

export interface Vpc {
  /** `vpc-...` */
  readonly vpcId: string;
  readonly regionId: string;
  readonly vpcName: string;
  /** IPv4 CIDR block. */
  readonly cidrBlock: string;
  /** Pending refuses changes: IncorrectStatus / IncorrectVpcStatus. */
  readonly status: "Available" | "Pending";
  readonly classicLinkEnabled: boolean;
  /** Destination CIDRs of custom route entries (ClassicLink needs 10.0.0.0/8 free). */
  readonly routeEntries: readonly string[];
  readonly description: string;
  /** World ms. */
  readonly creationTime: number;
}

/** A virtual border router. */
export interface Vbr {
  /** `vbr-...` */
  readonly vbrId: string;
  readonly regionId: string;
  /** Anything but `active` refuses grants: IncorrectStatus. */
  readonly status: string;
}

/** A cloud connect network. */
export interface Ccn {
  /** `ccn-...` */
  readonly ccnId: string;
  readonly regionId: string;
}

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
  readonly name: string;
  /** Absent in worlds saved before editions were modelled: Basic. */
  readonly transitRouterEdition?: TransitRouterEdition;
}

/** A grant of this account's network instance to a (usually foreign) CEN instance. */
export interface Grant {
  /** The network instance. */
  readonly instanceId: string;
  readonly instanceType: GrantInstanceType;
  /** The network instance's region. */
  readonly regionId: string;
  readonly cenId: string;
  /** UID of the CEN owner (a string: UIDs exceed 2^53). */
  readonly cenOwnerId: string;
  /** World ms. */
  readonly creationTime: number;
}

/** A grant or revoke still running on a network instance: another one meanwhile is a TaskConflict. */
export interface GrantTask {
  /** The network instance. */
  readonly instanceId: string;
  /** World ms. */
  readonly endsAt: number;
}
