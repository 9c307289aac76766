import { describe, expect, it } from "vitest";
import { makeSettings } from "../../../provider/client/settings";
import { lifecycle } from "../../../provider/framework/lifecycle";
import type { Outputs } from "../../../provider/framework/resource-spec";
import { managedInstanceRegistration } from "../../../provider/lifecycles/managed-instance-registration";
import type { REGISTRATION_FIELDS } from "../../../provider/resources/managed-instance-registration";

type RegistrationOutputs = Outputs<typeof REGISTRATION_FIELDS>;
const handlers = lifecycle(
  managedInstanceRegistration,
  makeSettings(undefined, { ALIBABA_CLOUD_REGION: "cn-hangzhou" }),
);
const live: RegistrationOutputs & { instanceId: string } = {
  regionId: "cn-hangzhou",
  activationId: "4ECEEE12-56F1-4FBC-9AB1-0000EMU00001",
  match: { hostname: "web-01" },
  instanceId: "mi-hz01emuweb00001",
  instanceName: "web-001",
  hostname: "web-01",
  machineId: "e03231b37ab14e53b5795ad625fc0001",
  agentVersion: "2.2.0.102",
  osType: "linux",
  osVersion: "Linux_x86_64",
  intranetIp: "10.0.0.11",
  internetIp: "",
  registrationTime: "2026-01-01T00:00:00Z",
  lastInvokedTime: "",
  invocationCount: 0,
  connected: true,
  resourceGroupId: "",
};

describe("ManagedInstanceRegistration check", () => {
  it("GIVEN instanceId or activationId with match WHEN checked THEN both forms pass", async () => {
    expect((await handlers.check({}, { instanceId: "mi-hz01emuweb00001" })).failures).toBeUndefined();
    const result = await handlers.check(
      {},
      { activationId: live.activationId, match: { hostname: "web-01" }, instanceName: "frontend-1" },
    );
    expect(result.failures).toBeUndefined();
    expect(result.inputs).toEqual({
      regionId: "cn-hangzhou",
      activationId: live.activationId,
      match: { hostname: "web-01" },
      instanceName: "frontend-1",
    });
  });

  it("GIVEN neither, both, or an empty match WHEN checked THEN the failure says which inputs go together", async () => {
    expect((await handlers.check({}, {})).failures?.[0]?.property).toBe("instanceId");
    expect((await handlers.check({}, { instanceId: "mi-hz01x", activationId: "A" })).failures?.[0]?.reason).toContain(
      "not both",
    );
    expect((await handlers.check({}, { activationId: "A", match: {} })).failures?.[0]?.property).toBe("match");
    expect((await handlers.check({}, { activationId: "A", match: { os: "linux" } })).failures?.[0]?.reason).toContain(
      "not os",
    );
  });

  it("GIVEN a name the API would refuse WHEN checked THEN instanceName fails with the rule", async () => {
    const result = await handlers.check({}, { instanceId: "mi-hz01x", instanceName: "1-starts-with-digit" });
    expect(result.failures).toEqual([
      { property: "instanceName", reason: expect.stringContaining("starting with a letter") },
    ]);
    expect((await handlers.check({}, { instanceId: "mi-hz01x", waitTimeoutSeconds: -1 })).failures?.[0]?.property).toBe(
      "waitTimeoutSeconds",
    );
  });
});

describe("ManagedInstanceRegistration diff", () => {
  const inputs = { regionId: "cn-hangzhou", activationId: live.activationId, match: { hostname: "web-01" } };

  it("GIVEN unchanged inputs WHEN diffed THEN live fields with the same names do not count as changes", async () => {
    expect(await handlers.diff(live.instanceId, live, inputs)).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  it("GIVEN a new name WHEN diffed THEN it updates in place", async () => {
    expect(await handlers.diff(live.instanceId, live, { ...inputs, instanceName: "frontend-1" })).toMatchObject({
      changes: true,
      replaces: [],
    });
  });

  it("GIVEN a match that the adopted server still satisfies WHEN diffed THEN it is not replaced", async () => {
    const result = await handlers.diff(live.instanceId, live, { ...inputs, match: { machineId: live.machineId } });
    expect(result).toMatchObject({ changes: true, replaces: [] });
  });

  it("GIVEN a match for another server WHEN diffed THEN it is replaced", async () => {
    expect(await handlers.diff(live.instanceId, live, { ...inputs, match: { hostname: "web-02" } })).toMatchObject({
      replaces: ["match"],
    });
  });
});
