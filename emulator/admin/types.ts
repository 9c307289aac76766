// Bodies and answers of the admin surface (/__admin/...), shared by the server and AdminClient.
// The world view's rows are the stores' rows as each product's store shows them (RowView, the
// products' *Views), so a change of a row shows here.
import type { CbnAccountViews } from "../cbn/store.js";
import type { CountersData } from "../core/counters.js";
import type { FaultConfig } from "../core/faults.js";
import type { AgentRegistration } from "../ecs/cloud-assistant-models.js";
import type { EcsRegionViews } from "../ecs/store.js";
import type { InstanceStatus } from "../ecs/types.js";
import type { StsAccountViews } from "../sts/store.js";
import type { VpcRegionViews } from "../vpc/store.js";
import type { WorldSeed } from "../world/seed-types.js";
import type { WorldSettings } from "../world/settings.js";
import type { RowView } from "../world/table-spec.js";
import type { AccessKey, Region, ResourceGroup } from "../world/types.js";

export type { AttachmentView, CenView, TransitRouterGrantView } from "../cbn/types.js";
export type {
  ActivationView,
  ClassicLinkView,
  EcsInstanceView,
  ManagedInstanceView,
  TagView,
} from "../ecs/types.js";
export type { InstanceRamRoleView, OidcProviderView, RamRoleView } from "../sts/types.js";
export type { CcnView, GrantView, VbrView, VpcView } from "../vpc/types.js";

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
export type RegionInfo = RowView<Region>;

/** An AccessKey as GET /__admin/world shows it: without its secret and SecurityToken. */
export interface AccessKeyView
  extends RowView<AccessKey, "expiration", "accessKeySecret" | "securityToken" | "session" | "sessionPolicy"> {
  /** For a key STS issued: the role whose session it is. */
  readonly roleArn?: string;
  /** For a key STS issued: the session's name. */
  readonly sessionName?: string;
}

/** A resource group. */
export type ResourceGroupView = RowView<ResourceGroup>;

/** One account's resources in one region: each product's tables there, by view key. */
export interface RegionView extends VpcRegionViews, EcsRegionViews {}

/** An account as GET /__admin/world shows it: its core fields, and each product's account-wide tables. */
export interface AccountView extends CbnAccountViews, StsAccountViews {
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
