// CenGrantRevocation through the real Pulumi engine against the emulator: main's VPC granted to a
// CEN instance of another account, with the emulator's counters as the witness of side effects.
import { CenGrantRevocation, type CenGrantRevocationArgs } from "pulumi-alicloud-dynamic";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestStack } from "../../testing/index";
import {
  CEN_OWNER,
  type Cloud,
  effects,
  emulatedStack,
  failureOf,
  grantsOn,
  MAIN,
  previewWithBadInputs,
  startCloud,
  WORLD,
  worldState,
} from "./cloud";

const key = (cenId: string, vpcId: string = WORLD.vpcLinked) => `${cenId}:${vpcId}:${CEN_OWNER.uid}`;

/** The CEN instances main's VPC is granted to, from main's own view of the live API. */
const grantsOf = (cloud: Cloud, vpcId: string) => grantsOn(cloud, MAIN, vpcId);

describe("CenGrantRevocation end to end", () => {
  let cloud: Cloud;
  let test: TestStack;
  let args: CenGrantRevocationArgs = { cenId: WORLD.cen, cenOwnerId: CEN_OWNER.uid, instanceId: WORLD.vpcLinked };
  let adopted: CenGrantRevocationArgs | undefined;
  let worldBefore: unknown;

  beforeAll(async () => {
    cloud = await startCloud();
    worldBefore = await worldState(cloud);
    test = await emulatedStack(cloud, async () => {
      const grant = new CenGrantRevocation("grant", args);
      const other = adopted && new CenGrantRevocation("adopted", adopted);
      return {
        adopted: other?.adopted,
        id: grant.id,
        creationTime: grant.creationTime,
        cenOwnerId: grant.cenOwnerId,
        instanceType: grant.instanceType,
        regionId: grant.regionId,
      };
    });
  });

  afterAll(async () => {
    await test?.dispose();
    await cloud?.close();
  });

  it("GIVEN main's VPC and another account's CEN WHEN up THEN exactly one grant exists, with its outputs", async () => {
    const result = await test.stack.up();
    expect(result.summary.resourceChanges).toEqual({ create: 2 });
    expect(result.outputs.id?.value).toBe(key(WORLD.cen));
    // A UID above 2^53 stays exact end to end.
    expect(result.outputs.cenOwnerId?.value).toBe("9300000000000007");
    expect(result.outputs.instanceType?.value).toBe("VPC");
    expect(result.outputs.regionId?.value).toBe("cn-hangzhou");
    expect(result.outputs.creationTime?.value).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(await effects(cloud, `GrantInstanceToCen:${key(WORLD.cen)}`)).toBe(1);
    expect(await grantsOf(cloud, WORLD.vpcLinked)).toEqual([{ cenId: WORLD.cen, owner: CEN_OWNER.uid }]);
  });

  it("WHEN up runs again THEN nothing changes and nothing is called that changes anything", async () => {
    const result = await test.stack.up();
    expect(result.summary.resourceChanges).toEqual({ same: 2 });
    expect(await effects(cloud, `GrantInstanceToCen:${key(WORLD.cen)}`)).toBe(1);
  });

  it("GIVEN the grant revoked behind Pulumi's back WHEN refresh THEN it is dropped, and the next up grants again", async () => {
    await cloud.call(MAIN, "vpc", "RevokeInstanceFromCen", {
      CenId: WORLD.cen,
      CenOwnerId: CEN_OWNER.uid,
      InstanceId: WORLD.vpcLinked,
      InstanceType: "VPC",
    });
    const refresh = await test.stack.refresh();
    expect(refresh.summary.resourceChanges?.delete).toBe(1);
    expect((await test.resources()).some((r) => r.type.endsWith("CenGrantRevocation"))).toBe(false);

    const up = await test.stack.up();
    expect(up.summary.resourceChanges?.create).toBe(1);
    expect(await effects(cloud, `GrantInstanceToCen:${key(WORLD.cen)}`)).toBe(2);
    expect(await grantsOf(cloud, WORLD.vpcLinked)).toEqual([{ cenId: WORLD.cen, owner: CEN_OWNER.uid }]);
  });

  it("GIVEN only the profile changes (same account) WHEN up THEN it updates in place without touching the grant", async () => {
    args = { ...args, profile: "shop-account" };
    const result = await test.stack.up();
    expect(result.summary.resourceChanges).toEqual({ same: 1, update: 1 });
    expect(await effects(cloud, `GrantInstanceToCen:${key(WORLD.cen)}`)).toBe(2);
    expect(await effects(cloud, `RevokeInstanceFromCen:${key(WORLD.cen)}`)).toBe(1);
  });

  it("GIVEN another CEN WHEN up THEN the grant is replaced: the new one granted, the old one revoked", async () => {
    args = { ...args, cenId: WORLD.cen2 };
    const result = await test.stack.up();
    expect(result.summary.resourceChanges).toEqual({ same: 1, replace: 1 });
    expect(result.outputs.id?.value).toBe(key(WORLD.cen2));
    expect(await effects(cloud, `GrantInstanceToCen:${key(WORLD.cen2)}`)).toBe(1);
    expect(await effects(cloud, `RevokeInstanceFromCen:${key(WORLD.cen)}`)).toBe(2);
    expect(await grantsOf(cloud, WORLD.vpcLinked)).toEqual([{ cenId: WORLD.cen2, owner: CEN_OWNER.uid }]);
  });

  it("GIVEN a grant made outside the stack WHEN declared THEN create refuses it unless adoptExisting is set", async () => {
    await cloud.call(MAIN, "vpc", "GrantInstanceToCen", {
      CenId: WORLD.cen,
      CenOwnerId: CEN_OWNER.uid,
      InstanceId: WORLD.vpcLinked2,
      InstanceType: "VPC",
    });
    adopted = { cenId: WORLD.cen, cenOwnerId: CEN_OWNER.uid, instanceId: WORLD.vpcLinked2 };
    const failure = await failureOf(test.stack.up());
    expect(failure).toContain(`${WORLD.vpcLinked2} is already granted to ${WORLD.cen}`);
    expect(failure).toContain("set adoptExisting: true to hold it here as well");

    adopted = { ...adopted, adoptExisting: true };
    const result = await test.stack.up();
    expect(result.summary.resourceChanges).toEqual({ same: 2, create: 1 });
    expect(result.outputs.adopted?.value).toBe(true);
    expect(await effects(cloud, `GrantInstanceToCen:${key(WORLD.cen, WORLD.vpcLinked2)}`)).toBe(1);
  });

  it("WHEN destroy THEN the grants, the adopted one too, are revoked and the world is as it was before the stack", async () => {
    const result = await test.stack.destroy();
    expect(result.summary.resourceChanges).toEqual({ delete: 3 });
    expect(await grantsOf(cloud, WORLD.vpcLinked)).toEqual([]);
    expect(await grantsOf(cloud, WORLD.vpcLinked2)).toEqual([]);
    expect(await worldState(cloud)).toEqual(worldBefore);
    expect((await test.resources()).filter((r) => r.type.startsWith("pulumi-nodejs:dynamic"))).toEqual([]);
  });

  it("GIVEN bad inputs WHEN preview THEN it fails naming each property, before any API call", async () => {
    const { failure, requests } = await previewWithBadInputs(cloud, async () => {
      new CenGrantRevocation("bad", { cenId: "my-cen", cenOwnerId: "12ab", instanceId: "subnet-123" });
    });
    expect(failure).toContain("property cenId");
    expect(failure).toContain("property cenOwnerId");
    expect(failure).toContain("property instanceId");
    expect(failure).toContain("a VPC, VBR or CCN ID");
    expect(requests).toBe(0);
  });
});
