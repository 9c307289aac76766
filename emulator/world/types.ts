// The world's records. Every record is immutable: a change writes a new object into its Table.

/** Status of an ECS instance. */
export type InstanceStatus = "Running" | "Stopped" | "Starting" | "Stopping";

/** The status values an ECS instance can be set to. */
export const INSTANCE_STATUSES: readonly InstanceStatus[] = ["Running", "Stopped", "Starting", "Stopping"];

/** A region and the world flags that shape how it answers. */
export interface Region {
  /** Region ID, e.g. `cn-hangzhou`. */
  readonly regionId: string;
  /** Cloud Assistant APIs are available here (else `RegionId.ApiNotSupported`). */
  readonly cloudAssistant: boolean;
  /** Cloud Assistant dispatch is degraded here: its APIs answer `InternalError.Dispatch`. */
  readonly dispatchDegraded: boolean;
  /** The region still has a classic network (else ClassicLink cannot be enabled). */
  readonly classicNetwork: boolean;
}

/** A VPC. */
export interface Vpc {
  /** `vpc-...` */
  readonly vpcId: string;
  /** Region. */
  readonly regionId: string;
  /** Name. */
  readonly vpcName: string;
  /** IPv4 CIDR block. */
  readonly cidrBlock: string;
  /** `Available` or `Pending` (Pending refuses changes: IncorrectStatus / IncorrectVpcStatus). */
  readonly status: "Available" | "Pending";
  /** ClassicLink enabled. */
  readonly classicLinkEnabled: boolean;
  /** Destination CIDRs of custom route entries (ClassicLink needs 10.0.0.0/8 free). */
  readonly routeEntries: readonly string[];
  /** Description. */
  readonly description: string;
  /** Creation time (world ms). */
  readonly creationTime: number;
}

/** A virtual border router. */
export interface Vbr {
  /** `vbr-...` */
  readonly vbrId: string;
  /** Region. */
  readonly regionId: string;
  /** `active` or another status (anything but `active` refuses grants: IncorrectStatus). */
  readonly status: string;
}

/** A cloud connect network. */
export interface Ccn {
  /** `ccn-...` */
  readonly ccnId: string;
  /** Region. */
  readonly regionId: string;
}

/** An ECS instance, classic-network or VPC-network. */
export interface EcsInstance {
  /** `i-...` */
  readonly instanceId: string;
  /** Region. */
  readonly regionId: string;
  /** Network type. */
  readonly networkType: "classic" | "vpc";
  /** Lifecycle status. */
  readonly status: InstanceStatus;
  /** Locked (e.g. for overdue payment or security): ClassicLink changes are refused. */
  readonly locked: boolean;
  /** For VPC-network instances, their VPC. */
  readonly vpcId?: string;
}

/** A CEN instance (a global resource of its owner account). */
export interface Cen {
  /** `cen-...` */
  readonly cenId: string;
  /** Name. */
  readonly name: string;
}

/** Network instance types a CEN grant can name. */
export type GrantInstanceType = "VPC" | "VBR" | "CCN";

/** A grant of this account's network instance to a (usually foreign) CEN instance. */
export interface Grant {
  /** Network instance ID. */
  readonly instanceId: string;
  /** Network instance type. */
  readonly instanceType: GrantInstanceType;
  /** Region of the network instance. */
  readonly regionId: string;
  /** CEN instance ID. */
  readonly cenId: string;
  /** UID of the CEN owner (a string: UIDs exceed 2^53). */
  readonly cenOwnerId: string;
  /** Creation time (world ms). */
  readonly creationTime: number;
}

/** A ClassicLink connection between a classic instance and a VPC. */
export interface ClassicLink {
  /** Classic instance. */
  readonly instanceId: string;
  /** VPC. */
  readonly vpcId: string;
  /** Region. */
  readonly regionId: string;
  /** Creation time (world ms). */
  readonly creationTime: number;
}

/** A resource tag. */
export interface Tag {
  /** Key. */
  readonly key: string;
  /** Value. */
  readonly value: string;
}

/** A Cloud Assistant activation code. The code itself is never stored: only its SHA-256. */
export interface Activation {
  /** UUID-like ID, upper case. */
  readonly activationId: string;
  /** Region. */
  readonly regionId: string;
  /** Hex SHA-256 of the activation code. */
  readonly codeHash: string;
  /** Default instance name prefix ("" when none: the hostname is used). */
  readonly instanceName: string;
  /** Description. */
  readonly description: string;
  /** Maximum number of registrations. */
  readonly instanceCount: number;
  /** Validity in hours from creation. */
  readonly timeToLiveInHours: number;
  /** IPv4/IPv6 address or CIDR allowed to register. */
  readonly ipAddressRange: string;
  /** Resource group ID ("" when none). */
  readonly resourceGroupId: string;
  /** Tags. */
  readonly tags: readonly Tag[];
  /** Creation time (world ms). */
  readonly creationTime: number;
  /** Disabled: no more registrations. */
  readonly disabled: boolean;
  /** Registrations so far. */
  readonly registeredCount: number;
  /** Deregistrations so far. */
  readonly deregisteredCount: number;
  /** Test convenience: never expires (the default world's activation). */
  readonly neverExpires: boolean;
}

/** A server registered with Cloud Assistant. */
export interface ManagedInstance {
  /** `mi-...` */
  readonly instanceId: string;
  /** Region. */
  readonly regionId: string;
  /** Activation it registered with. */
  readonly activationId: string;
  /** Hostname. */
  readonly hostname: string;
  /** Name. */
  readonly instanceName: string;
  /** Machine code. */
  readonly machineId: string;
  /** `linux`, `windows` or `FreeBSD`. */
  readonly osType: string;
  /** OS version text. */
  readonly osVersion: string;
  /** Cloud Assistant agent version. */
  readonly agentVersion: string;
  /** Internal IP. */
  readonly intranetIp: string;
  /** Public IP ("" when none). */
  readonly internetIp: string;
  /** Registration time (world ms). */
  readonly registrationTime: number;
  /** Cloud Assistant tasks run so far. */
  readonly invocationCount: number;
  /** Last task time (world ms), or undefined. */
  readonly lastInvokedTime?: number;
  /** The agent is connected. */
  readonly connected: boolean;
  /** Resource group ID. */
  readonly resourceGroupId: string;
  /** Tags. */
  readonly tags: readonly Tag[];
}

/** A resource group of an account. */
export interface ResourceGroup {
  /** `rg-...` */
  readonly id: string;
  /** `OK` or a transitional status (anything else refuses use: InvalidStatus.ResourceGroup). */
  readonly status: string;
}

/** What kind of identity an AccessKey belongs to. */
export type PrincipalKind = "root" | "sts" | "subUser";

/** An AccessKey pair and the identity behind it. */
export interface AccessKey {
  /** AccessKeyId. */
  readonly accessKeyId: string;
  /** AccessKeySecret. */
  readonly accessKeySecret: string;
  /** Identity kind. */
  readonly kind: PrincipalKind;
  /** Disabled keys answer InvalidAccessKeyId.Inactive. */
  readonly disabled: boolean;
  /** For `sts`: the token that must accompany the key. */
  readonly securityToken?: string;
  /** For `sts`: expiry (world ms), if any. */
  readonly expiration?: number;
  /** For `subUser`: the RAM user name. */
  readonly subUserName?: string;
  /** For `subUser`: action-name patterns (`*` wildcard) the user may call. */
  readonly allowedActions?: readonly string[];
}
