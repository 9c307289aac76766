// GIVEN a state file WHEN the emulator changes the world, stops and starts again THEN everything
// acknowledged is still there (grants, links, activations, ClientTokens), and every write was
// atomic and done before the answer.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AdminError, DEFAULT_ACTIVATION_CODE, startEmulator } from "../../emulator/index.js";
import { call, ECS, expectFailure, IDS, pop, VPC } from "./helpers.js";

let dir: string;
let stateFile: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "emu-state-"));
  stateFile = path.join(dir, "state.json");
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const grant = {
  RegionId: "cn-hangzhou",
  InstanceId: IDS.vpcLink1,
  InstanceType: "VPC",
  CenId: IDS.cen1,
  CenOwnerId: IDS.cenOwnerUid,
  ClientToken: "persisted-token",
};

describe("persistence", () => {
  it("GIVEN changes made through the APIs and the agent WHEN the emulator restarts on the same state file THEN they are all still there", async () => {
    const first = await startEmulator({ stateFile });
    const activation = await call<{ ActivationId: string; ActivationCode: string }>(
      pop(first.url, ECS),
      "CreateActivation",
      {
        RegionId: "cn-hangzhou",
        InstanceName: "keep",
      },
    );
    await call(pop(first.url, VPC), "GrantInstanceToCen", grant);
    await call(pop(first.url, ECS), "AttachClassicLinkVpc", {
      RegionId: "cn-hangzhou",
      InstanceId: IDS.classic1,
      VpcId: IDS.vpcLink1,
    });
    await call(pop(first.url, ECS), "ModifyManagedInstance", {
      RegionId: "cn-hangzhou",
      InstanceId: IDS.mi1,
      InstanceName: "renamed",
    });
    const registered = await first.admin.registerAgent({
      regionId: "cn-hangzhou",
      activationId: activation.ActivationId,
      activationCode: activation.ActivationCode,
      hostname: "kept-host",
      intranetIp: "10.1.1.1",
    });
    await first.stop();

    const second = await startEmulator({ stateFile });
    try {
      const rules = await call<{ TotalCount: number }>(pop(second.url, VPC), "DescribeGrantRulesToCen", {
        RegionId: "cn-hangzhou",
        InstanceId: IDS.vpcLink1,
        InstanceType: "VPC",
      });
      expect(rules.TotalCount).toBe(1);
      const links = await call<{ TotalCount: number }>(pop(second.url, ECS), "DescribeClassicLinkInstances", {
        RegionId: "cn-hangzhou",
        VpcId: IDS.vpcLink1,
      });
      expect(links.TotalCount).toBe(1);
      const instances = await call<{ Instances: Array<{ InstanceId: string; InstanceName: string }> }>(
        pop(second.url, ECS),
        "DescribeManagedInstances",
        { RegionId: "cn-hangzhou" },
      );
      expect(instances.Instances.map((i) => [i.InstanceId, i.InstanceName])).toEqual([
        [IDS.mi1, "renamed"],
        [IDS.mi2, "web-002"],
        [registered.instanceId, "keep-01"],
      ]);
      // The ClientToken survives too: the retry replays instead of answering GrantRuleExists.
      await call(pop(second.url, VPC), "GrantInstanceToCen", grant);
      // The activation code still works for the agent, though the file holds only its hash.
      expect(fs.readFileSync(stateFile, "utf8")).not.toContain(activation.ActivationCode);
      const again = await second.admin.registerAgent({
        regionId: "cn-hangzhou",
        activationId: activation.ActivationId,
        activationCode: activation.ActivationCode,
        hostname: "second-host",
        intranetIp: "10.1.1.2",
      });
      expect(again.instanceName).toBe("keep-02");
    } finally {
      await second.stop();
    }
  });

  it("GIVEN a running emulator WHEN a change is acknowledged THEN the state file already holds it (written before the answer), with no temp file left", async () => {
    const emu = await startEmulator({ stateFile });
    try {
      await call(pop(emu.url, VPC), "GrantInstanceToCen", grant);
      const text = fs.readFileSync(stateFile, "utf8");
      expect(JSON.parse(text).format).toBe("pulumi-alicloud-dynamic-emulator-state");
      expect(text).toContain(`${IDS.vpcLink1}|${IDS.cen1}|${IDS.cenOwnerUid}`);
      expect(fs.readdirSync(dir)).toEqual(["state.json"]);
    } finally {
      await emu.stop();
    }
  });

  it("GIVEN DropAfterEffect WHEN the connection dies after the grant THEN the state file holds the grant", async () => {
    const emu = await startEmulator({ stateFile, faults: { rules: [{ kind: "DropAfterEffect", count: 1 }] } });
    try {
      await expect(call(pop(emu.url, VPC), "GrantInstanceToCen", grant)).rejects.toThrow();
      expect(fs.readFileSync(stateFile, "utf8")).toContain(`${IDS.vpcLink1}|${IDS.cen1}|${IDS.cenOwnerUid}`);
    } finally {
      await emu.stop();
    }
  });

  it("GIVEN an existing state file WHEN starting with a seed THEN the file wins; a reset writes the seed's world to the file", async () => {
    const first = await startEmulator({ stateFile });
    await call(pop(first.url, VPC), "GrantInstanceToCen", grant);
    await first.stop();
    const second = await startEmulator({ stateFile, seed: { accounts: [] } });
    try {
      const world = await second.admin.world();
      expect(world.accounts).toHaveLength(3);
      await second.admin.reset();
      const reset = await second.admin.world();
      expect(reset.accounts).toHaveLength(0);
      expect(JSON.parse(fs.readFileSync(stateFile, "utf8")).world.accounts).toEqual([]);
    } finally {
      await second.stop();
    }
  });

  it("GIVEN the default world WHEN the agent registers with the default code after a restart THEN it still works", async () => {
    const first = await startEmulator({ stateFile });
    await first.stop();
    const second = await startEmulator({ stateFile });
    try {
      const registered = await second.admin.registerAgent({
        regionId: "cn-hangzhou",
        activationId: IDS.activation,
        activationCode: DEFAULT_ACTIVATION_CODE,
        hostname: "after-restart",
        intranetIp: "10.0.0.99",
      });
      expect(registered.instanceName).toBe("web-03");
    } finally {
      await second.stop();
    }
  });

  it("GIVEN a state file that can no longer be written WHEN a change is asked for THEN 500 InternalError, the world keeps nothing of it, nothing is counted, and a retry with the same token runs once the disk is back", async () => {
    const emu = await startEmulator({ stateFile });
    // A non-empty directory where the file was: the rename that completes every save fails (even for root).
    const breakDisk = () => {
      fs.rmSync(stateFile, { force: true });
      fs.mkdirSync(stateFile);
      fs.writeFileSync(path.join(stateFile, "blocker"), "");
    };
    const mendDisk = () => fs.rmSync(stateFile, { recursive: true, force: true });
    try {
      breakDisk();
      await expectFailure(call(pop(emu.url, VPC), "GrantInstanceToCen", grant), "InternalError", 500);
      const rules = () =>
        call<{ TotalCount: number }>(pop(emu.url, VPC), "DescribeGrantRulesToCen", {
          RegionId: "cn-hangzhou",
          InstanceId: IDS.vpcLink1,
          InstanceType: "VPC",
        });
      expect((await rules()).TotalCount).toBe(0);
      expect((await emu.admin.counters()).effects).toEqual({});
      const refused = await emu.admin.setClock({ offsetMs: 60_000 }).catch((error: unknown) => error);
      expect(refused instanceof AdminError ? [refused.status, refused.code] : refused).toEqual([500, "InternalError"]);
      expect(((await emu.admin.world()) as { clockOffsetMs: number }).clockOffsetMs).toBe(0);
      expect(fs.readdirSync(dir)).toEqual(["state.json"]);

      mendDisk();
      await call(pop(emu.url, VPC), "GrantInstanceToCen", grant);
      expect((await rules()).TotalCount).toBe(1);
      expect((await emu.admin.counters()).effects).toEqual({
        [`GrantInstanceToCen:${IDS.cen1}:${IDS.vpcLink1}:${IDS.cenOwnerUid}`]: 1,
      });
      expect(fs.readFileSync(stateFile, "utf8")).toContain(`${IDS.vpcLink1}|${IDS.cen1}|${IDS.cenOwnerUid}`);
    } finally {
      mendDisk();
      await emu.stop();
    }
  });

  it("GIVEN a state file written before each product kept its own store WHEN the emulator starts on it THEN every table, pending version, task and ClientToken is back", async () => {
    // Written by the emulator of the previous layout (one table set per account and region): a
    // grant and a link still invisible to Describe calls, a deregistration Describe calls do not
    // see yet, a running grant task, a completed ClientToken, a CEN of another account.
    fs.copyFileSync(path.join(__dirname, "fixtures", "state-before-product-stores.json"), stateFile);
    const key = { accessKeyId: "LTAI5tFixtureMain000001", accessKeySecret: "fixture-secret" };
    const grantParams = {
      RegionId: "cn-hangzhou",
      InstanceId: "vpc-fixture0000000001",
      InstanceType: "VPC",
      CenId: "cen-fixtureowner01",
      CenOwnerId: IDS.cenOwnerUid,
    };
    const emu = await startEmulator({ stateFile });
    try {
      const world = await emu.admin.world();
      const [main, owner] = world.accounts;
      const tables = main?.regions["cn-hangzhou"] ?? {};
      const counts = Object.fromEntries(
        Object.entries(tables).map(([name, rows]: [string, unknown]) => [
          name,
          Array.isArray(rows) ? rows.length : Object.keys(rows as object),
        ]),
      );
      expect(counts).toEqual({
        vpcs: 1,
        vbrs: 1,
        ccns: 1,
        grants: 1,
        tasks: ["vpc-fixture0000000001"],
        ecsInstances: 1,
        classicLinks: 1,
        activations: 1,
        managedInstances: 0,
      });
      expect(owner?.cens.map((cen) => cen.cenId)).toEqual(["cen-fixtureowner01"]);

      const vpc = pop(emu.url, VPC, key);
      const ecs = pop(emu.url, ECS, key);
      const describe = { RegionId: "cn-hangzhou", InstanceId: "vpc-fixture0000000001", InstanceType: "VPC" };
      expect((await call<{ TotalCount: number }>(vpc, "DescribeGrantRulesToCen", describe)).TotalCount).toBe(0);
      const managed = await call<{ TotalCount: number }>(ecs, "DescribeManagedInstances", { RegionId: "cn-hangzhou" });
      expect(managed.TotalCount).toBe(1);
      await call(vpc, "GrantInstanceToCen", { ...grantParams, ClientToken: "fixture-token" });
      await expectFailure(call(vpc, "GrantInstanceToCen", grantParams), "TaskConflict", 400);
    } finally {
      await emu.stop();
    }
  });
});
