// A typed client for the admin surface of any running emulator (in-process or `npm run emulator`).
import type { WorldSeed } from "../world/seed-types.js";
import type {
  AdminErrorBody,
  AgentInvokeRequest,
  AgentInvokeResponse,
  AgentRegisterRequest,
  AgentRegisterResponse,
  ClockSetting,
  ClockState,
  ConsistencySetting,
  CountersData,
  FaultConfig,
  InstanceStatusRequest,
  InstanceStatusResponse,
} from "./types.js";

/** An admin call that the emulator refused; carries its HTTP status and code. */
export class AdminError extends Error {
  readonly status: number;
  /** e.g. `Activation.Disabled` */
  readonly code: string;

  /**
   * @param status the answer's HTTP status.
   * @param code the refusal's code.
   * @param message the refusal's message.
   */
  constructor(status: number, code: string, message: string) {
    super(`${code}: ${message}`);
    this.name = "AdminError";
    this.status = status;
    this.code = code;
  }
}

/** One method per admin endpoint. */
export class AdminClient {
  /** Base URL of the emulator (`http://127.0.0.1:<port>`). */
  readonly url: string;

  /** @param url base URL of the emulator. */
  constructor(url: string) {
    this.url = url.replace(/\/+$/, "");
  }

  /** GET /__admin/health. */
  health(): Promise<{ ok: boolean }> {
    return this.call("GET", "/__admin/health");
  }

  /** GET /__admin/world: a snapshot without secrets. */
  world(): Promise<{ [key: string]: unknown }> {
    return this.call("GET", "/__admin/world");
  }

  /** POST /__admin/reset: back to the seed (the default world when none). */
  reset(seed?: WorldSeed): Promise<{ ok: boolean }> {
    return this.call("POST", "/__admin/reset", seed);
  }

  /** POST /__admin/seed: merges accounts and resources into the world. */
  seed(seed: WorldSeed): Promise<{ ok: boolean }> {
    return this.call("POST", "/__admin/seed", seed);
  }

  /** POST /__admin/agent/register: the Cloud Assistant agent registers a server. */
  registerAgent(request: AgentRegisterRequest): Promise<AgentRegisterResponse> {
    return this.call("POST", "/__admin/agent/register", request);
  }

  /** POST /__admin/agent/invoke: a Cloud Assistant command ran on the instance. */
  invokeAgent(request: AgentInvokeRequest): Promise<AgentInvokeResponse> {
    return this.call("POST", "/__admin/agent/invoke", request);
  }

  /** POST /__admin/ecs-instances/status: sets an ECS instance's status (and, as an extension, its lock). */
  setInstanceStatus(request: InstanceStatusRequest): Promise<InstanceStatusResponse> {
    return this.call("POST", "/__admin/ecs-instances/status", request);
  }

  /** GET /__admin/faults. */
  faults(): Promise<FaultConfig> {
    return this.call("GET", "/__admin/faults");
  }

  /** PUT /__admin/faults: replaces the rules. */
  setFaults(config: FaultConfig): Promise<FaultConfig> {
    return this.call("PUT", "/__admin/faults", config);
  }

  /** DELETE /__admin/faults. */
  clearFaults(): Promise<FaultConfig> {
    return this.call("DELETE", "/__admin/faults");
  }

  /** PUT /__admin/consistency. */
  setConsistency(setting: ConsistencySetting): Promise<ConsistencySetting> {
    return this.call("PUT", "/__admin/consistency", setting);
  }

  /** PUT /__admin/clock: moves the world's clock. */
  setClock(setting: ClockSetting): Promise<ClockState> {
    return this.call("PUT", "/__admin/clock", setting);
  }

  /** GET /__admin/counters. */
  counters(): Promise<CountersData> {
    return this.call("GET", "/__admin/counters");
  }

  /** POST /__admin/counters/reset. */
  resetCounters(): Promise<CountersData> {
    return this.call("POST", "/__admin/counters/reset");
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const data = (text === "" ? {} : JSON.parse(text)) as T | AdminErrorBody;
    if (!response.ok) {
      const error = data as AdminErrorBody;
      throw new AdminError(response.status, error.code ?? "Unknown", error.message ?? text);
    }
    return data as T;
  }
}
