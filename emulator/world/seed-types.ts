// WorldSeed: the JSON shape that describes a world (the --seed file, POST /__admin/seed and
// /__admin/reset bodies). Everything is optional except identities; defaults are documented.
import type { WorldSettings } from "./settings.js";
import type { InstanceStatus } from "./types.js";

/** A region. */
export interface RegionSeed {
  /** Region ID. */
  readonly regionId: string;
  /** @default true */
  readonly cloudAssistant?: boolean;
  /** @default false */
  readonly dispatchDegraded?: boolean;
  /** @default true */
  readonly classicNetwork?: boolean;
}

/** A permanent AccessKey of the account (root identity). */
export interface AccessKeySeed {
  /** AccessKeyId. */
  readonly accessKeyId: string;
  /** AccessKeySecret. */
  readonly accessKeySecret: string;
  /** @default false */
  readonly disabled?: boolean;
}

/** A temporary STS key: valid only together with its SecurityToken. */
export interface StsKeySeed {
  /** AccessKeyId (usually `STS.`...). */
  readonly accessKeyId: string;
  /** AccessKeySecret. */
  readonly accessKeySecret: string;
  /** The SecurityToken that belongs to this key. */
  readonly securityToken: string;
  /** ISO 8601 expiry; none means it never expires. */
  readonly expiration?: string;
}

/** A RAM sub-user with one AccessKey. */
export interface SubUserSeed {
  /** RAM user name. */
  readonly name: string;
  /** AccessKeyId. */
  readonly accessKeyId: string;
  /** AccessKeySecret. */
  readonly accessKeySecret: string;
  /** Action patterns the user may call, `*` as wildcard (e.g. `Describe*`). */
  readonly allowedActions: readonly string[];
}

