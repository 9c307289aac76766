// Where Alibaba's pages are silent, the emulator plays each plausible answer (its world settings,
// emulator/README.md "World settings"), and the provider must survive every one. Through the real
// Pulumi engine, each scenario runs under a pairwise matrix of the switches it touches: every pair
// of values of two of them appears in at least one run (pairwise.ts), each run on its own cloud.
// - A cross-account grant and the hub's attachment, declared without dependsOn: created together
//   (a new grant may reach CEN late: grantPropagationMs), the grant destroyed alone while attached
//   (revokeWhileAttached), the attachment detached behind Pulumi's back and refreshed away
//   (notAttachedCode), then destroyed.
// - A grant revoked behind Pulumi's back, then destroyed (revokeMissingGrant).
// - An activation a server used and two registered servers, both deregistered behind Pulumi's back:
//   one refreshed away, one destroyed without a refresh (unknownManagedInstance,
//   deleteUsedActivation, deregisterUnknownInstance).
// - A grant of a VPC that does not exist (unknownInstanceGrantRules).
// The engine never sends a second identical grant in these scenarios (it looks first): duplicateGrant
// is proven by the emulator's and the lifecycle's own tests (test/unit/resources/handlers.test.ts).
import { CenGrantRevocation, ManagedInstanceActivation, ManagedInstanceRegistration } from "pulumi-alicloud-dynamic";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WorldSettings } from "../../emulator/index";
import { SETTING_CHOICES } from "../../emulator/world/settings";
import type { TestStack } from "../../testing/index";
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
import { pairwise } from "./pairwise";

/** A new grant reaches CEN at once, or 1.5 s later (within the tests' grant wait of 5 s: cloud.ts). */
const PROPAGATION = ["0", "1500"] as const;

const ATTACHMENT_SWITCHES = {
  notAttachedCode: SETTING_CHOICES.notAttachedCode,
  revokeWhileAttached: SETTING_CHOICES.revokeWhileAttached,
  grantPropagationMs: PROPAGATION,
};
const ATTACHMENT_ROWS = pairwise(ATTACHMENT_SWITCHES);

const CLOUD_ASSISTANT_SWITCHES = {
  unknownManagedInstance: SETTING_CHOICES.unknownManagedInstance,
  deleteUsedActivation: SETTING_CHOICES.deleteUsedActivation,
  deregisterUnknownInstance: SETTING_CHOICES.deregisterUnknownInstance,
};
const CLOUD_ASSISTANT_ROWS = pairwise(CLOUD_ASSISTANT_SWITCHES);

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

/** The pairs of values of two switches that no row holds, enumerated apart from the generator. */
function uncoveredPairs(choices: Record<string, readonly string[]>, rows: readonly Record<string, string>[]): string[] {
  const names = Object.keys(choices);
  const missing: string[] = [];
  for (const [i, a] of names.entries()) {
    for (const b of names.slice(i + 1)) {
      for (const va of choices[a] ?? []) {
        for (const vb of choices[b] ?? []) {
          if (!rows.some((row) => row[a] === va && row[b] === vb)) missing.push(`${a}=${va}, ${b}=${vb}`);
        }
      }
    }
  }
  return missing;
}

describe("the variant matrices", () => {
  it("GIVEN each scenario's switches WHEN the matrix is built THEN every pair of values appears in a run, in fewer runs than the full product", () => {
    expect(uncoveredPairs(ATTACHMENT_SWITCHES, ATTACHMENT_ROWS)).toEqual([]);
    expect(uncoveredPairs(CLOUD_ASSISTANT_SWITCHES, CLOUD_ASSISTANT_ROWS)).toEqual([]);
    expect(ATTACHMENT_ROWS).toHaveLength(6);
    expect(CLOUD_ASSISTANT_ROWS.length).toBeLessThan(8);
  });
});

describe.each(ATTACHMENT_ROWS)(
  "unknown answers: not attached = $notAttachedCode, revoke while attached = $revokeWhileAttached, grant propagation = $grantPropagationMs ms",
  (row) => {
    const seeded = useCloudWith({ ...row, grantPropagationMs: Number(row.grantPropagationMs) });
    let cloud: Cloud;
    beforeAll(() => {
      cloud = seeded();
    });

    /** Detaches the VPC as the hub would by hand. */
    async function detachBehindPulumisBack(): Promise<void> {
      const hub = await import("@alicloud/pop-core").then(
        ({ default: RPCClient }) =>
          new RPCClient({
            endpoint: cloud.url,
            apiVersion: "2017-09-12",
            accessKeyId: CEN_OWNER.accessKeyId,
            accessKeySecret: CEN_OWNER.accessKeySecret,
          }),
      );
      await hub.request("DetachCenChildInstance", { RegionId: "cn-hangzhou", ...CHILD }, { method: "POST" });
    }

    it("GIVEN a grant and the hub's attachment made together WHEN the grant is destroyed alone, the VPC detached behind Pulumi's back, refreshed and destroyed THEN each step follows the world and nothing is left", async () => {
      const before = await worldState(cloud);
      const test = await emulatedStack(cloud, async () => {
        declareSpokeInHub({ dependsOnGrant: false });
      });
      try {
        // Made together: the attachment waits for the grant to reach CEN (ALICLOUD_DYNAMIC_GRANT_WAIT_MS).
        expect((await test.stack.up()).summary.resourceChanges).toEqual({ create: 3 });
        expect(await effects(cloud, `AttachCenChildInstance:${ATTACH_KEY}`)).toBe(1);

        const grantUrn = (await test.resources()).find((r) => r.type.endsWith(":CenGrantRevocation"))?.urn as string;
        const alone = await failureOf(test.stack.destroy({ target: [grantUrn] }));
        if (row.revokeWhileAttached === "refuse") {
          expect(alone).toContain(`${WORLD.vpcLinked} is still attached to ${WORLD.cen}`);
          expect(alone).toContain("must detach it first");
          expect(await effects(cloud, `RevokeInstanceFromCen:${GRANT_KEY}`)).toBe(0);
        } else {
          expect(alone).toBe("no error");
          expect(await effects(cloud, `RevokeInstanceFromCen:${GRANT_KEY}`)).toBe(1);
        }
        const kept = row.revokeWhileAttached === "refuse" ? 1 : 0;

        await detachBehindPulumisBack();
        expect((await test.stack.refresh()).summary.resourceChanges).toEqual({ same: 1 + kept, delete: 1 });
        expect((await test.stack.destroy()).summary.resourceChanges).toEqual({ delete: 1 + kept });
        expect(await namesLeft(test)).toEqual([]);
        expect(await worldState(cloud)).toEqual(before);
      } finally {
        await test.dispose();
      }
    });
  },
);

