// Where Alibaba's pages are silent, the emulator plays each plausible answer (its world settings,
// emulator/README.md "Choices"), and the provider must survive every one. Through the real Pulumi
// engine, a cross-account grant and the hub's attachment go through create, refresh, an up that
// changes nothing, a removal behind Pulumi's back noticed by refresh and made again, and a
// destroy after another such removal, under each answer of each unknown at least once:
// - the code DescribeCenAttachedChildInstanceAttribute answers for "not attached";
// - RevokeInstanceFromCen of a grant that is gone (refused, accepted, or 404 instance not found);
// - a second identical GrantInstanceToCen (refused, or accepted without change);
// - DescribeManagedInstances naming an unknown id (left out, or refused);
// - DeleteActivation once its servers were deregistered (allowed, or still in use);
// - VPC DescribeGrantRulesToCen of a VPC that does not exist (refused, or an empty list).
import { CenGrantRevocation, ManagedInstanceActivation, ManagedInstanceRegistration } from "pulumi-alicloud-dynamic";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WorldSettings } from "../../emulator/index";
import {
  CEN_OWNER,
  type Cloud,
  declareSpokeInHub,
  effects,
  emulatedStack,
  failureOf,
  MAIN,
  startCloud,
  WORLD,
  worldState,
} from "./cloud";
import type { TestStack } from "./harness";

type Variant = Pick<WorldSettings, "notAttachedCode" | "revokeMissingGrant" | "duplicateGrant" | "revokeWhileAttached">;

