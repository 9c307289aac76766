// GIVEN the seed document DetachClassicLinkVpc WHEN Detach is refused in each situation THEN it
// answers only the codes that page documents, all HTTP 403, each from a real situation in the world.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator/index.js";
import { call, ECS, expectFailure, IDS, KEYS, pop, start } from "./helpers.js";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await start();
});
afterAll(() => emu.stop());
beforeEach(() => emu.admin.reset());

const link = (instanceId: string, vpcId: string = IDS.vpcLink1, regionId = "cn-hangzhou") => ({
  RegionId: regionId,
  InstanceId: instanceId,
  VpcId: vpcId,
});
const ecs = () => pop(emu.url, ECS);
const attach = (params: Record<string, string>) => call(ecs(), "AttachClassicLinkVpc", params);
const detach = (params: Record<string, string>) => call(ecs(), "DetachClassicLinkVpc", params);

describe("DetachClassicLinkVpc refusals", () => {
  it("GIVEN no link WHEN detaching THEN 403 InvalidOperation.InvalidVpc", async () => {
    await expectFailure(detach(link(IDS.classic1)), "InvalidOperation.InvalidVpc", 403);
  });

  it("GIVEN a link to another VPC WHEN detaching from this one THEN 403 InvalidOperation.InvalidVpc", async () => {
    await attach(link(IDS.classic1, IDS.vpcLink2));
    await expectFailure(detach(link(IDS.classic1)), "InvalidOperation.InvalidVpc", 403);
  });

  it("GIVEN the seed document's refusals WHEN detaching in each situation THEN each code with HTTP 403", async () => {
    await expectFailure(detach({ RegionId: "cn-hangzhou" }), "InvalidParameter.InvalidInstanceIdAndVpcId", 403);
    await expectFailure(detach(link(IDS.classic1, IDS.vpcLink1, "cn_hangzhou!")), "InvalidRegionId.Malformed", 403);
    await expectFailure(detach(link(IDS.classic1, "vpc_bad!")), "InvalidVpcId.Malformed", 403);
    await expectFailure(detach(link("i-bp1nothere000000001")), "InvalidInstanceId.NotFound", 403);
    await expectFailure(detach(link(IDS.vpcInstance)), "InvalidInstanceId.MalFormed", 403);
    await expectFailure(detach(link(IDS.otherClassic)), "InvalidInstanceId.NotBelong", 403);
    await expectFailure(
      call(pop(emu.url, ECS, KEYS.readOnly), "DetachClassicLinkVpc", link(IDS.classic1)),
      "Forbidden.SubUser",
      403,
    );
  });

  it("GIVEN a region Detach's page has no code for (unknown, or another region of the account) WHEN detaching THEN only its documented codes: InvalidRegionId.Malformed, InvalidInstanceId.NotFound, InvalidVpcId.Malformed", async () => {
    const unknown = await expectFailure(
      detach(link(IDS.classic1, IDS.vpcLink1, "xx-nowhere-1")),
      "InvalidRegionId.Malformed",
      403,
    );
    expect(unknown.data.Message).toBe("The specified parameter ?RegionId? is not valid.");
    // An own instance or VPC in Shanghai, named with RegionId cn-hangzhou (Attach: LimitedRegion).
    const instance = await expectFailure(detach(link(IDS.shClassic)), "InvalidInstanceId.NotFound", 403);
    expect(instance.data.Message).toBe("The specified instance does not exist.");
    await expectFailure(detach(link(IDS.classic1, IDS.shVpc)), "InvalidVpcId.Malformed", 403);
    await expectFailure(attach(link(IDS.shClassic)), "InvalidInstanceId.LimitedRegion", 403);
    await expectFailure(attach(link(IDS.classic1, IDS.vpcLink1, "xx-nowhere-1")), "InvalidRegionId.NotFound", 403);
  });

  it("GIVEN a linked instance that is Stopping WHEN detaching THEN 403 InvalidStatus.InstanceStatus (the page's second wording)", async () => {
    await attach(link(IDS.classic1));
    await emu.admin.setInstanceStatus({ instanceId: IDS.classic1, status: "Stopping" });
    const error = await expectFailure(detach(link(IDS.classic1)), "InvalidStatus.InstanceStatus", 403);
    expect(error.data.Message).toBe(
      "The specified instance status does not support this operation, expected status is Running or Stopped.",
    );
  });

  it("GIVEN a linked instance that became locked WHEN detaching THEN 403 OperationDenied (not allowed to detach)", async () => {
    await attach(link(IDS.classic1));
    await emu.admin.setInstanceStatus({ instanceId: IDS.classic1, locked: true });
    const error = await expectFailure(detach(link(IDS.classic1)), "OperationDenied", 403);
    expect(error.data.Message).toBe("The instances are not allowed to detach from the linked vpc.");
  });

  it("GIVEN a VPC with ClassicLink disabled WHEN detaching from it THEN 403 OperationDenied (disabled detach)", async () => {
    const error = await expectFailure(detach(link(IDS.classic1, IDS.vpcPlain)), "OperationDenied", 403);
    expect(error.data.Message).toBe("The specified vpc is disabled detach classic link.");
  });
});
