// GIVEN the Cloud Assistant APIs WHEN activation codes are created, listed, disabled and deleted
// THEN the code is shown once, lists filter and page both ways, and every documented refusal
// comes from a real situation in the world.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator/index.js";
import { call, ECS, expectFailure, IDS, KEYS, pop, start } from "./helpers.js";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await start();
});
afterAll(() => emu.stop());
beforeEach(() => emu.admin.reset());

interface ActivationList {
  TotalCount: number;
  PageNumber: number;
  PageSize: number;
  NextToken?: string;
  ActivationList: Array<{
    ActivationId: string;
    InstanceName: string;
    Description: string;
    Disabled: boolean;
    InstanceCount: number;
    RegisteredCount: number;
    DeregisteredCount: number;
    TimeToLiveInHours: number;
    IpAddressRange: string;
    CreationTime: string;
    ResourceGroupId: string;
    Tags: Array<{ TagKey: string; TagValue: string }>;
  }>;
}

const ecs = () => pop(emu.url, ECS);
const create = (params: Record<string, unknown> = {}) =>
  call<{ ActivationId: string; ActivationCode: string }>(ecs(), "CreateActivation", {
    RegionId: "cn-hangzhou",
    ...params,
  });
const list = (params: Record<string, unknown> = {}) =>
  call<ActivationList>(ecs(), "DescribeActivations", { RegionId: "cn-hangzhou", ...params });

