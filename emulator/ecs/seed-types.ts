// The ECS product's part of a WorldSeed account (world/seed-types.ts): what each seed list holds.
import type { InstanceStatus } from "./types.js";

/** An ECS instance. */
export interface EcsInstanceSeed {
  readonly regionId: string;
  readonly instanceId: string;
  /** @default "classic" */
  readonly networkType?: "classic" | "vpc";
  /** @default "Running" */
  readonly status?: InstanceStatus;
  /** @default false */
  readonly locked?: boolean;
  /** The VPC of a VPC-network instance. */
  readonly vpcId?: string;
}

/** A ClassicLink connection. */
export interface ClassicLinkSeed {
  readonly regionId: string;
  /** The classic instance. */
  readonly instanceId: string;
  readonly vpcId: string;
}

export interface TagSeed {
  readonly key: string;
  /** @default "" */
  readonly value?: string;
}

/** An activation code. */
export interface ActivationSeed {
  readonly regionId: string;
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
  readonly regionId: string;
  readonly instanceId: string;
  /** The activation it registered with. */
  readonly activationId: string;
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

/** The ECS product's seed lists of an account: list name -> one entry. */
export interface EcsSeedLists {
  readonly ecsInstances: EcsInstanceSeed;
  readonly classicLinks: ClassicLinkSeed;
  readonly activations: ActivationSeed;
  readonly managedInstances: ManagedInstanceSeed;
}
