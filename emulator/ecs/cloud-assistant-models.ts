// Cloud Assistant rules: activation codes, managed instances, and the agent's registration
// (no public API registers a server: the admin surface plays the agent, spec §7.8).
import type { TagParam } from "../core/params.js";
import { hashSecret, newActivationCode, newActivationId, newMachineId, newManagedInstanceId } from "../world/ids.js";
import { ipInRange, parseIpRange } from "../world/net.js";
import type { Account, World } from "../world/world.js";
import * as err from "./exceptions.js";
import type { EcsRegion } from "./store.js";
import type { Activation, ManagedInstance, Tag } from "./types.js";

/** The account's ECS tables in a region where Cloud Assistant answers; refuses otherwise. */
export function caRegion(world: World, account: Account, regionId: string): EcsRegion {
  const region = world.regions.get(regionId);
  if (!region) throw err.caRegionNotFound();
  if (!region.cloudAssistant) throw err.apiNotSupported();
  if (region.dispatchDegraded) throw err.dispatchError();
  return world.stores.ecs.region(account.uid, regionId);
}

/** Validates tags as the Cloud Assistant APIs do. */
export function checkTags(tags: readonly TagParam[], maxIndex: number): Tag[] {
  if (tags.length > 20 || maxIndex > 20) throw err.tagCount();
  const seen = new Set<string>();
  for (const tag of tags) {
    if (tag.key === "") throw err.tagKeyMissing();
    if (tag.key.length > 64 || /^(acs:|aliyun)/i.test(tag.key) || /https?:\/\//i.test(tag.key)) throw err.tagKey();
    if (tag.value.length > 128 || /https?:\/\//i.test(tag.value)) throw err.tagValue();
    if (seen.has(tag.key)) throw err.tagDuplicate();
    seen.add(tag.key);
  }
  return tags.map((t) => ({ key: t.key, value: t.value }));
}

/** Name rule shared by activation prefixes and managed instance names. */
export function namePatternOk(name: string): boolean {
  return /^[A-Za-z][A-Za-z0-9._:-]*$/.test(name) && !/^https?:\/\//i.test(name) && name.length >= 2;
}

/** CreateActivation's inputs after parsing: the activation's own fields. */
export type ActivationInput = Pick<
  Activation,
  | "regionId"
  | "instanceName"
  | "description"
  | "instanceCount"
  | "timeToLiveInHours"
  | "ipAddressRange"
  | "resourceGroupId"
  | "tags"
>;

/** Creates an activation; the code is returned here and never again (only its hash is kept). */
export function createActivation(
  world: World,
  account: Account,
  input: ActivationInput,
  now: number,
): { activation: Activation; code: string } {
  const region = caRegion(world, account, input.regionId);
  if (input.resourceGroupId !== "") {
    const group = account.resourceGroups.get(input.resourceGroupId);
    if (!group) throw err.resourceGroupNotFound();
    if (group.status !== "OK") throw err.resourceGroupStatus();
  }
  if (!account.realNameVerified) throw err.realName();
  if (region.activations.size >= world.settings.activationQuotaPerRegion) {
    throw err.activationQuota(world.settings.activationQuotaPerRegion);
  }
  if (region.managedInstances.size >= world.settings.managedInstanceQuotaPerRegion) {
    throw err.managedQuota(world.settings.managedInstanceQuotaPerRegion);
  }
  const code = newActivationCode(input.regionId);
  const activation: Activation = {
    ...input,
    activationId: newActivationId(),
    codeHash: hashSecret(code),
    creationTime: now,
    disabled: false,
    registeredCount: 0,
    deregisteredCount: 0,
    neverExpires: false,
  };
  region.activations.set(activation.activationId, activation, now, world.visibleFrom(now));
  return { activation, code };
}

/** The live activation, or ActivationId.NotFound. */
export function findActivation(region: EcsRegion, activationId: string): Activation {
  const activation = region.activations.get(activationId);
  if (!activation) throw err.activationNotFound();
  return activation;
}

/** Disables an activation; false when it already was. */
export function disableActivation(world: World, region: EcsRegion, activation: Activation, now: number): Activation {
  if (activation.disabled) return activation;
  const updated = { ...activation, disabled: true };
  region.activations.set(activation.activationId, updated, now, world.visibleFrom(now));
  return updated;
}

/**
 * Deletes an activation that no managed instance still uses; with `settings.deleteUsedActivation:
 * "in-use"`, none may ever have registered with it (the sources do not say which holds).
 */
export function deleteActivation(world: World, region: EcsRegion, activation: Activation, now: number): void {
  for (const instance of region.managedInstances.values()) {
    if (instance.activationId === activation.activationId) throw err.activationInUse();
  }
  if (world.settings.deleteUsedActivation === "in-use" && activation.registeredCount > 0) throw err.activationInUse();
  region.activations.delete(activation.activationId, now, world.visibleFrom(now));
}

/** Renames a managed instance. */
export function renameManagedInstance(
  world: World,
  region: EcsRegion,
  instanceId: string,
  name: string,
  now: number,
): ManagedInstance {
  const instance = region.managedInstances.get(instanceId);
  if (!instance) throw err.modifyNotFound();
  if (instance.instanceName === name) return instance;
  const updated = { ...instance, instanceName: name };
  region.managedInstances.set(instanceId, updated, now, world.visibleFrom(now));
  return updated;
}

/** Deregisters a managed instance and counts it on its activation. */
export function deregisterManagedInstance(
  world: World,
  region: EcsRegion,
  instanceId: string,
  now: number,
): ManagedInstance {
  const instance = region.managedInstances.get(instanceId);
  if (!instance) throw err.deregisterNotFound();
  const visibleAt = world.visibleFrom(now);
  region.managedInstances.delete(instanceId, now, visibleAt);
  const activation = region.activations.get(instance.activationId);
  if (activation) {
    region.activations.set(
      activation.activationId,
      { ...activation, deregisteredCount: activation.deregisteredCount + 1 },
      now,
      visibleAt,
    );
  }
  return instance;
}

/** What the agent sends when it registers a server. */
export interface AgentRegistration {
  readonly regionId: string;
  readonly activationId: string;
  readonly activationCode: string;
  readonly hostname: string;
  /** Machine code (random when absent). */
  readonly machineId?: string;
  /** Name requested with `--InstanceName` (else derived from the activation). */
  readonly instanceName?: string;
  /** Internal IP (checked against IpAddressRange). */
  readonly intranetIp: string;
  /** Public IP. */
  readonly internetIp?: string;
  readonly osType?: string;
  readonly osVersion?: string;
  readonly agentVersion?: string;
}

/** Whether an activation is past its TimeToLiveInHours on the world clock. */
export function activationExpired(activation: Activation, now: number): boolean {
  return !activation.neverExpires && now >= activation.creationTime + activation.timeToLiveInHours * 3_600_000;
}

/** Registers a server with an activation, consuming one registration as the real service does. */
export function registerManagedInstance(world: World, input: AgentRegistration, now: number): ManagedInstance {
  const regionInfo = world.regions.get(input.regionId);
  if (!regionInfo) throw err.caRegionNotFound();
  if (!regionInfo.cloudAssistant) throw err.apiNotSupported();
  if (regionInfo.dispatchDegraded) throw err.dispatchError();
  let region: EcsRegion | undefined;
  for (const place of world.stores.ecs.regions()) {
    if (place.regionId === input.regionId && place.tables.activations.get(input.activationId)) {
      region = place.tables;
      break;
    }
  }
  if (!region) throw err.activationNotFound();
  const activation = findActivation(region, input.activationId);
  if (hashSecret(input.activationCode) !== activation.codeHash) throw err.codeInvalid();
  if (activation.disabled) throw err.activationDisabled();
  if (activationExpired(activation, now)) throw err.activationExpired();
  if (activation.registeredCount >= activation.instanceCount) throw err.activationUsedUp();
  const range = parseIpRange(activation.ipAddressRange);
  const inRange =
    range !== undefined &&
    (ipInRange(input.intranetIp, range) || (input.internetIp !== undefined && ipInRange(input.internetIp, range)));
  if (!inRange) throw err.ipNotAllowed();
  if (region.managedInstances.size >= world.settings.managedInstanceQuotaPerRegion) {
    throw err.managedQuota(world.settings.managedInstanceQuotaPerRegion);
  }
  const machineId = input.machineId ?? newMachineId();
  for (const other of region.managedInstances.values())
    if (other.machineId === machineId) throw err.machineRegistered();
  const sequence = activation.registeredCount + 1;
  const digits = String(activation.instanceCount).length;
  const instance: ManagedInstance = {
    instanceId: newManagedInstanceId(input.regionId),
    regionId: input.regionId,
    activationId: activation.activationId,
    hostname: input.hostname,
    instanceName:
      input.instanceName ??
      (activation.instanceName
        ? `${activation.instanceName}-${String(sequence).padStart(digits, "0")}`
        : input.hostname),
    machineId,
    osType: input.osType ?? "linux",
    osVersion: input.osVersion ?? "",
    agentVersion: input.agentVersion ?? "2.2.0.102",
    intranetIp: input.intranetIp,
    internetIp: input.internetIp ?? "",
    registrationTime: now,
    invocationCount: 0,
    connected: true,
    resourceGroupId: activation.resourceGroupId,
    tags: activation.tags,
  };
  const visibleAt = world.visibleFrom(now);
  region.managedInstances.set(instance.instanceId, instance, now, visibleAt);
  region.activations.set(activation.activationId, { ...activation, registeredCount: sequence }, now, visibleAt);
  return instance;
}

/** Records that a Cloud Assistant command ran on a managed instance. */
export function recordInvocation(world: World, instanceId: string, now: number): ManagedInstance | undefined {
  for (const { tables } of world.stores.ecs.regions()) {
    const instance = tables.managedInstances.get(instanceId);
    if (!instance) continue;
    const updated = { ...instance, invocationCount: instance.invocationCount + 1, lastInvokedTime: now };
    tables.managedInstances.set(instanceId, updated, now, world.visibleFrom(now));
    return updated;
  }
  return undefined;
}

/**
 * Adds `tags` to the activations or managed instances `ids`, replacing the values of keys they
 * have; all or nothing: an unknown id or a resource left with more than 20 tags changes none.
 */
export function tagCloudAssistantResources(
  world: World,
  region: EcsRegion,
  type: "activation" | "managedinstance",
  ids: readonly string[],
  tags: readonly Tag[],
  now: number,
): void {
  const merged = (have: readonly Tag[]) => [
    ...have.filter((h) => !tags.some((t) => t.key === h.key)),
    ...tags.map((t) => ({ ...t })),
  ];
  const visibleAt = world.visibleFrom(now);
  if (type === "managedinstance") {
    const found = ids.map((id) => region.managedInstances.get(id));
    const updates = found.map((instance) => {
      if (!instance) throw err.resourceIdNotFound();
      const next = merged(instance.tags);
      if (next.length > 20) throw err.tagLimit();
      return { ...instance, tags: next };
    });
    for (const updated of updates) region.managedInstances.set(updated.instanceId, updated, now, visibleAt);
    return;
  }
  const updates = ids.map((id) => {
    const activation = region.activations.get(id);
    if (!activation) throw err.resourceIdNotFound();
    const next = merged(activation.tags);
    if (next.length > 20) throw err.tagLimit();
    return { ...activation, tags: next };
  });
  for (const updated of updates) region.activations.set(updated.activationId, updated, now, visibleAt);
}
