// GIVEN a consistency delay WHEN something changes THEN Describe calls keep showing the old state
// until the delay has passed (deleted records linger as tombstones), while the service itself acts
// on the new state at once. The world clock is moved instead of sleeping.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator/index.js";
import { call, ECS, IDS, pop, start, VPC } from "./helpers.js";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await start();
});
afterAll(() => emu.stop());
beforeEach(async () => {
  await emu.admin.reset();
  await emu.admin.setConsistency({ delayMs: 60_000 });
});

const passDelay = () => emu.admin.setClock({ offsetMs: 61_000 });
const grant = {
  RegionId: "cn-hangzhou",
  InstanceId: IDS.vpcLink1,
  InstanceType: "VPC",
  CenId: IDS.cen1,
  CenOwnerId: IDS.cenOwnerUid,
};
const grantCount = async () =>
  (
    await call<{ TotalCount: number }>(pop(emu.url, VPC), "DescribeGrantRulesToCen", {
      RegionId: "cn-hangzhou",
      InstanceId: IDS.vpcLink1,
      InstanceType: "VPC",
    })
  ).TotalCount;

describe("eventual consistency", () => {
  it("GIVEN a 60 s delay WHEN a grant is made THEN Describe shows nothing until the delay passes, yet a duplicate grant is refused at once", async () => {
    await call(pop(emu.url, VPC), "GrantInstanceToCen", grant);
    expect(await grantCount()).toBe(0);
    await expect(call(pop(emu.url, VPC), "GrantInstanceToCen", grant)).rejects.toMatchObject({
      code: "Forbidden.GrantRuleExists",
    });
    await passDelay();
    expect(await grantCount()).toBe(1);
  });

  it("GIVEN a visible grant WHEN revoked THEN Describe keeps showing it (tombstone) until the delay passes", async () => {
    await emu.admin.setConsistency({ delayMs: 0 });
    await call(pop(emu.url, VPC), "GrantInstanceToCen", grant);
    await emu.admin.setConsistency({ delayMs: 60_000 });
    await call(pop(emu.url, VPC), "RevokeInstanceFromCen", grant);
    expect(await grantCount()).toBe(1);
    await passDelay();
    expect(await grantCount()).toBe(0);
  });

  it("GIVEN ClassicLink enabled on the plain VPC WHEN described at once THEN it still reads disabled, and enabled after the delay", async () => {
    await call(pop(emu.url, VPC), "EnableVpcClassicLink", { RegionId: "cn-hangzhou", VpcId: IDS.vpcPlain });
    const describe = async () =>
      (
        await call<{ ClassicLinkEnabled: boolean }>(pop(emu.url, VPC), "DescribeVpcAttribute", {
          RegionId: "cn-hangzhou",
          VpcId: IDS.vpcPlain,
        })
      ).ClassicLinkEnabled;
    expect(await describe()).toBe(false);
    await passDelay();
    expect(await describe()).toBe(true);
  });

  it("GIVEN a new link, a new activation and a deregistered instance WHEN listed at once THEN the lists show the old state", async () => {
    const ecs = pop(emu.url, ECS);
    await call(ecs, "AttachClassicLinkVpc", { RegionId: "cn-hangzhou", InstanceId: IDS.classic1, VpcId: IDS.vpcLink1 });
    const created = await call<{ ActivationId: string }>(ecs, "CreateActivation", { RegionId: "cn-hangzhou" });
    await call(ecs, "DeregisterManagedInstance", { RegionId: "cn-hangzhou", InstanceId: IDS.mi1 });
    // The writer side sees the new activation at once.
    await call(ecs, "DisableActivation", { RegionId: "cn-hangzhou", ActivationId: created.ActivationId });
    const links = async () =>
      (
        await call<{ TotalCount: number }>(ecs, "DescribeClassicLinkInstances", {
          RegionId: "cn-hangzhou",
          VpcId: IDS.vpcLink1,
        })
      ).TotalCount;
    const activations = async () =>
      (await call<{ TotalCount: number }>(ecs, "DescribeActivations", { RegionId: "cn-hangzhou" })).TotalCount;
    const instances = async () =>
      (
        await call<{ Instances: Array<{ InstanceId: string }> }>(ecs, "DescribeManagedInstances", {
          RegionId: "cn-hangzhou",
        })
      ).Instances.map((i) => i.InstanceId);
    expect([await links(), await activations(), await instances()]).toEqual([0, 1, [IDS.mi1, IDS.mi2]]);
    await passDelay();
    expect([await links(), await activations(), await instances()]).toEqual([1, 2, [IDS.mi2]]);
  });

  it("GIVEN the delay set back to 0 WHEN changing THEN Describe shows it at once", async () => {
    await emu.admin.setConsistency({ delayMs: 0 });
    await call(pop(emu.url, VPC), "GrantInstanceToCen", grant);
    expect(await grantCount()).toBe(1);
  });
});
