// How long an operation's calls are retried: the resource's customTimeouts when given (shorter or
// longer than anything else), else the stack's retry deadline when it set one, else the resource's
// own default (Terraform's timeouts: a grant's create is retried for 3 minutes), never less than
// the built-in retry deadline. Against the emulator, with throttling that outlasts the deadline.
import { describe, expect, it } from "vitest";
import { makeSettings, type Settings } from "../../../provider/client/settings";
import { TIMEOUTS_KEY } from "../../../provider/framework/common-fields";
import { lifecycle } from "../../../provider/framework/lifecycle";
import { cenGrantRevocation } from "../../../provider/lifecycles/cen-grant-revocation";
import { classicLinkAttachment } from "../../../provider/lifecycles/classic-link-attachment";
import { mainAccountEnv, useEmulator } from "../emulated";

const emulator = useEmulator();

/** Settings whose retry deadline is 300 ms; `stackSet` says whether the stack chose it. */
function settings(stackSet: boolean): Settings {
  const made = makeSettings(undefined, {
    ...mainAccountEnv(emulator.url),
    ALICLOUD_DYNAMIC_RETRY_BASE_DELAY_MS: "10",
    ALICLOUD_DYNAMIC_RETRY_MAX_DELAY_MS: "20",
    ALICLOUD_DYNAMIC_RETRY_DEADLINE_MS: "300",
    ALICLOUD_DYNAMIC_POLL_INTERVAL_MS: "20",
  });
  return { ...made, retryDeadlineSet: stackSet };
}

const grant = {
  cenId: "cen-emuowner0000000001",
  cenOwnerId: "9300000000000007",
  instanceId: "vpc-bp1emumainlink0000001",
  instanceType: "VPC" as const,
  regionId: "cn-hangzhou",
};
const grantKey = `GrantInstanceToCen:${grant.cenId}:${grant.instanceId}:${grant.cenOwnerId}`;

/** Throttling on the grant for longer than the 300 ms retry deadline (60 answers, 10 to 20 ms apart). */
const throttleGrants = () =>
  emulator.admin.setFaults({ rules: [{ kind: "Throttling", action: "GrantInstanceToCen", count: 60 }] });

describe("retry windows", () => {
  it("GIVEN no customTimeouts and no stack retry deadline WHEN the grant is throttled past 300 ms THEN Terraform's 3 minutes apply and it is granted once", async () => {
    await throttleGrants();
    await lifecycle(cenGrantRevocation, settings(false)).create(grant);
    expect(await emulator.effects(grantKey)).toBe(1);
  });

  it("GIVEN the stack set its retry deadline (300 ms) WHEN throttled past it THEN the create gives up, naming the attempts", async () => {
    await throttleGrants();
    await expect(lifecycle(cenGrantRevocation, settings(true)).create(grant)).rejects.toThrow(
      /Gave up after \d+ attempts/,
    );
    expect(await emulator.effects(grantKey)).toBe(0);
  });

  it("GIVEN customTimeouts { create: 30s } longer than the stack's retry deadline WHEN throttled past it THEN the create goes on retrying and succeeds", async () => {
    await throttleGrants();
    await lifecycle(cenGrantRevocation, settings(true)).create({ ...grant, [TIMEOUTS_KEY]: { create: "30s" } });
    expect(await emulator.effects(grantKey)).toBe(1);
  });

  it("GIVEN a resource without a default of its own WHEN throttled past the built-in deadline THEN it gives up at that deadline", async () => {
    await emulator.admin.setFaults({ rules: [{ kind: "Throttling", action: "AttachClassicLinkVpc", count: 60 }] });
    const link = { instanceId: "i-bp1emuclassic000001", vpcId: "vpc-bp1emumainlink0000001", regionId: "cn-hangzhou" };
    await expect(lifecycle(classicLinkAttachment, settings(false)).create(link)).rejects.toThrow(/Gave up/);
  });
});
