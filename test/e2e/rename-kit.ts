// What the rename tests share (rename.test.ts, rename-cloud-assistant.test.ts): the kinds, one
// program whose version the test moves from name to name, and the checks after each step. Without
// `aliases`, the engine plans a rename as "create the new name, delete the old one at the end of
// the update": the object the old name held must survive that delete, whichever way out the user
// takes (aliases, adoptExisting, the recovery switch), and when another create of the same update
// fails in between. After each: the world holds what the program declares, the state says exactly
// that, nothing was removed on the way, and destroy leaves nothing.
import * as pulumi from "@pulumi/pulumi";
import {
  CenChildInstanceAttachment,
  CenGrantRevocation,
  ClassicLinkAttachment,
  ManagedInstanceRegistration,
  TransitRouterGrant,
} from "pulumi-alicloud-dynamic";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TestStack } from "../../testing/index";
import {
  CEN_OWNER,
  type Cloud,
  effects,
  emulatedStack,
  failureOf,
  MAIN,
  outputCollector,
  startCloud,
  WORLD,
} from "./cloud";

const RECOVER_ENV = "ALICLOUD_DYNAMIC_RECOVER_INTERRUPTED";
const GRANT_KEY = `${WORLD.cen}:${WORLD.vpcLinked}:${CEN_OWNER.uid}`;

/** One version of the program: where the resource stands, under which name, with what options. */
export interface Version {
  readonly name: string;
  /** The component it stands under, if any (a `test:index:Group`). */
  readonly parent?: string;
  /** Its aliases, made inside the program (the root stack resource exists only there). */
  readonly aliases?: () => pulumi.Input<pulumi.Alias>[];
  /** adoptExisting, for the kinds that take it. */
  readonly adopt?: boolean;
  /** A second resource, after it, whose create fails. */
  readonly failing?: boolean;
}

export class Group extends pulumi.ComponentResource {
  constructor(name: string) {
    super("test:index:Group", name);
  }
}

/** What the tests need to know of one kind. */
export interface Kind {
  readonly kind: string;
  /** Whether the object is named by its inputs (adoptExisting and the recovery switch apply). */
  readonly naturalKey: boolean;
  /** Declares the resource. */
  declare(name: string, opts: pulumi.CustomResourceOptions, adopt: boolean): pulumi.Resource;
  /** The objects of this kind in the world that the tests make (ids). */
  live(cloud: Cloud): Promise<string[]>;
  /** The emulator's counter of the call that would remove the object. */
  readonly removal: string;
}

export async function regionOf(cloud: Cloud, uid: string) {
  const world = await cloud.admin.world();
  return world.accounts.find((account) => account.uid === uid);
}

