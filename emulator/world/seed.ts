// Building and merging worlds from a WorldSeed: the control path (CLI --seed, admin reset/seed),
// never called by service code. Input is untrusted JSON: every field is checked.
import { hashSecret, machineIdFrom } from "./ids.js";
import { parseIpRange } from "./net.js";
import type {
  AccountSeed,
  ActivationSeed,
  EcsInstanceSeed,
  ManagedInstanceSeed,
  RegionSeed,
  TagSeed,
  VpcSeed,
  WorldSeed,
} from "./seed-types.js";
import { cleanSettings, DEFAULT_SETTINGS } from "./settings.js";
import { INSTANCE_STATUSES, type InstanceStatus, type Tag } from "./types.js";
import { type Account, grantKey, World } from "./world.js";

/** A seed that does not make sense; the admin surface answers 400 with its message. */
export class SeedError extends Error {
  /** @param message what is wrong, naming the field. */
  constructor(message: string) {
    super(message);
    this.name = "SeedError";
  }
}

function need(value: unknown, where: string): string {
  if (typeof value !== "string" || value.length === 0) throw new SeedError(`${where} must be a non-empty string`);
  return value;
}

function optString(value: unknown, where: string, fallback: string): string {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== "string") throw new SeedError(`${where} must be a string`);
  return value;
}

function optBool(value: unknown, where: string, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== "boolean") throw new SeedError(`${where} must be a boolean`);
  return value;
}

function optInt(value: unknown, where: string, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw new SeedError(`${where} must be a non-negative integer`);
  }
  return value;
}

function optTime(value: unknown, where: string, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  const ms = typeof value === "string" ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw new SeedError(`${where} must be an ISO 8601 time`);
  return ms;
}

function list<T>(value: readonly T[] | undefined, where: string): readonly T[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new SeedError(`${where} must be an array`);
  return value;
}

function tags(value: readonly TagSeed[] | undefined, where: string): Tag[] {
  return list(value, where).map((tag, i) => ({
    key: need(tag?.key, `${where}[${i}].key`),
    value: optString(tag?.value, `${where}[${i}].value`, ""),
  }));
}

function checkRegion(world: World, regionId: unknown, where: string): string {
  const id = need(regionId, where);
  if (!world.regions.has(id)) throw new SeedError(`${where}: unknown region ${id}`);
  return id;
}

function applyRegion(world: World, seed: RegionSeed, where: string): void {
  const regionId = need(seed?.regionId, `${where}.regionId`);
  const old = world.regions.get(regionId);
  world.regions.set(regionId, {
    regionId,
    cloudAssistant: optBool(seed.cloudAssistant, `${where}.cloudAssistant`, old?.cloudAssistant ?? true),
    dispatchDegraded: optBool(seed.dispatchDegraded, `${where}.dispatchDegraded`, old?.dispatchDegraded ?? false),
    classicNetwork: optBool(seed.classicNetwork, `${where}.classicNetwork`, old?.classicNetwork ?? true),
  });
}

function applyVpc(world: World, account: Account, seed: VpcSeed, where: string, now: number): void {
  const regionId = checkRegion(world, seed?.regionId, `${where}.regionId`);
  const vpcId = need(seed.vpcId, `${where}.vpcId`);
  const cidrBlock = optString(seed.cidrBlock, `${where}.cidrBlock`, "172.16.0.0/16");
  if (!parseIpRange(cidrBlock)) throw new SeedError(`${where}.cidrBlock is not a CIDR block`);
  const status = optString(seed.status, `${where}.status`, "Available");
  if (status !== "Available" && status !== "Pending")
    throw new SeedError(`${where}.status must be Available or Pending`);
  const routeEntries = list(seed.routeEntries, `${where}.routeEntries`).map((r, i) => {
    const cidr = need(r, `${where}.routeEntries[${i}]`);
    if (!parseIpRange(cidr)) throw new SeedError(`${where}.routeEntries[${i}] is not a CIDR block`);
    return cidr;
  });
  account.region(regionId).vpcs.set(
    vpcId,
    {
      vpcId,
      regionId,
      vpcName: optString(seed.vpcName, `${where}.vpcName`, vpcId),
      cidrBlock,
      status,
      classicLinkEnabled: optBool(seed.classicLinkEnabled, `${where}.classicLinkEnabled`, false),
      routeEntries,
      description: optString(seed.description, `${where}.description`, ""),
      creationTime: now,
    },
    now,
  );
}

