// ClassicLinkAttachment through the real Pulumi engine against the emulator.
import { ClassicLinkAttachment, type ClassicLinkAttachmentArgs } from "pulumi-alicloud-dynamic";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestStack } from "../../testing/index";
import {
  type Cloud,
  effects,
  emulatedStack,
  failureOf,
  MAIN,
  outputCollector,
  previewWithBadInputs,
  startCloud,
  WORLD,
  worldState,
} from "./cloud";

/** The VPC an instance is linked to, from the live API; undefined when none. */
async function linkOf(cloud: Cloud, instanceId: string): Promise<string | undefined> {
  const answer = await cloud.call<{ Links: { Link: { InstanceId: string; VpcId: string }[] } }>(
    MAIN,
    "ecs",
    "DescribeClassicLinkInstances",
    { InstanceId: instanceId },
  );
  return answer.Links.Link.find((l) => l.InstanceId === instanceId)?.VpcId;
}

describe("ClassicLinkAttachment end to end", () => {
  let cloud: Cloud;
  let test: TestStack;
  let links: ClassicLinkAttachmentArgs[] = [{ instanceId: WORLD.classic1, vpcId: WORLD.vpcLinked }];
  let worldBefore: unknown;

  beforeAll(async () => {
    cloud = await startCloud();
    worldBefore = await worldState(cloud);
    test = await emulatedStack(cloud, async () => {
      const made = links.map((args, i) => new ClassicLinkAttachment(`link-${i}`, args));
      return { ids: made.map((link) => link.id) };
    });
  });

  afterAll(async () => {
    await test?.dispose();
    await cloud?.close();
  });

  it("GIVEN a running classic instance WHEN up THEN it is linked once, with id <instanceId>:<vpcId>", async () => {
    const result = await test.stack.up();
    expect(result.summary.resourceChanges).toEqual({ create: 2 });
    expect(result.outputs.ids?.value).toEqual([`${WORLD.classic1}:${WORLD.vpcLinked}`]);
    expect(await effects(cloud, `AttachClassicLinkVpc:${WORLD.classic1}:${WORLD.vpcLinked}`)).toBe(1);
    expect(await linkOf(cloud, WORLD.classic1)).toBe(WORLD.vpcLinked);
  });

  it("WHEN up runs again THEN nothing changes", async () => {
    expect((await test.stack.up()).summary.resourceChanges).toEqual({ same: 2 });
  });

  it("GIVEN the same instance moved to another VPC WHEN up THEN the old link goes first (one VPC per instance)", async () => {
    links = [{ instanceId: WORLD.classic1, vpcId: WORLD.vpcLinked2 }];
    const result = await test.stack.up();
    expect(result.summary.resourceChanges).toEqual({ same: 1, replace: 1 });
    expect(await effects(cloud, `DetachClassicLinkVpc:${WORLD.classic1}:${WORLD.vpcLinked}`)).toBe(1);
    expect(await effects(cloud, `AttachClassicLinkVpc:${WORLD.classic1}:${WORLD.vpcLinked2}`)).toBe(1);
    expect(await linkOf(cloud, WORLD.classic1)).toBe(WORLD.vpcLinked2);
  });

  it("GIVEN an instance that is Starting WHEN up THEN the attach is retried until it is Running, with progress", async () => {
    await cloud.admin.setInstanceStatus({ instanceId: WORLD.classic2, status: "Starting" });
    const started = setTimeout(() => {
      void cloud.admin.setInstanceStatus({ instanceId: WORLD.classic2, status: "Running" });
    }, 1_500);
    links = [...links, { instanceId: WORLD.classic2, vpcId: WORLD.vpcLinked2 }];
    const output = outputCollector();
    try {
      const result = await test.stack.up({ onOutput: output.onOutput });
      expect(result.summary.resourceChanges).toEqual({ same: 2, create: 1 });
    } finally {
      clearTimeout(started);
    }
    expect(output.text()).toContain("AttachClassicLinkVpc: InvalidStatus.InstanceStatus; retrying");
    expect(await effects(cloud, `AttachClassicLinkVpc:${WORLD.classic2}:${WORLD.vpcLinked2}`)).toBe(1);
  });

  it("GIVEN a link removed behind Pulumi's back WHEN refresh THEN it is dropped, and the next up links again", async () => {
    await cloud.call(MAIN, "ecs", "DetachClassicLinkVpc", { InstanceId: WORLD.classic2, VpcId: WORLD.vpcLinked2 });
    const refresh = await test.stack.refresh();
    expect(refresh.summary.resourceChanges).toMatchObject({ delete: 1 });
    const up = await test.stack.up();
    expect(up.summary.resourceChanges).toEqual({ same: 2, create: 1 });
    expect(await linkOf(cloud, WORLD.classic2)).toBe(WORLD.vpcLinked2);
  });

  it("GIVEN an instance already linked outside the stack WHEN up THEN create fails clearly and suggests adoptExisting", async () => {
    await cloud.call(MAIN, "ecs", "AttachClassicLinkVpc", { InstanceId: WORLD.classic3, VpcId: WORLD.vpcLinked2 });
    links = [...links, { instanceId: WORLD.classic3, vpcId: WORLD.vpcLinked2 }];
    const failure = await failureOf(test.stack.up());
    expect(failure).toContain(`${WORLD.classic3} is already linked to ${WORLD.vpcLinked2}`);
    expect(failure).toContain("adoptExisting: true");

    links = [...links.slice(0, 2), { instanceId: WORLD.classic3, vpcId: WORLD.vpcLinked2, adoptExisting: true }];
    const adopted = await test.stack.up();
    expect(adopted.summary.resourceChanges).toEqual({ same: 3, create: 1 });
    expect(await effects(cloud, `AttachClassicLinkVpc:${WORLD.classic3}:${WORLD.vpcLinked2}`)).toBe(1);
  });

  it("WHEN destroy THEN every link is removed, the adopted one too, and the world is as it was", async () => {
    const result = await test.stack.destroy();
    expect(result.summary.resourceChanges).toEqual({ delete: 4 });
    for (const instance of [WORLD.classic1, WORLD.classic2, WORLD.classic3]) {
      expect(await linkOf(cloud, instance)).toBeUndefined();
    }
    expect(await worldState(cloud)).toEqual(worldBefore);
  });

  it("GIVEN bad inputs WHEN preview THEN it fails naming the property, before any API call", async () => {
    const { failure, requests } = await previewWithBadInputs(cloud, async () => {
      new ClassicLinkAttachment("bad", { instanceId: WORLD.classic1, vpcId: "vpc_under_score" });
    });
    expect(failure).toContain("property vpcId");
    expect(failure).toContain("a VPC ID such as");
    expect(requests).toBe(0);
  });
});
