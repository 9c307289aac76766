// Seed appliers of the ECS product's tables: each checks one seed entry (naming the field it
// refuses) and turns it into a row, visible at once.
import { hashSecret, machineIdFrom } from "../world/ids.js";
import { parseIpRange } from "../world/net.js";
import { checkRegion, list, need, optBool, optInt, optString, optTime, SeedError } from "../world/seed-checks.js";
import type { SeededRegionRow, SeedScope } from "../world/table-spec.js";
import type { ActivationSeed, ClassicLinkSeed, EcsInstanceSeed, ManagedInstanceSeed, TagSeed } from "./seed-types.js";
import {
  type Activation,
  type ClassicLink,
  type EcsInstance,
  INSTANCE_STATUSES,
  type ManagedInstance,
  type Tag,
} from "./types.js";

function tags(value: readonly TagSeed[] | undefined, where: string): Tag[] {
  return list(value, where).map((tag, i) => ({
    key: need(tag?.key, `${where}[${i}].key`),
    value: optString(tag?.value, `${where}[${i}].value`, ""),
  }));
}

export function seedInstance(seed: EcsInstanceSeed, where: string, scope: SeedScope): SeededRegionRow<EcsInstance> {
  const regionId = checkRegion(scope.regions, seed?.regionId, `${where}.regionId`);
  const instanceId = need(seed.instanceId, `${where}.instanceId`);
  const status = optString(seed.status, `${where}.status`, "Running");
  const known = INSTANCE_STATUSES.find((s) => s === status);
  if (!known) throw new SeedError(`${where}.status must be one of ${INSTANCE_STATUSES}`);
  const networkType = optString(seed.networkType, `${where}.networkType`, "classic");
  if (networkType !== "classic" && networkType !== "vpc")
    throw new SeedError(`${where}.networkType must be classic or vpc`);
  const row: EcsInstance = {
    instanceId,
    regionId,
    networkType,
    status: known,
    locked: optBool(seed.locked, `${where}.locked`, false),
    ...(seed.vpcId ? { vpcId: need(seed.vpcId, `${where}.vpcId`) } : {}),
  };
  return { regionId, key: instanceId, row };
}

export function seedClassicLink(seed: ClassicLinkSeed, where: string, scope: SeedScope): SeededRegionRow<ClassicLink> {
  const regionId = checkRegion(scope.regions, seed?.regionId, `${where}.regionId`);
  const instanceId = need(seed.instanceId, `${where}.instanceId`);
  const vpcId = need(seed.vpcId, `${where}.vpcId`);
  return { regionId, key: instanceId, row: { instanceId, vpcId, regionId, creationTime: scope.now } };
}

/** The code is kept only as a hash. */
export function seedActivation(seed: ActivationSeed, where: string, scope: SeedScope): SeededRegionRow<Activation> {
  const regionId = checkRegion(scope.regions, seed?.regionId, `${where}.regionId`);
  const activationId = need(seed.activationId, `${where}.activationId`);
  const ipAddressRange = optString(seed.ipAddressRange, `${where}.ipAddressRange`, "0.0.0.0/0");
  if (!parseIpRange(ipAddressRange)) throw new SeedError(`${where}.ipAddressRange is not an address or CIDR`);
  const row: Activation = {
    activationId,
    regionId,
    codeHash: hashSecret(need(seed.activationCode, `${where}.activationCode`)),
    instanceName: optString(seed.instanceName, `${where}.instanceName`, ""),
    description: optString(seed.description, `${where}.description`, ""),
    instanceCount: optInt(seed.instanceCount, `${where}.instanceCount`, 10),
    timeToLiveInHours: optInt(seed.timeToLiveInHours, `${where}.timeToLiveInHours`, 4),
    ipAddressRange,
    resourceGroupId: optString(seed.resourceGroupId, `${where}.resourceGroupId`, ""),
    tags: tags(seed.tags, `${where}.tags`),
    creationTime: optTime(seed.creationTime, `${where}.creationTime`, scope.now),
    disabled: optBool(seed.disabled, `${where}.disabled`, false),
    registeredCount: optInt(seed.registeredCount, `${where}.registeredCount`, 0),
    deregisteredCount: optInt(seed.deregisteredCount, `${where}.deregisteredCount`, 0),
    neverExpires: optBool(seed.neverExpires, `${where}.neverExpires`, false),
  };
  return { regionId, key: activationId, row };
}

export function seedManagedInstance(
  seed: ManagedInstanceSeed,
  where: string,
  scope: SeedScope,
): SeededRegionRow<ManagedInstance> {
  const regionId = checkRegion(scope.regions, seed?.regionId, `${where}.regionId`);
  const instanceId = need(seed.instanceId, `${where}.instanceId`);
  const hostname = need(seed.hostname, `${where}.hostname`);
  const lastInvoked =
    seed.lastInvokedTime === undefined
      ? undefined
      : optTime(seed.lastInvokedTime, `${where}.lastInvokedTime`, scope.now);
  const row: ManagedInstance = {
    instanceId,
    regionId,
    activationId: need(seed.activationId, `${where}.activationId`),
    hostname,
    instanceName: optString(seed.instanceName, `${where}.instanceName`, hostname),
    machineId: optString(seed.machineId, `${where}.machineId`, machineIdFrom(instanceId)),
    osType: optString(seed.osType, `${where}.osType`, "linux"),
    osVersion: optString(
      seed.osVersion,
      `${where}.osVersion`,
      "Linux_#38~18.04.1-Ubuntu SMP Wed Jan 6 18:26:30 UTC 2021_x86_64",
    ),
    agentVersion: optString(seed.agentVersion, `${where}.agentVersion`, "2.2.0.102"),
    intranetIp: optString(seed.intranetIp, `${where}.intranetIp`, "10.0.0.1"),
    internetIp: optString(seed.internetIp, `${where}.internetIp`, ""),
    registrationTime: optTime(seed.registrationTime, `${where}.registrationTime`, scope.now),
    invocationCount: optInt(seed.invocationCount, `${where}.invocationCount`, 0),
    ...(lastInvoked === undefined ? {} : { lastInvokedTime: lastInvoked }),
    connected: optBool(seed.connected, `${where}.connected`, true),
    resourceGroupId: optString(seed.resourceGroupId, `${where}.resourceGroupId`, ""),
    tags: tags(seed.tags, `${where}.tags`),
  };
  return { regionId, key: instanceId, row };
}
