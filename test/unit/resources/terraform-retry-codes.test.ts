// The codes Terraform's alicloud provider retries for the CEN resources (errors.go and the CEN
// grant and attachment resources), each injected by the emulator's faults, against the
// lifecycles: every one is retried and the operation completes, with its effect applied once.
import { beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_KEYS, type FaultKind } from "../../../emulator/index";
import { makeSettings, type Settings } from "../../../provider/client/settings";
import { lifecycle } from "../../../provider/framework/lifecycle";
import { cenChildInstanceAttachment } from "../../../provider/lifecycles/cen-child-instance-attachment";
import { cenGrantRevocation } from "../../../provider/lifecycles/cen-grant-revocation";
import { mainAccountEnv, useEmulator } from "../emulated";

const emulator = useEmulator();
const logged: string[] = [];

function settings(keys: { accessKeyId: string; accessKeySecret: string } = DEFAULT_KEYS.main): Settings {
  return makeSettings(
    undefined,
    {
      ...mainAccountEnv(emulator.url),
      ALIBABA_CLOUD_ACCESS_KEY_ID: keys.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: keys.accessKeySecret,
      ALICLOUD_DYNAMIC_RETRY_BASE_DELAY_MS: "5",
      ALICLOUD_DYNAMIC_RETRY_MAX_DELAY_MS: "20",
      ALICLOUD_DYNAMIC_RETRY_DEADLINE_MS: "5000",
      ALICLOUD_DYNAMIC_POLL_INTERVAL_MS: "20",
      ALICLOUD_DYNAMIC_VISIBILITY_TIMEOUT_MS: "2000",
    },
    (line) => logged.push(line),
  );
}

const grant = {
  cenId: "cen-emuowner0000000001",
  cenOwnerId: "9300000000000007",
  instanceId: "vpc-bp1emumainlink0000001",
  instanceType: "VPC" as const,
  regionId: "cn-hangzhou",
};
const grantKey = `${grant.cenId}:${grant.instanceId}:${grant.cenOwnerId}`;
const attachment = {
  cenId: grant.cenId,
  childInstanceId: grant.instanceId,
  childInstanceType: "VPC" as const,
  childInstanceOwnerId: "1234567890123456",
  regionId: "cn-hangzhou",
};
const attachmentKey = `${grant.cenId}:${grant.instanceId}`;

beforeEach(() => {
  logged.length = 0;
});

// Retried for every action by their pattern (provider/client/errors.ts).
const GENERAL: FaultKind[] = [
  "Rejected.Throttling",
  "Operation.Blocking",
  "UnknownError",
  "IncorrectStatus.VpcSwitch",
  "IncorrectStatus.VpcRouteTable",
];

describe.each(GENERAL)("%s", (kind) => {
  it(`GIVEN ${kind} on GrantInstanceToCen and RevokeInstanceFromCen WHEN a grant is created and deleted THEN each call is retried and applied once`, async () => {
    await emulator.admin.setFaults({
      rules: [
        { kind, action: "GrantInstanceToCen", count: 1 },
        { kind, action: "RevokeInstanceFromCen", count: 1 },
      ],
    });
    const handlers = lifecycle(cenGrantRevocation, settings());
    await handlers.create(grant);
    await handlers.delete(grantKey, { ...grant, creationTime: "", adopted: false });
    expect(await emulator.effects(`GrantInstanceToCen:${grantKey}`)).toBe(1);
    expect(await emulator.effects(`RevokeInstanceFromCen:${grantKey}`)).toBe(1);
    expect((await emulator.admin.counters()).faults[kind]).toBe(2);
    expect(logged.some((line) => line.includes(`GrantInstanceToCen: ${kind}; retrying`))).toBe(true);
  });
});

describe("the attachment's own codes", () => {
  it("GIVEN Operation.FailedAndTryAgain on attach and InstanceStatus.NotSupport on detach WHEN attached and detached THEN both are retried and applied once", async () => {
    await lifecycle(cenGrantRevocation, settings()).create(grant);
    await emulator.admin.setFaults({
      rules: [
        { kind: "Operation.FailedAndTryAgain", action: "AttachCenChildInstance", count: 1 },
        { kind: "InstanceStatus.NotSupport", action: "DetachCenChildInstance", count: 1 },
      ],
    });
    const hub = lifecycle(cenChildInstanceAttachment, settings(DEFAULT_KEYS.cenOwner));
    const { outs } = await hub.create(attachment);
    if (!outs) throw new Error("create returned no outputs");
    expect(outs.status).toBe("Attached");
    await hub.delete(attachmentKey, outs);
    expect(await emulator.effects(`AttachCenChildInstance:${attachmentKey}`)).toBe(1);
    expect(await emulator.effects(`DetachCenChildInstance:${attachmentKey}`)).toBe(1);
    expect((await emulator.admin.counters()).faults).toEqual({
      "Operation.FailedAndTryAgain": 1,
      "InstanceStatus.NotSupport": 1,
    });
  });
});
