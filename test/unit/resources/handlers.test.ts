// Each resource's handlers (create, read, update, delete) called directly, without the engine,
// against the emulator over HTTP.
import { beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_ACTIVATION_CODE } from "../../../emulator/index";
import { makeSettings, type Settings } from "../../../provider/client/settings";
import { lifecycle } from "../../../provider/framework/lifecycle";
import { CreatedButFailed, type Inputs } from "../../../provider/framework/resource-spec";
import { cenGrantRevocation } from "../../../provider/lifecycles/cen-grant-revocation";
import { classicLinkAttachment } from "../../../provider/lifecycles/classic-link-attachment";
import { managedInstanceActivation } from "../../../provider/lifecycles/managed-instance-activation";
import { managedInstanceRegistration } from "../../../provider/lifecycles/managed-instance-registration";
import type { CEN_GRANT_FIELDS } from "../../../provider/resources/cen-grant-revocation";

type CenGrantInputs = Inputs<typeof CEN_GRANT_FIELDS>;
const cenGrantRevocationHandlers = (s: Settings) => lifecycle(cenGrantRevocation, s);
const classicLinkAttachmentHandlers = (s: Settings) => lifecycle(classicLinkAttachment, s);
const managedInstanceActivationHandlers = (s: Settings) => lifecycle(managedInstanceActivation, s);
const managedInstanceRegistrationHandlers = (s: Settings) => lifecycle(managedInstanceRegistration, s);

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
      ALICLOUD_DYNAMIC_RETRY_DEADLINE_MS: "3000",
      ALICLOUD_DYNAMIC_POLL_INTERVAL_MS: "20",
      ALICLOUD_DYNAMIC_VISIBILITY_TIMEOUT_MS: "2000",
      ...env,
    },
    (line) => logged.push(line),
  );
}

const effects = (key: string) => emulator.effects(key);

beforeEach(() => {
  logged.length = 0;
});

