// CenChildInstanceAttachment's provider methods called directly, without the engine: check and
// diff on their own, create / read / delete against the emulator over HTTP, acting as the hub
// (the account that owns the CEN instances) on main's VPC.
import RPCClient from "@alicloud/pop-core";
import { beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_KEYS } from "../../../emulator/index";
import { makeSettings, type Settings } from "../../../provider/client/settings";
import { UNKNOWN } from "../../../provider/framework/check";
import { lifecycle } from "../../../provider/framework/lifecycle";
import type { Inputs, Outputs } from "../../../provider/framework/resource-spec";
import { attachmentId, cenChildInstanceAttachment } from "../../../provider/lifecycles/cen-child-instance-attachment";
import type { CEN_ATTACHMENT_FIELDS } from "../../../provider/resources/cen-child-instance-attachment";
import { mainAccountEnv, useEmulator } from "../emulated";

type AttachmentInputs = Inputs<typeof CEN_ATTACHMENT_FIELDS>;
type AttachmentOutputs = Outputs<typeof CEN_ATTACHMENT_FIELDS>;

const MAIN_UID = "1234567890123456";
const HUB_UID = "9300000000000007";
const CEN = "cen-emuowner0000000001";
const VPC = "vpc-bp1emumainlink0000001";

const emulator = useEmulator();
const logged: string[] = [];
beforeEach(() => {
  logged.length = 0;
});

/** The hub's credentials (it owns the CEN instances), quick retries and polls. */
function hubSettings(env: Record<string, string> = {}): Settings {
  return makeSettings(
    undefined,
    {
      ...mainAccountEnv(emulator.url),
      ALIBABA_CLOUD_ACCESS_KEY_ID: DEFAULT_KEYS.cenOwner.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEFAULT_KEYS.cenOwner.accessKeySecret,
      ALICLOUD_DYNAMIC_RETRY_BASE_DELAY_MS: "5",
      ALICLOUD_DYNAMIC_RETRY_MAX_DELAY_MS: "20",
      ALICLOUD_DYNAMIC_RETRY_DEADLINE_MS: "1500",
      ALICLOUD_DYNAMIC_POLL_INTERVAL_MS: "20",
      ALICLOUD_DYNAMIC_VISIBILITY_TIMEOUT_MS: "2000",
      ALICLOUD_DYNAMIC_GRANT_WAIT_MS: "300",
      ...env,
    },
    (line) => logged.push(line),
  );
}
const handlersAsHub = (env?: Record<string, string>) => lifecycle(cenChildInstanceAttachment, hubSettings(env));

/** main grants its VPC to the hub's CEN instance, as a CenGrantRevocation in main's stack would. */
async function mainGrants(vpcId = VPC): Promise<void> {
  const client = new RPCClient({
    endpoint: emulator.url,
    apiVersion: "2016-04-28",
    accessKeyId: DEFAULT_KEYS.main.accessKeyId,
    accessKeySecret: DEFAULT_KEYS.main.accessKeySecret,
  });
  await client.request(
    "GrantInstanceToCen",
    { RegionId: "cn-hangzhou", CenId: CEN, CenOwnerId: HUB_UID, InstanceId: vpcId, InstanceType: "VPC" },
    { method: "POST" },
  );
}

const inputs: AttachmentInputs = {
  cenId: CEN,
  childInstanceId: VPC,
  childInstanceType: "VPC",
  childInstanceOwnerId: MAIN_UID,
  regionId: "cn-hangzhou",
};
const id = `${CEN}:${VPC}`;

