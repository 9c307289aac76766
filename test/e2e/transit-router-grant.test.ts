// TransitRouterGrant through the real Pulumi engine against the emulator: main grants its VPC to
// the hub's Enterprise Edition CEN instance (CBN GrantInstanceToTransitRouter), changes who pays in
// place, notices a grant revoked behind its back, adopts only when asked, cannot revoke while the
// VPC is still attached, and destroy leaves the world as it was. The emulator's counters witness
// every effect.
import { CenChildInstanceAttachment, TransitRouterGrant, type TransitRouterGrantArgs } from "pulumi-alicloud-dynamic";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestStack } from "../../testing/index";
import {
  CEN_OWNER,
  type Cloud,
  declareSpokeInHub,
  effects,
  emulatedStack,
  failureOf,
  MAIN,
  previewWithBadInputs,
  startCloud,
  WORLD,
  worldState,
} from "./cloud";

const ID = `VPC:${WORLD.vpcLinked}:${CEN_OWNER.uid}:${WORLD.cenEnterprise}`;
const GRANT_EFFECT = `GrantInstanceToTransitRouter:${WORLD.cenEnterprise}:${WORLD.vpcLinked}:${CEN_OWNER.uid}`;
const REVOKE_EFFECT = `RevokeInstanceFromTransitRouter:${WORLD.cenEnterprise}:${WORLD.vpcLinked}:${CEN_OWNER.uid}`;

/** main's transit router grants, as `<cenId>:<instanceId> <orderType>`. */
async function trGrants(cloud: Cloud): Promise<string[]> {
  const world = await cloud.admin.world();
  const main = world.accounts.find((account) => account.uid === MAIN.uid);
  return (main?.transitRouterGrants ?? []).map((g) => `${g.cenId}:${g.instanceId} ${g.orderType}`).sort();
}

describe("TransitRouterGrant end to end", () => {
  let cloud: Cloud;
  let test: TestStack;
  let worldBefore: unknown;
  let args: TransitRouterGrantArgs = {
    cenId: WORLD.cenEnterprise,
    cenOwnerId: CEN_OWNER.uid,
    instanceId: WORLD.vpcLinked,
  };
  let adopted: TransitRouterGrantArgs | undefined;

  beforeAll(async () => {
    cloud = await startCloud();
    worldBefore = await worldState(cloud);
    test = await emulatedStack(cloud, async () => {
      const grant = new TransitRouterGrant("to-hub", args);
      if (adopted) new TransitRouterGrant("adopted", adopted);
      return {
        id: grant.id,
        instanceType: grant.instanceType,
        orderType: grant.orderType,
        creationTime: grant.creationTime,
        adopted: grant.adopted,
      };
    });
  });

  afterAll(async () => {
    await test?.dispose();
    await cloud?.close();
  });

  it("GIVEN main's VPC WHEN up THEN it is granted to the Enterprise CEN once, its type inferred, PayByCenOwner", async () => {
    const result = await test.stack.up();
    expect(result.summary.resourceChanges).toEqual({ create: 2 });
    expect(result.outputs.id?.value).toBe(ID);
    expect(result.outputs.instanceType?.value).toBe("VPC");
    expect(result.outputs.orderType?.value).toBe("PayByCenOwner");
    expect(result.outputs.creationTime?.value).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\dZ$/);
    expect(result.outputs.adopted?.value).toBe(false);
    expect(await trGrants(cloud)).toEqual([`${WORLD.cenEnterprise}:${WORLD.vpcLinked} PayByCenOwner`]);
    expect(await effects(cloud, GRANT_EFFECT)).toBe(1);
  });

  it("WHEN up runs again THEN nothing changes", async () => {
    expect((await test.stack.up()).summary.resourceChanges).toEqual({ same: 2 });
  });

  it("GIVEN a new orderType WHEN up THEN it changes in place, never revoked", async () => {
    args = { ...args, orderType: "PayByResourceOwner" };
    const result = await test.stack.up();
    expect(result.summary.resourceChanges).toEqual({ same: 1, update: 1 });
    expect(result.outputs.orderType?.value).toBe("PayByResourceOwner");
    expect(await trGrants(cloud)).toEqual([`${WORLD.cenEnterprise}:${WORLD.vpcLinked} PayByResourceOwner`]);
    expect(await effects(cloud, `ModifyGrantInstanceToTransitRouter:${WORLD.cenEnterprise}:${WORLD.vpcLinked}`)).toBe(
      1,
    );
    expect(await effects(cloud, REVOKE_EFFECT)).toBe(0);
    expect((await test.stack.up()).summary.resourceChanges).toEqual({ same: 2 });
  });

  it("GIVEN the grant revoked behind Pulumi's back WHEN refresh THEN it is dropped, and the next up grants again", async () => {
    await cbnCall(cloud, "RevokeInstanceFromTransitRouter", {
      CenId: WORLD.cenEnterprise,
      CenOwnerId: CEN_OWNER.uid,
      InstanceId: WORLD.vpcLinked,
      InstanceType: "VPC",
    });
    const refresh = await test.stack.refresh();
    expect(refresh.summary.resourceChanges).toMatchObject({ delete: 1 });
    const up = await test.stack.up();
    expect(up.summary.resourceChanges).toEqual({ same: 1, create: 1 });
    expect(await effects(cloud, GRANT_EFFECT)).toBe(2);
  });

  it("GIVEN a grant made outside the stack WHEN declared THEN create refuses it unless adoptExisting is set", async () => {
    await cbnCall(cloud, "GrantInstanceToTransitRouter", {
      CenId: WORLD.cenEnterprise,
      CenOwnerId: CEN_OWNER.uid,
      InstanceId: WORLD.vpcLinked2,
      InstanceType: "VPC",
    });
    adopted = { cenId: WORLD.cenEnterprise, cenOwnerId: CEN_OWNER.uid, instanceId: WORLD.vpcLinked2 };
    const failure = await failureOf(test.stack.up());
    expect(failure).toContain(`${WORLD.vpcLinked2} is already granted to the transit router of ${WORLD.cenEnterprise}`);
    expect(failure).toContain('aliases: [{ name: "<old name>" }]');

    adopted = { ...adopted, adoptExisting: true };
    const result = await test.stack.up();
    expect(result.summary.resourceChanges).toEqual({ same: 2, create: 1 });
    expect(
      await effects(cloud, `GrantInstanceToTransitRouter:${WORLD.cenEnterprise}:${WORLD.vpcLinked2}:${CEN_OWNER.uid}`),
    ).toBe(1);
  });

  it("WHEN destroy THEN both grants, the adopted one too, are revoked and the world is as before the stack", async () => {
    const result = await test.stack.destroy();
    expect(result.summary.resourceChanges).toEqual({ delete: 3 });
    expect(await trGrants(cloud)).toEqual([]);
    expect(await worldState(cloud)).toEqual(worldBefore);
  });

  it("GIVEN bad inputs WHEN preview THEN it fails naming each property, before any API call", async () => {
    const { failure, requests } = await previewWithBadInputs(cloud, async () => {
      new TransitRouterGrant("bad", {
        cenId: "my-cen",
        cenOwnerId: "12ab",
        instanceId: "subnet-123",
        orderType: "PayLater" as "PayByCenOwner",
      });
    });
    for (const property of ["cenId", "cenOwnerId", "instanceId", "orderType"]) {
      expect(failure).toContain(`property ${property}`);
    }
    expect(failure).toContain('"PayByCenOwner" or "PayByResourceOwner"');
    expect(requests).toBe(0);
  });
});

