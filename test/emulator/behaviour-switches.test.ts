// GIVEN behaviour the public sources leave UNKNOWN (a duplicate grant, revoking a grant that does
// not exist) WHEN the world settings pick one plausible real behaviour THEN the emulator answers
// that way, and a success that changes nothing counts no effect.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AdminError, DEFAULT_SEED, type RunningEmulator } from "../../emulator/index.js";
import { CBN, call, ECS, expectFailure, IDS, KEYS, MAIN_VPC_IN_CEN1, pop, start, VPC } from "./helpers.js";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await start();
});
afterAll(() => emu.stop());
beforeEach(() => emu.admin.reset());

const grant = {
  RegionId: "cn-hangzhou",
  InstanceId: IDS.vpcLink1,
  InstanceType: "VPC",
  CenId: IDS.cen1,
  CenOwnerId: IDS.cenOwnerUid,
};
const grantKey = `GrantInstanceToCen:${IDS.cen1}:${IDS.vpcLink1}:${IDS.cenOwnerUid}`;
const revokeKey = `RevokeInstanceFromCen:${IDS.cen1}:${IDS.vpcLink1}:${IDS.cenOwnerUid}`;
const rules = () =>
  call<{ TotalCount: number }>(pop(emu.url, VPC), "DescribeGrantRulesToCen", {
    RegionId: "cn-hangzhou",
    InstanceId: IDS.vpcLink1,
    InstanceType: "VPC",
  });

describe("duplicateGrant", () => {
  it("GIVEN the default world WHEN the settings are read THEN both switches are 'error'", async () => {
    const world = (await emu.admin.world()) as { settings: { duplicateGrant: string; revokeMissingGrant: string } };
    expect([world.settings.duplicateGrant, world.settings.revokeMissingGrant]).toEqual(["error", "error"]);
  });

  it("GIVEN duplicateGrant 'error' (the default) WHEN granting twice THEN 400 Forbidden.GrantRuleExists and one effect", async () => {
    await call(pop(emu.url, VPC), "GrantInstanceToCen", grant);
    await expectFailure(call(pop(emu.url, VPC), "GrantInstanceToCen", grant), "Forbidden.GrantRuleExists", 400);
    expect((await emu.admin.counters()).effects).toEqual({ [grantKey]: 1 });
  });

  it("GIVEN duplicateGrant 'succeed' WHEN granting twice THEN both succeed, one grant exists and one effect is counted", async () => {
    await emu.admin.seed({ settings: { duplicateGrant: "succeed" } });
    await call(pop(emu.url, VPC), "GrantInstanceToCen", grant);
    const again = await call<{ RequestId: string }>(pop(emu.url, VPC), "GrantInstanceToCen", grant);
    expect(Object.keys(again)).toEqual(["RequestId"]);
    expect((await rules()).TotalCount).toBe(1);
    expect((await emu.admin.counters()).effects).toEqual({ [grantKey]: 1 });
  });
});

describe("revokeMissingGrant", () => {
  it("GIVEN revokeMissingGrant 'error' (the default) WHEN revoking a grant that does not exist THEN 400 InvalidOperation.GrantRuleNotExist", async () => {
    await expectFailure(
      call(pop(emu.url, VPC), "RevokeInstanceFromCen", grant),
      "InvalidOperation.GrantRuleNotExist",
      400,
    );
  });

  it("GIVEN revokeMissingGrant 'succeed' WHEN revoking a grant that does not exist THEN success, no change and no effect", async () => {
    await emu.admin.seed({ settings: { revokeMissingGrant: "succeed" } });
    const answer = await call<{ RequestId: string }>(pop(emu.url, VPC), "RevokeInstanceFromCen", grant);
    expect(Object.keys(answer)).toEqual(["RequestId"]);
    expect((await emu.admin.counters()).effects).toEqual({});
    // A real grant is still revoked, and counted, as before.
    await call(pop(emu.url, VPC), "GrantInstanceToCen", grant);
    await call(pop(emu.url, VPC), "RevokeInstanceFromCen", grant);
    await call(pop(emu.url, VPC), "RevokeInstanceFromCen", grant);
    expect((await rules()).TotalCount).toBe(0);
    expect((await emu.admin.counters()).effects).toEqual({ [grantKey]: 1, [revokeKey]: 1 });
  });

  it("GIVEN revokeMissingGrant 'instance-not-found' (a reset seed) WHEN revoking a grant that does not exist THEN 404 InvalidInstanceId.NotFound, as Terraform assumes", async () => {
    await emu.admin.reset({
      ...DEFAULT_SEED,
      settings: { ...DEFAULT_SEED.settings, revokeMissingGrant: "instance-not-found" },
    });
    const error = await expectFailure(
      call(pop(emu.url, VPC), "RevokeInstanceFromCen", grant),
      "InvalidInstanceId.NotFound",
      404,
    );
    expect(error.data.Message).toBe("Specified Instance does not exist.");
    expect((await emu.admin.counters()).effects).toEqual({});
  });
});

