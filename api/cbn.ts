// CBN (CEN) 2017-09-12: the CEN owner attaching network instances to its CEN instance, its own or
// (after their owner granted them: VPC GrantInstanceToCen) another account's.
import { action, type Long, type ProductInfo } from "./contract.js";
import type { PageFields, PageParams } from "./vpc.js";

/** CBN, served on the central `cbn.aliyuncs.com` for every region. */
export const CBN: ProductInfo<"cbn"> = {
  name: "cbn",
  code: "Cbn",
  version: "2017-09-12",
  host: "cbn.aliyuncs.com",
  // CEN is one global service.
  endpoint: { perRegion: false },
};

/** The kinds of network instance a CEN instance attaches. */
export type ChildInstanceType = "VPC" | "VBR" | "CCN";

/** How far an attachment has got; a detached one is not listed at all. */
export type AttachmentStatus = "Attaching" | "Attached" | "Detaching";

/** What names one attachment: the CEN instance and the network instance with its region and owner. */
export interface ChildInstanceParams {
  /** Not a parameter of these actions (the endpoint is central); sent, and ignored, like on every call. */
  readonly RegionId: string;
  /** The CEN instance (`cen-...`), the caller's own. */
  readonly CenId: string;
  /** The network instance (`vpc-...`, `vbr-...`, `ccn-...`). */
  readonly ChildInstanceId: string;
  readonly ChildInstanceType: ChildInstanceType;
  /** The network instance's region. */
  readonly ChildInstanceRegionId: string;
  /** UID of the network instance's owner; required when it is not the caller. */
  readonly ChildInstanceOwnerId?: Long;
}

/** Attaches a network instance to a CEN instance. No ClientToken: a retry must look first. */
export const AttachCenChildInstance = action<ChildInstanceParams>()(CBN, "AttachCenChildInstance", "verify");

/** Detaches it. No ClientToken either. */
export const DetachCenChildInstance = action<
  ChildInstanceParams & {
    /** UID of the CEN instance's owner, when the caller is the network instance's owner. */
    readonly CenOwnerId?: Long;
  }
>()(CBN, "DetachCenChildInstance", "verify");

/** One attachment as the Describe actions answer it. */
export interface ChildInstanceFields {
  readonly CenId: string;
  readonly ChildInstanceId: string;
  readonly ChildInstanceType: ChildInstanceType;
  readonly ChildInstanceRegionId: string;
  /** The network instance owner's UID. */
  readonly ChildInstanceOwnerId: Long;
  readonly Status: AttachmentStatus;
  /** When the attach was asked for: UTC, to the minute (`2021-08-10T06:27Z`). */
  readonly ChildInstanceAttachTime: string;
}

/** One attachment, by CEN instance and network instance. */
export const DescribeCenAttachedChildInstanceAttribute = action<
  {
    readonly RegionId: string;
    readonly CenId: string;
    readonly ChildInstanceId: string;
    readonly ChildInstanceType: ChildInstanceType;
    readonly ChildInstanceRegionId: string;
  },
  ChildInstanceFields & {
    /** The network instance's name (empty when it has none). */
    readonly ChildInstanceName: string;
  }
>()(CBN, "DescribeCenAttachedChildInstanceAttribute", "read");

/** The attachments of one CEN instance, paged (PageSize 1 to 50, default 10), optionally filtered. */
export const DescribeCenAttachedChildInstances = action<
  PageParams & {
    readonly RegionId: string;
    readonly CenId: string;
    readonly ChildInstanceType?: ChildInstanceType;
    readonly ChildInstanceRegionId?: string;
  },
  PageFields & { readonly ChildInstances: { readonly ChildInstance: readonly ChildInstanceFields[] } }
>()(CBN, "DescribeCenAttachedChildInstances", "read");

/**
 * The network instances that an owner grants to a CEN instance's transit router (Enterprise
 * Edition): VPC, VBR (`ExpressConnect`), IPsec-VPN connection (`VPN`) and Express Connect Router
 * (`ECR`), as the GrantInstanceToTransitRouter page lists them.
 */
export type TransitRouterInstanceType = "VPC" | "ExpressConnect" | "VPN" | "ECR";

