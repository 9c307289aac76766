// WorldSeed: the JSON shape that describes a world (the --seed file, POST /__admin/seed and
// /__admin/reset bodies). Everything is optional except identities; defaults are documented. Each
// product declares its own resource lists (vpc/seed-types.ts, ecs/seed-types.ts).
import type { CbnSeedLists } from "../cbn/seed-types.js";
import type { EcsSeedLists } from "../ecs/seed-types.js";
import type { StsSeedLists } from "../sts/seed-types.js";
import type { VpcSeedLists } from "../vpc/seed-types.js";
import type { WorldSettings } from "./settings.js";
import type { SeedListsOf } from "./table-spec.js";

export type { CbnSeedLists, CenSeed } from "../cbn/seed-types.js";
export type {
  ActivationSeed,
  ClassicLinkSeed,
  EcsInstanceSeed,
  EcsSeedLists,
  ManagedInstanceSeed,
  TagSeed,
} from "../ecs/seed-types.js";
export type {
  InstanceRamRoleSeed,
  OidcProviderSeed,
  RamRoleSeed,
  StsSeedLists,
} from "../sts/seed-types.js";
export type { CcnSeed, GrantSeed, VbrSeed, VpcSeed, VpcSeedLists } from "../vpc/seed-types.js";

export interface RegionSeed {
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
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** @default false */
  readonly disabled?: boolean;
}

/** A temporary STS key: valid only together with its SecurityToken. */
export interface StsKeySeed {
  /** Usually `STS.`... */
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** The SecurityToken that belongs to this key. */
  readonly securityToken: string;
  /** ISO 8601 expiry; none means it never expires. */
  readonly expiration?: string;
}

/** A RAM sub-user with one AccessKey. */
export interface SubUserSeed {
  /** The RAM user name. */
  readonly name: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** Action patterns the user may call, `*` as wildcard (e.g. `Describe*`). */
  readonly allowedActions: readonly string[];
}

/** Every product's seed lists of an account: list name -> one entry. */
export interface SeedLists extends CbnSeedLists, VpcSeedLists, EcsSeedLists, StsSeedLists {}

/** An account and everything it owns: identities here, resources in each product's lists. */
export interface AccountSeed extends SeedListsOf<SeedLists> {
  /** A string of digits (may exceed 2^53). */
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
  readonly resourceGroups?: ReadonlyArray<{ readonly id: string; readonly status?: string }>;
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
