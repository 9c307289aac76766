// The team's tests of its own program (../index.ts), run by `npm test` with Node's own test runner.
// No Alibaba Cloud account, no network: a local cloud (the emulator, with its default world) is
// started for the suite, and the program runs against it through the real Pulumi engine.
import assert from "node:assert/strict";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { createTestStack, DEFAULT_ACCOUNTS, DEFAULT_WORLD, startLocalCloud } from "pulumi-alicloud-dynamic/testing";

const PROJECT = path.resolve(import.meta.dirname, "..");

describe("the network-and-servers program", () => {
  let cloud;
  let stack;

  before(async () => {
    // With ALICLOUD_EMULATOR_URL set (an emulator run as a CI service), the kit attaches to it;
    // otherwise it starts one, as `alicloud-emulator` runs ("in-process" is a little faster).
    cloud = await startLocalCloud(process.env.ALICLOUD_EMULATOR_URL ? {} : { mode: "child-process" });
    stack = await createTestStack({
      cloud,
      workDir: PROJECT,
      account: DEFAULT_ACCOUNTS.main,
      config: {
        hubCenId: DEFAULT_WORLD.cenId,
        hubAccountId: DEFAULT_ACCOUNTS.cenOwner.uid,
        vpcId: DEFAULT_WORLD.vpcId,
        activationId: DEFAULT_WORLD.activationId,
        databaseHostname: "db-01",
        registrationWaitSeconds: "120",
      },
    });
  });

  after(async () => {
    await stack?.dispose();
    await cloud?.stop();
  });

  it("GIVEN a throttled API and a server whose agent registers late WHEN up THEN one grant is made and the server is adopted and named", async () => {
    // The first two grant calls are throttled: the program must retry, not fail or grant twice.
    await cloud.setFaults([{ kind: "Throttling", count: 2, action: "GrantInstanceToCen" }]);
    const up = stack.up();
    // The server's agent registers only once `up` is waiting for it.
    await cloud.waitFor(async () => (await cloud.requestCount("DescribeManagedInstances")) > 0, 120_000);
    await cloud.registerServer({ hostname: "db-01", intranetIp: "10.0.0.21" });
    const result = await up;

    assert.equal(result.summary.result, "succeeded");
    const grants = await cloud.grants();
    assert.deepEqual(
      grants.map((g) => [g.ownerUid, g.instanceId, g.cenId, g.cenOwnerId]),
      [[DEFAULT_ACCOUNTS.main.uid, DEFAULT_WORLD.vpcId, DEFAULT_WORLD.cenId, DEFAULT_ACCOUNTS.cenOwner.uid]],
    );
    const counters = await cloud.counters();
    assert.equal(counters.faults.Throttling, 2);
    // Applied exactly once, whatever the retries.
    const grantKey = `GrantInstanceToCen:${DEFAULT_WORLD.cenId}:${DEFAULT_WORLD.vpcId}:${DEFAULT_ACCOUNTS.cenOwner.uid}`;
    assert.equal(counters.effects[grantKey], 1);

    const database = (await cloud.managedInstances()).find((m) => m.hostname === "db-01");
    assert.equal(database?.instanceName, "db-primary");
    const outputs = await stack.outputs();
    assert.equal(outputs.databaseInstanceId, database?.instanceId);
    assert.equal(outputs.grantId, `${DEFAULT_WORLD.cenId}:${DEFAULT_WORLD.vpcId}:${DEFAULT_ACCOUNTS.cenOwner.uid}`);
  });

  it("GIVEN the deployed stack WHEN previewed and refreshed THEN nothing would change", async () => {
    await cloud.clearFaults();
    const preview = await stack.preview();
    assert.deepEqual(Object.keys(preview.changeSummary).sort(), ["same"]);
    const refresh = await stack.refresh();
    assert.equal(refresh.summary.result, "succeeded");
    assert.equal((await cloud.grants()).length, 1);
  });

  it("GIVEN the stack WHEN destroyed THEN the grant is revoked and the server deregistered", async () => {
    await stack.destroy();
    assert.deepEqual(await cloud.grants(), []);
    const left = (await cloud.managedInstances()).map((m) => m.hostname);
    assert.ok(!left.includes("db-01"), `db-01 is still registered: ${left.join(", ")}`);
  });
});