describe("happy path", () => {
  it("GIVEN CreateActivation WHEN it succeeds THEN the code is returned once and DescribeActivations shows everything but the code", async () => {
    const created = await create({
      InstanceName: "db",
      Description: "database servers",
      InstanceCount: 100,
      TimeToLiveInHours: 2,
      IpAddressRange: "10.0.0.0/8",
      Tag: [{ Key: "team", Value: "dba" }],
    });
    expect(created.ActivationId).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
    expect(created.ActivationCode).toMatch(/^a-hz0[A-Za-z0-9+/]{26}$/);
    const listed = await list({ ActivationId: created.ActivationId });
    expect(listed.TotalCount).toBe(1);
    expect(listed.ActivationList[0]).toMatchObject({
      ActivationId: created.ActivationId,
      InstanceName: "db",
      Description: "database servers",
      Disabled: false,
      InstanceCount: 100,
      RegisteredCount: 0,
      DeregisteredCount: 0,
      TimeToLiveInHours: 2,
      IpAddressRange: "10.0.0.0/8",
      Tags: [{ TagKey: "team", TagValue: "dba" }],
    });
    expect(JSON.stringify(listed)).not.toContain(created.ActivationCode);
    expect(JSON.stringify(await emu.admin.world())).not.toContain(created.ActivationCode);
    expect((await emu.admin.counters()).effects).toEqual({ [`CreateActivation:${created.ActivationId}`]: 1 });
  });

  it("GIVEN no optional parameters WHEN creating THEN the documented defaults apply (count 10, TTL 4 h, 0.0.0.0/0)", async () => {
    const created = await create();
    const [a] = (await list({ ActivationId: created.ActivationId })).ActivationList;
    expect(a).toMatchObject({ InstanceCount: 10, TimeToLiveInHours: 4, IpAddressRange: "0.0.0.0/0", InstanceName: "" });
  });

  it("GIVEN four activations WHEN paging with PageNumber/PageSize and with MaxResults/NextToken THEN both walk them all in creation order", async () => {
    const made: string[] = [IDS.activation];
    for (const name of ["a1", "a2", "a3"]) made.push((await create({ InstanceName: name })).ActivationId);
    const page2 = await list({ PageNumber: 2, PageSize: 2 });
    expect([page2.TotalCount, page2.PageNumber, page2.PageSize, page2.NextToken]).toEqual([4, 2, 2, undefined]);
    expect(page2.ActivationList.map((a) => a.ActivationId)).toEqual(made.slice(2));
    const first = await list({ MaxResults: 3 });
    expect(first.ActivationList.map((a) => a.ActivationId)).toEqual(made.slice(0, 3));
    expect(first.NextToken).not.toBe("");
    const rest = await list({ MaxResults: 3, NextToken: first.NextToken });
    expect(rest.ActivationList.map((a) => a.ActivationId)).toEqual(made.slice(3));
    expect(rest.NextToken).toBe("");
  });

  it("GIVEN activations with names, tags and groups WHEN filtering THEN only matches come back", async () => {
    await emu.admin.seed({ accounts: [{ uid: IDS.mainUid, resourceGroups: [{ id: "rg-emu0001" }] }] });
    const tagged = await create({
      InstanceName: "cache",
      Tag: [{ Key: "env", Value: "prod" }],
      ResourceGroupId: "rg-emu0001",
    });
    await create({ InstanceName: "cache", Tag: [{ Key: "env", Value: "dev" }] });
    expect((await list({ InstanceName: "cache" })).TotalCount).toBe(2);
    expect((await list({ Tag: [{ Key: "env", Value: "prod" }] })).ActivationList.map((a) => a.ActivationId)).toEqual([
      tagged.ActivationId,
    ]);
    expect((await list({ Tag: [{ Key: "env" }] })).TotalCount).toBe(2);
    expect((await list({ ResourceGroupId: "rg-emu0001" })).ActivationList.map((a) => a.ActivationId)).toEqual([
      tagged.ActivationId,
    ]);
    expect((await list({ InstanceName: "web" })).ActivationList.map((a) => a.ActivationId)).toEqual([IDS.activation]);
  });

  it("GIVEN an activation WHEN disabled THEN the answer and the list show Disabled, and disabling again changes nothing", async () => {
    const created = await create();
    const disabled = await call<{ Activation: { ActivationId: string; Disabled: boolean } }>(
      ecs(),
      "DisableActivation",
      {
        RegionId: "cn-hangzhou",
        ActivationId: created.ActivationId,
      },
    );
    expect(disabled.Activation).toMatchObject({ ActivationId: created.ActivationId, Disabled: true });
    await call(ecs(), "DisableActivation", { RegionId: "cn-hangzhou", ActivationId: created.ActivationId });
    expect((await list({ ActivationId: created.ActivationId })).ActivationList[0]?.Disabled).toBe(true);
    const effects = (await emu.admin.counters()).effects;
    expect(effects[`DisableActivation:${created.ActivationId}`]).toBe(1);
  });

  it("GIVEN an unused activation WHEN deleted THEN the answer has no Disabled field and the list no longer shows it", async () => {
    const created = await create({ InstanceName: "tmp" });
    const deleted = await call<{ Activation: Record<string, unknown> }>(ecs(), "DeleteActivation", {
      RegionId: "cn-hangzhou",
      ActivationId: created.ActivationId,
    });
    expect(deleted.Activation.ActivationId).toBe(created.ActivationId);
    expect(deleted.Activation.InstanceName).toBe("tmp");
    expect("Disabled" in deleted.Activation).toBe(false);
    expect((await list({ ActivationId: created.ActivationId })).TotalCount).toBe(0);
  });
});

