// The ECS product's state: per account and region its instances, ClassicLink connections,
// Cloud Assistant activations and managed instances. Each table says how a seed fills it, how the
// admin world view shows it and how the state file keeps it (world/store.ts).

import { Table } from "../world/table.js";
import { type None, rowList, type StoreDefinition, seedsFrom, type Tables, versioned } from "../world/table-spec.js";
import { seedActivation, seedClassicLink, seedInstance, seedManagedInstance } from "./seed.js";
import type { EcsSeedLists } from "./seed-types.js";
import type {
  Activation,
  ActivationView,
  ClassicLink,
  ClassicLinkView,
  EcsInstance,
  EcsInstanceView,
  ManagedInstance,
  ManagedInstanceView,
} from "./types.js";

/** The rows of one account's ECS tables in one region, by table name. */
export interface EcsRegionRows {
  /** By instanceId. */
  readonly instances: EcsInstance;
  /** By instanceId: one VPC per classic instance. */
  readonly links: ClassicLink;
  /** By activationId. */
  readonly activations: Activation;
  /** By instanceId. */
  readonly managedInstances: ManagedInstance;
}

/** How the admin world view shows an account's ECS tables in one region, by view key. */
export interface EcsRegionViews {
  /** ECS instances. */
  readonly ecsInstances: readonly EcsInstanceView[];
  /** ClassicLink connections. */
  readonly classicLinks: readonly ClassicLinkView[];
  /** Cloud Assistant activations. */
  readonly activations: readonly ActivationView[];
  /** Managed instances (registered servers). */
  readonly managedInstances: readonly ManagedInstanceView[];
}

/** One account's ECS tables in one region. */
export type EcsRegion = Tables<EcsRegionRows>;

const seeded = seedsFrom<EcsSeedLists>();

/** The ECS product's tables (none account-wide). */
export const ECS_STORE: StoreDefinition<EcsSeedLists, EcsRegionRows, None, EcsRegionViews, None> = {
  regionTables: (changed) => ({
    instances: new Table(changed),
    links: new Table(changed),
    activations: new Table(changed),
    managedInstances: new Table(changed),
  }),
  accountTables: () => ({}),
  region: {
    instances: {
      seed: seeded("ecsInstances", seedInstance),
      snapshot: rowList("ecsInstances"),
      persist: versioned("instances"),
    },
    links: {
      seed: seeded("classicLinks", seedClassicLink),
      snapshot: rowList("classicLinks", ["creationTime"]),
      persist: versioned("links"),
    },
    activations: {
      seed: seeded("activations", seedActivation),
      // Only the code's hash is kept, and the view shows not even that.
      snapshot: rowList("activations", ["creationTime"], ["codeHash"]),
      persist: versioned("activations"),
    },
    managedInstances: {
      seed: seeded("managedInstances", seedManagedInstance),
      snapshot: rowList("managedInstances", ["registrationTime", "lastInvokedTime"]),
      persist: versioned("managedInstances"),
    },
  },
  account: {},
};
