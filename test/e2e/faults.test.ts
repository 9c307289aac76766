// GIVEN the emulator throttling, failing, dropping connections and losing answers after applying
// changes, WHEN up and destroy run every resource, THEN both converge and no change is applied twice.
import {
  CenGrantRevocation,
  ClassicLinkAttachment,
  ManagedInstanceActivation,
  ManagedInstanceRegistration,
} from "pulumi-alicloud-dynamic";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FaultRule } from "../../emulator/index";
import type { TestStack } from "../../testing/index";
import { CEN_OWNER, type Cloud, effects, emulatedStack, startCloud, WORLD } from "./cloud";

const MUTATIONS = [
  "CreateActivation",
  "DeleteActivation",
  "GrantInstanceToCen",
  "RevokeInstanceFromCen",
  "AttachClassicLinkVpc",
  "DetachClassicLinkVpc",
  "ModifyManagedInstance",
  "DeregisterManagedInstance",
];

const RULES: FaultRule[] = [
  { kind: "Throttling", rate: 0.15 },
  { kind: "Throttling.User", rate: 0.05 },
  { kind: "ServiceUnavailable", rate: 0.05 },
  { kind: "InternalError", rate: 0.05 },
  { kind: "BadGateway", rate: 0.05 },
  { kind: "DropBeforeAnswer", rate: 0.05 },
  { kind: "OperationConflict", action: "AttachClassicLinkVpc", count: 1 },
  { kind: "TaskConflict", action: "GrantInstanceToCen", count: 1 },
  { kind: "InternalError.Dispatch", action: "DeregisterManagedInstance", count: 2 },
  // The nastiest: each change is applied, then its answer is lost.
  ...MUTATIONS.map((action): FaultRule => ({ kind: "DropAfterEffect", action, count: 1 })),
];

const GRANT = `${WORLD.cen}:${WORLD.vpcLinked}:${CEN_OWNER.uid}`;
const LINK = `${WORLD.classic1}:${WORLD.vpcLinked}`;

describe("convergence under faults", () => {
  let cloud: Cloud;
  let test: TestStack;

  beforeAll(async () => {
    cloud = await startCloud();
    await cloud.admin.setConsistency({ delayMs: 300 });
    await cloud.admin.setFaults({ rules: RULES, randomSeed: 20261126 });
    test = await emulatedStack(cloud, async () => {
      new CenGrantRevocation("grant", { cenId: WORLD.cen, cenOwnerId: CEN_OWNER.uid, instanceId: WORLD.vpcLinked });
      new ClassicLinkAttachment("link", { instanceId: WORLD.classic1, vpcId: WORLD.vpcLinked });
      new ManagedInstanceRegistration("server", { instanceId: WORLD.managed1, instanceName: "under-fire" });
      new ManagedInstanceActivation("codes", { instanceCount: 5 });
    });
  });

  afterAll(async () => {
    await test?.dispose();
    await cloud?.close();
  });

  it("GIVEN faults on every kind of call WHEN up THEN all four exist, each change applied exactly once", async () => {
    const result = await test.stack.up();
    expect(result.summary.resourceChanges).toEqual({ create: 5 });
    expect(await effects(cloud, `GrantInstanceToCen:${GRANT}`)).toBe(1);
    expect(await effects(cloud, `AttachClassicLinkVpc:${LINK}`)).toBe(1);
    const activations = Object.keys((await cloud.admin.counters()).effects).filter((k) =>
      k.startsWith("CreateActivation:"),
    );
    expect(activations).toHaveLength(1);
    const counters = await cloud.admin.counters();
    // The faults did happen: this is not a clean run.
    for (const kind of ["Throttling", "DropAfterEffect", "TaskConflict", "OperationConflict"]) {
      expect(counters.faults[kind], kind).toBeGreaterThan(0);
    }
  });

  it("GIVEN the same faults WHEN destroy THEN everything is removed, each removal applied exactly once", async () => {
    const result = await test.stack.destroy();
    expect(result.summary.resourceChanges).toEqual({ delete: 5 });
    expect(await effects(cloud, `RevokeInstanceFromCen:${GRANT}`)).toBe(1);
    expect(await effects(cloud, `DetachClassicLinkVpc:${LINK}`)).toBe(1);
    expect(await effects(cloud, `DeregisterManagedInstance:${WORLD.managed1}`)).toBe(1);
    const counters = await cloud.admin.counters();
    expect(counters.faults["InternalError.Dispatch"]).toBe(2);
    expect(counters.faults.DropAfterEffect).toBe(MUTATIONS.length);
  });
});
