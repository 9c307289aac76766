// Creates whose object shows in Describe calls late, against the emulator's eventual consistency
// (no page gives how long Alibaba Cloud's Describe calls lag; the framework must hold either way):
// a service-assigned id waited for, and recorded anyway once the wait runs out, code included.
import { afterEach, describe, expect, it } from "vitest";
import { makeSettings } from "../../../provider/client/settings";
import { lifecycle } from "../../../provider/framework/lifecycle";
import { managedInstanceActivation } from "../../../provider/lifecycles/managed-instance-activation";
import { mainAccountEnv, useEmulator } from "../emulated";

const emulator = useEmulator();
const URN = "urn:pulumi:dev::shop::pulumi-nodejs:dynamic/alicloud:ManagedInstanceActivation::lagging";

function activations(logged: string[], visibilityMs: number) {
  const env = {
    ...mainAccountEnv(emulator.url),
    ALICLOUD_DYNAMIC_POLL_INTERVAL_MS: "50",
    ALICLOUD_DYNAMIC_VISIBILITY_TIMEOUT_MS: String(visibilityMs),
  };
  return lifecycle(
    managedInstanceActivation,
    makeSettings(undefined, env, (line) => logged.push(line)),
  );
}

describe("an activation that DescribeActivations shows late", () => {
  afterEach(async () => {
    await emulator.admin.setConsistency({ delayMs: 0 });
  });

  it("GIVEN Describe lagging 400 ms WHEN an activation is created disabled THEN create waits until it shows, then disables it, and records its code", async () => {
    await emulator.admin.setConsistency({ delayMs: 400 });
    const logged: string[] = [];
    const made = await activations(logged, 5_000).create({ regionId: "cn-hangzhou", disabled: true, __urn: URN });
    expect(made.outs?.activationCode).not.toBe("");
    expect(made.outs?.creationTime).not.toBe("");
    expect(made.outs?.disabled).toBe(true);
    expect(await emulator.requests("DisableActivation")).toBe(1);
  });

  it("GIVEN Describe lagging past the visibility wait WHEN an activation is created THEN it is recorded anyway with its code, and a later read finds it", async () => {
    await emulator.admin.setConsistency({ delayMs: 1_200 });
    const logged: string[] = [];
    const handlers = activations(logged, 300);
    const made = await handlers.create({ regionId: "cn-hangzhou", __urn: URN });
    expect(made.outs?.activationId).toBe(made.id);
    expect(made.outs?.activationCode).not.toBe("");
    expect(logged.some((line) => line.includes("recorded anyway"))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    const outs = made.outs;
    if (!outs) throw new Error("create returned no outputs");
    const read = await handlers.read(made.id, outs);
    expect(read.id).toBe(made.id);
    expect(read.props?.activationCode).toBe(made.outs?.activationCode);
  });
});
