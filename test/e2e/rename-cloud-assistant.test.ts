// Renaming or moving a managed instance registration or an activation in the program, through the
// real Pulumi engine against the emulator (rename-kit.ts says what the shared tests prove); and the
// owner tag that keeps a server for the stack that holds it, across updates and stacks.
import * as pulumi from "@pulumi/pulumi";
import { ManagedInstanceActivation, ManagedInstanceRegistration } from "pulumi-alicloud-dynamic";
import { describe, expect, it } from "vitest";
import { effects, emulatedStack, MAIN, outputCollector, WORLD } from "./cloud";
import { describeRenames, Group, KINDS, regionOf, useRenameCloud, type Version } from "./rename-kit";

describe("renaming or moving a Cloud Assistant resource", () => {
  const h = useRenameCloud();
  const { stacks, stackOf, destroyLeavesNothing } = h;
  const [registration] = KINDS.filter((kind) => kind.kind === "ManagedInstanceRegistration");
  if (!registration) throw new Error("no registration kind");
  describeRenames(registration, h);

  describe("ManagedInstanceRegistration across stacks", () => {
    it("GIVEN two stacks that hold one server WHEN the first destroys THEN the owner tag keeps it for the second", async () => {
      const first = await stackOf(registration, () => ({ name: "server" }), "first-project");
      const second = await stackOf(registration, () => ({ name: "server" }), "second-project");
      await first.stack.up();
      await second.stack.up();

      const output = outputCollector();
      await first.stack.destroy({ onOutput: output.onOutput });
      expect(output.text()).toContain("kept: its owner tag names another resource that holds it");
      expect(await registration.live(h.cloud())).toEqual([WORLD.managed1]);
      expect(await effects(h.cloud(), registration.removal)).toBe(0);

      await destroyLeavesNothing(registration, second);
      expect(await effects(h.cloud(), registration.removal)).toBe(1);
    });

    it("GIVEN an alias and a new instance name in one up THEN the owner tag follows the new URN, and destroy deregisters", async () => {
      let name = "first";
      let instanceName: string | undefined;
      const test = await emulatedStack(h.cloud(), async () => {
        new ManagedInstanceRegistration(
          name,
          { instanceId: WORLD.managed1, instanceName },
          { aliases: name === "first" ? [] : [{ name: "first" }] },
        );
      });
      stacks.push(test);
      await test.stack.up();
      name = "second";
      instanceName = "renamed-server";
      expect((await test.stack.up()).summary.resourceChanges).toEqual({ same: 1, update: 1 });
      const tags = ((await regionOf(h.cloud(), MAIN.uid))?.regions["cn-hangzhou"]?.managedInstances ?? []).find(
        (instance) => instance.instanceId === WORLD.managed1,
      )?.tags;
      expect(tags?.filter((tag) => tag.key === "pulumi:owner")).toHaveLength(1);
      await test.stack.destroy();
      expect(await effects(h.cloud(), `DeregisterManagedInstance:${WORLD.managed1}`)).toBe(1);
    });
  });

  describe("ManagedInstanceRegistration replaced", () => {
    it("GIVEN up --replace of a registration WHEN its new copy finds the same server THEN the old copy's delete leaves it registered", async () => {
      const test = await stackOf(registration, () => ({ name: "server" }));
      await test.stack.up();
      const [state] = (await test.resources()).filter((r) => r.type.endsWith(":ManagedInstanceRegistration"));
      if (!state) throw new Error("no registration in the state");
      const output = outputCollector();
      const replaced = await test.stack.up({ replace: [state.urn], onOutput: output.onOutput });
      expect(replaced.summary.resourceChanges).toMatchObject({ replace: 1 });
      expect(output.text()).toContain("kept: its replacement server holds it");
      expect(await registration.live(h.cloud())).toEqual([WORLD.managed1]);
      expect(await effects(h.cloud(), registration.removal)).toBe(0);
      await destroyLeavesNothing(registration, test);
    });
  });

  describe("ManagedInstanceActivation", () => {
    const activations = async () =>
      ((await regionOf(h.cloud(), MAIN.uid))?.regions["cn-hangzhou"]?.activations ?? [])
        .filter((activation) => activation.instanceName === "renamed")
        .map((activation) => activation.activationId);

    /** A stack of one activation, declared as `current()` says. */
    async function activationStack(current: () => Version) {
      const test = await emulatedStack(h.cloud(), async () => {
        const version = current();
        const parent = version.parent ? new Group(version.parent) : undefined;
        const codes = new ManagedInstanceActivation(
          version.name,
          { instanceCount: 1, instanceName: "renamed" },
          { parent, aliases: version.aliases?.() },
        );
        return { code: codes.activationCode };
      });
      stacks.push(test);
      return test;
    }

    it("GIVEN a rename without aliases WHEN up THEN, as the plan shows, a new activation replaces the old: its id is the service's, not the program's", async () => {
      let version: Version = { name: "codes" };
      const test = await activationStack(() => version);
      await test.stack.up();
      const [old] = await activations();

      version = { name: "lab-codes" };
      const preview = await test.stack.preview();
      expect(preview.changeSummary).toMatchObject({ create: 1, delete: 1 });
      await test.stack.up();
      const now = await activations();
      expect(now).toHaveLength(1);
      expect(now).not.toContain(old);
      expect(await effects(h.cloud(), `DeleteActivation:${old}`)).toBe(1);
      await test.stack.destroy();
      expect(await activations()).toEqual([]);
    });

    it("GIVEN aliases WHEN renamed and moved under a component THEN it keeps its activation and code", async () => {
      let version: Version = { name: "codes" };
      const test = await activationStack(() => version);
      const first = await test.stack.up();
      const made = await activations();
      expect(made).toHaveLength(1);

      version = {
        name: "lab-codes",
        parent: "group",
        aliases: () => [{ name: "codes", parent: pulumi.rootStackResource }],
      };
      const moved = await test.stack.up();
      expect(moved.summary.resourceChanges).toEqual({ same: 2, create: 1 });
      expect(moved.outputs.code?.value).toBe(first.outputs.code?.value);
      expect(await activations()).toEqual(made);
      expect(await effects(h.cloud(), `DeleteActivation:${made[0]}`)).toBe(0);
      await test.stack.destroy();
      expect(await activations()).toEqual([]);
    });
  });
});