describe("notAttachedCode", () => {
  const attribute = () =>
    call(pop(emu.url, "2017-09-12", KEYS.cenOwner), "DescribeCenAttachedChildInstanceAttribute", {
      RegionId: "cn-hangzhou",
      CenId: IDS.cen1,
      ChildInstanceId: IDS.vpcLink1,
      ChildInstanceType: "VPC",
      ChildInstanceRegionId: "cn-hangzhou",
    });

  it("GIVEN each value WHEN an existing VPC that is not attached is described THEN that code answers (404 for ParameterError, 400 for the others)", async () => {
    await expectFailure(attribute(), "ParameterError", 404);
    await emu.admin.seed({ settings: { notAttachedCode: "ParameterInstanceId" } });
    await expectFailure(attribute(), "ParameterInstanceId", 400);
    await emu.admin.seed({ settings: { notAttachedCode: "ParameterCenInstanceId" } });
    await expectFailure(attribute(), "ParameterCenInstanceId", 400);
  });
});

describe("unknownInstanceGrantRules, unknownManagedInstance, deleteUsedActivation", () => {
  it("GIVEN unknownInstanceGrantRules WHEN the grants of a VPC that does not exist are listed THEN 404 InvalidInstanceId.NotFound, or an empty list", async () => {
    const list = () =>
      call<{ TotalCount: number }>(pop(emu.url, VPC), "DescribeGrantRulesToCen", {
        RegionId: "cn-hangzhou",
        InstanceId: "vpc-bp1doesnotexist000001",
        InstanceType: "VPC",
      });
    await expectFailure(list(), "InvalidInstanceId.NotFound", 404);
    await emu.admin.seed({ settings: { unknownInstanceGrantRules: "empty" } });
    expect((await list()).TotalCount).toBe(0);
  });

  it("GIVEN unknownManagedInstance WHEN an unknown id is listed THEN it is left out, or 404 InvalidInstance.NotFound", async () => {
    const list = () =>
      call<{ Instances: unknown[] }>(pop(emu.url, ECS), "DescribeManagedInstances", {
        RegionId: "cn-hangzhou",
        "InstanceId.1": "mi-hz01nosuchserver01",
      });
    expect((await list()).Instances).toEqual([]);
    await emu.admin.seed({ settings: { unknownManagedInstance: "error" } });
    await expectFailure(list(), "InvalidInstance.NotFound", 404);
  });

  it("GIVEN deleteUsedActivation 'in-use' WHEN an activation whose servers were all deregistered is deleted THEN 403 ActivationId.InUse; 'allow' deletes it", async () => {
    const ecs = pop(emu.url, ECS);
    for (const id of [IDS.mi1, IDS.mi2])
      await call(ecs, "DeregisterManagedInstance", { RegionId: "cn-hangzhou", InstanceId: id });
    const remove = () => call(ecs, "DeleteActivation", { RegionId: "cn-hangzhou", ActivationId: IDS.activation });
    await emu.admin.seed({ settings: { deleteUsedActivation: "in-use" } });
    await expectFailure(remove(), "ActivationId.InUse", 403);
    await emu.admin.seed({ settings: { deleteUsedActivation: "allow" } });
    await remove();
  });
});

