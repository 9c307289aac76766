// Creates cut off at the worst moment, against the emulator: every answer lost, an object made by
// a run that died before the engine recorded it, an adopted object that its other owner removed.
// Nothing may end outside the state that the documented recovery cannot bring back, and nothing
// may be made twice.
import { beforeEach, describe, expect, it } from "vitest";
import { GrantInstanceToCen } from "../../../api/vpc";
import { callAction } from "../../../provider/client/rpc";
import { makeSettings, type Settings } from "../../../provider/client/settings";
import { OWNER_TAG } from "../../../provider/framework/holdings";
import { lifecycle } from "../../../provider/framework/lifecycle";
import { RECOVER_ENV } from "../../../provider/framework/resource-spec";
import { cenGrantRevocation } from "../../../provider/lifecycles/cen-grant-revocation";
import { classicLinkAttachment } from "../../../provider/lifecycles/classic-link-attachment";
import { managedInstanceActivation } from "../../../provider/lifecycles/managed-instance-activation";
import { mainAccountEnv, useEmulator } from "../emulated";

const emulator = useEmulator();
const logged: string[] = [];

function settings(env: Record<string, string> = {}): Settings {
  return makeSettings(
    undefined,
    {
      ...mainAccountEnv(emulator.url),
      ALICLOUD_DYNAMIC_RETRY_BASE_DELAY_MS: "5",
      ALICLOUD_DYNAMIC_RETRY_MAX_DELAY_MS: "20",
      ALICLOUD_DYNAMIC_RETRY_DEADLINE_MS: "400",
      ALICLOUD_DYNAMIC_POLL_INTERVAL_MS: "20",
      ALICLOUD_DYNAMIC_VISIBILITY_TIMEOUT_MS: "2000",
      ...env,
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
const link = { instanceId: "i-bp1emuclassic000001", vpcId: "vpc-bp1emumainlink0000001", regionId: "cn-hangzhou" };
const URN = "urn:pulumi:dev::shop::pulumi-nodejs:dynamic/alicloud:ManagedInstanceActivation::datacenter";

/** The activations main has in cn-hangzhou, with their tags. */
async function activations(): Promise<{ id: string; tags: Record<string, string> }[]> {
  const world = (await emulator.admin.world()) as unknown as {
    accounts: {
      uid: string;
      regions: Record<string, { activations?: { activationId: string; tags: { key: string; value: string }[] }[] }>;
    }[];
  };
  const main = world.accounts.find((account) => account.regions["cn-hangzhou"]?.activations);
  return (main?.regions["cn-hangzhou"]?.activations ?? []).map((a) => ({
    id: a.activationId,
    tags: Object.fromEntries(a.tags.map((t) => [t.key, t.value])),
  }));
}

beforeEach(() => {
  logged.length = 0;
});

describe("every answer of a create lost", () => {
  it("GIVEN GrantInstanceToCen applied but never answered WHEN create gives up THEN it looks once more and records the grant, made once", async () => {
    await emulator.admin.setFaults({ rules: [{ kind: "DropAfterEffect", action: "GrantInstanceToCen", rate: 1 }] });
    const created = await lifecycle(cenGrantRevocation, settings()).create(grant);
    expect(created).toMatchObject({ id: grantKey, outs: { adopted: false } });
    expect(await emulator.effects(`GrantInstanceToCen:${grantKey}`)).toBe(1);
  });

  it("GIVEN AttachClassicLinkVpc applied but never answered WHEN create runs THEN the look before each retry finds the link: linked once", async () => {
    await emulator.admin.setFaults({ rules: [{ kind: "DropAfterEffect", action: "AttachClassicLinkVpc", rate: 1 }] });
    const created = await lifecycle(classicLinkAttachment, settings()).create(link);
    expect(created.id).toBe(`${link.instanceId}:${link.vpcId}`);
    expect(await emulator.effects(`AttachClassicLinkVpc:${link.instanceId}:${link.vpcId}`)).toBe(1);
  });

  it("GIVEN CreateActivation applied but never answered WHEN create gives up THEN the activation nobody has the code of is deleted; the next create makes one", async () => {
    await emulator.admin.setFaults({ rules: [{ kind: "DropAfterEffect", action: "CreateActivation", rate: 1 }] });
    const handlers = lifecycle(managedInstanceActivation, settings());
    const inputs = { regionId: "cn-hangzhou", __urn: URN };
    await expect(handlers.create(inputs)).rejects.toThrow(
      /its code is known to nobody, so what it made was looked for by this resource.s owner tag and deleted/,
    );
    const before = (await emulator.admin.counters()).effects;
    expect(Object.keys(before).filter((key) => key.startsWith("CreateActivation:"))).toHaveLength(1);
    expect((await activations()).filter((a) => a.tags[OWNER_TAG])).toEqual([]);
    await emulator.admin.clearFaults();
    const created = await handlers.create(inputs);
    expect(created.outs?.activationCode).toMatch(/^a-/);
    expect((await activations()).map((a) => a.id)).toContain(created.id);
  });
});

describe("an object made by a run that was cut off", () => {
  it("GIVEN a grant the stack made but never recorded WHEN up runs again THEN it is refused with its id and the recovery command; with it set, recorded as the stack's own", async () => {
    await lifecycle(cenGrantRevocation, settings()).create(grant);
    const failure = await lifecycle(cenGrantRevocation, settings())
      .create(grant)
      .catch((error: Error) => error.message);
    expect(failure).toContain(`(id ${grantKey})`);
    expect(failure).toContain(`${RECOVER_ENV}=true pulumi up --yes`);
    const recovered = await lifecycle(cenGrantRevocation, settings({ [RECOVER_ENV]: "true" })).create(grant);
    expect(recovered.outs).toMatchObject({ adopted: false });
    expect(await emulator.effects(`GrantInstanceToCen:${grantKey}`)).toBe(1);
  });

  it("GIVEN the recover variable and a grant made a moment ago, not yet shown by Describe WHEN create is refused as existing THEN the grant is recorded as the stack's own, not refused", async () => {
    // The cut-off run's last grant lands while the recovery runs: the look before the call misses
    // it, the call is refused as existing, and the look after it finds it.
    await emulator.admin.setConsistency({ delayMs: 300 });
    await callAction(settings(), { region: grant.regionId }, GrantInstanceToCen, {
      CenId: grant.cenId,
      CenOwnerId: grant.cenOwnerId,
      InstanceId: grant.instanceId,
      InstanceType: grant.instanceType,
    });
    const slowLooks = { [RECOVER_ENV]: "true", ALICLOUD_DYNAMIC_POLL_INTERVAL_MS: "200" };
    const recovered = await lifecycle(cenGrantRevocation, settings(slowLooks)).create(grant);
    expect(recovered).toMatchObject({ id: grantKey, outs: { adopted: false } });
    expect(await emulator.requests("GrantInstanceToCen")).toBe(2);
    expect(await emulator.effects(`GrantInstanceToCen:${grantKey}`)).toBe(1);
    expect(logged.some((line) => line.includes(`recorded as this stack's own (${RECOVER_ENV})`))).toBe(true);
  });

  it("GIVEN an activation this resource made in a run that was cut off WHEN the recovery update creates it again THEN the orphan is deleted, and another stack's is left alone", async () => {
    const handlers = lifecycle(managedInstanceActivation, settings());
    const orphan = await handlers.create({ regionId: "cn-hangzhou", __urn: URN });
    const theirs = await handlers.create({ regionId: "cn-hangzhou", __urn: `${URN}-of-another-stack` });
    const recovering = lifecycle(managedInstanceActivation, settings({ [RECOVER_ENV]: "true" }));
    const created = await recovering.create({ regionId: "cn-hangzhou", __urn: URN });
    const ids = (await activations()).map((a) => a.id);
    expect(ids).not.toContain(orphan.id);
    expect(ids).toContain(theirs.id);
    expect(ids).toContain(created.id);
    expect(logged.some((line) => line.includes(`Deleted ${orphan.id} (activation`))).toBe(true);
  });

  it("GIVEN an activation kept by retainOnDelete WHEN a plain create of the same name runs, or its CreateActivation answer is lost THEN the kept one stays", async () => {
    const handlers = lifecycle(managedInstanceActivation, settings());
    const kept = await handlers.create({ regionId: "cn-hangzhou", __urn: URN });
    const created = await handlers.create({ regionId: "cn-hangzhou", __urn: URN });
    expect((await activations()).map((a) => a.id)).toEqual(expect.arrayContaining([kept.id, created.id]));

    await emulator.admin.setFaults({ rules: [{ kind: "DropAfterEffect", action: "CreateActivation" }] });
    const lost = await handlers.create({ regionId: "cn-hangzhou", __urn: URN }).catch((error: Error) => error);
    await emulator.admin.clearFaults();
    expect(String(lost)).toContain("so what it made was looked for by this resource's owner tag and deleted");
    const ours = (await activations()).filter((a) => a.tags["pulumi:owner"]).map((a) => a.id);
    expect(ours.sort()).toEqual([kept.id, created.id].sort());
  });
});

describe("an adopted object removed by its other owner", () => {
  it("GIVEN a grant taken over WHEN it is revoked outside the stack THEN the next diff replaces it, so up makes it again", async () => {
    const handlers = lifecycle(cenGrantRevocation, settings());
    await handlers.create(grant);
    const adopted = await handlers.create({ ...grant, adoptExisting: true });
    expect(adopted.outs?.adopted).toBe(true);
    const news = { ...grant, adoptExisting: true };
    expect((await handlers.diff(grantKey, adopted.outs!, news)).changes).toBe(false);
    await handlers.delete(grantKey, adopted.outs!);
    expect(await handlers.diff(grantKey, adopted.outs!, news)).toEqual({
      changes: true,
      replaces: ["adopted"],
      deleteBeforeReplace: true,
    });
  });
});
