// Bodies and answers of the admin surface (/__admin/...), shared by the server and AdminClient.
import type { CountersData } from "../core/counters.js";
import type { FaultConfig } from "../core/faults.js";
import type { AgentRegistration } from "../ecs/cloud-assistant-models.js";
import type { InstanceStatus } from "../ecs/types.js";
import type { WorldSeed } from "../world/seed-types.js";
import type { WorldSettings } from "../world/settings.js";

/** POST /__admin/agent/register body: what the Cloud Assistant agent sends when it registers. */
export type AgentRegisterRequest = AgentRegistration;

/** POST /__admin/agent/register answer. */
export interface AgentRegisterResponse {
  /** The new managed instance (`mi-...`). */
  readonly instanceId: string;
  readonly instanceName: string;
}

/** POST /__admin/agent/invoke body. */
export interface AgentInvokeRequest {
  /** The managed instance the command ran on. */
  readonly instanceId: string;
}

/** POST /__admin/agent/invoke answer. */
export interface AgentInvokeResponse {
  readonly instanceId: string;
  /** InvocationCount after the bump. */
  readonly invocationCount: number;
  /** LastInvokedTime after the bump (ISO 8601). */
  readonly lastInvokedTime: string;
}

/** POST /__admin/ecs-instances/status body. */
export interface InstanceStatusRequest {
  /** In any account, any region. */
  readonly instanceId: string;
  /** Optional when only `locked` changes. */
  readonly status?: InstanceStatus;
  /** Extension: lock or unlock the instance. */
  readonly locked?: boolean;
}

/** POST /__admin/ecs-instances/status answer. */
export interface InstanceStatusResponse {
  readonly instanceId: string;
  readonly status: InstanceStatus;
  readonly locked: boolean;
}

/** PUT /__admin/consistency body and answer. */
export interface ConsistencySetting {
  /** Describe calls show the old state for this long after a change. */
  readonly delayMs: number;
}

/** PUT /__admin/clock body. */
export interface ClockSetting {
  /** Milliseconds added to the real time. */
  readonly offsetMs: number;
}

/** PUT /__admin/clock answer. */
export interface ClockState {
  /** The offset now. */
  readonly offsetMs: number;
  /** The world's time now (ISO 8601). */
  readonly now: string;
}

/** An admin error answer. */
export interface AdminErrorBody {
  /** Alibaba-style for agent refusals. */
  readonly code: string;
  /** What went wrong. */
  readonly message: string;
  /** For `InvalidBody` and `InvalidSeed`: each field refused. */
  readonly errors?: readonly BodyIssue[];
}

/** A world by name (POST /__admin/reset): the built-in default world, or no accounts at all. */
export type NamedWorld = "default" | "empty";

/**
 * POST /__admin/reset body. None (or `{}`): back to the world the emulator started with.
 * `{ world }`: a named world. A seed's fields (regions, settings, accounts): that seed alone
 * replaces the world. `world` and a seed's fields do not go together.
 */
export interface ResetRequest extends WorldSeed {
  /** A world by name. */
  readonly world?: NamedWorld;
}

/** The answer of a change that has nothing else to say. */
export interface OkResponse {
  /** Always true. */
  readonly ok: true;
}

/** A product the emulator serves (GET /__admin/health). */
export interface ProductSummary {
  /** The name used in code and endpoint overrides (`vpc`, `ecs`). */
  readonly name: string;
  /** Alibaba's product code (`Vpc`, `Ecs`). */
  readonly code: string;
  /** The API version that selects the product (`2016-04-28`). */
  readonly version: string;
  /** The actions it serves. */
  readonly actions: readonly string[];
}

/** GET /__admin/health answer: what a test waits on. */
export interface HealthResponse {
  /** Always true once it answers. */
  readonly ok: true;
  /** The version of the pulumi-alicloud-dynamic package the emulator belongs to. */
  readonly version: string;
  /** The version of the admin surface's contract (its OpenAPI document's `info.version`). */
  readonly adminApiVersion: string;
  /** The products and API versions it serves. */
  readonly products: readonly ProductSummary[];
  /** The world's account UIDs (never their keys). */
  readonly accounts: readonly string[];
}

/** One field an admin body was refused for. */
export interface BodyIssue {
  /** The field, e.g. `accounts[0].vpcs[2].cidrBlock` (`""`: the body itself). */
  readonly path: string;
  /** What is wrong, e.g. `must be a string`. */
  readonly message: string;
}

/** A region of the world as GET /__admin/world shows it. */
export interface RegionInfo {
  /** e.g. `cn-hangzhou`. */
  readonly regionId: string;
  /** Cloud Assistant APIs are offered here. */
  readonly cloudAssistant: boolean;
  /** Cloud Assistant APIs answer `InternalError.Dispatch` here. */
  readonly dispatchDegraded: boolean;
  /** The region still has a classic network. */
  readonly classicNetwork: boolean;
}

