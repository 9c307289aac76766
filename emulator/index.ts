// The emulator's public in-process API (`pulumi-alicloud-dynamic/emulator`; see emulator/README.md).
export { AdminClient, type AdminClientOptions, AdminError } from "./admin/client.js";
export { ADMIN_TOKEN_ENV } from "./admin/guard.js";
export type {
  AccessKeyView,
  AccountView,
  ActivationView,
  AdminErrorBody,
  AgentInvokeRequest,
  AgentInvokeResponse,
  AgentRegisterRequest,
  AgentRegisterResponse,
  AttachmentView,
  BodyIssue,
  CcnView,
  CenView,
  ClassicLinkView,
  ClockSetting,
  ClockState,
  ConsistencySetting,
  EcsInstanceView,
  GrantView,
  HealthResponse,
  InstanceRamRoleView,
  InstanceStatusRequest,
  InstanceStatusResponse,
  ManagedInstanceView,
  NamedWorld,
  OidcProviderView,
  OkResponse,
  ProductSummary,
  RamRoleView,
  RegionInfo,
  RegionView,
  ResetRequest,
  ResourceGroupView,
  TagView,
  TransitRouterGrantView,
  VbrView,
  VpcView,
  WorldView,
} from "./admin/types.js";
export type { CountersData } from "./core/counters.js";
export { ServiceError } from "./core/errors.js";
export { type FaultConfig, type FaultKind, type FaultRule, parseFaultSpec } from "./core/faults.js";
export { type EmulatorRequest, type EmulatorResponse, makeRequest } from "./core/http-types.js";
export { DEFAULT_LIMITS, MAX_BODY, type ServerLimits } from "./core/server.js";
export { type SignV1Input, signRequestV1 } from "./core/signature-v1.js";
export { type SignedV3Request, type SignV3Input, signRequestV3 } from "./core/signature-v3.js";
export { isoSeconds } from "./core/time.js";
export {
  createEmulator,
  Emulator,
  type EmulatorOptions,
  type ExtraKey,
  type RunningEmulator,
  startEmulator,
} from "./emulator.js";
export {
  CEN_OWNER_UID,
  DEFAULT_ACTIVATION_CODE,
  DEFAULT_KEYS,
  DEFAULT_REGIONS,
  DEFAULT_SEED,
  type DefaultKey,
  MAIN_UID,
  OTHER_UID,
} from "./world/default-world.js";
export type * from "./world/seed-types.js";
export type {
  DeleteUsedActivation,
  DeregisterUnknownInstance,
  DuplicateGrantBehaviour,
  NotAttachedCode,
  RevokeMissingGrantBehaviour,
  RevokeWhileAttached,
  UnknownInstanceGrantRules,
  UnknownManagedInstance,
  WorldSettings,
} from "./world/settings.js";
