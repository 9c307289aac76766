// GIVEN the admin surface WHEN tests and the demo control the world through it THEN each endpoint
// does what the contract says, refuses bad input with 4xx, and never reveals a secret.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AdminClient, AdminError, type RunningEmulator } from "../../emulator/index.js";
import { call, expectFailure, IDS, KEYS, pop, start, VPC } from "./helpers.js";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await start();
});
afterAll(() => emu.stop());
beforeEach(() => emu.admin.reset());

async function refusal(promise: Promise<unknown>): Promise<[number, string]> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AdminError) return [error.status, error.code];
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("admin surface", () => {
  it("GIVEN a running emulator WHEN asking for health THEN ok, through a client built from the URL alone", async () => {
    expect(await new AdminClient(`${emu.url}/`).health()).toMatchObject({ ok: true });
  });

  it("GIVEN the default world WHEN taking a snapshot THEN it lists accounts, keys and resources but no secret", async () => {
    const world = await emu.admin.world();
    const text = JSON.stringify(world);
    for (const key of Object.values(KEYS)) {
      expect(text).toContain(key.accessKeyId);
      expect(text).not.toContain(key.accessKeySecret);
    }
    expect(text).not.toContain("emu-main-sts-token-0001");
    expect(text).not.toContain("a-hz0EmuDefaultActivationCode0001");
    const accounts = world.accounts;
    expect(accounts.map((a) => [a.uid, a.name])).toEqual([
      [IDS.mainUid, "main"],
      [IDS.cenOwnerUid, "cen-owner"],
      [IDS.otherUid, "other"],
    ]);
    expect(world.regions.map((r) => r.regionId)).toEqual([
      "cn-hangzhou",
      "cn-shanghai",
      "cn-beijing",
      "cn-shenzhen",
      "ap-southeast-1",
      "us-east-1",
      "eu-central-1",
    ]);
  });

  it("GIVEN a reset with a one-account seed WHEN the default keys call THEN they are unknown; a reset without a body restores the default world", async () => {
    await emu.admin.reset({
      accounts: [
        {
          uid: "5555666677778888",
          accessKeys: [{ accessKeyId: "LTAI5tSolo", accessKeySecret: "solo" }],
          vpcs: [{ regionId: "cn-hangzhou", vpcId: "vpc-solo1" }],
        },
      ],
    });
    await expectFailure(
      call(pop(emu.url, VPC), "DescribeVpcAttribute", { RegionId: "cn-hangzhou", VpcId: IDS.vpcLink1 }),
      "InvalidAccessKeyId.NotFound",
      400,
    );
    const solo = await call<{ VpcId: string }>(
      pop(emu.url, VPC, { accessKeyId: "LTAI5tSolo", accessKeySecret: "solo" }),
      "DescribeVpcAttribute",
      {
        RegionId: "cn-hangzhou",
        VpcId: "vpc-solo1",
      },
    );
    expect(solo.VpcId).toBe("vpc-solo1");
    await emu.admin.reset();
    await call(pop(emu.url, VPC), "DescribeVpcAttribute", { RegionId: "cn-hangzhou", VpcId: IDS.vpcLink1 });
  });

  it("GIVEN a seed merge WHEN it adds a key to an existing account THEN that key works and old resources remain", async () => {
    await emu.admin.seed({
      accounts: [
        { uid: IDS.mainUid, accessKeys: [{ accessKeyId: "LTAI5tEmuExtraKey0001", accessKeySecret: "extra" }] },
      ],
    });
    const attr = await call<{ VpcId: string }>(
      pop(emu.url, VPC, { accessKeyId: "LTAI5tEmuExtraKey0001", accessKeySecret: "extra" }),
      "DescribeVpcAttribute",
      {
        RegionId: "cn-hangzhou",
        VpcId: IDS.vpcLink1,
      },
    );
    expect(attr.VpcId).toBe(IDS.vpcLink1);
  });

  it("GIVEN bad seeds WHEN posted THEN 400 InvalidSeed naming the field", async () => {
    expect(await refusal(emu.admin.seed({ accounts: [{ uid: "not-digits" }] }))).toEqual([400, "InvalidSeed"]);
    expect(
      await refusal(emu.admin.seed({ accounts: [{ uid: "42", vpcs: [{ regionId: "mars-1", vpcId: "vpc-x" }] }] })),
    ).toEqual([400, "InvalidSeed"]);
  });

  it("GIVEN instance status changes WHEN setting Stopped THEN the snapshot shows it; a bad status or unknown instance is refused", async () => {
    expect(await emu.admin.setInstanceStatus({ instanceId: IDS.classic1, status: "Stopped" })).toEqual({
      instanceId: IDS.classic1,
      status: "Stopped",
      locked: false,
    });
    expect(
      await refusal(emu.admin.setInstanceStatus({ instanceId: IDS.classic1, status: "Exploded" as "Running" })),
    ).toEqual([400, "InvalidBody"]);
    expect(await refusal(emu.admin.setInstanceStatus({ instanceId: "i-nothere", status: "Running" }))).toEqual([
      404,
      "InvalidInstanceId.NotFound",
    ]);
  });

  it("GIVEN bad fault configs WHEN put THEN 400; a good one is read back", async () => {
    expect(await refusal(emu.admin.setFaults({ rules: [{ kind: "Meteor" as "Throttling" }] }))).toEqual([
      400,
      "InvalidBody",
    ]);
    expect(await refusal(emu.admin.setFaults({ rules: [{ kind: "Throttling", rate: 2 }] }))).toEqual([
      400,
      "InvalidBody",
    ]);
    const config = await emu.admin.setFaults({
      rules: [{ kind: "Latency", latencyMs: 5, action: "DescribeVpcAttribute" }],
      randomSeed: 7,
    });
    expect(config).toEqual({
      rules: [{ kind: "Latency", latencyMs: 5, action: "DescribeVpcAttribute" }],
      randomSeed: 7,
    });
    expect(await emu.admin.clearFaults()).toEqual({ rules: [], randomSeed: 1 });
  });

  it("GIVEN counters WHEN reset THEN they are zero", async () => {
    await call(pop(emu.url, VPC), "DescribeVpcAttribute", { RegionId: "cn-hangzhou", VpcId: IDS.vpcLink1 });
    expect((await emu.admin.counters()).requests).toEqual({ DescribeVpcAttribute: 1 });
    expect(await emu.admin.resetCounters()).toEqual({ requests: {}, faults: {}, effects: {} });
  });

  it("GIVEN the clock WHEN moved by an hour THEN the world's time moves and signed requests with real time are now expired", async () => {
    const state = await emu.admin.setClock({ offsetMs: 3_600_000 });
    expect(state.offsetMs).toBe(3_600_000);
    expect(Date.parse(state.now) - Date.now()).toBeGreaterThan(3_500_000);
    await expectFailure(
      call(pop(emu.url, VPC), "DescribeVpcAttribute", { RegionId: "cn-hangzhou", VpcId: IDS.vpcLink1 }),
      "InvalidTimeStamp.Expired",
      400,
    );
  });

  it("GIVEN raw admin requests WHEN malformed THEN 400 for bad JSON, 404 for unknown paths, and a negative delay is refused", async () => {
    const bad = await fetch(`${emu.url}/__admin/seed`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{nope",
    });
    expect([bad.status, ((await bad.json()) as { code: string }).code]).toEqual([400, "InvalidBody"]);
    const missing = await fetch(`${emu.url}/__admin/nothing`);
    expect(missing.status).toBe(404);
    expect(await refusal(emu.admin.setConsistency({ delayMs: -1 }))).toEqual([400, "InvalidBody"]);
    expect(await refusal(emu.admin.invokeAgent({ instanceId: "mi-nothere" }))).toEqual([
      404,
      "InvalidInstance.NotFound",
    ]);
  });
});