/** An AccessKey without its secret. */
export interface AccessKeyView {
  /** The AccessKey ID. */
  readonly accessKeyId: string;
  /** The identity behind it. */
  readonly kind: "root" | "sts" | "subUser";
  /** Disabled keys answer `InvalidAccessKeyId.Inactive`. */
  readonly disabled: boolean;
  /** A sub-user's RAM user name. */
  readonly subUserName?: string;
  /** A sub-user's allowed action patterns. */
  readonly allowedActions?: readonly string[];
  /** An STS key's expiry (ISO 8601). */
  readonly expiration?: string;
  /** For a key STS issued: the role whose session it is. */
  readonly roleArn?: string;
  /** For a key STS issued: the session's name. */
  readonly sessionName?: string;
}

/** A resource group. */
export interface ResourceGroupView {
  /** `rg-...` */
  readonly id: string;
  /** `OK` or a transitional status. */
  readonly status: string;
}

/** A CEN instance (global, of its owner account). */
export interface CenView {
  /** `cen-...` */
  readonly cenId: string;
  /** Its name. */
  readonly name: string;
  /** `Enterprise` when its transit routers are; absent for Basic. */
  readonly transitRouterEdition?: "Enterprise";
}

/** A VPC. */
export interface VpcView {
  /** `vpc-...` */
  readonly vpcId: string;
  /** Its region. */
  readonly regionId: string;
  /** Its name. */
  readonly vpcName: string;
  /** Its IPv4 CIDR block. */
  readonly cidrBlock: string;
  /** `Pending` refuses changes. */
  readonly status: "Available" | "Pending";
  /** ClassicLink is enabled. */
  readonly classicLinkEnabled: boolean;
  /** Destination CIDRs of custom route entries. */
  readonly routeEntries: readonly string[];
  /** Its description. */
  readonly description: string;
  /** When it was made (ISO 8601). */
  readonly creationTime: string;
}

/** A virtual border router. */
export interface VbrView {
  /** `vbr-...` */
  readonly vbrId: string;
  /** Its region. */
  readonly regionId: string;
  /** `active` or another status (which refuses grants). */
  readonly status: string;
}

/** A cloud connect network. */
export interface CcnView {
  /** `ccn-...` */
  readonly ccnId: string;
  /** Its region. */
  readonly regionId: string;
}

/** A grant of a network instance to a CEN instance. */
export interface GrantView {
  /** The network instance (`vpc-...`, `vbr-...`, `ccn-...`). */
  readonly instanceId: string;
  /** Its type. */
  readonly instanceType: "VPC" | "VBR" | "CCN";
  /** The network instance's region. */
  readonly regionId: string;
  /** The CEN instance. */
  readonly cenId: string;
  /** The CEN owner's UID. */
  readonly cenOwnerId: string;
  /** When it was granted (ISO 8601). */
  readonly creationTime: string;
}

/** An ECS instance. */
export interface EcsInstanceView {
  /** `i-...` */
  readonly instanceId: string;
  /** Its region. */
  readonly regionId: string;
  /** Its network. */
  readonly networkType: "classic" | "vpc";
  /** Its status. */
  readonly status: InstanceStatus;
  /** Locked: ClassicLink changes are refused. */
  readonly locked: boolean;
  /** A VPC-network instance's VPC. */
  readonly vpcId?: string;
}

/** A ClassicLink connection. */
export interface ClassicLinkView {
  /** The classic instance. */
  readonly instanceId: string;
  /** The VPC it is linked to. */
  readonly vpcId: string;
  /** Their region. */
  readonly regionId: string;
  /** When it was linked (ISO 8601). */
  readonly creationTime: string;
}

/** A tag. */
export interface TagView {
  /** The key. */
  readonly key: string;
  /** The value (may be empty). */
  readonly value: string;
}

/** A Cloud Assistant activation (never its code). */
export interface ActivationView {
  /** Its ID. */
  readonly activationId: string;
  /** Its region. */
  readonly regionId: string;
  /** Name prefix of the servers registered with it (`""`: their hostnames). */
  readonly instanceName: string;
  /** Its description. */
  readonly description: string;
  /** How many servers may register with it. */
  readonly instanceCount: number;
  /** How long it is valid after creation. */
  readonly timeToLiveInHours: number;
  /** The addresses allowed to register. */
  readonly ipAddressRange: string;
  /** Its resource group (`""`: none). */
  readonly resourceGroupId: string;
  /** Its tags. */
  readonly tags: readonly TagView[];
  /** When it was made (ISO 8601). */
  readonly creationTime: string;
  /** No more registrations. */
  readonly disabled: boolean;
  /** Registrations so far. */
  readonly registeredCount: number;
  /** Deregistrations so far. */
  readonly deregisteredCount: number;
  /** Never expires (the default world's activation). */
  readonly neverExpires: boolean;
}

