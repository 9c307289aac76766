// Where Alibaba's pages are silent, the emulator plays each plausible answer (its world settings,
// emulator/README.md "Choices"), and the provider must survive every one. Through the real Pulumi
// engine, a cross-account grant and the hub's attachment go through create, refresh, an up that
// changes nothing, a removal behind Pulumi's back noticed by refresh and made again, and a
// destroy after another such removal, under each answer of each unknown at least once:
// - the code DescribeCenAttachedChildInstanceAttribute answers for "not attached";
// - RevokeInstanceFromCen of a grant that is gone (refused, accepted, or 404 instance not found);
// - a second identical GrantInstanceToCen (refused, or accepted without change).
import { CenChildInstanceAttachment, CenGrantRevocation } from "pulumi-alicloud-dynamic";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WorldSettings } from "../../emulator/index";
import { CEN_OWNER, type Cloud, effects, emulatedStack, MAIN, startCloud, WORLD, worldState } from "./cloud";

type Variant = Pick<WorldSettings, "notAttachedCode" | "revokeMissingGrant" | "duplicateGrant">;

// Each value of each switch at least once (three runs rather than the full product of 18).
const VARIANTS: Variant[] = [
  { notAttachedCode: "ParameterError", revokeMissingGrant: "error", duplicateGrant: "error" },
  { notAttachedCode: "ParameterInstanceId", revokeMissingGrant: "succeed", duplicateGrant: "succeed" },
  { notAttachedCode: "ParameterCenInstanceId", revokeMissingGrant: "instance-not-found", duplicateGrant: "error" },
];

const GRANT = { CenId: WORLD.cen, CenOwnerId: CEN_OWNER.uid, InstanceId: WORLD.vpcLinked, InstanceType: "VPC" };
const CHILD = {
  CenId: WORLD.cen,
  ChildInstanceId: WORLD.vpcLinked,
  ChildInstanceType: "VPC",
  ChildInstanceRegionId: "cn-hangzhou",
  ChildInstanceOwnerId: MAIN.uid,
};
const GRANT_KEY = `${WORLD.cen}:${WORLD.vpcLinked}:${CEN_OWNER.uid}`;
const ATTACH_KEY = `${WORLD.cen}:${WORLD.vpcLinked}`;

describe.each(VARIANTS)(
  "unknown answers: not attached = $notAttachedCode, revoke of a missing grant = $revokeMissingGrant, duplicate grant = $duplicateGrant",
  (variant) => {
    let cloud: Cloud;

    beforeAll(async () => {
      cloud = await startCloud();
      await cloud.emulator.admin.seed({ settings: variant });
    });
    afterAll(async () => {
      await cloud?.close();
    });

    /** Removes both objects behind Pulumi's back, as the hub and main would by hand. */
    async function removeBehindPulumisBack(): Promise<void> {
      const hub = await import("@alicloud/pop-core").then(
        ({ default: RPCClient }) =>
          new RPCClient({
            endpoint: cloud.emulator.url,
            apiVersion: "2017-09-12",
            accessKeyId: CEN_OWNER.accessKeyId,
            accessKeySecret: CEN_OWNER.accessKeySecret,
          }),
      );
      await hub.request("DetachCenChildInstance", { RegionId: "cn-hangzhou", ...CHILD }, { method: "POST" });
      await cloud.call(MAIN, "vpc", "RevokeInstanceFromCen", GRANT);
    }

    it("GIVEN a grant and the hub's attachment WHEN they live through create, refresh, removals behind Pulumi's back and destroy THEN the state follows the world and nothing is left", async () => {
      const before = await worldState(cloud);
      const test = await emulatedStack(cloud, async () => {
        const grant = new CenGrantRevocation("grant", {
          cenId: WORLD.cen,
          cenOwnerId: CEN_OWNER.uid,
          instanceId: WORLD.vpcLinked,
        });
        new CenChildInstanceAttachment(
          "attachment",
          {
            cenId: WORLD.cen,
            childInstanceId: WORLD.vpcLinked,
            childInstanceOwnerId: MAIN.uid,
            profile: "hub-account",
          },
          { dependsOn: [grant] },
        );
      });
      try {
        expect((await test.stack.up()).summary.resourceChanges).toEqual({ create: 3 });
        expect((await test.stack.refresh()).summary.resourceChanges).toEqual({ same: 3 });
        expect((await test.stack.up()).summary.resourceChanges).toEqual({ same: 3 });

        await removeBehindPulumisBack();
        expect((await test.stack.refresh()).summary.resourceChanges).toEqual({ same: 1, delete: 2 });
        expect((await test.stack.up()).summary.resourceChanges).toEqual({ same: 1, create: 2 });
        expect(await effects(cloud, `GrantInstanceToCen:${GRANT_KEY}`)).toBe(2);
        expect(await effects(cloud, `AttachCenChildInstance:${ATTACH_KEY}`)).toBe(2);

        // Gone again, and destroyed without a refresh: each delete finds its object gone.
        await removeBehindPulumisBack();
        expect((await test.stack.destroy()).summary.resourceChanges).toEqual({ delete: 3 });
        expect(await worldState(cloud)).toEqual(before);
      } finally {
        await test.dispose();
      }
    });
  },
);
