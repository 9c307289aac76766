// The ECS product's records, and how the admin world view shows them (RowView). Every record is
// immutable: a change writes a new object into its Table.
import type { RowView } from "../world/table-spec.js";

/** Status of an ECS instance. */
export type InstanceStatus = "Running" | "Stopped" | "Starting" | "Stopping";

/** The status values an ECS instance can be set to. */
export const INSTANCE_STATUSES: readonly InstanceStatus[] = ["Running", "Stopped", "Starting", "Stopping"];

/** An ECS instance, classic-network or VPC-network. */
export interface EcsInstance {
  /** `i-...` */
  readonly instanceId: string;
  /** Its region. */
  readonly regionId: string;
  /** Its network. */
  readonly networkType: "classic" | "vpc";
  /** Its status. */
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
  /** The VPC it is linked to. */
  readonly vpcId: string;
  /** Their region. */
  readonly regionId: string;
  /** When it was linked (world ms; ISO 8601 in the admin world view). */
  readonly creationTime: number;
}

/** A resource tag. */
export interface Tag {
  /** The key. */
  readonly key: string;
  /** The value (may be empty). */
  readonly value: string;
}

/** A Cloud Assistant activation code. The code itself is never stored: only its SHA-256. */
export interface Activation {
  /** UUID-like, upper case. */
  readonly activationId: string;
  /** Its region. */
  readonly regionId: string;
  /** Hex SHA-256 of the activation code (the admin world view leaves it out). */
  readonly codeHash: string;
  /** Default instance name prefix ("" when none: the hostname is used). */
  readonly instanceName: string;
  /** Its description. */
  readonly description: string;
  /** Maximum number of registrations. */
  readonly instanceCount: number;
  /** Validity in hours from creation. */
  readonly timeToLiveInHours: number;
  /** IPv4/IPv6 address or CIDR allowed to register. */
  readonly ipAddressRange: string;
  /** Its resource group ("" when none). */
  readonly resourceGroupId: string;
  /** Its tags. */
  readonly tags: readonly Tag[];
  /** When it was made (world ms; ISO 8601 in the admin world view). */
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
  /** Its region. */
  readonly regionId: string;
  /** The activation it registered with. */
  readonly activationId: string;
  /** Its hostname. */
  readonly hostname: string;
  /** Its name. */
  readonly instanceName: string;
  /** Machine code. */
  readonly machineId: string;
  /** `linux`, `windows` or `FreeBSD`. */
  readonly osType: string;
  /** Its OS version. */
  readonly osVersion: string;
  /** Cloud Assistant agent version. */
  readonly agentVersion: string;
  /** Internal IP. */
  readonly intranetIp: string;
  /** Public IP ("" when none). */
  readonly internetIp: string;
  /** When it registered (world ms; ISO 8601 in the admin world view). */
  readonly registrationTime: number;
  /** Cloud Assistant tasks run so far. */
  readonly invocationCount: number;
  /** When the last task ran, if any did (world ms; ISO 8601 in the admin world view). */
  readonly lastInvokedTime?: number;
  /** The agent is connected. */
  readonly connected: boolean;
  /** Its resource group ("" when none). */
  readonly resourceGroupId: string;
  /** Its tags. */
  readonly tags: readonly Tag[];
}

/** An ECS instance as the admin world view shows it. */
export type EcsInstanceView = RowView<EcsInstance>;

/** A ClassicLink connection as the admin world view shows it. */
export type ClassicLinkView = RowView<ClassicLink, "creationTime">;

/** A tag as the admin world view shows it. */
export type TagView = RowView<Tag>;

/** A Cloud Assistant activation as the admin world view shows it: never its code, nor its hash. */
export type ActivationView = RowView<Activation, "creationTime", "codeHash">;

/** A managed instance as the admin world view shows it. */
export type ManagedInstanceView = RowView<ManagedInstance, "registrationTime" | "lastInvokedTime">;
