// GIVEN classic instances and VPCs in the default world WHEN ClassicLink actions run THEN links
// appear and go, and every documented refusal (spec §6) comes from a real situation in the world.
// Detach's refusals (seed DetachClassicLinkVpc) are in ecs-classiclink-detach.test.ts.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator/index.js";
import { call, ECS, expectFailure, IDS, KEYS, pop, start } from "./helpers.js";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await start();
});
afterAll(() => emu.stop());
beforeEach(() => emu.admin.reset());

interface Links {
  TotalCount: number;
  PageNumber: number;
  PageSize: number;
  Links: { Link: Array<{ InstanceId: string; VpcId: string }> };
}

const link = (instanceId: string, vpcId: string = IDS.vpcLink1, regionId = "cn-hangzhou") => ({
  RegionId: regionId,
  InstanceId: instanceId,
  VpcId: vpcId,
});
const ecs = () => pop(emu.url, ECS);
const attach = (params: Record<string, string>) => call(ecs(), "AttachClassicLinkVpc", params);
const detach = (params: Record<string, string>) => call(ecs(), "DetachClassicLinkVpc", params);
const describeLinks = (params: Record<string, unknown>) =>
  call<Links>(ecs(), "DescribeClassicLinkInstances", { RegionId: "cn-hangzhou", ...params });

describe("happy path", () => {
  it("GIVEN a Running and a Stopped classic instance WHEN attached THEN both links are listed by VPC and by InstanceId list", async () => {
    await attach(link(IDS.classic1));
    await call(ecs(), "AttachClassicLinkVpc", link(IDS.classic3), "POST");
    await attach(link(IDS.classic2, IDS.vpcLink2));
    const byVpc = await describeLinks({ VpcId: IDS.vpcLink1 });
    expect(byVpc.TotalCount).toBe(2);
    expect(byVpc.Links.Link).toEqual([
      { VpcId: IDS.vpcLink1, InstanceId: IDS.classic1 },
      { VpcId: IDS.vpcLink1, InstanceId: IDS.classic3 },
    ]);
    const byIds = await describeLinks({ InstanceId: `${IDS.classic2},${IDS.classic3}` });
    expect(byIds.Links.Link.map((l) => [l.InstanceId, l.VpcId])).toEqual([
      [IDS.classic2, IDS.vpcLink2],
      [IDS.classic3, IDS.vpcLink1],
    ]);
    const page2 = await describeLinks({ VpcId: IDS.vpcLink1, PageNumber: "2", PageSize: "1" });
    expect([page2.PageNumber, page2.PageSize, page2.TotalCount, page2.Links.Link.map((l) => l.InstanceId)]).toEqual([
      2,
      1,
      2,
      [IDS.classic3],
    ]);
  });

  it("GIVEN a link WHEN attached again to the same VPC THEN it succeeds without a second effect; WHEN detached THEN it is gone", async () => {
    await attach(link(IDS.classic1));
    await attach(link(IDS.classic1));
    await detach(link(IDS.classic1));
    expect((await describeLinks({ VpcId: IDS.vpcLink1 })).TotalCount).toBe(0);
    expect((await emu.admin.counters()).effects).toEqual({
      [`AttachClassicLinkVpc:${IDS.classic1}:${IDS.vpcLink1}`]: 1,
      [`DetachClassicLinkVpc:${IDS.classic1}:${IDS.vpcLink1}`]: 1,
    });
  });

  it("GIVEN Shanghai resources WHEN linking there THEN it works in that region only", async () => {
    await attach(link(IDS.shClassic, IDS.shVpc, "cn-shanghai"));
    const links = await call<Links>(ecs(), "DescribeClassicLinkInstances", {
      RegionId: "cn-shanghai",
      VpcId: IDS.shVpc,
    });
    expect(links.Links.Link).toEqual([{ VpcId: IDS.shVpc, InstanceId: IDS.shClassic }]);
  });
});

