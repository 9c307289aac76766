// The STS product's state, per account (RAM is global, not regional): its RAM roles, OIDC identity
// providers and the roles attached to its ECS instances. The temporary keys STS issues live with
// the other AccessKeys in the world core, where authentication finds them.
import { Table } from "../world/table.js";
import { type None, rowList, type StoreDefinition, seedsFrom, type Tables, versioned } from "../world/table-spec.js";
import { seedInstanceRamRole, seedOidcProvider, seedRamRole } from "./seed.js";
import type { StsSeedLists } from "./seed-types.js";
import type {
  InstanceRamRole,
  InstanceRamRoleView,
  OidcProvider,
  OidcProviderView,
  RamRole,
  RamRoleView,
} from "./types.js";

/** STS has no regional tables. */
export type StsRegionRows = None;

/** The rows of one account's STS tables. */
export interface StsAccountRows {
  /** By role name in lower case. */
  readonly ramRoles: RamRole;
  /** By provider name. */
  readonly oidcProviders: OidcProvider;
  /** By instance ID. */
  readonly instanceRamRoles: InstanceRamRole;
}

/** How the admin world view shows an account's STS tables, by view key. */
export interface StsAccountViews {
  /** Its RAM roles. */
  readonly ramRoles: readonly RamRoleView[];
  /** Its OIDC identity providers. */
  readonly oidcProviders: readonly OidcProviderView[];
  /** Roles attached to its ECS instances. */
  readonly instanceRamRoles: readonly InstanceRamRoleView[];
}

/** One account's STS tables. */
export type StsAccount = Tables<StsAccountRows>;

const seeded = seedsFrom<StsSeedLists>();

/** The STS product's tables. */
export const STS_STORE: StoreDefinition<StsSeedLists, StsRegionRows, StsAccountRows, None, StsAccountViews> = {
  regionTables: () => ({}),
  accountTables: (changed) => ({
    ramRoles: new Table(changed),
    oidcProviders: new Table(changed),
    instanceRamRoles: new Table(changed),
  }),
  region: {},
  account: {
    ramRoles: {
      seed: seeded("ramRoles", seedRamRole),
      snapshot: rowList("ramRoles", ["createDate"]),
      persist: versioned("ramRoles"),
    },
    oidcProviders: {
      seed: seeded("oidcProviders", seedOidcProvider),
      snapshot: rowList("oidcProviders", ["createDate"]),
      persist: versioned("oidcProviders"),
    },
    instanceRamRoles: {
      seed: seeded("instanceRamRoles", seedInstanceRamRole),
      snapshot: rowList("instanceRamRoles"),
      persist: versioned("instanceRamRoles"),
    },
  },
};