describe("CenGrantRevocation handlers", () => {
  const inputs: CenGrantInputs = {
    cenId: "cen-emuowner0000000001",
    cenOwnerId: "9300000000000007",
    instanceId: "vpc-bp1emumainlink0000001",
    instanceType: "VPC",
    regionId: "cn-hangzhou",
  };
  const key = `${inputs.cenId}:${inputs.instanceId}:${inputs.cenOwnerId}`;

  it("GIVEN inputs WHEN create, read, delete THEN the grant exists with its creation time, then is gone, and read says so", async () => {
    const handlers = cenGrantRevocationHandlers(settings());
    const created = await handlers.create(inputs);
    expect(created.id).toBe(key);
    expect(created.outs?.creationTime).toMatch(/Z$/);
    const read = await handlers.read(key, created.outs!);
    expect(read).toMatchObject({ id: key, props: { ...inputs, creationTime: created.outs?.creationTime } });
    // The engine keeps the inputs the program gave: a refresh must not rewrite them from outputs.
    expect(read.inputs).toBeUndefined();
    await handlers.delete(key, created.outs!);
    expect(await effects(`RevokeInstanceFromCen:${key}`)).toBe(1);
    expect(await handlers.read(key, created.outs!)).toEqual({});
    // Deleting what is gone succeeds.
    await expect(handlers.delete(key, created.outs!)).resolves.toBeUndefined();
  });

  // Alibaba does not document what revoking a missing grant answers; the emulator can play each guess.
  for (const behaviour of ["error", "succeed", "instance-not-found"] as const) {
    it(`GIVEN revoking a missing grant answers "${behaviour}" WHEN delete finds the grant already gone THEN it succeeds`, async () => {
      await emulator.admin.seed({ settings: { revokeMissingGrant: behaviour } });
      const handlers = cenGrantRevocationHandlers(settings());
      const created = await handlers.create(inputs);
      await handlers.delete(key, created.outs!);
      await expect(handlers.delete(key, created.outs!)).resolves.toBeUndefined();
      expect(await effects(`RevokeInstanceFromCen:${key}`)).toBe(1);
    });
  }

  it("GIVEN a grant made outside WHEN create THEN it refuses whatever a duplicate grant answers, and adopts on request", async () => {
    for (const behaviour of ["error", "succeed"] as const) {
      await emulator.admin.reset();
      await emulator.admin.seed({ settings: { duplicateGrant: behaviour } });
      const handlers = cenGrantRevocationHandlers(settings());
      await handlers.create(inputs);
      await expect(handlers.create(inputs)).rejects.toThrow(/already granted.*adoptExisting: true/);
      expect((await handlers.create({ ...inputs, adoptExisting: true })).outs?.adopted).toBe(true);
      expect(await effects(`GrantInstanceToCen:${key}`)).toBe(1);
    }
  });

  it("GIVEN a change slower to show than the wait WHEN create THEN the grant is recorded anyway, and read fills it in later", async () => {
    await emulator.admin.setConsistency({ delayMs: 800 });
    const handlers = cenGrantRevocationHandlers(settings({ ALICLOUD_DYNAMIC_VISIBILITY_TIMEOUT_MS: "200" }));
    const created = await handlers.create(inputs);
    expect(created.outs?.creationTime).toBe("");
    expect(logged.some((line) => line.includes("recorded anyway"))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect((await handlers.read(key, created.outs!)).props?.creationTime).toMatch(/Z$/);
  });
});

describe("ClassicLinkAttachment handlers", () => {
  const inputs = { instanceId: "i-bp1emuclassic000001", vpcId: "vpc-bp1emumainlink0000001", regionId: "cn-hangzhou" };
  const id = `${inputs.instanceId}:${inputs.vpcId}`;

  it("GIVEN inputs WHEN create, read, delete THEN linked once, read back, unlinked; a second delete succeeds", async () => {
    const handlers = classicLinkAttachmentHandlers(settings());
    const created = await handlers.create(inputs);
    expect(created).toEqual({ id, outs: { ...inputs, adopted: false } });
    expect((await handlers.read(id, created.outs!)).id).toBe(id);
    await handlers.delete(id, created.outs!);
    await handlers.delete(id, created.outs!);
    expect(await effects(`DetachClassicLinkVpc:${id}`)).toBe(1);
    expect(await handlers.read(id, created.outs!)).toEqual({});
  });

  it("GIVEN a VPC without ClassicLink WHEN create THEN Alibaba's refusal is the error, and nothing is recorded", async () => {
    const handlers = classicLinkAttachmentHandlers(settings());
    const refused = handlers.create({ ...inputs, vpcId: "vpc-bp1emumainplain000001" });
    await expect(refused).rejects.toMatchObject({ code: "OperationDenied", action: "AttachClassicLinkVpc" });
  });
});

describe("ManagedInstanceRegistration handlers", () => {
  const base = { regionId: "cn-hangzhou", activationId: "4ECEEE12-56F1-4FBC-9AB1-0000EMU00001" };

  it("GIVEN a match WHEN create, update, read, delete THEN adopted, renamed in place keeping the new inputs, deregistered", async () => {
    const handlers = managedInstanceRegistrationHandlers(settings());
    const created = await handlers.create({ ...base, match: { hostname: "web-02" } });
    expect(created.id).toBe("mi-hz01emuweb00002");
    expect(created.outs).toMatchObject({
      instanceName: "web-002",
      hostname: "web-02",
      intranetIp: "10.0.0.12",
      match: { hostname: "web-02" },
    });

    const updated = await handlers.update(created.id, created.outs!, {
      ...base,
      match: { machineId: "e03231b37ab14e53b5795ad625fc0002" },
      instanceName: "renamed",
      waitTimeoutSeconds: 42,
    });
    expect(updated.outs).toMatchObject({
      instanceName: "renamed",
      match: { machineId: "e03231b37ab14e53b5795ad625fc0002" },
      waitTimeoutSeconds: 42,
      hostname: "web-02",
    });
    expect(await effects("ModifyManagedInstance:mi-hz01emuweb00002")).toBe(1);

    const read = await handlers.read(created.id, updated.outs!);
    expect(read.props).toMatchObject({ instanceName: "renamed", invocationCount: 0, connected: true });

    await handlers.delete(created.id, created.outs!);
    await handlers.delete(created.id, created.outs!);
    expect(await effects("DeregisterManagedInstance:mi-hz01emuweb00002")).toBe(1);
    expect(await handlers.read(created.id, created.outs!)).toEqual({});
  });

  it("GIVEN no server registered yet WHEN create THEN it announces the wait, then adopts the server once the agent registers", async () => {
    const handlers = managedInstanceRegistrationHandlers(settings());
    setTimeout(() => {
      void emulator.admin.registerAgent({
        regionId: "cn-hangzhou",
        activationId: base.activationId,
        activationCode: DEFAULT_ACTIVATION_CODE,
        hostname: "late-01",
        intranetIp: "10.0.0.99",
      });
    }, 300);
    const created = await handlers.create({ ...base, match: { hostname: "late-01" }, waitTimeoutSeconds: 10 });
    expect(created.outs?.hostname).toBe("late-01");
    expect(logged[0]).toContain("waiting for a server with hostname late-01 to register");
  });

  it("GIVEN no server ever registers WHEN create THEN it times out naming what it waited for", async () => {
    const handlers = managedInstanceRegistrationHandlers(settings());
    await expect(handlers.create({ ...base, match: { hostname: "never" }, waitTimeoutSeconds: 0 })).rejects.toThrow(
      /Timed out after \ds waiting for a server with hostname never/,
    );
  });
});

describe("ManagedInstanceActivation handlers", () => {
  it("GIVEN an activation WHEN create, read, update, delete THEN the code is kept, disabling is in place, delete works", async () => {
    const handlers = managedInstanceActivationHandlers(settings());
    const created = await handlers.create({ regionId: "cn-hangzhou", instanceCount: 2, tags: { team: "a" } });
    const outs = created.outs!;
    expect(outs.activationCode).toMatch(/^a-/);
    expect(outs).toMatchObject({ registeredCount: 0, disabled: false });
    expect(
      await handlers.diff(created.id, outs, { regionId: "cn-hangzhou", instanceCount: 2, tags: { team: "a" } }),
    ).toMatchObject({ changes: false });

    const updated = await handlers.update(created.id, outs, {
      regionId: "cn-hangzhou",
      instanceCount: 2,
      tags: { team: "a" },
      disabled: true,
    });
    expect(updated.outs).toMatchObject({ disabled: true, activationCode: outs.activationCode });
    const read = await handlers.read(created.id, updated.outs!);
    expect(read.props).toMatchObject({ disabled: true, activationCode: outs.activationCode });

    await handlers.delete(created.id, updated.outs!);
    await handlers.delete(created.id, updated.outs!);
    expect(await effects(`DeleteActivation:${created.id}`)).toBe(1);
  });

  it("GIVEN DisableActivation failing right after the create WHEN create THEN the activation and its code are still recorded", async () => {
    await emulator.admin.setFaults({ rules: [{ kind: "InternalError", action: "DisableActivation", rate: 1 }] });
    const handlers = managedInstanceActivationHandlers(settings({ ALICLOUD_DYNAMIC_RETRY_DEADLINE_MS: "100" }));
    const failed = await handlers
      .create({ regionId: "cn-hangzhou", disabled: true, __provider: "serialized" } as never)
      .catch((error: unknown) => error);
    // The engine records an object made by a create that then failed (ErrorResourceInitFailed).
    expect(failed).toBeInstanceOf(CreatedButFailed);
    const { id, properties } = failed as CreatedButFailed;
    expect(properties).toMatchObject({
      activationId: id,
      disabled: false,
      activationCode: expect.stringMatching(/^a-/),
      __provider: "serialized",
    });
    const created = { id, outs: properties as never as Parameters<typeof handlers.read>[1] };
    // The next up sees disabled: false against the wanted true, and disables it in place.
    await emulator.admin.clearFaults();
    expect(await handlers.diff(created.id, created.outs!, { regionId: "cn-hangzhou", disabled: true })).toMatchObject({
      changes: true,
      replaces: [],
    });
  });
});
