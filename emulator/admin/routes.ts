// The admin surface: local control of the world (seed, reset, the agent, instance status, faults,
// consistency, clock, counters). JSON in and out, never signed, never faulted. Pure: it takes an
// EmulatorRequest and answers an EmulatorResponse.

import { applyChange, type ChangeHost } from "../core/changes.js";
import { ServiceError } from "../core/errors.js";
import { type FaultConfig, validateFaultConfig } from "../core/faults.js";
import type { EmulatorRequest, EmulatorResponse } from "../core/http-types.js";
import { isoSeconds } from "../core/time.js";
import { setInstanceState } from "../ecs/classiclink-models.js";
import { recordInvocation, registerManagedInstance } from "../ecs/cloud-assistant-models.js";
import { INSTANCE_STATUSES } from "../ecs/types.js";
import { SeedError } from "../world/seed.js";
import type { WorldSeed } from "../world/seed-types.js";
import { snapshotWorld } from "../world/snapshot.js";
import type { World } from "../world/world.js";
import type { AgentRegisterRequest } from "./types.js";

/** What the admin surface controls. Its changes to the world go through applyChange, as actions do. */
export interface AdminHost extends ChangeHost {
  /** The current world (replaced on reset, so always read through here). */
  world(): World;
  /** Replaces world, counters, faults, nonces and tokens with the seed (default world when none). */
  reset(seed?: WorldSeed): void;
  /** Merges a seed into the world. */
  seed(seed: WorldSeed): void;
  faultConfig(): FaultConfig;
  /** Replaces the fault rules. */
  setFaults(config: FaultConfig): void;
}

/** A refusal of the admin surface (answered as `{ code, message }`); the client's AdminError is its mirror. */
class AdminRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function json(status: number, value: unknown): EmulatorResponse {
  return { status, headers: { "content-type": "application/json;charset=utf-8" }, body: JSON.stringify(value) };
}

function readBody(request: EmulatorRequest, optional = false): unknown {
  const text = request.body.toString("utf8").trim();
  if (text === "") {
    if (optional) return undefined;
    throw new AdminRefusal(400, "InvalidBody", "a JSON body is required");
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AdminRefusal(400, "InvalidBody", "the body is not valid JSON");
  }
}

function object(value: unknown): { [key: string]: unknown } {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new AdminRefusal(400, "InvalidBody", "the body must be a JSON object");
  }
  return value as { [key: string]: unknown };
}

function str(body: { [key: string]: unknown }, name: string, required: boolean): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) {
    if (required) throw new AdminRefusal(400, "MissingParameter", `${name} is required`);
    return undefined;
  }
  if (typeof value !== "string" || value === "")
    throw new AdminRefusal(400, "InvalidBody", `${name} must be a non-empty string`);
  return value;
}

function num(body: { [key: string]: unknown }, name: string): number {
  const value = body[name];
  if (typeof value !== "number" || !Number.isFinite(value))
    throw new AdminRefusal(400, "InvalidBody", `${name} must be a number`);
  return value;
}

function agentRegistration(body: { [key: string]: unknown }): AgentRegisterRequest {
  const optional = (name: string) => str(body, name, false);
  const fields = ["machineId", "instanceName", "internetIp", "osType", "osVersion", "agentVersion"] as const;
  const extra: { [key: string]: string } = {};
  for (const name of fields) {
    const value = optional(name);
    if (value !== undefined) extra[name] = value;
  }
  return {
    regionId: str(body, "regionId", true) ?? "",
    activationId: str(body, "activationId", true) ?? "",
    activationCode: str(body, "activationCode", true) ?? "",
    hostname: str(body, "hostname", true) ?? "",
    intranetIp: str(body, "intranetIp", true) ?? "",
    ...extra,
  };
}

function setInstanceStatus(host: AdminHost, body: { [key: string]: unknown }): EmulatorResponse {
  const instanceId = str(body, "instanceId", true) ?? "";
  const statusText = str(body, "status", body.locked === undefined);
  const status = INSTANCE_STATUSES.find((known) => known === statusText);
  if (statusText !== undefined && status === undefined) {
    throw new AdminRefusal(400, "InvalidBody", `status must be one of ${INSTANCE_STATUSES.join(", ")}`);
  }
  if (body.locked !== undefined && typeof body.locked !== "boolean") {
    throw new AdminRefusal(400, "InvalidBody", "locked must be a boolean");
  }
  const world = host.world();
  const change = {
    ...(status === undefined ? {} : { status }),
    ...(typeof body.locked === "boolean" ? { locked: body.locked } : {}),
  };
  const updated = applyChange(host, () => setInstanceState(world, instanceId, change, world.now()));
  if (!updated) throw new AdminRefusal(404, "InvalidInstanceId.NotFound", `no ECS instance ${instanceId}`);
  return json(200, { instanceId, status: updated.status, locked: updated.locked });
}

