// GIVEN VPCs in the default world WHEN ClassicLink is enabled and disabled on them THEN
// DescribeVpcAttribute shows it, and each documented refusal comes from a real situation.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator/index.js";
import { call, ECS, expectFailure, IDS, KEYS, pop, start, VPC } from "./helpers.js";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await start();
});
afterAll(() => emu.stop());
beforeEach(() => emu.admin.reset());

interface Attribute {
  VpcId: string;
  RegionId: string;
  Status: string;
  CidrBlock: string;
  VpcName: string;
  ClassicLinkEnabled: boolean;
  OwnerId: { toString(): string };
}

const attribute = (vpcId: string) =>
  call<Attribute>(pop(emu.url, VPC), "DescribeVpcAttribute", { RegionId: "cn-hangzhou", VpcId: vpcId });

describe("EnableVpcClassicLink / DisableVpcClassicLink / DescribeVpcAttribute", () => {
  it("GIVEN the plain VPC WHEN describing it THEN every documented field has the world's value", async () => {
    const a = await attribute(IDS.vpcPlain);
    expect(a).toMatchObject({
      VpcId: IDS.vpcPlain,
      RegionId: "cn-hangzhou",
      Status: "Available",
      CidrBlock: "192.168.0.0/16",
      VpcName: "emu-main-plain",
      ClassicLinkEnabled: false,
    });
    expect(a.OwnerId.toString()).toBe(IDS.mainUid);
  });

  it("GIVEN ClassicLink disabled WHEN enabling then disabling THEN the attribute follows and effects are counted once each", async () => {
    const vpc = pop(emu.url, VPC);
    await call(vpc, "EnableVpcClassicLink", { RegionId: "cn-hangzhou", VpcId: IDS.vpcPlain });
    expect((await attribute(IDS.vpcPlain)).ClassicLinkEnabled).toBe(true);
    // Enabling again changes nothing and succeeds.
    await call(vpc, "EnableVpcClassicLink", { RegionId: "cn-hangzhou", VpcId: IDS.vpcPlain });
    await call(vpc, "DisableVpcClassicLink", { RegionId: "cn-hangzhou", VpcId: IDS.vpcPlain }, "POST");
    expect((await attribute(IDS.vpcPlain)).ClassicLinkEnabled).toBe(false);
    expect((await emu.admin.counters()).effects).toEqual({
      [`EnableVpcClassicLink:${IDS.vpcPlain}`]: 1,
      [`DisableVpcClassicLink:${IDS.vpcPlain}`]: 1,
    });
  });

  it("GIVEN an unknown or foreign VPC WHEN enabling or describing THEN 404 InvalidVpcId.NotFound", async () => {
    const vpc = pop(emu.url, VPC);
    await expectFailure(
      call(vpc, "EnableVpcClassicLink", { RegionId: "cn-hangzhou", VpcId: "vpc-bp1nothere000000001" }),
      "InvalidVpcId.NotFound",
      404,
    );
    await expectFailure(
      call(vpc, "DisableVpcClassicLink", { RegionId: "cn-hangzhou", VpcId: IDS.otherVpc }),
      "InvalidVpcId.NotFound",
      404,
    );
    await expectFailure(attribute(IDS.otherVpc), "InvalidVpcId.NotFound", 404);
  });

  it("GIVEN an unknown region WHEN enabling THEN 404 InvalidRegionId.NotFound with the VPC page's wording", async () => {
    const error = await expectFailure(
      call(pop(emu.url, VPC), "EnableVpcClassicLink", { RegionId: "xx-nowhere-1", VpcId: IDS.vpcPlain }),
      "InvalidRegionId.NotFound",
      404,
    );
    expect(error.data.Message).toBe('Specified value of "regionId" is not supported.');
    await expectFailure(
      call(pop(emu.url, VPC), "DisableVpcClassicLink", { RegionId: "xx-nowhere-1", VpcId: IDS.vpcPlain }),
      "InvalidRegionId.NotFound",
      404,
    );
  });

  it("GIVEN a Pending VPC WHEN enabling or disabling THEN 400 IncorrectVpcStatus", async () => {
    await emu.admin.seed({
      accounts: [
        {
          uid: IDS.mainUid,
          vpcs: [
            { regionId: "cn-hangzhou", vpcId: "vpc-bp1emupending0000001", status: "Pending" },
            { regionId: "cn-hangzhou", vpcId: "vpc-bp1emupending0000002", status: "Pending", classicLinkEnabled: true },
          ],
        },
      ],
    });
    const vpc = pop(emu.url, VPC);
    await expectFailure(
      call(vpc, "EnableVpcClassicLink", { RegionId: "cn-hangzhou", VpcId: "vpc-bp1emupending0000001" }),
      "IncorrectVpcStatus",
      400,
    );
    await expectFailure(
      call(vpc, "DisableVpcClassicLink", { RegionId: "cn-hangzhou", VpcId: "vpc-bp1emupending0000002" }),
      "IncorrectVpcStatus",
      400,
    );
  });

  it("GIVEN a region without a classic network WHEN enabling or disabling THEN 400 Forbidden.EnableClassicLink / Forbbiden", async () => {
    await emu.admin.seed({
      accounts: [
        {
          uid: IDS.mainUid,
          vpcs: [{ regionId: "eu-central-1", vpcId: "vpc-gw8emufrankfurt00001", classicLinkEnabled: true }],
        },
      ],
    });
    const vpc = pop(emu.url, VPC);
    await expectFailure(
      call(vpc, "EnableVpcClassicLink", { RegionId: "eu-central-1", VpcId: "vpc-gw8emufrankfurt00001" }),
      "Forbidden.EnableClassicLink",
      400,
    );
    await expectFailure(
      call(vpc, "DisableVpcClassicLink", { RegionId: "eu-central-1", VpcId: "vpc-gw8emufrankfurt00001" }),
      "Forbbiden",
      400,
    );
  });

  it("GIVEN a custom route inside 10.0.0.0/8 WHEN enabling THEN 400 RouteConflict.AlreadyExist; a route for exactly 10.0.0.0/8: OperationFailed.RouteConflict", async () => {
    await emu.admin.seed({
      accounts: [
        {
          uid: IDS.mainUid,
          vpcs: [
            { regionId: "cn-hangzhou", vpcId: "vpc-bp1emuroutes00000001", routeEntries: ["10.1.0.0/16"] },
            {
              regionId: "cn-hangzhou",
              vpcId: "vpc-bp1emuroutes00000002",
              routeEntries: ["192.168.9.0/24", "10.0.0.0/8"],
            },
          ],
        },
      ],
    });
    const vpc = pop(emu.url, VPC);
    await expectFailure(
      call(vpc, "EnableVpcClassicLink", { RegionId: "cn-hangzhou", VpcId: "vpc-bp1emuroutes00000001" }),
      "RouteConflict.AlreadyExist",
      400,
    );
    await expectFailure(
      call(vpc, "EnableVpcClassicLink", { RegionId: "cn-hangzhou", VpcId: "vpc-bp1emuroutes00000002" }),
      "OperationFailed.RouteConflict",
      400,
    );
  });

  it("GIVEN a classic instance linked to the VPC WHEN disabling ClassicLink THEN 400 InvalidAction until it is detached", async () => {
    const ecs = pop(emu.url, ECS);
    const link = { RegionId: "cn-hangzhou", InstanceId: IDS.classic1, VpcId: IDS.vpcLink1 };
    await call(ecs, "AttachClassicLinkVpc", link);
    const vpc = pop(emu.url, VPC);
    const error = await expectFailure(
      call(vpc, "DisableVpcClassicLink", { RegionId: "cn-hangzhou", VpcId: IDS.vpcLink1 }),
      "InvalidAction",
      400,
    );
    expect(error.data.Message).toBe(
      "The VPC has been connected to the classic network ECS. Please cancel the connection before proceeding.",
    );
    await call(ecs, "DetachClassicLinkVpc", link);
    await call(vpc, "DisableVpcClassicLink", { RegionId: "cn-hangzhou", VpcId: IDS.vpcLink1 });
    expect((await attribute(IDS.vpcLink1)).ClassicLinkEnabled).toBe(false);
  });

  it("GIVEN the read-only sub-user WHEN enabling THEN 403 Forbidden.RAM; describing works", async () => {
    const readOnly = pop(emu.url, VPC, KEYS.readOnly);
    await expectFailure(
      call(readOnly, "EnableVpcClassicLink", { RegionId: "cn-hangzhou", VpcId: IDS.vpcPlain }),
      "Forbidden.RAM",
      403,
    );
    const a = await call<Attribute>(readOnly, "DescribeVpcAttribute", { RegionId: "cn-hangzhou", VpcId: IDS.vpcPlain });
    expect(a.ClassicLinkEnabled).toBe(false);
  });
});