/** Who pays for the network instance's traffic through the transit router. */
export type TransitRouterOrderType = "PayByCenOwner" | "PayByResourceOwner";

/** What names one grant to a transit router: the network instance, the CEN instance and its owner. */
export interface TransitRouterGrantParams {
  /** The network instance's region. */
  readonly RegionId: string;
  readonly CenId: string;
  /** UID of the CEN instance's owner. */
  readonly CenOwnerId: Long;
  readonly InstanceId: string;
  readonly InstanceType: TransitRouterInstanceType;
}

/**
 * The owner of a network instance lets another account's CEN instance attach it to its transit
 * router. No ClientToken is documented: a retry must look first.
 */
export const GrantInstanceToTransitRouter = action<
  TransitRouterGrantParams & { readonly OrderType?: TransitRouterOrderType }
>()(CBN, "GrantInstanceToTransitRouter", "verify");

/** Changes who pays (Terraform's alicloud_cen_transit_router_grant_attachment calls it for order_type). */
export const ModifyGrantInstanceToTransitRouter = action<{
  readonly RegionId: string;
  readonly CenId: string;
  readonly InstanceId: string;
  readonly OrderType: TransitRouterOrderType;
  readonly ClientToken?: string;
}>()(CBN, "ModifyGrantInstanceToTransitRouter", "client-token");

/** Takes the grant back; the page requires the instance detached from the transit router first. */
export const RevokeInstanceFromTransitRouter = action<TransitRouterGrantParams>()(
  CBN,
  "RevokeInstanceFromTransitRouter",
  "verify",
);

/** One grant of a network instance, as DescribeGrantRulesToResource lists it. */
export interface ResourceGrantRule {
  readonly CenId: string;
  readonly CenOwnerId: Long;
  readonly OrderType: TransitRouterOrderType;
  /** When the grant was made (ISO 8601, UTC, to the minute). */
  readonly CreateTime: string;
}

/** The grants of one network instance, paged by token (Terraform reads grants with it). */
export const DescribeGrantRulesToResource = action<
  {
    readonly RegionId: string;
    readonly ResourceId: string;
    /** The network instance's type, as GrantInstanceToTransitRouter names it. */
    readonly ProductType: TransitRouterInstanceType;
    /** 1 to 100. */
    readonly MaxResults?: number;
    readonly NextToken?: string;
  },
  {
    readonly GrantRules: readonly ResourceGrantRule[];
    readonly TotalCount: number;
    readonly MaxResults: number;
    /** Empty on the last page. */
    readonly NextToken: string;
  }
>()(CBN, "DescribeGrantRulesToResource", "read");

/** One grant to a CEN instance as the CEN's owner sees it (CBN DescribeGrantRulesToCen). */
export interface CenGrantRule {
  readonly CenId: string;
  readonly ChildInstanceId: string;
  readonly ChildInstanceType: ChildInstanceType;
  readonly ChildInstanceRegionId: string;
  /** UID of the network instance's owner. */
  readonly ChildInstanceOwnerId: Long;
}

/**
 * The grants of network instances of one type to the caller's CEN instance (the CEN owner's view
 * of VPC GrantInstanceToCen); token paging. The page says invalid input answers no rules, not an error.
 */
export const DescribeCenGrantRules = action<
  {
    readonly RegionId: string;
    readonly CenId: string;
    readonly ProductType: ChildInstanceType;
    /** 1 to 100. */
    readonly MaxResults?: number;
    readonly NextToken?: string;
  },
  {
    readonly GrantRules: readonly CenGrantRule[];
    readonly TotalCount: number;
    readonly MaxResults: number;
    /** Empty on the last page. */
    readonly NextToken: string;
  }
>()(CBN, "DescribeGrantRulesToCen", "read");

/** Every CBN action, by name. */
export const CBN_ACTIONS = {
  AttachCenChildInstance,
  DetachCenChildInstance,
  DescribeCenAttachedChildInstanceAttribute,
  DescribeCenAttachedChildInstances,
  GrantInstanceToTransitRouter,
  ModifyGrantInstanceToTransitRouter,
  RevokeInstanceFromTransitRouter,
  DescribeGrantRulesToResource,
  DescribeGrantRulesToCen: DescribeCenGrantRules,
} as const;