describe("CenChildInstanceAttachment check and diff", () => {
  const handlers = lifecycle(
    cenChildInstanceAttachment,
    makeSettings({ get: (k) => (k === "alicloud:region" ? "cn-hangzhou" : undefined) }, {}),
  );
  const valid = { cenId: CEN, childInstanceId: VPC };

  it("GIVEN the minimum inputs WHEN checked THEN the type is inferred from the id and the region comes from config", async () => {
    const result = await handlers.check({}, valid);
    expect(result.failures).toBeUndefined();
    expect(result.inputs).toEqual({ ...valid, childInstanceType: "VPC", regionId: "cn-hangzhou" });
  });

  it("GIVEN wrong values WHEN checked THEN each failure names its property", async () => {
    const result = await handlers.check(
      {},
      { cenId: "my-cen", childInstanceId: "sg-123", childInstanceType: "VPN", childInstanceOwnerId: "12ab" },
    );
    const byProperty = Object.fromEntries((result.failures ?? []).map((f) => [f.property, f.reason]));
    expect(Object.keys(byProperty).sort()).toEqual([
      "cenId",
      "childInstanceId",
      "childInstanceOwnerId",
      "childInstanceType",
    ]);
    expect(byProperty.childInstanceId).toContain("a VPC, VBR or CCN ID");
  });

  it("GIVEN a childInstanceType that contradicts the id WHEN checked THEN it fails saying what the id is", async () => {
    const result = await handlers.check({}, { ...valid, childInstanceType: "VBR" });
    expect(result.failures).toEqual([
      { property: "childInstanceType", reason: expect.stringContaining("which is a VPC") },
    ]);
  });

  it("GIVEN values unknown during preview WHEN checked THEN they pass untouched", async () => {
    const result = await handlers.check({}, { ...valid, childInstanceId: UNKNOWN, childInstanceOwnerId: UNKNOWN });
    expect(result.failures).toBeUndefined();
    expect(result.inputs).toMatchObject({ childInstanceId: UNKNOWN, childInstanceOwnerId: UNKNOWN });
  });

  it("GIVEN another CEN for the same VPC WHEN diffed THEN it replaces detaching first; another VPC attaches first", async () => {
    const olds: AttachmentOutputs = { ...inputs, status: "Attached", attachTime: "t", adopted: false };
    expect(await handlers.diff(id, olds, { ...inputs, cenId: "cen-emuowner0000000002" })).toEqual({
      changes: true,
      replaces: ["cenId"],
      deleteBeforeReplace: true,
    });
    const other = { ...inputs, childInstanceId: "vpc-bp1emumainlink0000002" };
    expect(await handlers.diff(id, olds, other)).toEqual({
      changes: true,
      replaces: ["childInstanceId"],
      deleteBeforeReplace: false,
    });
    expect(await handlers.diff(id, olds, { ...inputs, profile: "hub-account" })).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });
});

