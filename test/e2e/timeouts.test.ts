// GIVEN Pulumi's `customTimeouts` on a resource, WHEN its create outlasts the timeout (Describe
// calls slow to show the change; no server registering with the activation), THEN `up` fails with
// an error that names the timeout to raise, and an object that was made is recorded, not left
// outside the state. Adding customTimeouts to a resource that exists is no change at all.
import { CenGrantRevocation, ManagedInstanceRegistration } from "pulumi-alicloud-dynamic";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TestStack } from "../../testing/index";
import { CEN_OWNER, type Cloud, effects, emulatedStack, failureOf, startCloud, WORLD } from "./cloud";

const GRANT = { cenId: WORLD.cen, cenOwnerId: CEN_OWNER.uid, instanceId: WORLD.vpcLinked };
const KEY = `${WORLD.cen}:${WORLD.vpcLinked}:${CEN_OWNER.uid}`;

describe("customTimeouts bound what the provider waits for", () => {
  let cloud: Cloud;
  let test: TestStack;
  let declare: () => void = () => {};

  beforeAll(async () => {
    cloud = await startCloud();
    test = await emulatedStack(cloud, async () => declare());
  });
  afterEach(async () => {
    declare = () => {};
    await test.stack.up();
    await cloud.admin.reset();
  });
  afterAll(async () => {
    await test?.dispose();
    await cloud?.close();
  });

  it('GIVEN Describe calls 6 s behind and customTimeouts {create: "2s"} WHEN up THEN it fails naming customTimeouts.create, and the grant is recorded; the next up completes', async () => {
    await cloud.admin.setConsistency({ delayMs: 6000 });
    declare = () => {
      new CenGrantRevocation("grant", GRANT, { customTimeouts: { create: "2s" } });
    };
    const started = Date.now();
    const failure = await failureOf(test.stack.up());
    const tookMs = Date.now() - started;
    expect(failure).toContain("The create timeout (customTimeouts.create = 2s) ran out waiting for");
    expect(failure).toContain("Raise customTimeouts.create on the resource if it needs longer.");
    expect(failure).toContain("It was made, and is recorded.");
    expect(await effects(cloud, `GrantInstanceToCen:${KEY}`)).toBe(1);
    // Recorded, with the failure kept: the engine retries it on the next up, which finds it.
    const recorded = (await test.resources()).filter((r) => r.type.endsWith("alicloud:CenGrantRevocation"));
    expect(recorded.map((r) => r.id)).toEqual([KEY]);
    // The whole up, engine start included; the wait itself is bounded by the 2 s, not the 30 s visibility timeout.
    expect(tookMs).toBeLessThan(20_000);

    await cloud.admin.setConsistency({ delayMs: 0 });
    const next = await test.stack.up();
    expect(next.summary.result).toBe("succeeded");
    expect(await effects(cloud, `GrantInstanceToCen:${KEY}`)).toBe(1);
  });

  it('GIVEN no server registering with the activation and customTimeouts {create: "2s"} WHEN up THEN it fails naming customTimeouts.create before waitTimeoutSeconds, and nothing is recorded', async () => {
    declare = () => {
      new ManagedInstanceRegistration(
        "server",
        { activationId: WORLD.activation, match: { hostname: "never-registers" }, waitTimeoutSeconds: 600 },
        { customTimeouts: { create: "2s" } },
      );
    };
    const failure = await failureOf(test.stack.up());
    expect(failure).toContain("The create timeout (customTimeouts.create = 2s) ran out waiting for a server with");
    expect(failure).toContain("Raise customTimeouts.create on the resource if it needs longer.");
    expect((await test.resources()).filter((r) => r.type.endsWith("alicloud:ManagedInstanceRegistration"))).toEqual([]);
  });

  it("GIVEN a grant made without customTimeouts WHEN customTimeouts are added THEN preview shows no change and up makes no API call", async () => {
    declare = () => {
      new CenGrantRevocation("grant", GRANT);
    };
    await test.stack.up();
    declare = () => {
      new CenGrantRevocation("grant", GRANT, { customTimeouts: { create: "5m", update: "5m", delete: "10m" } });
    };
    const preview = await test.stack.preview();
    expect(preview.changeSummary).toEqual({ same: 2 });
    const before = await cloud.requestCount();
    const up = await test.stack.up();
    expect(up.summary.resourceChanges).toEqual({ same: 2 });
    expect((await cloud.requestCount()) - before).toBe(0);
  });
});