function applyInstance(world: World, account: Account, seed: EcsInstanceSeed, where: string, now: number): void {
  const regionId = checkRegion(world, seed?.regionId, `${where}.regionId`);
  const instanceId = need(seed.instanceId, `${where}.instanceId`);
  const status = optString(seed.status, `${where}.status`, "Running") as InstanceStatus;
  if (!INSTANCE_STATUSES.includes(status)) throw new SeedError(`${where}.status must be one of ${INSTANCE_STATUSES}`);
  const networkType = optString(seed.networkType, `${where}.networkType`, "classic");
  if (networkType !== "classic" && networkType !== "vpc")
    throw new SeedError(`${where}.networkType must be classic or vpc`);
  account.region(regionId).instances.set(
    instanceId,
    {
      instanceId,
      regionId,
      networkType,
      status,
      locked: optBool(seed.locked, `${where}.locked`, false),
      ...(seed.vpcId ? { vpcId: need(seed.vpcId, `${where}.vpcId`) } : {}),
    },
    now,
  );
}

function applyActivation(world: World, account: Account, seed: ActivationSeed, where: string, now: number): void {
  const regionId = checkRegion(world, seed?.regionId, `${where}.regionId`);
  const activationId = need(seed.activationId, `${where}.activationId`);
  const ipAddressRange = optString(seed.ipAddressRange, `${where}.ipAddressRange`, "0.0.0.0/0");
  if (!parseIpRange(ipAddressRange)) throw new SeedError(`${where}.ipAddressRange is not an address or CIDR`);
  account.region(regionId).activations.set(
    activationId,
    {
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
      creationTime: optTime(seed.creationTime, `${where}.creationTime`, now),
      disabled: optBool(seed.disabled, `${where}.disabled`, false),
      registeredCount: optInt(seed.registeredCount, `${where}.registeredCount`, 0),
      deregisteredCount: optInt(seed.deregisteredCount, `${where}.deregisteredCount`, 0),
      neverExpires: optBool(seed.neverExpires, `${where}.neverExpires`, false),
    },
    now,
  );
}

function applyManagedInstance(
  world: World,
  account: Account,
  seed: ManagedInstanceSeed,
  where: string,
  now: number,
): void {
  const regionId = checkRegion(world, seed?.regionId, `${where}.regionId`);
  const instanceId = need(seed.instanceId, `${where}.instanceId`);
  const hostname = need(seed.hostname, `${where}.hostname`);
  const lastInvoked =
    seed.lastInvokedTime === undefined ? undefined : optTime(seed.lastInvokedTime, `${where}.lastInvokedTime`, now);
  account.region(regionId).managedInstances.set(
    instanceId,
    {
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
      registrationTime: optTime(seed.registrationTime, `${where}.registrationTime`, now),
      invocationCount: optInt(seed.invocationCount, `${where}.invocationCount`, 0),
      ...(lastInvoked === undefined ? {} : { lastInvokedTime: lastInvoked }),
      connected: optBool(seed.connected, `${where}.connected`, true),
      resourceGroupId: optString(seed.resourceGroupId, `${where}.resourceGroupId`, ""),
      tags: tags(seed.tags, `${where}.tags`),
    },
    now,
  );
}

