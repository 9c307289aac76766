// Bodies and answers of the admin surface (/__admin/...), shared by the server and AdminClient.
import type { CountersData } from "../core/counters.js";
import type { FaultConfig } from "../core/faults.js";
import type { AgentRegistration } from "../ecs/cloud-assistant-models.js";
import type { InstanceStatus } from "../ecs/types.js";

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
  readonly message: string;
}

/** Re-exported so that AdminClient users need one import. */
export type { CountersData, FaultConfig };
