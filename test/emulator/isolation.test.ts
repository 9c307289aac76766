// GIVEN three accounts WHEN each uses its own key THEN it sees and changes only its own resources;
// a grant names a CEN of another account, which is the point of grants.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator/index.js";
import { call, ECS, expectFailure, IDS, KEYS, pop, start, VPC } from "./helpers.js";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await start();
});
afterAll(() => emu.stop());
beforeEach(() => emu.admin.reset());

describe("account isolation", () => {
  it("GIVEN main granted its VPC to cen-owner's CEN WHEN other and cen-owner look at that VPC THEN it does not exist for them", async () => {
    await call(pop(emu.url, VPC), "GrantInstanceToCen", {
      RegionId: "cn-hangzhou",
      InstanceId: IDS.vpcLink1,
      InstanceType: "VPC",
      CenId: IDS.cen1,
      CenOwnerId: IDS.cenOwnerUid,
    });
    const describeParams = { RegionId: "cn-hangzhou", InstanceId: IDS.vpcLink1, InstanceType: "VPC" };
    for (const key of [KEYS.other, KEYS.cenOwner]) {
      await expectFailure(
        call(pop(emu.url, VPC, key), "DescribeGrantRulesToCen", describeParams),
        "InvalidInstanceId.NotFound",
        404,
      );
      await expectFailure(
        call(pop(emu.url, VPC, key), "RevokeInstanceFromCen", {
          ...describeParams,
          CenId: IDS.cen1,
          CenOwnerId: IDS.cenOwnerUid,
        }),
        "InvalidInstanceId.NotFound",
        404,
      );
    }
    const world = await emu.admin.world();
    const grantsOf = (uid: string) => world.accounts.find((a) => a.uid === uid)?.regions["cn-hangzhou"]?.grants ?? [];
    expect(grantsOf(IDS.mainUid)).toHaveLength(1);
    expect(grantsOf(IDS.cenOwnerUid)).toHaveLength(0);
  });

  it("GIVEN other's VPC WHEN main changes or reads it THEN InvalidVpcId.NotFound; other itself can", async () => {
    await expectFailure(
      call(pop(emu.url, VPC), "DisableVpcClassicLink", { RegionId: "cn-hangzhou", VpcId: IDS.otherVpc }),
      "InvalidVpcId.NotFound",
      404,
    );
    await call(pop(emu.url, VPC, KEYS.other), "DisableVpcClassicLink", {
      RegionId: "cn-hangzhou",
      VpcId: IDS.otherVpc,
    });
    const attr = await call<{ ClassicLinkEnabled: boolean; OwnerId: { toString(): string } }>(
      pop(emu.url, VPC, KEYS.other),
      "DescribeVpcAttribute",
      {
        RegionId: "cn-hangzhou",
        VpcId: IDS.otherVpc,
      },
    );
    expect([attr.ClassicLinkEnabled, attr.OwnerId.toString()]).toEqual([false, IDS.otherUid]);
  });

  it("GIVEN main's managed instances and activation WHEN other lists or deregisters them THEN it sees none and cannot touch them", async () => {
    const ecs = pop(emu.url, ECS, KEYS.other);
    const instances = await call<{ TotalCount: number }>(ecs, "DescribeManagedInstances", { RegionId: "cn-hangzhou" });
    const activations = await call<{ TotalCount: number }>(ecs, "DescribeActivations", { RegionId: "cn-hangzhou" });
    expect([instances.TotalCount, activations.TotalCount]).toEqual([0, 0]);
    await expectFailure(
      call(ecs, "DeregisterManagedInstance", { RegionId: "cn-hangzhou", InstanceId: IDS.mi1 }),
      "InvalidInstance.NotFound",
      404,
    );
    await expectFailure(
      call(ecs, "DeleteActivation", { RegionId: "cn-hangzhou", ActivationId: IDS.activation }),
      "ActivationId.NotFound",
      404,
    );
    const mine = await call<{ TotalCount: number }>(pop(emu.url, ECS), "DescribeManagedInstances", {
      RegionId: "cn-hangzhou",
    });
    expect(mine.TotalCount).toBe(2);
  });

  it("GIVEN other's classic instance and VPC WHEN each account links its own THEN their link lists stay apart", async () => {
    await call(pop(emu.url, ECS, KEYS.other), "AttachClassicLinkVpc", {
      RegionId: "cn-hangzhou",
      InstanceId: IDS.otherClassic,
      VpcId: IDS.otherVpc,
    });
    await call(pop(emu.url, ECS), "AttachClassicLinkVpc", {
      RegionId: "cn-hangzhou",
      InstanceId: IDS.classic1,
      VpcId: IDS.vpcLink1,
    });
    const theirs = await call<{ Links: { Link: Array<{ InstanceId: string }> } }>(
      pop(emu.url, ECS, KEYS.other),
      "DescribeClassicLinkInstances",
      {
        RegionId: "cn-hangzhou",
        VpcId: IDS.otherVpc,
      },
    );
    expect(theirs.Links.Link.map((l) => l.InstanceId)).toEqual([IDS.otherClassic]);
    await expectFailure(
      call(pop(emu.url, ECS), "DescribeClassicLinkInstances", {
        RegionId: "cn-hangzhou",
        InstanceId: IDS.otherClassic,
      }),
      "InvalidInstanceId.NotBelong",
      403,
    );
  });
});
