// CenChildInstanceAttachment through the real Pulumi engine against the emulator: main grants its
// VPC to the hub's CEN instance (a CenGrantRevocation, main's credentials), then the hub attaches it
// (the attachment, with the hub's CLI profile), the emulator's counters as the witness of effects.
import RPCClient from "@alicloud/pop-core";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import {
  CenChildInstanceAttachment,
  type CenChildInstanceAttachmentArgs,
  CenGrantRevocation,
} from "pulumi-alicloud-dynamic";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestStack } from "../../testing/index";
import {
  type Account,
  CEN_OWNER,
  type Cloud,
  effects,
  emulatedStack,
  MAIN,
  previewWithBadInputs,
  startCloud,
  WORLD,
  worldState,
} from "./cloud";

const ID = `${WORLD.cen}:${WORLD.vpcLinked}`;

/** Collects, in order, the names of the resources an operation completed with `op`. */
function completed(op: "create" | "delete"): { onEvent: (event: EngineEvent) => void; names: string[] } {
  const names: string[] = [];
  return {
    names,
    onEvent: (event) => {
      const done = event.resOutputsEvent?.metadata;
      if (done?.op === op && done.type.startsWith("pulumi-nodejs:dynamic"))
        names.push(done.urn.split("::").pop() ?? "");
    },
  };
}

/** Calls a CBN action as `account`, behind Pulumi's back. */
function cbn<T = Record<string, unknown>>(cloud: Cloud, account: Account, action: string, params: object): Promise<T> {
  const client = new RPCClient({
    endpoint: cloud.url,
    apiVersion: "2017-09-12",
    accessKeyId: account.accessKeyId,
    accessKeySecret: account.accessKeySecret,
  });
  return client.request<T>(action, { RegionId: "cn-hangzhou", ...params }, { method: "POST" });
}

const CHILD = {
  CenId: WORLD.cen,
  ChildInstanceId: WORLD.vpcLinked,
  ChildInstanceType: "VPC",
  ChildInstanceRegionId: "cn-hangzhou",
};

/** The network instances attached to the hub's CEN instance, with their status, from the hub's view. */
async function attachedTo(cloud: Cloud): Promise<string[]> {
  const answer = await cbn<{ ChildInstances: { ChildInstance: { ChildInstanceId: string; Status: string }[] } }>(
    cloud,
    CEN_OWNER,
    "DescribeCenAttachedChildInstances",
    { CenId: WORLD.cen },
  );
  return answer.ChildInstances.ChildInstance.map((c) => `${c.ChildInstanceId} ${c.Status}`);
}

describe("CenChildInstanceAttachment end to end", () => {
  let cloud: Cloud;
  let test: TestStack;
  let worldBefore: unknown;
  const args: CenChildInstanceAttachmentArgs = {
    cenId: WORLD.cen,
    childInstanceId: WORLD.vpcLinked,
    childInstanceOwnerId: MAIN.uid,
    // The hub's credentials, from ~/.aliyun/config.json: it owns the CEN instance.
    profile: "hub-account",
  };

  beforeAll(async () => {
    cloud = await startCloud();
    worldBefore = await worldState(cloud);
    test = await emulatedStack(cloud, async () => {
      const grant = new CenGrantRevocation("grant", {
        cenId: WORLD.cen,
        cenOwnerId: CEN_OWNER.uid,
        instanceId: WORLD.vpcLinked,
      });
      const attachment = new CenChildInstanceAttachment("attachment", args, { dependsOn: [grant] });
      return {
        id: attachment.id,
        status: attachment.status,
        attachTime: attachment.attachTime,
        childInstanceType: attachment.childInstanceType,
        childInstanceOwnerId: attachment.childInstanceOwnerId,
      };
    });
  });

  afterAll(async () => {
    await test?.dispose();
    await cloud?.close();
  });

  it("GIVEN main's grant WHEN up THEN the hub attaches main's VPC once, after the grant, Attached, with its outputs", async () => {
    const order = completed("create");
    const result = await test.stack.up({ onEvent: order.onEvent });
    expect(order.names).toEqual(["grant", "attachment"]);
    expect(result.summary.resourceChanges).toEqual({ create: 3 });
    expect(result.outputs.id?.value).toBe(ID);
    expect(result.outputs.status?.value).toBe("Attached");
    expect(result.outputs.attachTime?.value).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\dZ$/);
    expect(result.outputs.childInstanceType?.value).toBe("VPC");
    expect(result.outputs.childInstanceOwnerId?.value).toBe(MAIN.uid);
    expect(await effects(cloud, `AttachCenChildInstance:${ID}`)).toBe(1);
    expect(await attachedTo(cloud)).toEqual([`${WORLD.vpcLinked} Attached`]);
  });

  it("WHEN up runs again THEN nothing changes and nothing is attached again", async () => {
    const result = await test.stack.up();
    expect(result.summary.resourceChanges).toEqual({ same: 3 });
    expect(await effects(cloud, `AttachCenChildInstance:${ID}`)).toBe(1);
  });

  it("GIVEN the VPC detached behind Pulumi's back WHEN refresh THEN the attachment is dropped, and the next up attaches again", async () => {
    await cbn(cloud, CEN_OWNER, "DetachCenChildInstance", { ...CHILD, ChildInstanceOwnerId: MAIN.uid });
    const refresh = await test.stack.refresh();
    expect(refresh.summary.resourceChanges).toEqual({ same: 2, delete: 1 });
    expect((await test.resources()).some((r) => r.type.endsWith("CenChildInstanceAttachment"))).toBe(false);

    const up = await test.stack.up();
    expect(up.summary.resourceChanges).toEqual({ same: 2, create: 1 });
    expect(await effects(cloud, `AttachCenChildInstance:${ID}`)).toBe(2);
    expect(await attachedTo(cloud)).toEqual([`${WORLD.vpcLinked} Attached`]);
  });

  it("WHEN destroy THEN the VPC is detached before the grant is revoked, and the world is as before the stack", async () => {
    const order = completed("delete");
    const result = await test.stack.destroy({ onEvent: order.onEvent });
    expect(result.summary.resourceChanges).toEqual({ delete: 3 });
    expect(order.names).toEqual(["attachment", "grant"]);
    // The second detach: the first was the one behind Pulumi's back.
    expect(await effects(cloud, `DetachCenChildInstance:${ID}`)).toBe(2);
    expect(await effects(cloud, `RevokeInstanceFromCen:${WORLD.cen}:${WORLD.vpcLinked}:${CEN_OWNER.uid}`)).toBe(1);
    expect(await attachedTo(cloud)).toEqual([]);
    expect(await worldState(cloud)).toEqual(worldBefore);
  });

  it("GIVEN bad inputs WHEN preview THEN it fails naming each property, before any API call", async () => {
    const { failure, requests } = await previewWithBadInputs(cloud, async () => {
      new CenChildInstanceAttachment("bad", {
        cenId: "my-cen",
        childInstanceId: "subnet-123",
        childInstanceOwnerId: "12ab",
      });
    });
    expect(failure).toContain("property cenId");
    expect(failure).toContain("property childInstanceId");
    expect(failure).toContain("property childInstanceOwnerId");
    expect(failure).toContain("a VPC, VBR or CCN ID");
    expect(requests).toBe(0);
  });
});
