import { describe, expect, it } from "vitest";
import { makeSettings } from "../../../provider/client/settings";
import { UNKNOWN } from "../../../provider/framework/check";
import { lifecycle } from "../../../provider/framework/lifecycle";
import type { Outputs } from "../../../provider/framework/resource-spec";
import { cenGrantRevocation, grantId } from "../../../provider/lifecycles/cen-grant-revocation";
import type { CEN_GRANT_FIELDS } from "../../../provider/resources/cen-grant-revocation";

type CenGrantOutputs = Outputs<typeof CEN_GRANT_FIELDS>;
const cenGrantRevocationHandlers = (settings: Parameters<typeof lifecycle>[1]) =>
  lifecycle(cenGrantRevocation, settings);

const handlers = cenGrantRevocationHandlers(
  makeSettings({ get: (k) => (k === "alicloud:region" ? "cn-hangzhou" : undefined) }, {}),
);
const valid = {
  cenId: "cen-emuowner0000000001",
  cenOwnerId: "9300000000000007",
  instanceId: "vpc-bp1emumainlink0000001",
};

describe("CenGrantRevocation check", () => {
  it("GIVEN the minimum inputs WHEN checked THEN the type is inferred and the region comes from config", async () => {
    const result = await handlers.check({}, valid);
    expect(result.failures).toBeUndefined();
    expect(result.inputs).toEqual({ ...valid, instanceType: "VPC", regionId: "cn-hangzhou" });
  });

  it("GIVEN a safe-integer owner WHEN checked THEN it becomes an exact string; an unsafe one is refused by name", async () => {
    expect((await handlers.check({}, { ...valid, cenOwnerId: 1234567890123456 })).inputs?.cenOwnerId).toBe(
      "1234567890123456",
    );
    const unsafe = await handlers.check({}, { ...valid, cenOwnerId: 2 ** 53 + 2 });
    expect(unsafe.failures).toEqual([
      { property: "cenOwnerId", reason: expect.stringContaining("pass the UID as a string") },
    ]);
  });

  it("GIVEN wrong values WHEN checked THEN each failure names its property and what is allowed", async () => {
    const result = await handlers.check(
      {},
      { cenId: "my-cen", cenOwnerId: "12ab", instanceId: "sg-123", instanceType: "VPN", regionId: "Hangzhou" },
    );
    const byProperty = Object.fromEntries((result.failures ?? []).map((f) => [f.property, f.reason]));
    expect(Object.keys(byProperty).sort()).toEqual(["cenId", "cenOwnerId", "instanceId", "instanceType", "regionId"]);
    expect(byProperty.instanceType).toContain('"VPC", "VBR" or "CCN"');
    expect(byProperty.cenId).toContain("cen-");
  });

  it("GIVEN an instanceType that contradicts the id WHEN checked THEN it fails", async () => {
    const result = await handlers.check({}, { ...valid, instanceType: "VBR" });
    expect(result.failures?.[0]).toEqual({
      property: "instanceType",
      reason: expect.stringContaining("which is a VPC"),
    });
  });

  it("GIVEN values unknown during preview WHEN checked THEN they pass untouched", async () => {
    const result = await handlers.check({}, { ...valid, instanceId: UNKNOWN, cenOwnerId: UNKNOWN });
    expect(result.failures).toBeUndefined();
    expect(result.inputs).toMatchObject({ instanceId: UNKNOWN, cenOwnerId: UNKNOWN });
  });

  it("GIVEN no region anywhere WHEN checked THEN regionId fails with every place looked", async () => {
    const bare = cenGrantRevocationHandlers(makeSettings(undefined, {}));
    const result = await bare.check({}, valid);
    expect(result.failures).toEqual([{ property: "regionId", reason: expect.stringContaining("alicloud:region") }]);
  });
});

describe("CenGrantRevocation diff", () => {
  const olds: CenGrantOutputs = {
    ...valid,
    instanceType: "VPC",
    regionId: "cn-hangzhou",
    creationTime: "t",
    adopted: false,
  };

  it("GIVEN the same inputs WHEN diffed THEN nothing changes", async () => {
    const { creationTime: _c, adopted: _a, ...inputs } = olds;
    expect(await handlers.diff(grantId(olds), olds, inputs)).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  it("GIVEN a new CEN WHEN diffed THEN it replaces, creating the new grant before revoking the old", async () => {
    const result = await handlers.diff(grantId(olds), olds, { ...olds, cenId: "cen-other" });
    expect(result).toEqual({ changes: true, replaces: ["cenId"], deleteBeforeReplace: false });
  });

  it("GIVEN only the region changes WHEN diffed THEN it replaces deleting first: both grants share a natural key", async () => {
    const result = await handlers.diff(grantId(olds), olds, { ...olds, regionId: "cn-shanghai" });
    expect(result).toEqual({ changes: true, replaces: ["regionId"], deleteBeforeReplace: true });
  });

  it("GIVEN only the profile changes WHEN diffed THEN it updates in place", async () => {
    expect(await handlers.diff(grantId(olds), olds, { ...olds, profile: "team-b" })).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });
});

describe("CenGrantRevocation check: the rest of bad input", () => {
  const failuresOf = async (news: Record<string, unknown>, settings = handlers) =>
    Object.fromEntries(((await settings.check({}, news)).failures ?? []).map((f) => [f.property, f.reason]));

  it("GIVEN a region that does not exist WHEN checked THEN regionId is refused, unless the stack skips region validation", async () => {
    expect((await failuresOf({ ...valid, regionId: "cn-atlantis" })).regionId).toContain(
      "cn-atlantis is not an Alibaba Cloud region",
    );
    const skipping = cenGrantRevocationHandlers(
      makeSettings({ get: (k) => (k === "alicloud:skipRegionValidation" ? "true" : undefined) }, {}),
    );
    expect(await failuresOf({ ...valid, regionId: "cn-atlantis" }, skipping)).toEqual({});
  });

  it("GIVEN an empty regionId WHEN checked THEN it is refused, not replaced by the default", async () => {
    expect((await failuresOf({ ...valid, regionId: "" })).regionId).toContain("regionId must be a region ID");
  });

  it("GIVEN an id of 10,000 characters WHEN checked THEN it is refused, and the message does not repeat it whole", async () => {
    // Reported without the property's name in its own field: the engine would quote the whole value.
    const reason = (await failuresOf({ ...valid, instanceId: `vpc-${"a".repeat(10_000)}` }))[""] ?? "";
    expect(reason).toContain("instanceId must be");
    expect(reason.length).toBeLessThan(300);
  });

  it("GIVEN a property the resource does not have WHEN checked THEN it is refused by name", async () => {
    expect((await failuresOf({ ...valid, cenOwner: "1" })).cenOwner).toContain("cenOwner is not a property");
  });

  it("GIVEN a negative or fractional cenOwnerId WHEN checked THEN the message says what a UID is", async () => {
    for (const cenOwnerId of [-5, 1.5]) {
      const reason = (await failuresOf({ ...valid, cenOwnerId })).cenOwnerId ?? "";
      expect(reason).toContain("positive whole number");
      expect(reason).not.toContain("2^53");
    }
  });
});
