// GIVEN inputs that were accepted at preview before (issue 13's list), WHEN `pulumi preview` runs
// through the real engine against the emulator, THEN each is refused with the property named and
// what is allowed, before any API call. One stack serves every case: its inline program declares
// whatever the case under test sets, and each preview runs the program afresh.
import {
  CenGrantRevocation,
  type CenGrantRevocationArgs,
  ManagedInstanceActivation,
  ManagedInstanceRegistration,
} from "pulumi-alicloud-dynamic";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestStack } from "../../testing/index";
import { CEN_OWNER, type Cloud, emulatedStack, failureOf, startCloud, WORLD } from "./cloud";

const GRANT: CenGrantRevocationArgs = { cenId: WORLD.cen, cenOwnerId: CEN_OWNER.uid, instanceId: WORLD.vpcLinked };

describe("bad input is refused at preview, the property named", () => {
  let cloud: Cloud;
  let test: TestStack;
  let declare: () => void = () => {};

  beforeAll(async () => {
    cloud = await startCloud();
    test = await emulatedStack(cloud, async () => declare());
  });
  afterAll(async () => {
    await test?.dispose();
    await cloud?.close();
  });

  /** Previews `program`; returns the failure and the API requests made meanwhile. */
  async function preview(program: () => void): Promise<{ failure: string; requests: number }> {
    declare = program;
    const before = await cloud.requestCount();
    const failure = await failureOf(test.stack.preview());
    return { failure, requests: (await cloud.requestCount()) - before };
  }

  it("GIVEN a region Alibaba Cloud does not have WHEN preview THEN regionId is refused, the known regions listed", async () => {
    const { failure, requests } = await preview(() => {
      new CenGrantRevocation("grant", { ...GRANT, regionId: "cn-atlantis" });
    });
    expect(failure).toContain("property regionId");
    expect(failure).toContain("regionId: cn-atlantis is not an Alibaba Cloud region; use one of cn-qingdao");
    expect(failure).toContain("alicloud:skipRegionValidation");
    expect(requests).toBe(0);
  });

  it("GIVEN an empty regionId WHEN preview THEN it is refused, not replaced by the stack's region", async () => {
    const { failure, requests } = await preview(() => {
      new CenGrantRevocation("grant", { ...GRANT, regionId: "" });
    });
    expect(failure).toContain("property regionId");
    expect(failure).toContain('regionId must be a region ID such as cn-hangzhou; got ""');
    expect(requests).toBe(0);
  });

  it("GIVEN an id of 10,000 characters WHEN preview THEN cenId is refused and the reason quotes it cut short", async () => {
    const huge = `cen-${"x".repeat(9_996)}`;
    const { failure, requests } = await preview(() => {
      new CenGrantRevocation("grant", { ...GRANT, cenId: huge });
    });
    // The engine quotes the value of a property named in a failure: the reason names it instead.
    expect(failure).toContain("cenId must be a CEN instance ID");
    expect(failure).toContain("(10002 characters)");
    expect(failure.includes(huge), "the whole id repeated in the error").toBe(false);
    expect(requests).toBe(0);
  });

  it("GIVEN a property the resource does not have (a misspelling) WHEN preview THEN it is refused, the real ones listed", async () => {
    const misspelt = { ...GRANT, cenOwnerID: CEN_OWNER.uid } as CenGrantRevocationArgs;
    const { failure, requests } = await preview(() => {
      new CenGrantRevocation("grant", misspelt);
    });
    expect(failure).toContain("property cenOwnerID");
    expect(failure).toContain("cenOwnerID is not a property of this resource; it takes regionId, profile, ");
    expect(failure).toMatch(/it takes [^\n]*, cenOwnerId, /);
    expect(requests).toBe(0);
  });

  it("GIVEN an invalid ipAddressRange WHEN preview THEN it is refused, saying what a range is", async () => {
    const { failure, requests } = await preview(() => {
      new ManagedInstanceActivation("codes", { instanceCount: 1, ipAddressRange: "10.0.0.0/33" });
    });
    expect(failure).toContain("property ipAddressRange");
    expect(failure).toContain("ipAddressRange must be an IPv4 or IPv6 address or CIDR block");
    expect(requests).toBe(0);
  });

  it("GIVEN a Cloud Assistant resource in a region without Cloud Assistant WHEN preview THEN regionId is refused for both kinds", async () => {
    for (const program of [
      () => new ManagedInstanceActivation("codes", { instanceCount: 1, regionId: "cn-nanjing" }),
      () => new ManagedInstanceRegistration("server", { instanceId: WORLD.managed1, regionId: "cn-nanjing" }),
    ]) {
      const { failure, requests } = await preview(() => {
        program();
      });
      expect(failure).toContain("property regionId");
      expect(failure).toContain("regionId: Cloud Assistant is not available in cn-nanjing; use one of");
      expect(requests).toBe(0);
    }
  });

  it("GIVEN a negative or a fractional cenOwnerId WHEN preview THEN it is refused as not a positive whole number (not as above 2^53)", async () => {
    for (const cenOwnerId of [-5, 1.5, -1e20]) {
      const { failure, requests } = await preview(() => {
        new CenGrantRevocation("grant", { ...GRANT, cenOwnerId: cenOwnerId as unknown as string });
      });
      expect(failure).toContain("property cenOwnerId");
      expect(failure).toContain(
        `cenOwnerId must be a positive whole number (an account UID); got ${JSON.stringify(cenOwnerId)}`,
      );
      expect(failure).not.toContain("2^53");
      expect(requests).toBe(0);
    }
  });
});