export const KINDS: Kind[] = [
  {
    kind: "CenGrantRevocation",
    naturalKey: true,
    declare: (name, opts, adopt) =>
      new CenGrantRevocation(
        name,
        { cenId: WORLD.cen, cenOwnerId: CEN_OWNER.uid, instanceId: WORLD.vpcLinked, adoptExisting: adopt },
        opts,
      ),
    live: async (cloud) =>
      ((await regionOf(cloud, MAIN.uid))?.regions["cn-hangzhou"]?.grants ?? [])
        .filter((grant) => grant.instanceId === WORLD.vpcLinked)
        .map((grant) => `${grant.cenId}:${grant.instanceId}:${grant.cenOwnerId}`),
    removal: `RevokeInstanceFromCen:${GRANT_KEY}`,
  },
  {
    kind: "ClassicLinkAttachment",
    naturalKey: true,
    declare: (name, opts, adopt) =>
      new ClassicLinkAttachment(
        name,
        { instanceId: WORLD.classic1, vpcId: WORLD.vpcLinked, adoptExisting: adopt },
        opts,
      ),
    live: async (cloud) =>
      ((await regionOf(cloud, MAIN.uid))?.regions["cn-hangzhou"]?.classicLinks ?? [])
        .filter((link) => link.instanceId === WORLD.classic1)
        .map((link) => `${link.instanceId}:${link.vpcId}`),
    removal: `DetachClassicLinkVpc:${WORLD.classic1}:${WORLD.vpcLinked}`,
  },
  {
    kind: "CenChildInstanceAttachment",
    naturalKey: true,
    declare: (name, opts, adopt) => {
      // The grant it needs keeps its name: only the attachment moves.
      const grant = new CenGrantRevocation("grant", {
        cenId: WORLD.cen,
        cenOwnerId: CEN_OWNER.uid,
        instanceId: WORLD.vpcLinked,
      });
      return new CenChildInstanceAttachment(
        name,
        {
          cenId: WORLD.cen,
          childInstanceId: WORLD.vpcLinked,
          childInstanceOwnerId: MAIN.uid,
          profile: "hub-account",
          adoptExisting: adopt,
        },
        { ...opts, dependsOn: [grant] },
      );
    },
    live: async (cloud) =>
      ((await regionOf(cloud, CEN_OWNER.uid))?.cenAttachments ?? []).map(
        (attachment) => `${attachment.cenId}:${attachment.childInstanceId}`,
      ),
    removal: `DetachCenChildInstance:${WORLD.cen}:${WORLD.vpcLinked}`,
  },
  {
    kind: "TransitRouterGrant",
    naturalKey: true,
    declare: (name, opts, adopt) =>
      new TransitRouterGrant(
        name,
        { cenId: WORLD.cenEnterprise, cenOwnerId: CEN_OWNER.uid, instanceId: WORLD.vpcLinked, adoptExisting: adopt },
        opts,
      ),
    live: async (cloud) =>
      ((await regionOf(cloud, MAIN.uid))?.transitRouterGrants ?? []).map(
        (grant) => `${grant.cenId}:${grant.instanceId}`,
      ),
    removal: `RevokeInstanceFromTransitRouter:${WORLD.cenEnterprise}:${WORLD.vpcLinked}:${CEN_OWNER.uid}`,
  },
  {
    kind: "ManagedInstanceRegistration",
    naturalKey: false,
    declare: (name, opts) => new ManagedInstanceRegistration(name, { instanceId: WORLD.managed1 }, opts),
    live: async (cloud) =>
      ((await regionOf(cloud, MAIN.uid))?.regions["cn-hangzhou"]?.managedInstances ?? [])
        .filter((instance) => instance.instanceId === WORLD.managed1)
        .map((instance) => instance.instanceId),
    removal: `DeregisterManagedInstance:${WORLD.managed1}`,
  },
];

/** The names of the resources of `kind` in the stack's state. */
async function namesInState(test: TestStack, kind: string): Promise<string[]> {
  return (await test.resources())
    .filter((resource) => resource.type.endsWith(`:${kind}`))
    .map((resource) => resource.urn.split("::").pop() ?? "");
}

/** One emulator for a test file, reset after each test, and the steps every rename test takes. */
export function useRenameCloud() {
  let cloud: Cloud;
  const stacks: TestStack[] = [];

  beforeAll(async () => {
    cloud = await startCloud();
  });
  afterEach(async () => {
    for (const stack of stacks.splice(0)) await stack.dispose();
    await cloud.admin.reset();
  });
  afterAll(async () => {
    await cloud?.close();
  });

  /** A stack whose program declares `kind` as `current()` says. */
  async function stackOf(kind: Kind, current: () => Version, projectName?: string): Promise<TestStack> {
    const test = await emulatedStack(
      cloud,
      async () => {
        const version = current();
        const parent = version.parent ? new Group(version.parent) : undefined;
        const made = kind.declare(version.name, { parent, aliases: version.aliases?.() }, version.adopt ?? false);
        if (version.failing) {
          // Linking to a VPC that does not exist is refused by the API: the update stops there.
          new ClassicLinkAttachment(
            "broken",
            { instanceId: WORLD.classic3, vpcId: "vpc-bp1doesnotexist00001" },
            { dependsOn: [made] },
          );
        }
      },
      { projectName },
    );
    stacks.push(test);
    return test;
  }

  /** The world holds the one object, the state names only `name`, and nothing removed it on the way. */
  async function heldBy(kind: Kind, test: TestStack, name: string, live: string[]): Promise<void> {
    expect(await kind.live(cloud)).toEqual(live);
    expect(await namesInState(test, kind.kind)).toEqual([name]);
    expect(await effects(cloud, kind.removal)).toBe(0);
  }

  /** Destroy leaves none of the kind's objects. */
  async function destroyLeavesNothing(kind: Kind, test: TestStack): Promise<void> {
    await test.stack.destroy();
    expect(await kind.live(cloud)).toEqual([]);
    expect(await namesInState(test, kind.kind)).toEqual([]);
  }

  return {
    cloud: () => cloud,
    stacks,
    stackOf,
    heldBy,
    destroyLeavesNothing,
  };
}

/** The resources an up leaves the same when the kind's resource only moved: the stack, and the grant an attachment needs. */
function sameCount(kind: Kind): number {
  return kind.kind === "CenChildInstanceAttachment" ? 3 : 2;
}

