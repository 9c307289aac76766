// Seed appliers for the resources of one account (VPCs, VBRs, CCNs, ECS instances, grants,
// ClassicLink connections, activations, managed instances): each checks one seed entry and upserts
// its row, visible at once.
import { hashSecret, machineIdFrom } from "./ids.js";
import { parseIpRange } from "./net.js";
import { checkRegion, list, need, optBool, optInt, optString, optTime, SeedError, tags } from "./seed-checks.js";
import type {
  ActivationSeed,
  CcnSeed,
  ClassicLinkSeed,
  EcsInstanceSeed,
  GrantSeed,
  ManagedInstanceSeed,
  VbrSeed,
  VpcSeed,
} from "./seed-types.js";
import { INSTANCE_STATUSES, type InstanceStatus } from "./types.js";
import { type Account, grantKey, type World } from "./world.js";

/** A VPC. */
export function applyVpc(world: World, account: Account, seed: VpcSeed, where: string, now: number): void {
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

/** An ECS instance. */
export function applyInstance(world: World, account: Account, seed: EcsInstanceSeed, where: string, now: number): void {
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

/** An activation (the code is kept only as a hash). */
export function applyActivation(
  world: World,
  account: Account,
  seed: ActivationSeed,
  where: string,
  now: number,
): void {
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

/** A managed instance. */
export function applyManagedInstance(
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

/** A VBR. */
export function applyVbr(world: World, account: Account, seed: VbrSeed, where: string, now: number): void {
  const regionId = checkRegion(world, seed?.regionId, `${where}.regionId`);
  const vbrId = need(seed.vbrId, `${where}.vbrId`);
  account
    .region(regionId)
    .vbrs.set(vbrId, { vbrId, regionId, status: optString(seed.status, `${where}.status`, "active") }, now);
}

/** A CCN. */
export function applyCcn(world: World, account: Account, seed: CcnSeed, where: string, now: number): void {
  const regionId = checkRegion(world, seed?.regionId, `${where}.regionId`);
  const ccnId = need(seed.ccnId, `${where}.ccnId`);
  account.region(regionId).ccns.set(ccnId, { ccnId, regionId }, now);
}

/** A grant of one of the account's network instances. */
export function applyGrant(world: World, account: Account, seed: GrantSeed, where: string, now: number): void {
  const regionId = checkRegion(world, seed?.regionId, `${where}.regionId`);
  const instanceId = need(seed.instanceId, `${where}.instanceId`);
  const cenId = need(seed.cenId, `${where}.cenId`);
  const cenOwnerId = need(seed.cenOwnerId, `${where}.cenOwnerId`);
  const instanceType = optString(seed.instanceType, `${where}.instanceType`, "VPC");
  if (instanceType !== "VPC" && instanceType !== "VBR" && instanceType !== "CCN") {
    throw new SeedError(`${where}.instanceType must be VPC, VBR or CCN`);
  }
  account
    .region(regionId)
    .grants.set(
      grantKey(instanceId, cenId, cenOwnerId),
      { instanceId, instanceType, regionId, cenId, cenOwnerId, creationTime: now },
      now,
    );
}

/** A ClassicLink connection. */
export function applyClassicLink(
  world: World,
  account: Account,
  seed: ClassicLinkSeed,
  where: string,
  now: number,
): void {
  const regionId = checkRegion(world, seed?.regionId, `${where}.regionId`);
  const instanceId = need(seed.instanceId, `${where}.instanceId`);
  const vpcId = need(seed.vpcId, `${where}.vpcId`);
  account.region(regionId).links.set(instanceId, { instanceId, vpcId, regionId, creationTime: now }, now);
}
