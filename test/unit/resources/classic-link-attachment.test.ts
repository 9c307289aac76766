import { describe, expect, it } from "vitest";
import { makeSettings } from "../../../provider/client/settings";
import { lifecycle } from "../../../provider/framework/lifecycle";
import { classicLinkAttachment } from "../../../provider/lifecycles/classic-link-attachment";

const handlers = lifecycle(classicLinkAttachment, makeSettings(undefined, { ALICLOUD_REGION: "cn-hangzhou" }));
const olds = {
  instanceId: "i-bp1emuclassic000001",
  vpcId: "vpc-bp1emumainlink0000001",
  regionId: "cn-hangzhou",
  adopted: false,
};

describe("ClassicLinkAttachment", () => {
  it("GIVEN ids WHEN checked THEN the region comes from the environment; bad ids are named", async () => {
    expect((await handlers.check({}, { instanceId: olds.instanceId, vpcId: olds.vpcId })).inputs).toEqual({
      instanceId: olds.instanceId,
      vpcId: olds.vpcId,
      regionId: "cn-hangzhou",
    });
    const bad = await handlers.check({}, { instanceId: "vpc-x", vpcId: "i-x", adoptExisting: "yes" });
    expect(bad.failures?.map((f) => f.property).sort()).toEqual(["adoptExisting", "instanceId", "vpcId"]);
  });

  it("GIVEN another VPC for the same instance WHEN diffed THEN it unlinks first: one VPC per instance", async () => {
    expect(await handlers.diff("x", olds, { ...olds, vpcId: "vpc-bp1emumainlink0000002" })).toEqual({
      changes: true,
      replaces: ["vpcId"],
      deleteBeforeReplace: true,
    });
  });

  it("GIVEN another instance for the same VPC WHEN diffed THEN the new link is made before the old is removed", async () => {
    expect(await handlers.diff("x", olds, { ...olds, instanceId: "i-bp1emuclassic000002" })).toEqual({
      changes: true,
      replaces: ["instanceId"],
      deleteBeforeReplace: false,
    });
  });
});