describe("TransitRouterGrant and attachments", () => {
  let cloud: Cloud;
  beforeAll(async () => {
    cloud = await startCloud();
  });
  afterAll(async () => {
    await cloud?.close();
  });

  it("GIVEN the VPC still attached to the CEN WHEN the grant is destroyed THEN it is refused, saying to detach first; once detached, destroy revokes", async () => {
    // A Basic Edition CEN, so that the hub can attach the VPC here (AttachCenChildInstance).
    let attach = true;
    const test = await emulatedStack(cloud, async () => {
      new TransitRouterGrant("to-hub", { cenId: WORLD.cen, cenOwnerId: CEN_OWNER.uid, instanceId: WORLD.vpcLinked });
      if (attach) declareSpokeInHub({ grant: "basic-grant" });
    });
    try {
      await test.stack.up();
      // Only the grant is destroyed (a --target), while the hub's attachment stays.
      const failure = await failureOf(
        test.stack.destroy({
          target: [(await test.resources()).find((r) => r.type.endsWith(":TransitRouterGrant"))?.urn as string],
        }),
      );
      expect(failure).toContain(`${WORLD.vpcLinked} is still attached to the transit router of ${WORLD.cen}`);
      expect(failure).toContain("detach it first");
      expect(
        await effects(cloud, `RevokeInstanceFromTransitRouter:${WORLD.cen}:${WORLD.vpcLinked}:${CEN_OWNER.uid}`),
      ).toBe(0);

      attach = false;
      await test.stack.up();
      await test.stack.destroy();
      expect(
        await effects(cloud, `RevokeInstanceFromTransitRouter:${WORLD.cen}:${WORLD.vpcLinked}:${CEN_OWNER.uid}`),
      ).toBe(1);
    } finally {
      await test.dispose();
    }
  });

  it("GIVEN an Enterprise Edition CEN WHEN a CenChildInstanceAttachment attaches to it THEN the error says to grant with TransitRouterGrant and attach to the transit router", async () => {
    const test = await emulatedStack(cloud, async () => {
      new CenChildInstanceAttachment("attachment", {
        cenId: WORLD.cenEnterprise,
        childInstanceId: WORLD.vpcPlain,
        profile: "hub-account",
      });
    });
    try {
      const failure = await failureOf(test.stack.up());
      expect(failure).toContain("OperationFailed.InvalidTransitRouter");
      expect(failure).toContain("TransitRouterGrant");
    } finally {
      await test.dispose();
    }
  });
});

/** Calls a CBN action as main, behind Pulumi's back. */
async function cbnCall(cloud: Cloud, action: string, params: Record<string, unknown>): Promise<unknown> {
  const { default: RPCClient } = await import("@alicloud/pop-core");
  const client = new RPCClient({
    endpoint: cloud.url,
    apiVersion: "2017-09-12",
    accessKeyId: MAIN.accessKeyId,
    accessKeySecret: MAIN.accessKeySecret,
  });
  return client.request(action, { RegionId: "cn-hangzhou", ...params }, { method: "POST" });
}