describe("CenChildInstanceAttachment handlers", () => {
  it("GIVEN main granted its VPC WHEN the hub creates, reads, deletes THEN attached once, read back, detached; a second delete succeeds", async () => {
    await mainGrants();
    const handlers = handlersAsHub();
    const created = await handlers.create(inputs);
    expect(attachmentId(inputs)).toBe(id);
    expect(created.id).toBe(id);
    expect(created.outs).toMatchObject({ ...inputs, status: "Attached", adopted: false });
    expect(created.outs?.attachTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\dZ$/);
    expect(await emulator.effects(`AttachCenChildInstance:${id}`)).toBe(1);

    const read = await handlers.read(id, created.outs!);
    expect(read).toMatchObject({ id, props: { status: "Attached", attachTime: created.outs?.attachTime } });
    expect(read.inputs).toBeUndefined();

    await handlers.delete(id, created.outs!);
    expect(await emulator.effects(`DetachCenChildInstance:${id}`)).toBe(1);
    expect(await handlers.read(id, created.outs!)).toEqual({});
    await expect(handlers.delete(id, created.outs!)).resolves.toBeUndefined();
    expect(await emulator.effects(`DetachCenChildInstance:${id}`)).toBe(1);
  });

  it("GIVEN no grant WHEN the hub creates THEN the grants it sees tell, once the grant's wait is over, that the owner must grant it first; no attach is even tried", async () => {
    const started = Date.now();
    // A long retry deadline, so that what ends the wait is shown to be the grant's bound.
    const refused = handlersAsHub({ ALICLOUD_DYNAMIC_RETRY_DEADLINE_MS: "20000" }).create(inputs);
    await expect(refused).rejects.toThrow(
      /VPC vpc-bp1emumainlink0000001 of account 1234567890123456 is not granted to cen-emuowner0000000001 \(it was not listed within 0.3s\): that account must grant it first/,
    );
    expect(await emulator.requests("AttachCenChildInstance")).toBe(0);
    expect(await emulator.requests("DescribeGrantRulesToCen")).toBeGreaterThan(1);
    // The grant's bounded wait (ALICLOUD_DYNAMIC_GRANT_WAIT_MS), not the whole retry deadline.
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("GIVEN a new grant that reaches CEN only after a while WHEN the hub creates at once THEN it waits for the grant and attaches, once", async () => {
    await emulator.admin.seed({ settings: { grantPropagationMs: 600 } });
    await mainGrants();
    const created = await handlersAsHub({ ALICLOUD_DYNAMIC_GRANT_WAIT_MS: "5000" }).create(inputs);
    expect(created.outs?.status).toBe("Attached");
    expect(await emulator.requests("DescribeGrantRulesToCen")).toBeGreaterThan(1);
    expect(await emulator.effects(`AttachCenChildInstance:${id}`)).toBe(1);
  });

  it("GIVEN the look at the grants is refused and the grant lags WHEN the hub creates THEN the attach's refusal is tried again until the grant arrives", async () => {
    await emulator.admin.seed({
      settings: { grantPropagationMs: 600 },
      accounts: [{ uid: HUB_UID, blockedActions: ["DescribeGrantRulesToCen"] }],
    });
    await mainGrants();
    const created = await handlersAsHub({ ALICLOUD_DYNAMIC_GRANT_WAIT_MS: "5000" }).create(inputs);
    expect(created.outs?.status).toBe("Attached");
    expect(await emulator.requests("AttachCenChildInstance")).toBeGreaterThan(1);
    expect(await emulator.effects(`AttachCenChildInstance:${id}`)).toBe(1);
  });

  it("GIVEN the look is refused and the grant never comes WHEN the hub creates THEN the attach's refusal names the missing grant once the grant's wait is over", async () => {
    await emulator.admin.seed({ accounts: [{ uid: HUB_UID, blockedActions: ["DescribeGrantRulesToCen"] }] });
    const started = Date.now();
    await expect(handlersAsHub({ ALICLOUD_DYNAMIC_RETRY_DEADLINE_MS: "20000" }).create(inputs)).rejects.toThrow(
      /is not granted to cen-emuowner0000000001 \(AttachCenChildInstance failed: Forbbiden.AttachChildInstanceAcrossUid.*\): that account must grant it first/,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("GIVEN attaching takes a minute of world time WHEN create's wait runs out THEN the attachment is recorded as Attaching; read later sees Attached", async () => {
    await mainGrants();
    await emulator.admin.seed({ settings: { taskDurationMs: 60_000 } });
    const handlers = handlersAsHub({ ALICLOUD_DYNAMIC_VISIBILITY_TIMEOUT_MS: "200" });
    const created = await handlers.create(inputs);
    expect(created.outs?.status).toBe("Attaching");
    expect(logged.some((line) => line.includes("to be ready") && line.includes("recorded anyway"))).toBe(true);
    await emulator.admin.setClock({ offsetMs: 61_000 });
    expect((await handlers.read(id, created.outs!)).props?.status).toBe("Attached");
  });

  it("GIVEN the VPC attached outside the stack WHEN create THEN it refuses, and adopts on request", async () => {
    await mainGrants();
    const handlers = handlersAsHub();
    await handlers.create(inputs);
    await expect(handlers.create(inputs)).rejects.toThrow(
      /already attached to cen-emuowner0000000001.*adoptExisting: true/,
    );
    expect((await handlers.create({ ...inputs, adoptExisting: true })).outs?.adopted).toBe(true);
    expect(await emulator.effects(`AttachCenChildInstance:${id}`)).toBe(1);
  });

  it("GIVEN a CEN instance of another account WHEN create THEN it is blocked saying the resource acts as the CEN's owner", async () => {
    const asMain = lifecycle(
      cenChildInstanceAttachment,
      makeSettings(undefined, { ...mainAccountEnv(emulator.url), ALICLOUD_DYNAMIC_RETRY_DEADLINE_MS: "1500" }),
    );
    const { childInstanceOwnerId: _own, ...own } = inputs;
    await expect(asMain.create(own)).rejects.toThrow(
      /CEN instance cen-emuowner0000000001 was not found for these credentials/,
    );
  });
});
