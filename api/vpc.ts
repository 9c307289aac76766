// VPC 2016-04-28: the CEN grant actions and the ClassicLink switch of a VPC (spec §5).
import { action, type Long, type ProductInfo } from "./contract.js";

/** VPC, served on `vpc.<region>.aliyuncs.com`, and for the CEN grant actions on `vpc.aliyuncs.com` only. */
export const VPC: ProductInfo<"vpc"> = {
  name: "vpc",
  code: "Vpc",
  version: "2016-04-28",
  host: "vpc.aliyuncs.com",
  // The grant actions' pages name only the central endpoint.
  endpoint: {
    perRegion: true,
    centralActions: ["GrantInstanceToCen", "RevokeInstanceFromCen", "DescribeGrantRulesToCen"],
  },
};

/** The kinds of network instance that can be granted to a CEN instance. */
export type GrantInstanceType = "VPC" | "VBR" | "CCN";

/** What names one grant: the network instance, and the CEN instance with its owner. */
export interface GrantParams {
  readonly RegionId: string;
  /** The network instance (`vpc-...`, `vbr-...`, `ccn-...`). */
  readonly InstanceId: string;
  readonly InstanceType: GrantInstanceType;
  /** The CEN instance (`cen-...`). */
  readonly CenId: string;
  /** The UID of the CEN instance's owner. */
  readonly CenOwnerId: Long;
  /** At most once per token. */
  readonly ClientToken?: string;
}

/** Grants a network instance to a CEN instance, usually another account's. */
export const GrantInstanceToCen = action<GrantParams>()(VPC, "GrantInstanceToCen", "client-token");

/** Revokes a grant. */
export const RevokeInstanceFromCen = action<GrantParams>()(VPC, "RevokeInstanceFromCen", "client-token");

/** One grant rule as DescribeGrantRulesToCen lists it. */
export interface CbnGrantRule {
  /** The CEN instance granted to. */
  readonly CenInstanceId: string;
  /** Its owner's UID; some answers carry 0 (spec §5.3). */
  readonly CenOwnerId: Long | number;
  /** When the grant was made (ISO 8601, UTC). */
  readonly CreationTime: string;
}

/** Page numbers and sizes as the older Describe APIs take them. */
export interface PageParams {
  /** From 1. */
  readonly PageNumber?: number;
  /** Entries per page. */
  readonly PageSize?: number;
}

/** What a page-numbered answer reports besides its entries. */
export interface PageFields {
  /** The page returned. */
  readonly PageNumber: number;
  readonly PageSize: number;
  /** Entries over every page. */
  readonly TotalCount: number;
}

/** The grants of one network instance, paged (PageSize at most 50). */
export const DescribeGrantRulesToCen = action<
  PageParams & {
    readonly RegionId: string;
    readonly InstanceId: string;
    readonly InstanceType: GrantInstanceType;
    readonly ResourceGroupId?: string;
  },
  PageFields & { readonly CenGrantRules: { readonly CbnGrantRule: readonly CbnGrantRule[] } }
>()(VPC, "DescribeGrantRulesToCen", "read");

/** Enables or disables ClassicLink on one VPC. */
export interface VpcSwitchParams {
  readonly RegionId: string;
  readonly VpcId: string;
  /** At most once per token. */
  readonly ClientToken?: string;
}

/** Enables ClassicLink on a VPC (deprecated upstream, still served). */
export const EnableVpcClassicLink = action<VpcSwitchParams>()(VPC, "EnableVpcClassicLink", "client-token");

/** Disables ClassicLink on a VPC. */
export const DisableVpcClassicLink = action<VpcSwitchParams>()(VPC, "DisableVpcClassicLink", "client-token");

/** A VPC's attributes (the fields this repository reads and the emulator serves). */
export const DescribeVpcAttribute = action<
  { readonly RegionId: string; readonly VpcId: string },
  {
    readonly VpcId: string;
    readonly RegionId: string;
    readonly Status: string;
    readonly VpcName: string;
    readonly CidrBlock: string;
    readonly Ipv6CidrBlock: string;
    readonly VRouterId: string;
    readonly Description: string;
    readonly IsDefault: boolean;
    readonly ClassicLinkEnabled: boolean;
    readonly CreationTime: string;
    readonly OwnerId: Long;
    readonly ResourceGroupId: string;
    readonly VSwitchIds: { readonly VSwitchId: readonly string[] };
    readonly UserCidrs: { readonly UserCidr: readonly string[] };
  }
>()(VPC, "DescribeVpcAttribute", "read");

/** Every VPC action, by name. */
export const VPC_ACTIONS = {
  GrantInstanceToCen,
  RevokeInstanceFromCen,
  DescribeGrantRulesToCen,
  EnableVpcClassicLink,
  DisableVpcClassicLink,
  DescribeVpcAttribute,
} as const;
