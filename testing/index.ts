// pulumi-alicloud-dynamic/testing: test a Pulumi program that uses these resources offline, in
// CI, against the local emulator. Plain async functions, no test-runner globals: it works the same
// under node:test, vitest and jest.
export type {
  ActivationView,
  ClassicLinkView,
  ClockState,
  CountersData,
  FaultConfig,
  FaultKind,
  FaultRule,
  GrantView,
  HealthResponse,
  ManagedInstanceView,
  ResetRequest,
  RunningEmulator,
  VpcView,
  WorldSeed,
  WorldView,
} from "../emulator/index.js";
export { AdminClient, AdminError } from "../emulator/index.js";
export {
  DEFAULT_ACCOUNTS,
  DEFAULT_WORLD,
  type EmulatorEnvOptions,
  emulatorEnv,
  FAST_PROVIDER_TIMING,
  type LocalAccount,
  type LocalCloud,
  type LocalCloudMode,
  type LocalCloudOptions,
  type Owned,
  type ServerRegistration,
  startLocalCloud,
  type WorldGrant,
} from "./local-cloud.js";
export {
  createTestStack,
  privateBackendEnv,
  type StateResource,
  type TestConfigValue,
  type TestStack,
  type TestStackOptions,
} from "./stack.js";
