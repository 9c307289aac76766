// The admin surface: local control of the world (seed, reset, the agent, instance status, faults,
// consistency, clock, counters). JSON in and out, never signed, never faulted. Pure: it takes an
// EmulatorRequest and answers an EmulatorResponse. Its routes are exactly the operations of
// emulator/schema/openapi.json (a test holds them together), and every body is checked against the
// schema its operation names there before a route sees it.

import { PRODUCTS } from "../../api/index.js";
import type { Product } from "../core/api.js";
import { applyChange, type ChangeHost } from "../core/changes.js";
import { ServiceError } from "../core/errors.js";
import { type FaultConfig, validateFaultConfig } from "../core/faults.js";
import type { EmulatorRequest, EmulatorResponse } from "../core/http-types.js";
import { isoSeconds } from "../core/time.js";
import { setInstanceState } from "../ecs/classiclink-models.js";
import { recordInvocation, registerManagedInstance } from "../ecs/cloud-assistant-models.js";
import type { InstanceStatus } from "../ecs/types.js";
import {
  ADMIN_API_VERSION,
  DOCUMENTS,
  formatIssues,
  operationBody,
  SCHEMAS,
  type SchemaIssue,
} from "../schema/index.js";
import { DEFAULT_SEED } from "../world/default-world.js";
import { SeedError } from "../world/seed.js";
import type { WorldSeed } from "../world/seed-types.js";
import { snapshotWorld } from "../world/snapshot.js";
import type { World } from "../world/world.js";
import { packageVersion } from "./package-version.js";
import type { AgentRegisterRequest, BodyIssue, HealthResponse, InstanceStatusRequest, ResetRequest } from "./types.js";

/** What the admin surface controls. Its changes to the world go through applyChange, as actions do. */
export interface AdminHost extends ChangeHost {
  /** The current world (replaced on reset, so always read through here). */
  world(): World;
  /** Replaces world, counters, faults, nonces and tokens with the seed (the start world when none). */
  reset(seed?: WorldSeed): void;
  /** Merges a seed into the world. */
  seed(seed: WorldSeed): void;
  /** The fault rules now. */
  faultConfig(): FaultConfig;
  /** Replaces the fault rules. */
  setFaults(config: FaultConfig): void;
  /** The products served, by API version. */
  readonly products: ReadonlyMap<string, Product>;
}

/** A refusal of the admin surface (answered as `{ code, message, errors? }`); AdminError is its mirror. */
class AdminRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors?: readonly BodyIssue[],
  ) {
    super(message);
  }
}

function json(status: number, value: unknown): EmulatorResponse {
  return { status, headers: { "content-type": "application/json;charset=utf-8" }, body: JSON.stringify(value) };
}

/** An admin refusal's answer (also used by the server's guard). */
export function adminRefusal(status: number, code: string, message: string): EmulatorResponse {
  return json(status, { code, message });
}

/** The products served, as the api/ contracts name them. */
function productSummaries(host: AdminHost): HealthResponse["products"] {
  return Object.values(PRODUCTS).flatMap(({ info }) => {
    const served = host.products.get(info.version);
    return served
      ? [{ name: info.name, code: info.code, version: info.version, actions: [...served.apis.keys()] }]
      : [];
  });
}

/** A route: the host, and the body already checked against its operation's schema. */
type Route = (host: AdminHost, body: unknown) => EmulatorResponse;

const ok = () => json(200, { ok: true });

function clock(world: World): EmulatorResponse {
  return json(200, { offsetMs: world.clock.offsetMs, now: isoSeconds(world.now()) });
}

function reset(host: AdminHost, body: unknown): EmulatorResponse {
  const request = (body ?? {}) as ResetRequest;
  const { world: named, $schema: _editorsOnly, ...seed } = request as ResetRequest & { $schema?: string };
  const seedGiven = Object.keys(seed).length > 0;
  if (named !== undefined && seedGiven) {
    throw new AdminRefusal(
      400,
      "InvalidBody",
      "world names a whole world: it does not go with regions, settings or accounts (reset, then POST /__admin/seed)",
    );
  }
  if (named === "default") host.reset(DEFAULT_SEED);
  else if (named === "empty") host.reset({});
  else host.reset(seedGiven ? seed : undefined);
  return ok();
}

function setInstanceStatus(host: AdminHost, body: InstanceStatusRequest): EmulatorResponse {
  if (body.status === undefined && body.locked === undefined) {
    throw new AdminRefusal(400, "MissingParameter", "status is required (unless locked is given)");
  }
  const world = host.world();
  const change: { status?: InstanceStatus; locked?: boolean } = {
    ...(body.status === undefined ? {} : { status: body.status }),
    ...(body.locked === undefined ? {} : { locked: body.locked }),
  };
  const updated = applyChange(host, () => setInstanceState(world, body.instanceId, change, world.now()));
  if (!updated) throw new AdminRefusal(404, "InvalidInstanceId.NotFound", `no ECS instance ${body.instanceId}`);
  return json(200, { instanceId: body.instanceId, status: updated.status, locked: updated.locked });
}

