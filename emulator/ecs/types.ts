// The ECS product's records. Every record is immutable: a change writes a new object into its Table.

/** Status of an ECS instance. */
export type InstanceStatus = "Running" | "Stopped" | "Starting" | "Stopping";

/** The status values an ECS instance can be set to. */
export const INSTANCE_STATUSES: readonly InstanceStatus[] = ["Running", "Stopped", "Starting", "Stopping"];

/** An ECS instance, classic-network or VPC-network. */
export interface EcsInstance {
  /** `i-...` */
  readonly instanceId: string;
  readonly regionId: string;
  readonly networkType: "classic" | "vpc";
  readonly status: InstanceStatus;
  /** Locked (e.g. for overdue payment or security): ClassicLink changes are refused. */
  readonly locked: boolean;
  /** For VPC-network instances, their VPC. */
  readonly vpcId?: string;
}

/** A ClassicLink connection between a classic instance and a VPC. */
export interface ClassicLink {
  /** The classic instance. */
  readonly instanceId: string;
  readonly vpcId: string;
  readonly regionId: string;
  /** World ms. */
  readonly creationTime: number;
}

/** A resource tag. */
export interface Tag {
  readonly key: string;
  readonly value: string;
}

/** A Cloud Assistant activation code. The code itself is never stored: only its SHA-256. */
export interface Activation {
  /** UUID-like, upper case. */
  readonly activationId: string;
  readonly regionId: string;
  /** Hex SHA-256 of the activation code. */
  readonly codeHash: string;
  /** Default instance name prefix ("" when none: the hostname is used). */
  readonly instanceName: string;
  readonly description: string;
  /** Maximum number of registrations. */
  readonly instanceCount: number;
  /** Validity in hours from creation. */
  readonly timeToLiveInHours: number;
  /** IPv4/IPv6 address or CIDR allowed to register. */
  readonly ipAddressRange: string;
  /** "" when none. */
  readonly resourceGroupId: string;
  readonly tags: readonly Tag[];
  /** World ms. */
  readonly creationTime: number;
  /** No more registrations. */
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
  readonly regionId: string;
  /** The activation it registered with. */
  readonly activationId: string;
  readonly hostname: string;
  readonly instanceName: string;
  /** Machine code. */
  readonly machineId: string;
  /** `linux`, `windows` or `FreeBSD`. */
  readonly osType: string;
  readonly osVersion: string;
  /** Cloud Assistant agent version. */
  readonly agentVersion: string;
  /** Internal IP. */
  readonly intranetIp: string;
  /** Public IP ("" when none). */
  readonly internetIp: string;
  /** World ms. */
  readonly registrationTime: number;
  /** Cloud Assistant tasks run so far. */
  readonly invocationCount: number;
  /** World ms of the last task, if any. */
  readonly lastInvokedTime?: number;
  /** The agent is connected. */
  readonly connected: boolean;
  readonly resourceGroupId: string;
  readonly tags: readonly Tag[];
}