/** A VPC. */
export interface VpcSeed {
  /** Region. */
  readonly regionId: string;
  /** ID. */
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

/** A VBR. */
export interface VbrSeed {
  /** Region. */
  readonly regionId: string;
  /** ID. */
  readonly vbrId: string;
  /** @default "active" */
  readonly status?: string;
}

/** A CCN. */
export interface CcnSeed {
  /** Region. */
  readonly regionId: string;
  /** ID. */
  readonly ccnId: string;
}

/** An ECS instance. */
export interface EcsInstanceSeed {
  /** Region. */
  readonly regionId: string;
  /** ID. */
  readonly instanceId: string;
  /** @default "classic" */
  readonly networkType?: "classic" | "vpc";
  /** @default "Running" */
  readonly status?: InstanceStatus;
  /** @default false */
  readonly locked?: boolean;
  /** VPC of a VPC-network instance. */
  readonly vpcId?: string;
}

/** A CEN instance owned by the account. */
export interface CenSeed {
  /** ID. */
  readonly cenId: string;
  /** @default cenId */
  readonly name?: string;
}

/** A grant of one of the account's network instances. */
export interface GrantSeed {
  /** Region of the network instance. */
  readonly regionId: string;
  /** Network instance. */
  readonly instanceId: string;
  /** @default "VPC" */
  readonly instanceType?: "VPC" | "VBR" | "CCN";
  /** CEN. */
  readonly cenId: string;
  /** CEN owner UID (string). */
  readonly cenOwnerId: string;
}

/** A ClassicLink connection. */
export interface ClassicLinkSeed {
  /** Region. */
  readonly regionId: string;
  /** Classic instance. */
  readonly instanceId: string;
  /** VPC. */
  readonly vpcId: string;
}

/** A tag. */
export interface TagSeed {
  /** Key. */
  readonly key: string;
  /** @default "" */
  readonly value?: string;
}

/** An activation code. */
export interface ActivationSeed {
  /** Region. */
  readonly regionId: string;
  /** ID. */
  readonly activationId: string;
  /** The code (stored only as a hash). */
  readonly activationCode: string;
  /** @default "" (hostname used) */
  readonly instanceName?: string;
  /** @default "" */
  readonly description?: string;
  /** @default 10 */
  readonly instanceCount?: number;
  /** @default 4 */
  readonly timeToLiveInHours?: number;
  /** @default "0.0.0.0/0" */
  readonly ipAddressRange?: string;
  /** ISO 8601. @default the world's now */
  readonly creationTime?: string;
  /** @default false */
  readonly disabled?: boolean;
  /** @default 0 */
  readonly registeredCount?: number;
  /** @default 0 */
  readonly deregisteredCount?: number;
  /** @default false */
  readonly neverExpires?: boolean;
  /** @default "" */
  readonly resourceGroupId?: string;
  /** @default [] */
  readonly tags?: readonly TagSeed[];
}

/** A managed instance. */
export interface ManagedInstanceSeed {
  /** Region. */
  readonly regionId: string;
  /** ID. */
  readonly instanceId: string;
  /** Activation it registered with. */
  readonly activationId: string;
  /** Hostname. */
  readonly hostname: string;
  /** @default hostname */
  readonly instanceName?: string;
  /** @default 32 hex digits derived from the ID */
  readonly machineId?: string;
  /** @default "linux" */
  readonly osType?: string;
  /** @default a Linux version string */
  readonly osVersion?: string;
  /** @default "2.2.0.102" */
  readonly agentVersion?: string;
  /** @default "10.0.0.1" */
  readonly intranetIp?: string;
  /** @default "" */
  readonly internetIp?: string;
  /** ISO 8601. @default the world's now */
  readonly registrationTime?: string;
  /** @default 0 */
  readonly invocationCount?: number;
  /** ISO 8601. */
  readonly lastInvokedTime?: string;
  /** @default true */
  readonly connected?: boolean;
  /** @default "" */
  readonly resourceGroupId?: string;
  /** @default [] */
  readonly tags?: readonly TagSeed[];
}

/** An account and everything it owns. */
export interface AccountSeed {
  /** Account UID, a string of digits (may exceed 2^53). */
  readonly uid: string;
  /** A label (`main`, `cen-owner`, ...). @default uid */
  readonly name?: string;
  /** Permanent AccessKeys. */
  readonly accessKeys?: readonly AccessKeySeed[];
  /** Temporary STS keys. */
  readonly stsKeys?: readonly StsKeySeed[];
  /** RAM sub-users. */
  readonly subUsers?: readonly SubUserSeed[];
  /** @default true; false answers RealNameAuthenticationError on CreateActivation. */
  readonly realNameVerified?: boolean;
  /**
   * Action patterns the account is barred from (risk control / arrears): Cloud Assistant actions
   * answer `Operation.Forbidden`, others `Forbidden.RiskControl`. @default []
   */
  readonly blockedActions?: readonly string[];
  /** Resource groups. */
  readonly resourceGroups?: ReadonlyArray<{ readonly id: string; readonly status?: string }>;
  /** CEN instances. */
  readonly cens?: readonly CenSeed[];
  /** VPCs. */
  readonly vpcs?: readonly VpcSeed[];
  /** VBRs. */
  readonly vbrs?: readonly VbrSeed[];
  /** CCNs. */
  readonly ccns?: readonly CcnSeed[];
  /** ECS instances. */
  readonly ecsInstances?: readonly EcsInstanceSeed[];
  /** Grants. */
  readonly grants?: readonly GrantSeed[];
  /** ClassicLink connections. */
  readonly classicLinks?: readonly ClassicLinkSeed[];
  /** Activations. */
  readonly activations?: readonly ActivationSeed[];
  /** Managed instances. */
  readonly managedInstances?: readonly ManagedInstanceSeed[];
}

/** A whole world (or, for POST /__admin/seed, the part to merge in). */
export interface WorldSeed {
  /** Regions; when absent on reset, the default region list. Merged by regionId on seed. */
  readonly regions?: readonly RegionSeed[];
  /** Settings (merged over the defaults). */
  readonly settings?: Partial<WorldSettings>;
  /** Accounts (merged by uid on seed). */
  readonly accounts?: readonly AccountSeed[];
}
