import { describe, expect, it } from "vitest";
import { makeSettings } from "../../../provider/client/settings";
import {
  type ActivationOutputs,
  managedInstanceActivationHandlers,
} from "../../../provider/resources/managed-instance-activation";

const handlers = managedInstanceActivationHandlers(makeSettings(undefined, { ALIBABA_CLOUD_REGION: "cn-hangzhou" }));

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