/** Every admin route, by `METHOD /path`: exactly the operations of openapi.json. */
const ROUTES: { readonly [route: string]: Route } = {
  "GET /__admin/health": (host) => {
    const health: HealthResponse = {
      ok: true,
      version: packageVersion(),
      adminApiVersion: ADMIN_API_VERSION,
      products: productSummaries(host),
      accounts: [...host.world().accounts.keys()],
    };
    return json(200, health);
  },
  "GET /__admin/openapi.json": () => json(200, DOCUMENTS["openapi.json"]),
  "GET /__admin/world-seed.schema.json": () => json(200, DOCUMENTS["world-seed.schema.json"]),
  "GET /__admin/admin.schema.json": () => json(200, DOCUMENTS["admin.schema.json"]),
  "GET /__admin/world": (host) => json(200, snapshotWorld(host.world())),
  "POST /__admin/reset": reset,
  "POST /__admin/seed": (host, body) => {
    host.seed(body as WorldSeed);
    return ok();
  },
  "POST /__admin/agent/register": (host, body) => {
    const world = host.world();
    const instance = applyChange(host, (effect) => {
      const registered = registerManagedInstance(world, body as AgentRegisterRequest, world.now());
      effect(`RegisterManagedInstance:${registered.instanceId}`);
      return registered;
    });
    return json(200, { instanceId: instance.instanceId, instanceName: instance.instanceName });
  },
  "POST /__admin/agent/invoke": (host, body) => {
    const world = host.world();
    const { instanceId } = body as { instanceId: string };
    const updated = applyChange(host, () => recordInvocation(world, instanceId, world.now()));
    if (!updated) throw new AdminRefusal(404, "InvalidInstance.NotFound", `no managed instance ${instanceId}`);
    return json(200, {
      instanceId,
      invocationCount: updated.invocationCount,
      lastInvokedTime: isoSeconds(updated.lastInvokedTime ?? world.now()),
    });
  },
  "POST /__admin/ecs-instances/status": (host, body) => setInstanceStatus(host, body as InstanceStatusRequest),
  "GET /__admin/faults": (host) => json(200, host.faultConfig()),
  "PUT /__admin/faults": (host, body) => {
    let config: FaultConfig;
    try {
      config = validateFaultConfig(body);
    } catch (error) {
      throw new AdminRefusal(400, "InvalidBody", (error as Error).message);
    }
    host.setFaults(config);
    return json(200, host.faultConfig());
  },
  "DELETE /__admin/faults": (host) => {
    host.setFaults({ rules: [] });
    return json(200, host.faultConfig());
  },
  "GET /__admin/consistency": (host) => json(200, { delayMs: host.world().settings.consistencyDelayMs }),
  "PUT /__admin/consistency": (host, body) => {
    const world = host.world();
    const { delayMs } = body as { delayMs: number };
    applyChange(host, () => world.updateSettings({ consistencyDelayMs: delayMs }));
    return json(200, { delayMs });
  },
  "GET /__admin/clock": (host) => clock(host.world()),
  "PUT /__admin/clock": (host, body) => {
    const world = host.world();
    applyChange(host, () => world.setClockOffset((body as { offsetMs: number }).offsetMs));
    return clock(world);
  },
  "GET /__admin/counters": (host) => json(200, host.counters.toData()),
  "POST /__admin/counters/reset": (host) => {
    host.counters.reset();
    return json(200, host.counters.toData());
  },
};

/** Every route the admin surface serves, as `METHOD /path`. */
export const ADMIN_ROUTES: readonly string[] = Object.keys(ROUTES);

/** Seeds are refused as InvalidSeed (the code the admin surface has always used for them). */
const SEED_SCHEMAS = new Set(["world-seed.schema.json#/$defs/WorldSeed", "admin.schema.json#/$defs/ResetRequest"]);

/** The body, parsed and checked against the schema its operation names (undefined: none sent). */
function checkedBody(request: EmulatorRequest, method: string, path: string): unknown {
  const expected = operationBody(method, path);
  if (!expected) return undefined;
  const text = request.body.toString("utf8").trim();
  if (text === "") {
    if (!expected.required) return undefined;
    throw new AdminRefusal(400, "InvalidBody", "a JSON body is required");
  }
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    throw new AdminRefusal(400, "InvalidBody", "the body is not valid JSON");
  }
  const issues: SchemaIssue[] = SCHEMAS.validate(expected.schema, body);
  if (issues.length > 0) {
    const message = formatIssues(issues, "body");
    throw new AdminRefusal(400, SEED_SCHEMAS.has(expected.schema) ? "InvalidSeed" : "InvalidBody", message, issues);
  }
  return body;
}

/** Handles one admin request (never throws). */
export function handleAdmin(host: AdminHost, request: EmulatorRequest, path: string): EmulatorResponse {
  const clean = path.replace(/\/+$/, "");
  const key = `${request.method} ${clean}`;
  const route = ROUTES[key];
  if (!route) return json(404, { code: "NotFound", message: `no admin endpoint ${key}` });
  try {
    return route(host, checkedBody(request, request.method, clean));
  } catch (error) {
    if (error instanceof AdminRefusal) {
      return json(error.status, {
        code: error.code,
        message: error.message,
        ...(error.errors ? { errors: error.errors } : {}),
      });
    }
    if (error instanceof ServiceError) return json(error.httpStatus, { code: error.code, message: error.message });
    if (error instanceof SeedError) return json(400, { code: "InvalidSeed", message: error.message });
    return json(500, { code: "InternalError", message: error instanceof Error ? error.message : String(error) });
  }
}
