// ECS 2014-05-26: ClassicLink (spec §6) and Cloud Assistant managed instances (spec §7).
import { action, type ProductInfo, type TagParam } from "./contract.js";
import type { PageFields, PageParams } from "./vpc.js";

/** ECS, served on `ecs.<region>.aliyuncs.com`. */
export const ECS: ProductInfo<"ecs"> = {
  name: "ecs",
  code: "Ecs",
  version: "2014-05-26",
  host: "ecs.aliyuncs.com",
  endpoint: { perRegion: true },
};

/** One classic-network instance and one VPC. */
export interface LinkParams {
  readonly RegionId: string;
  /** The classic-network instance (`i-...`). */
  readonly InstanceId: string;
  /** The VPC (`vpc-...`). */
  readonly VpcId: string;
}

/** Links a classic-network instance to a VPC. No ClientToken: a retry must look first. */
export const AttachClassicLinkVpc = action<LinkParams>()(ECS, "AttachClassicLinkVpc", "verify");

/** Unlinks it. No ClientToken either. */
export const DetachClassicLinkVpc = action<LinkParams>()(ECS, "DetachClassicLinkVpc", "verify");

/** The links of some instances or of one VPC, paged; page numbers are strings on this API. */
export const DescribeClassicLinkInstances = action<
  {
    readonly RegionId: string;
    /** Up to 100 instance IDs, comma-separated (not a repeat list). */
    readonly InstanceId?: string;
    readonly VpcId?: string;
    readonly PageNumber?: string;
    readonly PageSize?: string;
  },
  PageFields & { readonly Links: { readonly Link: readonly { readonly VpcId: string; readonly InstanceId: string }[] } }
>()(ECS, "DescribeClassicLinkInstances", "read");

/** A tag as Cloud Assistant answers list it. */
export interface TagOut {
  readonly TagKey: string;
  readonly TagValue: string;
}

/** An activation as DescribeActivations and DisableActivation answer it (DeleteActivation: without `Disabled`). */
export interface ActivationFields {
  readonly ActivationId: string;
  /** ISO 8601, UTC. */
  readonly CreationTime: string;
  readonly DeregisteredCount: number;
  readonly Description: string;
  readonly Disabled: boolean;
  readonly InstanceCount: number;
  /** The name prefix of registered instances. */
  readonly InstanceName: string;
  readonly IpAddressRange: string;
  readonly RegisteredCount: number;
  readonly TimeToLiveInHours: number;
}

/** Creates an activation code; the code is in this answer only. */
export const CreateActivation = action<
  {
    readonly RegionId: string;
    readonly InstanceName?: string;
    readonly Description?: string;
    readonly InstanceCount?: number;
    readonly TimeToLiveInHours?: number;
    readonly IpAddressRange?: string;
    readonly ResourceGroupId?: string;
    readonly Tag?: readonly TagParam[];
    /** Documented by the newest SDK only. */
    readonly ClientToken?: string;
  },
  { readonly ActivationId: string; readonly ActivationCode: string }
>()(ECS, "CreateActivation", "client-token");

/** Paging by token, as the newer Describe APIs take it (or page numbers, which they still accept). */
export interface TokenPageParams extends PageParams {
  /** 1 to 50. */
  readonly MaxResults?: number;
  /** From the previous answer. */
  readonly NextToken?: string;
}

/** What a token-paged answer reports besides its entries. */
export interface TokenPageFields extends PageFields {
  /** Only when the call paged by token (MaxResults or NextToken); `""` on the last page. */
  readonly NextToken?: string;
}

/** Lists activations. */
export const DescribeActivations = action<
  TokenPageParams & {
    readonly RegionId: string;
    readonly ActivationId?: string;
    readonly InstanceName?: string;
    readonly ResourceGroupId?: string;
    readonly Tag?: readonly TagParam[];
  },
  TokenPageFields & {
    readonly ActivationList: readonly (ActivationFields & {
      readonly ResourceGroupId: string;
      readonly Tags: readonly TagOut[];
    })[];
  }
