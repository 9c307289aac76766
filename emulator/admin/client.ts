// A typed client for the admin surface of any running emulator (in-process or `npm run emulator`).
import type { WorldSeed } from "../world/seed-types.js";
import { ADMIN_TOKEN_ENV } from "./guard.js";
import type {
  AdminErrorBody,
  AgentInvokeRequest,
  AgentInvokeResponse,
  AgentRegisterRequest,
  AgentRegisterResponse,
  BodyIssue,
  ClockSetting,
  ClockState,
  ConsistencySetting,
  CountersData,
  FaultConfig,
  HealthResponse,
  InstanceStatusRequest,
  InstanceStatusResponse,
  OkResponse,
  ResetRequest,
  WorldView,
} from "./types.js";

/** An admin call that the emulator refused; carries its HTTP status and code. */
export class AdminError extends Error {
  /** The answer's HTTP status. */
  readonly status: number;
  /** e.g. `Activation.Disabled` */
  readonly code: string;
  /** For `InvalidBody` and `InvalidSeed`: each field refused. */
  readonly errors: readonly BodyIssue[];

  /**
   * @param status the answer's HTTP status.
   * @param code the refusal's code.
   * @param message the refusal's message.
   * @param errors the fields refused, if the answer lists them.
   */
  constructor(status: number, code: string, message: string, errors: readonly BodyIssue[] = []) {
    super(`${code}: ${message}`);
    this.name = "AdminError";
    this.status = status;
    this.code = code;
    this.errors = errors;
  }
}

/** How an AdminClient reaches its emulator. */
export interface AdminClientOptions {
  /**
   * The emulator's admin token (`--admin-token`), sent as `Authorization: Bearer`.
   * @default the ALICLOUD_EMULATOR_ADMIN_TOKEN environment variable, else none
   */
  readonly token?: string;
}

/** One method per admin endpoint. */
export class AdminClient {
  /** Base URL of the emulator (`http://127.0.0.1:<port>`). */
  readonly url: string;
  private readonly token: string | undefined;

  /**
   * @param url base URL of the emulator.
   * @param options the admin token, when the emulator has one.
   */
  constructor(url: string, options: AdminClientOptions = {}) {
    this.url = url.replace(/\/+$/, "");
    const envToken = process.env[ADMIN_TOKEN_ENV];
    this.token = options.token ?? (envToken === "" ? undefined : envToken);
  }

  /** GET /__admin/health: version, products and API versions served, the world's account UIDs. */
  health(): Promise<HealthResponse> {
    return this.call("GET", "/__admin/health");
  }

  /** GET /__admin/openapi.json: the admin surface's OpenAPI document. */
  openapi(): Promise<{ readonly [key: string]: unknown }> {
    return this.call("GET", "/__admin/openapi.json");
  }

  /** GET /__admin/world: a snapshot without secrets. */
  world(): Promise<WorldView> {
    return this.call("GET", "/__admin/world");
  }

  /**
   * POST /__admin/reset: none (or `{}`) goes back to the world the emulator started with,
   * `{ world: "default" }` to the default world, `{ world: "empty" }` to no accounts; a seed
   * replaces the world with that seed alone.
   */
  reset(request?: ResetRequest): Promise<OkResponse> {
    return this.call("POST", "/__admin/reset", request);
  }

  /** POST /__admin/seed: merges accounts and resources into the world. */
  seed(seed: WorldSeed): Promise<OkResponse> {
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

  /** GET /__admin/consistency: how long Describe calls lag behind changes. */
  consistency(): Promise<ConsistencySetting> {
    return this.call("GET", "/__admin/consistency");
  }

  /** GET /__admin/clock: the clock's offset and the world's time. */
  clock(): Promise<ClockState> {
    return this.call("GET", "/__admin/clock");
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
    const headers: { [name: string]: string } = {};
    // POST and PUT always say JSON, also without a body: the emulator refuses anything else.
    if (method === "POST" || method === "PUT") headers["content-type"] = "application/json";
    if (this.token !== undefined) headers.authorization = `Bearer ${this.token}`;
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    let data: T | AdminErrorBody;
    try {
      data = (text === "" ? {} : JSON.parse(text)) as T | AdminErrorBody;
    } catch {
      throw new AdminError(
        response.status,
        "InvalidResponse",
        `${method} ${path} answered ${response.status} with no JSON`,
      );
    }
    if (!response.ok) {
      const error = data as Partial<AdminErrorBody> & { Code?: string; Message?: string };
      throw new AdminError(
        response.status,
        error.code ?? error.Code ?? "Unknown",
        error.message ?? error.Message ?? text,
        error.errors ?? [],
      );
    }
    return data as T;
  }
}