/** Handles one admin request (never throws). */
export function handleAdmin(host: AdminHost, request: EmulatorRequest, path: string): EmulatorResponse {
  try {
    return route(host, request, path);
  } catch (error) {
    if (error instanceof AdminRefusal) return json(error.status, { code: error.code, message: error.message });
    if (error instanceof ServiceError) return json(error.httpStatus, { code: error.code, message: error.message });
    if (error instanceof SeedError) return json(400, { code: "InvalidSeed", message: error.message });
    return json(500, { code: "InternalError", message: error instanceof Error ? error.message : String(error) });
  }
}

function route(host: AdminHost, request: EmulatorRequest, path: string): EmulatorResponse {
  const key = `${request.method} ${path.replace(/\/+$/, "")}`;
  const world = host.world();
  switch (key) {
    case "GET /__admin/health":
      return json(200, { ok: true });
    case "GET /__admin/world":
      return json(200, snapshotWorld(world));
    case "POST /__admin/reset": {
      const body = readBody(request, true);
      host.reset(body === undefined ? undefined : (object(body) as WorldSeed));
      return json(200, { ok: true });
    }
    case "POST /__admin/seed":
      host.seed(object(readBody(request)) as WorldSeed);
      return json(200, { ok: true });
    case "POST /__admin/agent/register": {
      const registration = agentRegistration(object(readBody(request)));
      const instance = applyChange(host, (effect) => {
        const registered = registerManagedInstance(world, registration, world.now());
        effect(`RegisterManagedInstance:${registered.instanceId}`);
        return registered;
      });
      return json(200, { instanceId: instance.instanceId, instanceName: instance.instanceName });
    }
    case "POST /__admin/agent/invoke": {
      const instanceId = str(object(readBody(request)), "instanceId", true) ?? "";
      const updated = applyChange(host, () => recordInvocation(world, instanceId, world.now()));
      if (!updated) throw new AdminRefusal(404, "InvalidInstance.NotFound", `no managed instance ${instanceId}`);
      return json(200, {
        instanceId,
        invocationCount: updated.invocationCount,
        lastInvokedTime: isoSeconds(updated.lastInvokedTime ?? world.now()),
      });
    }
    case "POST /__admin/ecs-instances/status":
      return setInstanceStatus(host, object(readBody(request)));
    case "GET /__admin/faults":
      return json(200, host.faultConfig());
    case "PUT /__admin/faults": {
      let config: FaultConfig;
      try {
        config = validateFaultConfig(readBody(request));
      } catch (error) {
        if (error instanceof AdminRefusal) throw error;
        throw new AdminRefusal(400, "InvalidBody", (error as Error).message);
      }
      host.setFaults(config);
      return json(200, host.faultConfig());
    }
    case "DELETE /__admin/faults":
      host.setFaults({ rules: [] });
      return json(200, host.faultConfig());
    case "GET /__admin/consistency":
      return json(200, { delayMs: world.settings.consistencyDelayMs });
    case "PUT /__admin/consistency": {
      const delayMs = num(object(readBody(request)), "delayMs");
      if (delayMs < 0) throw new AdminRefusal(400, "InvalidBody", "delayMs must not be negative");
      applyChange(host, () => world.updateSettings({ consistencyDelayMs: delayMs }));
      return json(200, { delayMs });
    }
    case "GET /__admin/clock":
      return json(200, { offsetMs: world.clock.offsetMs, now: isoSeconds(world.now()) });
    case "PUT /__admin/clock": {
      const offsetMs = num(object(readBody(request)), "offsetMs");
      applyChange(host, () => world.setClockOffset(offsetMs));
      return json(200, { offsetMs: world.clock.offsetMs, now: isoSeconds(world.now()) });
    }
    case "GET /__admin/counters":
      return json(200, host.counters.toData());
    case "POST /__admin/counters/reset":
      host.counters.reset();
      return json(200, host.counters.toData());
    default:
      return json(404, { code: "NotFound", message: `no admin endpoint ${key}` });
  }
}