describe("AttachClassicLinkVpc refusals", () => {
  it("GIVEN neither InstanceId nor VpcId WHEN attaching THEN 403 InvalidParameter.InvalidInstanceIdAndVpcId", async () => {
    await expectFailure(attach({ RegionId: "cn-hangzhou" }), "InvalidParameter.InvalidInstanceIdAndVpcId", 403);
  });

  it("GIVEN a malformed RegionId WHEN attaching THEN 403 InvalidRegionId.Malformed; an unknown one 403 InvalidRegionId.NotFound", async () => {
    await expectFailure(attach(link(IDS.classic1, IDS.vpcLink1, "CN Hangzhou")), "InvalidRegionId.Malformed", 403);
    await expectFailure(attach(link(IDS.classic1, IDS.vpcLink1, "cn-atlantis")), "InvalidRegionId.NotFound", 403);
  });

  it("GIVEN an instance that exists nowhere WHEN attaching THEN 403 InvalidInstanceId.NotFound", async () => {
    const error = await expectFailure(attach(link("i-bp1nothere000000001")), "InvalidInstanceId.NotFound", 403);
    expect(error.data.Message).toBe("The specified instance does not exist.");
    const shapeless = await expectFailure(attach(link("ecs_12345")), "InvalidInstanceId.NotFound", 403);
    expect(shapeless.data.Message).toBe("The InstanceId provided does not exist in our records.");
  });

  it("GIVEN another account's instance WHEN attaching THEN 403 InvalidInstanceId.NotBelong", async () => {
    await expectFailure(attach(link(IDS.otherClassic)), "InvalidInstanceId.NotBelong", 403);
  });

  it("GIVEN a VPC-network instance WHEN attaching THEN 403 InvalidInstanceId.MalFormed", async () => {
    const error = await expectFailure(attach(link(IDS.vpcInstance)), "InvalidInstanceId.MalFormed", 403);
    expect(error.data.Message).toBe("The specified instance is not a classic network instance.");
  });

  it("GIVEN a malformed or foreign VpcId WHEN attaching THEN 403 InvalidVpcId.Malformed", async () => {
    await expectFailure(attach(link(IDS.classic1, "VPC_123")), "InvalidVpcId.Malformed", 403);
    await expectFailure(attach(link(IDS.classic1, IDS.otherVpc)), "InvalidVpcId.Malformed", 403);
  });

  it("GIVEN an instance in Hangzhou and a VPC in Shanghai WHEN attaching THEN 403 InvalidInstanceId.LimitedRegion", async () => {
    await expectFailure(attach(link(IDS.classic1, IDS.shVpc)), "InvalidInstanceId.LimitedRegion", 403);
    await expectFailure(attach(link(IDS.shClassic, IDS.vpcLink1)), "InvalidInstanceId.LimitedRegion", 403);
  });

  it("GIVEN a locked instance WHEN attaching THEN 403 InvalidStatus.InstanceLocked", async () => {
    await emu.admin.setInstanceStatus({ instanceId: IDS.classic1, locked: true });
    const error = await expectFailure(attach(link(IDS.classic1)), "InvalidStatus.InstanceLocked", 403);
    expect(error.data.Message).toBe("The specified instance is locked,please wait more.");
  });

  it("GIVEN an instance Starting WHEN attaching THEN 403 InvalidStatus.InstanceStatus", async () => {
    await emu.admin.setInstanceStatus({ instanceId: IDS.classic1, status: "Starting" });
    await expectFailure(attach(link(IDS.classic1)), "InvalidStatus.InstanceStatus", 403);
  });

  it("GIVEN a VPC with ClassicLink disabled WHEN attaching THEN 403 OperationDenied", async () => {
    const error = await expectFailure(attach(link(IDS.classic1, IDS.vpcPlain)), "OperationDenied", 403);
    expect(error.data.Message).toBe("The specified vpc is disabled attach classic link.");
  });

  it("GIVEN an instance linked to one VPC WHEN attaching it to another THEN 403 OperationDenied (one VPC per instance)", async () => {
    await attach(link(IDS.classic1));
    const error = await expectFailure(attach(link(IDS.classic1, IDS.vpcLink2)), "OperationDenied", 403);
    expect(error.data.Message).toBe("The instance has been linked to other vpc.");
  });

  it("GIVEN a quota of one link per VPC WHEN linking a second instance THEN 403 QuotaExceeded", async () => {
    await emu.admin.seed({ settings: { classicLinkQuotaPerVpc: 1 } });
    await attach(link(IDS.classic1));
    await expectFailure(attach(link(IDS.classic2)), "QuotaExceeded", 403);
  });

  it("GIVEN the read-only sub-user WHEN attaching THEN 403 Forbidden.SubUser", async () => {
    await expectFailure(
      call(pop(emu.url, ECS, KEYS.readOnly), "AttachClassicLinkVpc", link(IDS.classic1)),
      "Forbidden.SubUser",
      403,
    );
  });
});

describe("DescribeClassicLinkInstances refusals", () => {
  it("GIVEN neither InstanceId nor VpcId WHEN describing THEN 403 InvalidParameter.InvalidInstanceIdAndVpcId", async () => {
    await expectFailure(describeLinks({}), "InvalidParameter.InvalidInstanceIdAndVpcId", 403);
  });

  it("GIVEN 101 instance IDs WHEN describing THEN 403 InvalidParameter.ToManyInstanceIds", async () => {
    const ids = Array.from({ length: 101 }, (_, i) => `i-bp1many${String(i).padStart(12, "0")}`).join(",");
    await expectFailure(describeLinks({ InstanceId: ids }), "InvalidParameter.ToManyInstanceIds", 403);
  });

  it("GIVEN bad paging WHEN describing THEN 403 InvalidParameter.PageNumber / PageSize", async () => {
    await expectFailure(describeLinks({ VpcId: IDS.vpcLink1, PageNumber: "zero" }), "InvalidParameter.PageNumber", 403);
    await expectFailure(describeLinks({ VpcId: IDS.vpcLink1, PageSize: "101" }), "InvalidParameter.PageSize", 403);
  });

  it("GIVEN foreign or unknown IDs WHEN describing THEN NotBelong / NotFound, all 403", async () => {
    await expectFailure(describeLinks({ InstanceId: IDS.otherClassic }), "InvalidInstanceId.NotBelong", 403);
    await expectFailure(describeLinks({ InstanceId: "i-bp1nothere000000001" }), "InvalidInstanceId.NotFound", 403);
    await expectFailure(describeLinks({ VpcId: IDS.otherVpc }), "InvalidVpc.NotBelong", 403);
  });

  it("GIVEN an unknown region WHEN describing THEN 404 InvalidRegionId.NotFound", async () => {
    const error = await expectFailure(
      call(ecs(), "DescribeClassicLinkInstances", { RegionId: "cn-atlantis", VpcId: IDS.vpcLink1 }),
      "InvalidRegionId.NotFound",
      404,
    );
    expect(error.data.Message).toBe("The specified region does not exist.");
  });
});