/** A server registered with Cloud Assistant. */
export interface ManagedInstanceView {
  /** `mi-...` */
  readonly instanceId: string;
  /** Its region. */
  readonly regionId: string;
  /** The activation it registered with. */
  readonly activationId: string;
  /** Its hostname. */
  readonly hostname: string;
  /** Its name. */
  readonly instanceName: string;
  /** Its machine code. */
  readonly machineId: string;
  /** `linux`, `windows` or `FreeBSD`. */
  readonly osType: string;
  /** Its OS version. */
  readonly osVersion: string;
  /** Its Cloud Assistant agent's version. */
  readonly agentVersion: string;
  /** Its internal IP. */
  readonly intranetIp: string;
  /** Its public IP (`""`: none). */
  readonly internetIp: string;
  /** When it registered (ISO 8601). */
  readonly registrationTime: string;
  /** Cloud Assistant commands run on it. */
  readonly invocationCount: number;
  /** When the last one ran (ISO 8601), if any did. */
  readonly lastInvokedTime?: string;
  /** Its agent is connected. */
  readonly connected: boolean;
  /** Its resource group (`""`: none). */
  readonly resourceGroupId: string;
  /** Its tags. */
  readonly tags: readonly TagView[];
}

/** One account's resources in one region. */
export interface RegionView {
  /** VPCs. */
  readonly vpcs: readonly VpcView[];
  /** Virtual border routers. */
  readonly vbrs: readonly VbrView[];
  /** Cloud connect networks. */
  readonly ccns: readonly CcnView[];
  /** Grants of this account's network instances. */
  readonly grants: readonly GrantView[];
  /** Grant/revoke tasks still running, by network instance: when each ends (ISO 8601). */
  readonly tasks: { readonly [instanceId: string]: string };
  /** ECS instances. */
  readonly ecsInstances: readonly EcsInstanceView[];
  /** ClassicLink connections. */
  readonly classicLinks: readonly ClassicLinkView[];
  /** Cloud Assistant activations. */
  readonly activations: readonly ActivationView[];
  /** Managed instances (registered servers). */
  readonly managedInstances: readonly ManagedInstanceView[];
}

/** An account as GET /__admin/world shows it. */
export interface AccountView {
  /** Its UID (a string of digits). */
  readonly uid: string;
  /** Its label. */
  readonly name: string;
  /** false: CreateActivation answers RealNameAuthenticationError. */
  readonly realNameVerified: boolean;
  /** Action patterns it is barred from. */
  readonly blockedActions: readonly string[];
  /** Its resource groups. */
  readonly resourceGroups: readonly ResourceGroupView[];
  /** Its AccessKeys, without secrets. */
  readonly accessKeys: readonly AccessKeyView[];
  /** Its CEN instances. */
  readonly cens: readonly CenView[];
  /** CEN child-instance attachments of its CEN instances (CBN), as the emulator keeps them. */
  readonly cenAttachments?: readonly { readonly [field: string]: unknown }[];
  /** Grants of its network instances to transit routers (CBN), as the emulator keeps them. */
  readonly transitRouterGrants?: readonly { readonly [field: string]: unknown }[];
  /** Its RAM roles (STS), as the emulator keeps them. */
  readonly ramRoles?: readonly { readonly [field: string]: unknown }[];
  /** Its OIDC identity providers (STS), as the emulator keeps them. */
  readonly oidcProviders?: readonly { readonly [field: string]: unknown }[];
  /** Roles attached to its ECS instances (STS), as the emulator keeps them. */
  readonly instanceRamRoles?: readonly { readonly [field: string]: unknown }[];
  /** Its resources by region ID (only regions where it has something). */
  readonly regions: { readonly [regionId: string]: RegionView };
}

/** GET /__admin/world answer: the latest state (not the delayed Describe view), no secrets. */
export interface WorldView {
  /** The world's time (ISO 8601). */
  readonly now: string;
  /** The clock's offset from the real time. */
  readonly clockOffsetMs: number;
  /** Every setting with its value now. */
  readonly settings: WorldSettings;
  /** The world's regions. */
  readonly regions: readonly RegionInfo[];
  /** The world's accounts. */
  readonly accounts: readonly AccountView[];
}

/** Re-exported so that AdminClient users need one import. */
export type { CountersData, FaultConfig };
