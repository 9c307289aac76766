// ManagedInstanceRegistration through the real Pulumi engine against the emulator, which plays the
// Cloud Assistant agent through its admin surface.

import { ManagedInstanceRegistration, type ManagedInstanceRegistrationArgs } from "pulumi-alicloud-dynamic";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_ACTIVATION_CODE } from "../../emulator/index";
import type { TestStack } from "../../testing/index";
import {
  type Cloud,
  effects,
  emulatedStack,
  MAIN,
  outputCollector,
  previewWithBadInputs,
  startCloud,
  WORLD,
} from "./cloud";

interface LiveInstance {
  InstanceId: string;
  InstanceName: string;
  Hostname: string;
}

/** The managed instances main sees under the default activation. */
async function managed(cloud: Cloud): Promise<LiveInstance[]> {
  const answer = await cloud.call<{ Instances: LiveInstance[] }>(MAIN, "ecs", "DescribeManagedInstances", {
    ActivationId: WORLD.activation,
    MaxResults: 50,
  });
  return answer.Instances;
}

describe("ManagedInstanceRegistration end to end", () => {
  let cloud: Cloud;
  let test: TestStack;
  let args: ManagedInstanceRegistrationArgs = {
    activationId: WORLD.activation,
    match: { hostname: "web-01" },
    instanceName: "frontend-01",
  };

  beforeAll(async () => {
    cloud = await startCloud();
    test = await emulatedStack(cloud, async () => {
      const server = new ManagedInstanceRegistration("server", args);
      return {
        instanceId: server.instanceId,
        instanceName: server.instanceName,
        hostname: server.hostname,
        machineId: server.machineId,
        osType: server.osType,
        agentVersion: server.agentVersion,
        intranetIp: server.intranetIp,
        registrationTime: server.registrationTime,
        invocationCount: server.invocationCount,
        activationId: server.activationId,
      };
    });
  });

  afterAll(async () => {
    await test?.dispose();
    await cloud?.close();
  });

  it("GIVEN a registered server WHEN up THEN it is adopted by hostname and renamed once, with every field as output", async () => {
    const result = await test.stack.up();
    expect(result.summary.resourceChanges).toEqual({ create: 2 });
    const out = Object.fromEntries(Object.entries(result.outputs).map(([k, v]) => [k, v.value]));
    expect(out).toMatchObject({
      instanceId: WORLD.managed1,
      instanceName: "frontend-01",
      hostname: "web-01",
      machineId: "e03231b37ab14e53b5795ad625fc0001",
      osType: "linux",
      activationId: WORLD.activation,
      invocationCount: 0,
    });
    expect(out.agentVersion).toMatch(/^\d+\.\d+/);
    expect(out.registrationTime).toMatch(/Z$/);
    expect(await effects(cloud, `ModifyManagedInstance:${WORLD.managed1}`)).toBe(1);
    expect((await managed(cloud)).find((i) => i.InstanceId === WORLD.managed1)?.InstanceName).toBe("frontend-01");
  });

  it("WHEN up runs again THEN nothing changes", async () => {
    expect((await test.stack.up()).summary.resourceChanges).toEqual({ same: 2 });
  });

  it("GIVEN a new name WHEN up THEN it is renamed in place, not re-registered", async () => {
    args = { ...args, instanceName: "frontend-primary" };
    const result = await test.stack.up();
    expect(result.summary.resourceChanges).toEqual({ same: 1, update: 1 });
    expect(result.outputs.instanceName?.value).toBe("frontend-primary");
    expect(await effects(cloud, `ModifyManagedInstance:${WORLD.managed1}`)).toBe(2);
    expect(await effects(cloud, `DeregisterManagedInstance:${WORLD.managed1}`)).toBe(0);
  });

  it("GIVEN Cloud Assistant ran commands on it WHEN refresh THEN the outputs follow the live instance", async () => {
    await cloud.admin.invokeAgent({ instanceId: WORLD.managed1 });
    await cloud.admin.invokeAgent({ instanceId: WORLD.managed1 });
    await test.stack.refresh();
    const state = (await test.resources()).find((r) => r.id === WORLD.managed1);
    expect(state?.outputs?.invocationCount).toBe(2);
    expect(state?.outputs?.lastInvokedTime).toMatch(/Z$/);
  });

  it("GIVEN a match the adopted server still satisfies WHEN up THEN it stays the same instance", async () => {
    args = { ...args, match: { machineId: "e03231b37ab14e53b5795ad625fc0001" } };
    const result = await test.stack.up();
    expect(result.summary.resourceChanges).toEqual({ same: 1, update: 1 });
    expect(result.outputs.instanceId?.value).toBe(WORLD.managed1);
    // The update kept the new inputs: the next up has nothing to do.
    expect((await test.stack.up()).summary.resourceChanges).toEqual({ same: 2 });
  });

  it("GIVEN a match for another server WHEN up THEN that one is adopted and the old one deregistered", async () => {
    args = { ...args, match: { hostname: "web-02" } };
    const result = await test.stack.up();
    expect(result.summary.resourceChanges).toEqual({ same: 1, replace: 1 });
    expect(result.outputs.instanceId?.value).toBe(WORLD.managed2);
    expect(await effects(cloud, `DeregisterManagedInstance:${WORLD.managed1}`)).toBe(1);
    expect((await managed(cloud)).map((i) => i.InstanceId)).toEqual([WORLD.managed2]);
  });

  it("GIVEN the server deregistered behind Pulumi's back WHEN refresh THEN it is dropped; up waits for it to register again", async () => {
    await cloud.call(MAIN, "ecs", "DeregisterManagedInstance", { InstanceId: WORLD.managed2 });
    const refresh = await test.stack.refresh();
    expect(refresh.summary.resourceChanges).toMatchObject({ delete: 1 });

    // The agent re-registers the server once `up` says it is waiting for it (whatever the load).
    let registration: Promise<string> | undefined;
    const register = () =>
      cloud.admin
        .registerAgent({
          regionId: "cn-hangzhou",
          activationId: WORLD.activation,
          activationCode: DEFAULT_ACTIVATION_CODE,
          hostname: "web-02",
          intranetIp: "10.0.0.12",
        })
        .then((answer) => answer.instanceId);
    const output = outputCollector();
    const result = await test.stack.up({
      onOutput: output.onOutput,
      onEvent: (event) => {
        const message = event.diagnosticEvent?.message ?? "";
        if (!registration && message.includes("waiting for a server with hostname web-02 to register")) {
          registration = register();
        }
      },
    });
    expect(result.summary.resourceChanges).toEqual({ same: 1, create: 1 });
    const registered = await registration;
    expect(registered).toMatch(/^mi-/);
    expect(result.outputs.instanceId?.value).toBe(registered);
    expect(result.outputs.instanceName?.value).toBe("frontend-primary");
    expect(output.text()).toContain("waiting for a server with hostname web-02 to register");
  });

  it("WHEN destroy THEN the adopted server is deregistered", async () => {
    const result = await test.stack.destroy();
    expect(result.summary.resourceChanges).toEqual({ delete: 2 });
    expect(await managed(cloud)).toEqual([]);
  });

  it("GIVEN instanceId and activationId together WHEN preview THEN it fails naming instanceId, before any API call", async () => {
    const { failure, requests } = await previewWithBadInputs(cloud, async () => {
      new ManagedInstanceRegistration("bad", { instanceId: WORLD.managed1, activationId: WORLD.activation });
    });
    expect(failure).toContain("property instanceId");
    expect(failure).toContain("not both");
    expect(requests).toBe(0);
  });
});