describe("revokeWhileAttached", () => {
  it("GIVEN the hub attached main's granted VPC WHEN main revokes THEN 'allow' revokes with the attachment staying; 'refuse' answers 400 InvalidOperation.InstanceAttached", async () => {
    await call(pop(emu.url, VPC), "GrantInstanceToCen", grant);
    await call(pop(emu.url, CBN, KEYS.cenOwner), "AttachCenChildInstance", MAIN_VPC_IN_CEN1);
    await emu.admin.seed({ settings: { revokeWhileAttached: "refuse" } });
    await expectFailure(
      call(pop(emu.url, VPC), "RevokeInstanceFromCen", grant),
      "InvalidOperation.InstanceAttached",
      400,
    );
    expect((await rules()).TotalCount).toBe(1);
    await emu.admin.seed({ settings: { revokeWhileAttached: "allow" } });
    await call(pop(emu.url, VPC), "RevokeInstanceFromCen", grant);
    expect((await rules()).TotalCount).toBe(0);
  });
});

describe("deregisterUnknownInstance", () => {
  it("GIVEN a managed instance deregistered already WHEN deregistered again THEN 'error' answers 404 InvalidInstance.NotFound; 'succeed' a success naming only the id, with no effect", async () => {
    const ecs = pop(emu.url, ECS);
    const deregister = () =>
      call<{ Instance: { InstanceId: string; Hostname: string } }>(ecs, "DeregisterManagedInstance", {
        RegionId: "cn-hangzhou",
        InstanceId: IDS.mi1,
      });
    await deregister();
    await expectFailure(deregister(), "InvalidInstance.NotFound", 404);
    await emu.admin.seed({ settings: { deregisterUnknownInstance: "succeed" } });
    const again = await deregister();
    expect(again.Instance).toMatchObject({ InstanceId: IDS.mi1, Hostname: "" });
    expect((await emu.admin.counters()).effects).toEqual({ [`DeregisterManagedInstance:${IDS.mi1}`]: 1 });
  });
});

describe("grantPropagationMs", () => {
  const hub = () => pop(emu.url, CBN, KEYS.cenOwner);
  const attach = () => call(hub(), "AttachCenChildInstance", MAIN_VPC_IN_CEN1);
  const cenRules = () =>
    call<{ TotalCount: number }>(hub(), "DescribeGrantRulesToCen", {
      RegionId: "cn-hangzhou",
      CenId: IDS.cen1,
      ProductType: "VPC",
    });

  it("GIVEN a grant that takes a minute to reach CEN WHEN the hub looks and attaches at once THEN CEN neither lists it nor lets it attach, while the VPC lists it; a minute later both do", async () => {
    await emu.admin.seed({ settings: { grantPropagationMs: 60_000 } });
    await call(pop(emu.url, VPC), "GrantInstanceToCen", grant);
    expect((await rules()).TotalCount).toBe(1);
    expect((await cenRules()).TotalCount).toBe(0);
    await expectFailure(attach(), "Forbbiden.AttachChildInstanceAcrossUid", 409);
    await emu.admin.setClock({ offsetMs: 61_000 });
    expect((await cenRules()).TotalCount).toBe(1);
    await attach();
  });
});

describe("settings validation", () => {
  it("GIVEN a switch with an unknown value, a misspelt setting or a negative number WHEN seeded THEN 400 InvalidSeed naming it, and nothing changes", async () => {
    const refusal = async (settings: Record<string, unknown>): Promise<AdminError> => {
      try {
        await emu.admin.seed({ settings } as never);
      } catch (error) {
        if (error instanceof AdminError) return error;
        throw error;
      }
      throw new Error("expected the seed to be refused");
    };
    const bad = await refusal({ duplicateGrant: "ignore" });
    expect([bad.status, bad.code]).toEqual([400, "InvalidSeed"]);
    expect(bad.message).toContain("settings.duplicateGrant");
    expect((await refusal({ revokeMissingGrants: "succeed" })).message).toContain("settings.revokeMissingGrants");
    expect((await refusal({ taskDurationMs: -1 })).message).toContain("settings.taskDurationMs");
    const world = (await emu.admin.world()) as { settings: { duplicateGrant: string } };
    expect(world.settings.duplicateGrant).toBe("error");
  });
});
