import { describe, expect, it } from "vitest";
import { makeSettings } from "../../../provider/client/settings";
import { lifecycle } from "../../../provider/framework/lifecycle";
import type { Outputs } from "../../../provider/framework/resource-spec";
import { managedInstanceActivation } from "../../../provider/lifecycles/managed-instance-activation";
import type { ACTIVATION_FIELDS } from "../../../provider/resources/managed-instance-activation";

type ActivationOutputs = Outputs<typeof ACTIVATION_FIELDS>;
const handlers = lifecycle(managedInstanceActivation, makeSettings(undefined, { ALIBABA_CLOUD_REGION: "cn-hangzhou" }));

describe("ManagedInstanceActivation", () => {
  it("GIVEN bad values WHEN checked THEN each property is named", async () => {
    const result = await handlers.check(
      {},
      {
        instanceName: "x",
        instanceCount: 0,
        timeToLiveInHours: 100,
        ipAddressRange: "everywhere",
        tags: { "acs:owner": "me" },
        disabled: "no",
      },
    );
    expect(result.failures?.map((f) => f.property).sort()).toEqual([
      "disabled",
      "instanceCount",
      "instanceName",
      "ipAddressRange",
      "tags",
      "timeToLiveInHours",
    ]);
  });

  it("GIVEN a disabled activation WHEN re-enabled THEN it must be replaced; disabling is an update", async () => {
    const olds = {
      regionId: "cn-hangzhou",
      activationId: "A",
      activationCode: "c",
      creationTime: "",
      registeredCount: 0,
      deregisteredCount: 0,
    } as ActivationOutputs;
    expect(await handlers.diff("A", { ...olds, disabled: false }, { regionId: "cn-hangzhou", disabled: true })).toEqual(
      {
        changes: true,
        replaces: [],
        deleteBeforeReplace: false,
      },
    );
    expect((await handlers.diff("A", { ...olds, disabled: true }, { regionId: "cn-hangzhou" })).replaces).toEqual([
      "disabled",
    ]);
    expect((await handlers.diff("A", olds, { regionId: "cn-hangzhou", instanceCount: 5 })).replaces).toEqual([
      "instanceCount",
    ]);
  });
});

describe("ManagedInstanceActivation check: addresses and regions", () => {
  it("GIVEN an address range that is not one WHEN checked THEN ipAddressRange is refused; real ones pass", async () => {
    for (const ipAddressRange of ["999.1.1.1/8", "10.0.0.0/33", "10.0.0.0/8/1", "fe80::1/129"]) {
      const result = await handlers.check({}, { ipAddressRange });
      expect(result.failures?.map((f) => f.property)).toEqual(["ipAddressRange"]);
    }
    for (const ipAddressRange of ["10.0.0.0/8", "192.168.1.7", "2001:db8::/32"]) {
      expect((await handlers.check({}, { ipAddressRange })).failures).toBeUndefined();
    }
  });

  it("GIVEN a region without Cloud Assistant WHEN checked THEN regionId is refused, saying so", async () => {
    const result = await handlers.check({}, { regionId: "eu-central-1" });
    expect(result.failures).toEqual([
      { property: "regionId", reason: expect.stringContaining("Cloud Assistant is not available in eu-central-1") },
    ]);
  });
});