// Each value of each switch at least once (three runs rather than the full product of 18).
const VARIANTS: Variant[] = [
  {
    notAttachedCode: "ParameterError",
    revokeMissingGrant: "error",
    duplicateGrant: "error",
    revokeWhileAttached: "allow",
  },
  {
    notAttachedCode: "ParameterInstanceId",
    revokeMissingGrant: "succeed",
    duplicateGrant: "succeed",
    revokeWhileAttached: "refuse",
  },
  {
    notAttachedCode: "ParameterCenInstanceId",
    revokeMissingGrant: "instance-not-found",
    duplicateGrant: "error",
    revokeWhileAttached: "allow",
  },
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
  "unknown answers: not attached = $notAttachedCode, revoke of a missing grant = $revokeMissingGrant, duplicate grant = $duplicateGrant, revoke while attached = $revokeWhileAttached",
  (variant) => {
    const seeded = useCloudWith(variant);
    let cloud: Cloud;
    beforeAll(() => {
      cloud = seeded();
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
        declareSpokeInHub();
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

    it("GIVEN the hub attached the VPC without dependsOn the grant WHEN only the grant is destroyed THEN it is revoked with the attachment staying, or refused saying to detach first", async () => {
      let withAttachment = false;
      const test = await emulatedStack(cloud, async () => {
        if (withAttachment) declareSpokeInHub({ dependsOnGrant: false });
        else
          new CenGrantRevocation("grant", { cenId: WORLD.cen, cenOwnerId: CEN_OWNER.uid, instanceId: WORLD.vpcLinked });
      });
      try {
        await test.stack.up();
        withAttachment = true;
        await test.stack.up();
        const grantUrn = (await test.resources()).find((r) => r.type.endsWith(":CenGrantRevocation"))?.urn as string;
        const revokes = () => effects(cloud, `RevokeInstanceFromCen:${GRANT_KEY}`);
        const before = await revokes();
        const alone = await failureOf(test.stack.destroy({ target: [grantUrn] }));
        if (variant.revokeWhileAttached === "refuse") {
          expect(alone).toContain(`${WORLD.vpcLinked} is still attached to ${WORLD.cen}`);
          expect(alone).toContain("must detach it first");
          expect(await revokes()).toBe(before);
        } else {
          expect(alone).toBe("no error");
          expect(await revokes()).toBe(before + 1);
        }
        // Detached first (the attachment alone leaves the program), then the rest goes.
        withAttachment = false;
        await test.stack.up();
        await test.stack.destroy();
        expect(await namesLeft(test)).toEqual([]);
      } finally {
        await test.dispose();
      }
    });
  },
);

/** A cloud for the enclosing describe block, its world settings seeded with `settings`. */
function useCloudWith(settings: Partial<WorldSettings>): () => Cloud {
  let cloud: Cloud | undefined;
  beforeAll(async () => {
    cloud = await startCloud();
    await cloud.emulator.admin.seed({ settings });
  });
  afterAll(async () => {
    await cloud?.close();
  });
  return () => {
    if (!cloud) throw new Error("the cloud starts in beforeAll");
    return cloud;
  };
}

/** The resources of this package still in the stack's state. */
async function namesLeft(test: TestStack): Promise<string[]> {
  return (await test.resources()).filter((r) => r.type.startsWith("pulumi-nodejs:dynamic")).map((r) => r.urn);
}

type CloudAssistantVariant = Pick<
  WorldSettings,
  "unknownManagedInstance" | "deleteUsedActivation" | "unknownInstanceGrantRules"
>;

const CLOUD_ASSISTANT_VARIANTS: CloudAssistantVariant[] = [
  { unknownManagedInstance: "empty", deleteUsedActivation: "allow", unknownInstanceGrantRules: "error" },
  { unknownManagedInstance: "error", deleteUsedActivation: "in-use", unknownInstanceGrantRules: "empty" },
];

describe.each(CLOUD_ASSISTANT_VARIANTS)(
  "unknown answers: an unknown managed instance listed = $unknownManagedInstance, deleting a used activation = $deleteUsedActivation, grant rules of an unknown VPC = $unknownInstanceGrantRules",
  (variant) => {
    const seeded = useCloudWith(variant);
    let cloud: Cloud;
    beforeAll(() => {
      cloud = seeded();
    });

    it("GIVEN an activation a server used and a registered server WHEN the server is deregistered behind Pulumi's back, refreshed and destroyed THEN refresh drops it and destroy completes; the activation is gone or, where Alibaba keeps it, disabled", async () => {
      const test = await emulatedStack(cloud, async () => {
        const codes = new ManagedInstanceActivation("codes", { instanceCount: 2, instanceName: "variant" });
        new ManagedInstanceRegistration("server", { instanceId: WORLD.managed1 });
        return { activationId: codes.activationId, activationCode: codes.activationCode };
      });
      try {
        const up = await test.stack.up();
        expect(up.summary.resourceChanges).toEqual({ create: 3 });
        const activationId = up.outputs.activationId?.value as string;
        // A server used the activation and left again.
        const used = await cloud.emulator.admin.registerAgent({
          regionId: "cn-hangzhou",
          activationId,
          activationCode: up.outputs.activationCode?.value as string,
          hostname: "short-lived",
          intranetIp: "10.0.0.40",
        });
        await cloud.call(MAIN, "ecs", "DeregisterManagedInstance", { InstanceId: used.instanceId });

        await cloud.call(MAIN, "ecs", "DeregisterManagedInstance", { InstanceId: WORLD.managed1 });
        expect((await test.stack.refresh()).summary.resourceChanges).toEqual({ same: 2, delete: 1 });
        expect((await test.stack.destroy()).summary.resourceChanges).toEqual({ delete: 2 });

        const world = await cloud.emulator.admin.world();
        const left = (world.accounts.find((a) => a.uid === MAIN.uid)?.regions["cn-hangzhou"]?.activations ?? []).filter(
          (a) => a.activationId === activationId,
        );
        if (variant.deleteUsedActivation === "allow") expect(left).toEqual([]);
        else expect(left.map((a) => a.disabled)).toEqual([true]);
      } finally {
        await test.dispose();
      }
    });

    it("GIVEN a grant of a VPC that does not exist WHEN up THEN it fails naming the VPC, and nothing is granted", async () => {
      const missing = "vpc-bp1doesnotexist000001";
      const test = await emulatedStack(cloud, async () => {
        new CenGrantRevocation("ghost", { cenId: WORLD.cen, cenOwnerId: CEN_OWNER.uid, instanceId: missing });
      });
      try {
        const failure = await failureOf(test.stack.up());
        expect(failure).toContain(missing);
        expect(await effects(cloud, `GrantInstanceToCen:${WORLD.cen}:${missing}:${CEN_OWNER.uid}`)).toBe(0);
      } finally {
        await test.dispose();
      }
    });
  },
);
