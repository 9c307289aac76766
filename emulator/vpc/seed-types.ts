// The VPC product's part of a WorldSeed account (world/seed-types.ts): what each seed list holds.
import type { GrantInstanceType } from "./types.js";

export interface VpcSeed {
  readonly regionId: string;
  readonly vpcId: string;
  /** @default vpcId */
  readonly vpcName?: string;
  /** @default "172.16.0.0/16" */
  readonly cidrBlock?: string;
  /** @default false */
  readonly classicLinkEnabled?: boolean;
  /** @default "Available" */
  readonly status?: "Available" | "Pending";
  /** Destination CIDRs of custom route entries. @default [] */
  readonly routeEntries?: readonly string[];
  /** @default "" */
  readonly description?: string;
}

export interface VbrSeed {
  readonly regionId: string;
  readonly vbrId: string;
  /** @default "active" */
  readonly status?: string;
}

export interface CcnSeed {
  readonly regionId: string;
  readonly ccnId: string;
}

/** A grant of one of the account's network instances. */
export interface GrantSeed {
  /** The network instance's region. */
  readonly regionId: string;
  /** The network instance. */
  readonly instanceId: string;
  /** @default "VPC" */
  readonly instanceType?: GrantInstanceType;
  readonly cenId: string;
  /** The CEN owner's UID (a string). */
  readonly cenOwnerId: string;
}

/** The VPC product's seed lists of an account: list name -> one entry. */
export interface VpcSeedLists {
  readonly vpcs: VpcSeed;
  readonly vbrs: VbrSeed;
  readonly ccns: CcnSeed;
  readonly grants: GrantSeed;
}
