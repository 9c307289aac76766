// Two stacks and one grant, through the real Pulumi engine against the emulator. What adoption
// means (docs/adoption.md): an adopted object is owned like any other, so destroy removes it; if
// its other owner removes it, the adopting stack's next preview or up notices (diff looks at
// adopted objects) and makes it again; to share an object without removing it on destroy, the
// adopting stack sets Pulumi's `retainOnDelete: true`.
import { CenGrantRevocation } from "pulumi-alicloud-dynamic";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TestStack } from "../../testing/index";
import { CEN_OWNER, type Cloud, effects, emulatedStack, grantsOn, MAIN, startCloud, WORLD } from "./cloud";

const GRANT = { cenId: WORLD.cen, cenOwnerId: CEN_OWNER.uid, instanceId: WORLD.vpcLinked };
const KEY = `${WORLD.cen}:${WORLD.vpcLinked}:${CEN_OWNER.uid}`;

describe("one grant, two stacks: A makes it, B adopts it", () => {
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

  /** Whether main's VPC is granted to the CEN, as the live API says. */
  async function granted(): Promise<boolean> {
    return (await grantsOn(cloud, MAIN, WORLD.vpcLinked)).some((grant) => grant.cenId === WORLD.cen);
  }

  /** Stack A declares the grant; stack B adopts it, with `retain` on B when asked. */
  async function twoStacks(retain = false): Promise<{ a: TestStack; b: TestStack }> {
    const a = await emulatedStack(
      cloud,
      async () => {
        const grant = new CenGrantRevocation("grant", GRANT);
        return { adopted: grant.adopted };
      },
      { projectName: "stack-a" },
    );
    const b = await emulatedStack(
      cloud,
      async () => {
        const grant = new CenGrantRevocation("grant", { ...GRANT, adoptExisting: true }, { retainOnDelete: retain });
        return { adopted: grant.adopted };
      },
      { projectName: "stack-b" },
    );
    stacks.push(a, b);
    const madeByA = await a.stack.up();
    expect(madeByA.outputs.adopted?.value).toBe(false);
    const adoptedByB = await b.stack.up();
    expect(adoptedByB.outputs.adopted?.value).toBe(true);
    expect(await effects(cloud, `GrantInstanceToCen:${KEY}`)).toBe(1);
    return { a, b };
  }

  it("GIVEN B adopted A's grant WHEN A destroys THEN B's next preview plans to grant again, and its up does: the grant is live, now B's own", async () => {
    const { a, b } = await twoStacks();
    await a.stack.destroy();
    expect(await granted()).toBe(false);

    const preview = await b.stack.preview();
    expect(preview.changeSummary).toMatchObject({ replace: 1 });
    const up = await b.stack.up();
    expect(up.summary.resourceChanges).toMatchObject({ replace: 1 });
    expect(await granted()).toBe(true);
    expect(up.outputs.adopted?.value).toBe(false);
    expect(await effects(cloud, `GrantInstanceToCen:${KEY}`)).toBe(2);

    expect((await b.stack.up()).summary.resourceChanges).toEqual({ same: 2 });
    await b.stack.destroy();
    expect(await granted()).toBe(false);
  });

  it("GIVEN B adopted A's grant with retainOnDelete WHEN B destroys THEN the grant stays for A; A's destroy revokes it", async () => {
    const { a, b } = await twoStacks(true);
    const destroyed = await b.stack.destroy();
    expect(destroyed.summary.resourceChanges).toMatchObject({ delete: 2 });
    expect(await granted()).toBe(true);
    expect(await effects(cloud, `RevokeInstanceFromCen:${KEY}`)).toBe(0);
    expect((await a.stack.up()).summary.resourceChanges).toEqual({ same: 2 });

    await a.stack.destroy();
    expect(await granted()).toBe(false);
    expect(await effects(cloud, `RevokeInstanceFromCen:${KEY}`)).toBe(1);
  });
});