describe.each(SETTING_CHOICES.revokeMissingGrant.map((revokeMissingGrant) => ({ revokeMissingGrant })))(
  "unknown answers: revoke of a missing grant = $revokeMissingGrant",
  (row) => {
    const seeded = useCloudWith(row);

    it("GIVEN a grant revoked behind Pulumi's back WHEN destroyed THEN the delete finds it gone and completes", async () => {
      const cloud = seeded();
      const before = await worldState(cloud);
      const test = await emulatedStack(cloud, async () => {
        new CenGrantRevocation("grant", { cenId: WORLD.cen, cenOwnerId: CEN_OWNER.uid, instanceId: WORLD.vpcLinked });
      });
      try {
        expect((await test.stack.up()).summary.resourceChanges).toEqual({ create: 2 });
        await cloud.call(MAIN, "vpc", "RevokeInstanceFromCen", GRANT);
        expect((await test.stack.destroy()).summary.resourceChanges).toEqual({ delete: 2 });
        expect(await effects(cloud, `RevokeInstanceFromCen:${GRANT_KEY}`)).toBe(1);
        expect(await worldState(cloud)).toEqual(before);
      } finally {
        await test.dispose();
      }
    });
  },
);

describe.each(CLOUD_ASSISTANT_ROWS)(
  "unknown answers: an unknown managed instance listed = $unknownManagedInstance, deleting a used activation = $deleteUsedActivation, deregistering an unknown id = $deregisterUnknownInstance",
  (row) => {
    const seeded = useCloudWith(row);

    it("GIVEN an activation a server used and two registered servers WHEN both are deregistered behind Pulumi's back, one refreshed away and the rest destroyed THEN refresh drops it and destroy completes; the activation is gone or, where Alibaba keeps it, disabled", async () => {
      const cloud = seeded();
      const test = await emulatedStack(cloud, async () => {
        const codes = new ManagedInstanceActivation("codes", { instanceCount: 2, instanceName: "variant" });
        new ManagedInstanceRegistration("server", { instanceId: WORLD.managed1 });
        new ManagedInstanceRegistration("server2", { instanceId: WORLD.managed2 });
        return { activationId: codes.activationId, activationCode: codes.activationCode };
      });
      try {
        const up = await test.stack.up();
        expect(up.summary.resourceChanges).toEqual({ create: 4 });
        const activationId = up.outputs.activationId?.value as string;
        // A server used the activation and left again.
        const used = await cloud.admin.registerAgent({
          regionId: "cn-hangzhou",
          activationId,
          activationCode: up.outputs.activationCode?.value as string,
          hostname: "short-lived",
          intranetIp: "10.0.0.40",
        });
        await cloud.call(MAIN, "ecs", "DeregisterManagedInstance", { InstanceId: used.instanceId });

        await cloud.call(MAIN, "ecs", "DeregisterManagedInstance", { InstanceId: WORLD.managed1 });
        expect((await test.stack.refresh()).summary.resourceChanges).toEqual({ same: 3, delete: 1 });
        // The other server leaves too, and destroy finds it gone without a refresh.
        await cloud.call(MAIN, "ecs", "DeregisterManagedInstance", { InstanceId: WORLD.managed2 });
        expect((await test.stack.destroy()).summary.resourceChanges).toEqual({ delete: 3 });
        expect(await effects(cloud, `DeregisterManagedInstance:${WORLD.managed2}`)).toBe(1);

        const world = await cloud.admin.world();
        const left = (world.accounts.find((a) => a.uid === MAIN.uid)?.regions["cn-hangzhou"]?.activations ?? []).filter(
          (a) => a.activationId === activationId,
        );
        if (row.deleteUsedActivation === "allow") expect(left).toEqual([]);
        else expect(left.map((a) => a.disabled)).toEqual([true]);
      } finally {
        await test.dispose();
      }
    });
  },
);

describe.each(
  SETTING_CHOICES.unknownInstanceGrantRules.map((unknownInstanceGrantRules) => ({ unknownInstanceGrantRules })),
)("unknown answers: grant rules of an unknown VPC = $unknownInstanceGrantRules", (row) => {
  const seeded = useCloudWith(row);

  it("GIVEN a grant of a VPC that does not exist WHEN up THEN it fails naming the VPC, and nothing is granted", async () => {
    const cloud = seeded();
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
});

/** A cloud for the enclosing describe block, its world settings seeded with `settings`. */
function useCloudWith(settings: Partial<WorldSettings>): () => Cloud {
  let cloud: Cloud | undefined;
  beforeAll(async () => {
    cloud = await startCloud();
    await cloud.admin.seed({ settings });
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