>()(ECS, "DescribeActivations", "read");

/** One activation, by ID. */
export interface ActivationParams {
  readonly RegionId: string;
  readonly ActivationId: string;
}

/** Disables an activation code (one way). */
export const DisableActivation = action<ActivationParams, { readonly Activation: ActivationFields }>()(
  ECS,
  "DisableActivation",
  "idempotent",
);

/** Deletes an activation; refused while instances registered with it are registered. */
export const DeleteActivation = action<ActivationParams, { readonly Activation: Omit<ActivationFields, "Disabled"> }>()(
  ECS,
  "DeleteActivation",
  "idempotent",
);

/** A managed instance as the Cloud Assistant APIs answer it. */
export interface ManagedInstanceFields {
  readonly ActivationId: string;
  readonly AgentVersion: string;
  readonly Hostname: string;
  /** `mi-...` */
  readonly InstanceId: string;
  readonly InstanceName: string;
  readonly InternetIp: string;
  readonly IntranetIp: string;
  readonly InvocationCount: number;
  /** ISO 8601, UTC; empty when never invoked. */
  readonly LastInvokedTime: string;
  readonly MachineId: string;
  readonly OsType: string;
  readonly OsVersion: string;
  /** ISO 8601, UTC. */
  readonly RegistrationTime: string;
  readonly ResourceGroupId: string;
}

/** Lists managed instances. */
export const DescribeManagedInstances = action<
  TokenPageParams & {
    readonly RegionId: string;
    /** Up to 50 (`InstanceId.N`). */
    readonly InstanceId?: readonly string[];
    readonly InstanceName?: string;
    readonly InstanceIp?: string;
    readonly ActivationId?: string;
    readonly MachineId?: string;
    readonly OsType?: string;
    /** `true` or `false`. */
    readonly Connected?: string;
    readonly ResourceGroupId?: string;
    readonly Tag?: readonly TagParam[];
  },
  TokenPageFields & {
    readonly Instances: readonly (ManagedInstanceFields & {
      readonly Connected: boolean;
      readonly Tags: readonly TagOut[];
    })[];
  }
>()(ECS, "DescribeManagedInstances", "read");

/** Renames a managed instance (the only field that can change). */
export const ModifyManagedInstance = action<
  { readonly RegionId: string; readonly InstanceId: string; readonly InstanceName: string },
  { readonly Instance: { readonly InstanceId: string; readonly InstanceName: string } }
>()(ECS, "ModifyManagedInstance", "idempotent");

/** Deregisters a managed instance; the answer carries it as it was. */
export const DeregisterManagedInstance = action<
  { readonly RegionId: string; readonly InstanceId: string; readonly ClientToken?: string },
  { readonly Instance: ManagedInstanceFields }
>()(ECS, "DeregisterManagedInstance", "client-token");

/** The resource types TagResources takes that Cloud Assistant owns (the ECS SDK's TagResourcesRequest lists them). */
export type CloudAssistantResourceType = "activation" | "managedinstance";

/**
 * Adds tags to resources, replacing the value of a key they carry already. The owner tag of a
 * managed instance that a resource holds is written here.
 */
export const TagResources = action<{
  readonly RegionId: string;
  readonly ResourceType: CloudAssistantResourceType;
  /** 1 to 50 (`ResourceId.N`). */
  readonly ResourceId: readonly string[];
  /** 1 to 20. */
  readonly Tag: readonly TagParam[];
}>()(ECS, "TagResources", "idempotent");

/** Every ECS action, by name. */
export const ECS_ACTIONS = {
  AttachClassicLinkVpc,
  DetachClassicLinkVpc,
  DescribeClassicLinkInstances,
  CreateActivation,
  DescribeActivations,
  DisableActivation,
  DeleteActivation,
  DescribeManagedInstances,
  ModifyManagedInstance,
  DeregisterManagedInstance,
  TagResources,
} as const;