/** The rename tests of one kind; `h` is the file's {@link useRenameCloud}. */
export function describeRenames(kind: Kind, h: ReturnType<typeof useRenameCloud>): void {
  const { stackOf, heldBy, destroyLeavesNothing } = h;
  const cloud = () => h.cloud();
  describe(kind.kind, () => {
    it("GIVEN a rename without aliases, then aliases for a move under a component and under another THEN the object is kept all along: held by the new name, or the error names aliases first", async () => {
      let version: Version = { name: "old-name" };
      const test = await stackOf(kind, () => version);
      await test.stack.up();
      const live = await kind.live(cloud());
      expect(live).toHaveLength(1);

      version = { name: "new-name" };
      const output = outputCollector();
      const failure = await failureOf(test.stack.up({ onOutput: output.onOutput }));
      if (kind.naturalKey) {
        // Which stack made it cannot be known: the user is told the likeliest cause first.
        expect(failure).toContain('If you renamed or moved "new-name" in the program');
        expect(failure).toContain('aliases: [{ name: "<old name>" }]');
        await heldBy(kind, test, "old-name", live);
        version = { name: "new-name", aliases: () => [{ name: "old-name" }] };
        expect((await test.stack.up()).summary.resourceChanges).toEqual({ same: sameCount(kind) });
      } else {
        // The registration finds the same server; the old name's delete leaves it to the new one.
        expect(failure).toBe("no error");
        expect(output.text()).toContain("kept: now held by new-name");
      }
      await heldBy(kind, test, "new-name", live);

      version = { name: "new-name", parent: "group", aliases: () => [{ parent: pulumi.rootStackResource }] };
      expect((await test.stack.up()).summary.resourceChanges).toEqual({ same: sameCount(kind), create: 1 });
      await heldBy(kind, test, "new-name", live);
      expect((await test.resources()).find((r) => r.type.endsWith(`:${kind.kind}`))?.urn).toContain(
        "test:index:Group$",
      );

      const oldParent = pulumi.createUrn("group", "test:index:Group");
      version = { name: "new-name", parent: "other-group", aliases: () => [{ parent: oldParent }] };
      expect((await test.stack.up()).summary.resourceChanges).toEqual({ same: sameCount(kind), create: 1, delete: 1 });
      await heldBy(kind, test, "new-name", live);
      await destroyLeavesNothing(kind, test);
    });

    it("GIVEN a rename together with a create that fails WHEN up, then up without it THEN the object is never removed", async () => {
      let version: Version = { name: "old-name" };
      const test = await stackOf(kind, () => version);
      await test.stack.up();
      const live = await kind.live(cloud());

      // adoptExisting: without it a natural-key create refuses the object (the first test).
      version = { name: "new-name", adopt: kind.naturalKey, failing: true };
      expect(await failureOf(test.stack.up())).not.toBe("no error");
      expect((await namesInState(test, kind.kind)).sort()).toEqual(["new-name", "old-name"]);
      expect(await kind.live(cloud())).toEqual(live);

      // A new provider process: the diff of the new name tells it who holds the object now.
      version = { name: "new-name", adopt: kind.naturalKey };
      const output = outputCollector();
      await test.stack.up({ onOutput: output.onOutput });
      expect(output.text()).toContain("kept: now held by new-name");
      await heldBy(kind, test, "new-name", live);
      await destroyLeavesNothing(kind, test);
    });

    // adoptExisting and the recovery switch belong to the kinds named by their inputs.
    if (!kind.naturalKey) return;

    it("GIVEN a rename with adoptExisting, then another with the recovery switch WHEN up THEN each new name takes the object and the old name's delete leaves it", async () => {
      let version: Version = { name: "old-name" };
      const test = await stackOf(kind, () => version);
      await test.stack.up();
      const live = await kind.live(cloud());

      version = { name: "new-name", adopt: true };
      const output = outputCollector();
      await test.stack.up({ onOutput: output.onOutput });
      expect(output.text()).toContain("kept: now held by new-name");
      await heldBy(kind, test, "new-name", live);

      version = { name: "newer-name" };
      test.stack.workspace.envVars[RECOVER_ENV] = "true";
      try {
        await test.stack.up();
      } finally {
        delete test.stack.workspace.envVars[RECOVER_ENV];
      }
      await heldBy(kind, test, "newer-name", live);
      expect((await test.stack.up()).summary.resourceChanges).toEqual({ same: sameCount(kind) });
      await destroyLeavesNothing(kind, test);
    });
  });
}
