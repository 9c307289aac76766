// Seed appliers of the VPC product's tables: each checks one seed entry (naming the field it
// refuses) and turns it into a row, visible at once.
import { parseIpRange } from "../world/net.js";
import { checkRegion, list, need, optBool, optString, SeedError } from "../world/seed-checks.js";
import type { SeededRegionRow, SeedScope } from "../world/table-spec.js";
import type { CcnSeed, GrantSeed, VbrSeed, VpcSeed } from "./seed-types.js";
import type { Ccn, Grant, Vbr, Vpc } from "./types.js";

/** The key of a grant row: one network instance, one CEN, one CEN owner. */
export function grantKey(instanceId: string, cenId: string, cenOwnerId: string): string {
  return `${instanceId}|${cenId}|${cenOwnerId}`;
}

export function seedVpc(seed: VpcSeed, where: string, scope: SeedScope): SeededRegionRow<Vpc> {
  const regionId = checkRegion(scope.regions, seed?.regionId, `${where}.regionId`);
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
  const row: Vpc = {
    vpcId,
    regionId,
    vpcName: optString(seed.vpcName, `${where}.vpcName`, vpcId),
    cidrBlock,
    status,
    classicLinkEnabled: optBool(seed.classicLinkEnabled, `${where}.classicLinkEnabled`, false),
    routeEntries,
    description: optString(seed.description, `${where}.description`, ""),
    creationTime: scope.now,
  };
  return { regionId, key: vpcId, row };
}

export function seedVbr(seed: VbrSeed, where: string, scope: SeedScope): SeededRegionRow<Vbr> {
  const regionId = checkRegion(scope.regions, seed?.regionId, `${where}.regionId`);
  const vbrId = need(seed.vbrId, `${where}.vbrId`);
  return {
    regionId,
    key: vbrId,
    row: { vbrId, regionId, status: optString(seed.status, `${where}.status`, "active") },
  };
}

export function seedCcn(seed: CcnSeed, where: string, scope: SeedScope): SeededRegionRow<Ccn> {
  const regionId = checkRegion(scope.regions, seed?.regionId, `${where}.regionId`);
  const ccnId = need(seed.ccnId, `${where}.ccnId`);
  return { regionId, key: ccnId, row: { ccnId, regionId } };
}

export function seedGrant(seed: GrantSeed, where: string, scope: SeedScope): SeededRegionRow<Grant> {
  const regionId = checkRegion(scope.regions, seed?.regionId, `${where}.regionId`);
  const instanceId = need(seed.instanceId, `${where}.instanceId`);
  const cenId = need(seed.cenId, `${where}.cenId`);
  const cenOwnerId = need(seed.cenOwnerId, `${where}.cenOwnerId`);
  const instanceType = optString(seed.instanceType, `${where}.instanceType`, "VPC");
  if (instanceType !== "VPC" && instanceType !== "VBR" && instanceType !== "CCN") {
    throw new SeedError(`${where}.instanceType must be VPC, VBR or CCN`);
  }
  return {
    regionId,
    key: grantKey(instanceId, cenId, cenOwnerId),
    row: { instanceId, instanceType, regionId, cenId, cenOwnerId, creationTime: scope.now },
  };
}