describe("refusals", () => {
  it("GIVEN the default activation with two registered instances WHEN deleting THEN 403 ActivationId.InUse, until both are deregistered", async () => {
    const del = () => call(ecs(), "DeleteActivation", { RegionId: "cn-hangzhou", ActivationId: IDS.activation });
    await expectFailure(del(), "ActivationId.InUse", 403);
    await call(ecs(), "DeregisterManagedInstance", { RegionId: "cn-hangzhou", InstanceId: IDS.mi1 });
    await expectFailure(del(), "ActivationId.InUse", 403);
    await call(ecs(), "DeregisterManagedInstance", { RegionId: "cn-hangzhou", InstanceId: IDS.mi2 });
    await del();
    await expectFailure(del(), "ActivationId.NotFound", 404);
  });

  it("GIVEN an unknown ActivationId WHEN disabling or deleting THEN 404 ActivationId.NotFound", async () => {
    const missing = { RegionId: "cn-hangzhou", ActivationId: "00000000-0000-0000-0000-000000000000" };
    const error = await expectFailure(call(ecs(), "DisableActivation", missing), "ActivationId.NotFound", 404);
    expect(error.data.Message).toBe("The specified activation id does not exist.");
    await expectFailure(call(ecs(), "DeleteActivation", missing), "ActivationId.NotFound", 404);
  });

  it("GIVEN bad names, descriptions, counts, TTLs and ranges WHEN creating THEN the documented 400 codes", async () => {
    await expectFailure(create({ InstanceName: `a${"b".repeat(50)}` }), "InstanceName.ExceedLimit", 400);
    await expectFailure(create({ InstanceName: "1web" }), "InstanceName.InvalidPattern", 400);
    await expectFailure(create({ InstanceName: "http://web" }), "InstanceName.InvalidPattern", 400);
    await expectFailure(create({ Description: "d".repeat(101) }), "ActivationDesc.ExceedLimit", 400);
    const count = await expectFailure(create({ InstanceCount: 1001 }), "ActivationLimitation.Invalid", 400);
    expect(count.data.Message).toBe("The specified parameter InstanceCount exceeds the limit of 1000.");
    await expectFailure(create({ InstanceCount: 0 }), "ActivationLimitation.Invalid", 400);
    const ttl = await expectFailure(create({ TimeToLiveInHours: 25 }), "ActivationTTL.ExceedLimit", 400);
    expect(ttl.data.Message).toBe("The specified parameter TimeToLiveInHours exceeds the limit of 24.");
    await expectFailure(create({ IpAddressRange: "10.0.0.0/33" }), "AddressRange.InvalidPattern", 400);
    await expectFailure(create({ IpAddressRange: "everywhere" }), "AddressRange.InvalidPattern", 400);
  });

  it("GIVEN bad tags WHEN creating THEN InvalidTagKey.Malformed, InvalidTagValue.Malformed, NumberExceed.Tags, MissingParameter.TagKey, Duplicate.TagKey", async () => {
    await expectFailure(create({ Tag: [{ Key: "acs:owner", Value: "x" }] }), "InvalidTagKey.Malformed", 400);
    await expectFailure(create({ Tag: [{ Key: "k", Value: "https://x" }] }), "InvalidTagValue.Malformed", 400);
    const many = Array.from({ length: 21 }, (_, i) => ({ Key: `k${i}`, Value: "v" }));
    await expectFailure(create({ Tag: many }), "NumberExceed.Tags", 400);
    await expectFailure(create({ Tag: [{ Value: "orphan" }] }), "MissingParameter.TagKey", 400);
    await expectFailure(
      create({
        Tag: [
          { Key: "k", Value: "1" },
          { Key: "k", Value: "2" },
        ],
      }),
      "Duplicate.TagKey",
      400,
    );
    await expectFailure(list({ Tag: [{ Key: "aliyun-x" }] }), "InvalidTagKey.Malformed", 400);
  });

  it("GIVEN resource groups that do not exist or are not ready WHEN creating THEN 404 InvalidResourceGroup.NotFound / 403 InvalidStatus.ResourceGroup", async () => {
    await emu.admin.seed({
      accounts: [{ uid: IDS.mainUid, resourceGroups: [{ id: "rg-emucreating01", status: "Creating" }] }],
    });
    await expectFailure(create({ ResourceGroupId: "rg-nothere" }), "InvalidResourceGroup.NotFound", 404);
    await expectFailure(create({ ResourceGroupId: "rg-emucreating01" }), "InvalidStatus.ResourceGroup", 403);
  });

  it("GIVEN an account without real-name verification WHEN creating THEN 403 RealNameAuthenticationError", async () => {
    await emu.admin.seed({ accounts: [{ uid: IDS.mainUid, realNameVerified: false }] });
    await expectFailure(create(), "RealNameAuthenticationError", 403);
  });

  it("GIVEN a quota of one activation per region (the default one) WHEN creating THEN 400 ActivationCount.ExceedLimit", async () => {
    await emu.admin.seed({ settings: { activationQuotaPerRegion: 1 } });
    const error = await expectFailure(create(), "ActivationCount.ExceedLimit", 400);
    expect(error.data.Message).toBe("The count of activation in current region exceeds the limit of 1.");
    // Other regions have their own quota.
    await create({ RegionId: "cn-beijing" });
  });

  it("GIVEN a managed-instance quota of 2 (already used) WHEN creating THEN 403 ManagedInstanceCountExceedLimit", async () => {
    await emu.admin.seed({ settings: { managedInstanceQuotaPerRegion: 2 } });
    await expectFailure(create(), "ManagedInstanceCountExceedLimit", 403);
  });

  it("GIVEN a region without Cloud Assistant WHEN creating or listing THEN 400 RegionId.ApiNotSupported", async () => {
    const error = await expectFailure(create({ RegionId: "eu-central-1" }), "RegionId.ApiNotSupported", 400);
    expect(error.data.Message).toBe("The api is not supported in this region.");
    await expectFailure(list({ RegionId: "eu-central-1" }), "RegionId.ApiNotSupported", 400);
  });

  it("GIVEN an unknown region WHEN creating THEN 404 InvalidRegionId.NotFound", async () => {
    await expectFailure(create({ RegionId: "cn-atlantis" }), "InvalidRegionId.NotFound", 404);
  });

  it("GIVEN a region whose dispatch is degraded WHEN calling Cloud Assistant THEN 500 InternalError.Dispatch", async () => {
    await emu.admin.seed({ regions: [{ regionId: "cn-shenzhen", dispatchDegraded: true }] });
    await expectFailure(create({ RegionId: "cn-shenzhen" }), "InternalError.Dispatch", 500);
    await expectFailure(list({ RegionId: "cn-shenzhen" }), "InternalError.Dispatch", 500);
  });

  it("GIVEN an account barred from Cloud Assistant writes WHEN creating THEN 403 Operation.Forbidden", async () => {
    await emu.admin.seed({ accounts: [{ uid: IDS.mainUid, blockedActions: ["CreateActivation", "Disable*"] }] });
    const error = await expectFailure(create(), "Operation.Forbidden", 403);
    expect(error.data.Message).toBe("The operation is not permitted.");
    expect((await list()).TotalCount).toBe(1);
  });

  it("GIVEN the read-only sub-user WHEN creating THEN 403 Forbidden.RAM; listing is allowed", async () => {
    await expectFailure(
      call(pop(emu.url, ECS, KEYS.readOnly), "CreateActivation", { RegionId: "cn-hangzhou" }),
      "Forbidden.RAM",
      403,
    );
    expect(
      (await call<ActivationList>(pop(emu.url, ECS, KEYS.readOnly), "DescribeActivations", { RegionId: "cn-hangzhou" }))
        .TotalCount,
    ).toBe(1);
  });

  it("GIVEN bad paging WHEN listing THEN InvalidParam.PageNumber/PageSize and InvalidParameter.MaxResults/NextToken", async () => {
    await expectFailure(list({ PageNumber: 0 }), "InvalidParam.PageNumber", 400);
    await expectFailure(list({ PageSize: 51 }), "InvalidParam.PageSize", 400);
    await expectFailure(list({ MaxResults: 51 }), "InvalidParameter.MaxResults", 400);
    await expectFailure(list({ NextToken: "not-a-token" }), "InvalidParameter.NextToken", 400);
    await create();
    const first = await list({ MaxResults: 1 });
    // A token is only good for the filters it was issued with.
    await expectFailure(
      list({ MaxResults: 1, NextToken: first.NextToken, InstanceName: "web" }),
      "InvalidParameter.NextToken",
      400,
    );
  });
});
