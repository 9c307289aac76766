// Every example in examples/ end to end through the real engine against the emulator, and the
// demo (`npm run demo`) on the same path as a user runs it.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_ACTIVATION_CODE } from "../../emulator/index";
import { classicMigration } from "../../examples/classic-migration/program";
import { crossAccountCen } from "../../examples/cross-account-cen/program";
import { hybridServers } from "../../examples/hybrid-servers/program";
import { quickstart } from "../../examples/quickstart/program";
import { CEN_OWNER, type Cloud, effects, emulatedStack, MAIN, OTHER, startCloud, WORLD } from "./cloud";

const REGION = { "alicloud:region": { value: "cn-hangzhou" } };

/** The managed instances `account` sees in cn-hangzhou. */
async function managedNames(cloud: Cloud): Promise<Record<string, string>> {
  const answer = await cloud.call<{ Instances: { Hostname: string; InstanceName: string }[] }>(
    MAIN,
    "ecs",
    "DescribeManagedInstances",
    { MaxResults: 50 },
  );
  return Object.fromEntries(answer.Instances.map((i) => [i.Hostname, i.InstanceName]));
}

describe("examples", () => {
  let cloud: Cloud;

  beforeAll(async () => {
    cloud = await startCloud();
  });
  afterAll(async () => {
    await cloud?.close();
  });

  it("GIVEN quickstart WHEN up and destroy THEN a grant, a link and an adopted, renamed server come and go", async () => {
    const test = await emulatedStack(cloud, async () => quickstart(), { projectName: "quickstart" });
    try {
      const up = await test.stack.up();
      expect(up.summary.resourceChanges).toEqual({ create: 4 });
      expect(up.outputs.grantId?.value).toBe(`${WORLD.cen}:${WORLD.vpcLinked}:${CEN_OWNER.uid}`);
      expect(up.outputs.classicLinkId?.value).toBe(`${WORLD.classic1}:${WORLD.vpcLinked}`);
      expect(up.outputs.managedInstanceName?.value).toBe("build-server-01");
      expect((await managedNames(cloud))["web-01"]).toBe("build-server-01");
      expect((await test.stack.preview()).changeSummary).toEqual({ same: 4 });
      expect((await test.stack.destroy()).summary.resourceChanges).toEqual({ delete: 4 });
      expect(await managedNames(cloud)).toEqual({ "web-02": "web-002" });
    } finally {
      await test.dispose();
    }
  });

  it("GIVEN cross-account-cen WHEN up THEN each account grants its own VPC with its own profile, and the hub attaches both", async () => {
    // No stack credentials at all: each resource signs with its own profile from ~/.aliyun/config.json.
    const test = await emulatedStack(cloud, async () => crossAccountCen(), {
      projectName: "cross-account-cen",
      config: REGION,
    });
    try {
      const up = await test.stack.up();
      expect(up.summary.resourceChanges).toEqual({ create: 5 });
      expect(up.outputs.grants?.value).toEqual([
        `${WORLD.cen}:${WORLD.vpcLinked}:${CEN_OWNER.uid}`,
        `${WORLD.cen}:${WORLD.otherVpc}:${CEN_OWNER.uid}`,
      ]);
      expect(up.outputs.attachments?.value).toEqual([
        `${WORLD.cen}:${WORLD.vpcLinked}`,
        `${WORLD.cen}:${WORLD.otherVpc}`,
      ]);
      expect(await effects(cloud, `GrantInstanceToCen:${WORLD.cen}:${WORLD.otherVpc}:${CEN_OWNER.uid}`)).toBe(1);
      expect(await effects(cloud, `AttachCenChildInstance:${WORLD.cen}:${WORLD.otherVpc}`)).toBe(1);
      // Each grant lives in its owner's account: main cannot see the other account's VPC at all.
      const mainView = cloud.call(MAIN, "vpc", "DescribeGrantRulesToCen", {
        InstanceId: WORLD.otherVpc,
        InstanceType: "VPC",
      });
      await expect(mainView).rejects.toMatchObject({ code: "InvalidInstanceId.NotFound" });
      const otherView = await cloud.call<{ TotalCount: number }>(OTHER, "vpc", "DescribeGrantRulesToCen", {
        InstanceId: WORLD.otherVpc,
        InstanceType: "VPC",
      });
      expect(otherView.TotalCount).toBe(1);
      expect((await test.stack.preview()).changeSummary).toEqual({ same: 5 });
      expect((await test.stack.destroy()).summary.resourceChanges).toEqual({ delete: 5 });
      expect(await effects(cloud, `DetachCenChildInstance:${WORLD.cen}:${WORLD.otherVpc}`)).toBe(1);
    } finally {
      await test.dispose();
    }
  });

  it("GIVEN hybrid-servers WHEN the agents register during up THEN both are adopted and named; destroy deregisters, then deletes the activation", async () => {
    const registered: string[] = [];
    const test = await emulatedStack(
      cloud,
      async () => {
        const { activation, outputs } = hybridServers();
        // Plays the Cloud Assistant agent on each server: once the code exists, they register with it.
        const agents = pulumi.all([activation.activationId, activation.activationCode]).apply(async ([id, code]) => {
          // Each server registers once; later runs of this program (a preview) find them registered.
          if (registered.length > 0) return;
          for (const [i, hostname] of ["db-01", "db-02"].entries()) {
            const answer = await cloud.admin.registerAgent({
              regionId: "cn-hangzhou",
              activationId: id,
              activationCode: code,
              hostname,
              intranetIp: `10.1.0.${i + 1}`,
            });
            registered.push(answer.instanceId);
          }
        });
        return { ...outputs, agents };
      },
      { projectName: "hybrid-servers" },
    );
    try {
      const up = await test.stack.up();
      expect(up.summary.resourceChanges).toEqual({ create: 4 });
      expect(up.outputs.activationCode?.secret).toBe(true);
      expect(up.outputs.managedInstances?.value).toEqual(registered);
      const names = await managedNames(cloud);
      expect(names["db-01"]).toBe("hybrid-db-primary");
      expect(names["db-02"]).toBe("hybrid-db-replica");
      expect((await test.stack.preview()).changeSummary).toEqual({ same: 4 });

      expect((await test.stack.destroy()).summary.resourceChanges).toEqual({ delete: 4 });
      for (const id of registered) expect(await effects(cloud, `DeregisterManagedInstance:${id}`)).toBe(1);
      const activationId = up.outputs.activationId?.value as string;
      expect(await effects(cloud, `DeleteActivation:${activationId}`)).toBe(1);
    } finally {
      await test.dispose();
    }
  });

  it("GIVEN classic-migration WHEN up and destroy THEN the three classic instances are linked, then unlinked", async () => {
    const test = await emulatedStack(cloud, async () => classicMigration(), { projectName: "classic-migration" });
    try {
      const up = await test.stack.up();
      expect(up.summary.resourceChanges).toEqual({ create: 4 });
      for (const instance of [WORLD.classic1, WORLD.classic2, WORLD.classic3]) {
        expect(await effects(cloud, `AttachClassicLinkVpc:${instance}:${WORLD.vpcLinked2}`)).toBe(1);
      }
      expect((await test.stack.preview()).changeSummary).toEqual({ same: 4 });
      expect((await test.stack.destroy()).summary.resourceChanges).toEqual({ delete: 4 });
      for (const instance of [WORLD.classic1, WORLD.classic2, WORLD.classic3]) {
        expect(await effects(cloud, `DetachClassicLinkVpc:${instance}:${WORLD.vpcLinked2}`)).toBe(1);
      }
    } finally {
      await test.dispose();
    }
  });
});

describe("npm run demo", () => {
  it("GIVEN a built checkout WHEN the demo runs THEN it narrates every step, exits 0 and leaves nothing behind", async () => {
    const workDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pad-demo-")), "demo");
    const demo = path.resolve(__dirname, "..", "..", "dist", "scripts", "demo.js");
    const { stdout } = await promisify(execFile)(process.execPath, [demo, "--work-dir", workDir], { timeout: 240_000 });
    for (const heading of [
      "[1/8] Start the emulator",
      "[3/8] Preview",
      "[4/8] Up",
      "[5/8] A change behind",
      "[7/8] Destroy",
      "[8/8] The world after",
    ]) {
      expect(stdout).toContain(heading);
    }
    expect(stdout).toContain("plan: 4 create");
    expect(stdout).toMatch(/refresh: .*1 delete/);
    expect(stdout).toContain("Demo complete");
    expect(fs.existsSync(workDir)).toBe(false);
    // The default activation code is the emulator's business; the demo never prints a secret.
    expect(stdout).not.toContain("emu-main-secret-0001");
    expect(stdout).not.toContain(DEFAULT_ACTIVATION_CODE);
  });
});