function applyAccount(world: World, seed: AccountSeed, where: string): void {
  const uid = need(seed?.uid, `${where}.uid`);
  if (!/^[1-9][0-9]*$/.test(uid)) throw new SeedError(`${where}.uid must be a string of digits`);
  const account = world.ensureAccount(uid, optString(seed.name, `${where}.name`, uid));
  if (seed.name !== undefined) account.name = optString(seed.name, `${where}.name`, uid);
  account.realNameVerified = optBool(seed.realNameVerified, `${where}.realNameVerified`, account.realNameVerified);
  if (seed.blockedActions !== undefined) {
    account.blockedActions = list(seed.blockedActions, `${where}.blockedActions`).map((p, i) =>
      need(p, `${where}.blockedActions[${i}]`),
    );
  }
  const now = world.now();
  list(seed.accessKeys, `${where}.accessKeys`).forEach((k, i) => {
    world.addKey(uid, {
      accessKeyId: need(k?.accessKeyId, `${where}.accessKeys[${i}].accessKeyId`),
      accessKeySecret: need(k.accessKeySecret, `${where}.accessKeys[${i}].accessKeySecret`),
      kind: "root",
      disabled: optBool(k.disabled, `${where}.accessKeys[${i}].disabled`, false),
    });
  });
  list(seed.stsKeys, `${where}.stsKeys`).forEach((k, i) => {
    const w = `${where}.stsKeys[${i}]`;
    const expiration = k?.expiration === undefined ? undefined : optTime(k.expiration, `${w}.expiration`, 0);
    world.addKey(uid, {
      accessKeyId: need(k?.accessKeyId, `${w}.accessKeyId`),
      accessKeySecret: need(k.accessKeySecret, `${w}.accessKeySecret`),
      kind: "sts",
      disabled: false,
      securityToken: need(k.securityToken, `${w}.securityToken`),
      ...(expiration === undefined ? {} : { expiration }),
    });
  });
  list(seed.subUsers, `${where}.subUsers`).forEach((u, i) => {
    const w = `${where}.subUsers[${i}]`;
    world.addKey(uid, {
      accessKeyId: need(u?.accessKeyId, `${w}.accessKeyId`),
      accessKeySecret: need(u.accessKeySecret, `${w}.accessKeySecret`),
      kind: "subUser",
      disabled: false,
      subUserName: need(u.name, `${w}.name`),
      allowedActions: list(u.allowedActions, `${w}.allowedActions`).map((p, j) => need(p, `${w}.allowedActions[${j}]`)),
    });
  });
  list(seed.resourceGroups, `${where}.resourceGroups`).forEach((g, i) => {
    const id = need(g?.id, `${where}.resourceGroups[${i}].id`);
    account.resourceGroups.set(id, { id, status: optString(g.status, `${where}.resourceGroups[${i}].status`, "OK") });
  });
  list(seed.cens, `${where}.cens`).forEach((c, i) => {
    const cenId = need(c?.cenId, `${where}.cens[${i}].cenId`);
    account.cens.set(cenId, { cenId, name: optString(c.name, `${where}.cens[${i}].name`, cenId) }, now);
  });
  list(seed.vpcs, `${where}.vpcs`).forEach((v, i) => {
    applyVpc(world, account, v, `${where}.vpcs[${i}]`, now);
  });
  list(seed.vbrs, `${where}.vbrs`).forEach((v, i) => {
    const w = `${where}.vbrs[${i}]`;
    const regionId = checkRegion(world, v?.regionId, `${w}.regionId`);
    const vbrId = need(v.vbrId, `${w}.vbrId`);
    account
      .region(regionId)
      .vbrs.set(vbrId, { vbrId, regionId, status: optString(v.status, `${w}.status`, "active") }, now);
  });
  list(seed.ccns, `${where}.ccns`).forEach((c, i) => {
    const w = `${where}.ccns[${i}]`;
    const regionId = checkRegion(world, c?.regionId, `${w}.regionId`);
    const ccnId = need(c.ccnId, `${w}.ccnId`);
    account.region(regionId).ccns.set(ccnId, { ccnId, regionId }, now);
  });
  list(seed.ecsInstances, `${where}.ecsInstances`).forEach((e, i) => {
    applyInstance(world, account, e, `${where}.ecsInstances[${i}]`, now);
  });
  list(seed.grants, `${where}.grants`).forEach((g, i) => {
    const w = `${where}.grants[${i}]`;
    const regionId = checkRegion(world, g?.regionId, `${w}.regionId`);
    const instanceId = need(g.instanceId, `${w}.instanceId`);
    const cenId = need(g.cenId, `${w}.cenId`);
    const cenOwnerId = need(g.cenOwnerId, `${w}.cenOwnerId`);
    const instanceType = optString(g.instanceType, `${w}.instanceType`, "VPC");
    if (instanceType !== "VPC" && instanceType !== "VBR" && instanceType !== "CCN") {
      throw new SeedError(`${w}.instanceType must be VPC, VBR or CCN`);
    }
    account
      .region(regionId)
      .grants.set(
        grantKey(instanceId, cenId, cenOwnerId),
        { instanceId, instanceType, regionId, cenId, cenOwnerId, creationTime: now },
        now,
      );
  });
  list(seed.classicLinks, `${where}.classicLinks`).forEach((l, i) => {
    const w = `${where}.classicLinks[${i}]`;
    const regionId = checkRegion(world, l?.regionId, `${w}.regionId`);
    const instanceId = need(l.instanceId, `${w}.instanceId`);
    account
      .region(regionId)
      .links.set(instanceId, { instanceId, vpcId: need(l.vpcId, `${w}.vpcId`), regionId, creationTime: now }, now);
  });
  list(seed.activations, `${where}.activations`).forEach((a, i) => {
    applyActivation(world, account, a, `${where}.activations[${i}]`, now);
  });
  list(seed.managedInstances, `${where}.managedInstances`).forEach((m, i) => {
    applyManagedInstance(world, account, m, `${where}.managedInstances[${i}]`, now);
  });
}

/** Merges a seed into a world: regions and accounts by ID, resources upserted, immediately visible. */
export function applySeed(world: World, seed: WorldSeed): void {
  if (typeof seed !== "object" || seed === null || Array.isArray(seed)) throw new SeedError("a seed must be an object");
  list(seed.regions, "regions").forEach((r, i) => {
    applyRegion(world, r, `regions[${i}]`);
  });
  world.settings = { ...world.settings, ...cleanSettings(seed.settings) };
  list(seed.accounts, "accounts").forEach((a, i) => {
    applyAccount(world, a, `accounts[${i}]`);
  });
  world.touch();
}

/** Builds a fresh world from a seed; a seed without regions gets `defaultRegions`. */
export function buildWorld(seed: WorldSeed, defaultRegions: readonly RegionSeed[]): World {
  const world = new World();
  world.settings = DEFAULT_SETTINGS;
  const regions = seed.regions ?? defaultRegions;
  applySeed(world, { ...seed, regions });
  return world;
}
