// ManagedInstanceActivation through the real Pulumi engine: the code returned once and kept as a
// secret, disabling in place, and the clear refusal to delete while servers still use it.
import { ManagedInstanceActivation, type ManagedInstanceActivationArgs } from "pulumi-alicloud-dynamic";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminError } from "../../emulator/index";
import type { TestStack } from "../../testing/index";
import { type Cloud, effects, emulatedStack, failureOf, MAIN, previewWithBadInputs, startCloud } from "./cloud";

describe("ManagedInstanceActivation end to end", () => {
  let cloud: Cloud;
  let test: TestStack;
  let args: ManagedInstanceActivationArgs = {
    instanceName: "lab",
    instanceCount: 3,
    ipAddressRange: "10.0.0.0/8",
    tags: { env: "lab" },
  };
  let activationId = "";
  let code = "";
  let serverId = "";

  const register = (hostname: string, intranetIp: string) =>
    cloud.admin.registerAgent({
      regionId: "cn-hangzhou",
      activationId,
      activationCode: code,
      hostname,
      intranetIp,
    });

  beforeAll(async () => {
    cloud = await startCloud();
    test = await emulatedStack(cloud, async () => {
      const activation = new ManagedInstanceActivation("lab", args);
      return {
        activationId: activation.activationId,
        activationCode: activation.activationCode,
        registeredCount: activation.registeredCount,
        disabled: activation.disabled,
      };
    });
  });

  afterAll(async () => {
    await test?.dispose();
    await cloud?.close();
  });

  it("GIVEN an activation WHEN up THEN its code is a secret output, kept encrypted in state, and it registers servers", async () => {
    const up = await test.stack.up();
    expect(up.summary.resourceChanges).toEqual({ create: 2 });
    activationId = up.outputs.activationId?.value as string;
    code = up.outputs.activationCode?.value as string;
    expect(up.outputs.activationCode?.secret).toBe(true);
    expect(code).toMatch(/^a-/);
    expect(test.exportText()).not.toContain(code);
    expect(await effects(cloud, `CreateActivation:${activationId}`)).toBe(1);

    serverId = (await register("lab-01", "10.2.0.1")).instanceId;
    expect(serverId).toMatch(/^mi-/);
  });

  it("WHEN up runs again THEN nothing changes", async () => {
    expect((await test.stack.up()).summary.resourceChanges).toEqual({ same: 2 });
  });

  it("WHEN refresh THEN the registered count follows the live activation", async () => {
    await test.stack.refresh();
    const state = (await test.resources()).find((r) => r.id === activationId);
    expect(state?.outputs?.registeredCount).toBe(1);
    // Never returned again by the API, the code survives refresh in state, still a secret.
    expect(state?.outputs?.activationCode).toMatchObject({ plaintext: JSON.stringify(code) });
  });

  it("GIVEN disabled: true WHEN up THEN it is disabled in place, and new servers are refused", async () => {
    args = { ...args, disabled: true };
    const up = await test.stack.up();
    expect(up.summary.resourceChanges).toEqual({ same: 1, update: 1 });
    expect(up.outputs.activationId?.value).toBe(activationId);
    expect(await effects(cloud, `DisableActivation:${activationId}`)).toBe(1);
    await expect(register("lab-02", "10.2.0.2")).rejects.toBeInstanceOf(AdminError);
  });

  it("GIVEN a server still registered WHEN destroy THEN it fails saying to deregister first; after that it succeeds", async () => {
    const message = await failureOf(test.stack.destroy());
    expect(message).toContain(`Activation ${activationId} still has registered managed instances`);
    expect(message).toContain("aliyun-service --deregister");

    await cloud.call(MAIN, "ecs", "DeregisterManagedInstance", { InstanceId: serverId });
    const destroy = await test.stack.destroy();
    expect(destroy.summary.resourceChanges).toEqual({ delete: 2 });
    expect(await effects(cloud, `DeleteActivation:${activationId}`)).toBe(1);
  });

  it("GIVEN bad inputs WHEN preview THEN it fails naming them, before any API call", async () => {
    const { failure, requests } = await previewWithBadInputs(cloud, async () => {
      new ManagedInstanceActivation("bad", { instanceCount: 0, ipAddressRange: "anywhere" });
    });
    expect(failure).toContain("property instanceCount");
    expect(failure).toContain("property ipAddressRange");
    expect(requests).toBe(0);
  });
});
