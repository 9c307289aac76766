// GIVEN the default world (cen-emuowner0000000003 is Enterprise Edition) WHEN main grants its VPC
// to the hub's transit router over HTTP (CBN GrantInstanceToTransitRouter, Modify, Revoke,
// DescribeGrantRulesToResource) THEN the grant is listed with its owner and order type, each
// refusal comes from a real situation (and says which of its codes are inferred, emulator/README.md),
// and a revoke waits for the instance to be detached; AttachCenChildInstance refuses an Enterprise CEN.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator/index.js";
import { CBN, call, expectFailure, IDS, KEYS, MAIN_VPC_IN_CEN1, pop, start, VPC } from "./helpers.js";

const ENTERPRISE_CEN = "cen-emuowner0000000003";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await start();
});
afterAll(() => emu.stop());
beforeEach(() => emu.admin.reset());

const grant = (overrides: Record<string, string> = {}) => ({
  RegionId: "cn-hangzhou",
  CenId: ENTERPRISE_CEN,
  CenOwnerId: IDS.cenOwnerUid,
  InstanceId: IDS.vpcLink1,
  InstanceType: "VPC",
  ...overrides,
});

interface Rules {
  GrantRules: { CenId: string; CenOwnerId: { toFixed(): string } | number; OrderType: string; CreateTime: string }[];
  TotalCount: number;
  MaxResults: number;
  NextToken: string;
}

const rulesOf = (instanceId: string = IDS.vpcLink1, params: Record<string, unknown> = {}) =>
  call<Rules>(pop(emu.url, CBN), "DescribeGrantRulesToResource", {
    RegionId: "cn-hangzhou",
    ResourceId: instanceId,
    ProductType: "VPC",
    ...params,
  });

describe("grants to transit routers", () => {
  it("GIVEN main's VPC WHEN granted, modified and revoked THEN the list follows, with the owner's UID as a bare integer", async () => {
    const cbn = pop(emu.url, CBN);
    await call(cbn, "GrantInstanceToTransitRouter", grant());
    let rules = await rulesOf();
    expect(rules.TotalCount).toBe(1);
    expect(rules.GrantRules[0]).toMatchObject({ CenId: ENTERPRISE_CEN, OrderType: "PayByCenOwner" });
    expect(String(rules.GrantRules[0]?.CenOwnerId.toFixed())).toBe(IDS.cenOwnerUid);
    expect(rules.GrantRules[0]?.CreateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\dZ$/);

    await call(cbn, "ModifyGrantInstanceToTransitRouter", {
      RegionId: "cn-hangzhou",
      CenId: ENTERPRISE_CEN,
      InstanceId: IDS.vpcLink1,
      OrderType: "PayByResourceOwner",
    });
    rules = await rulesOf();
    expect(rules.GrantRules[0]?.OrderType).toBe("PayByResourceOwner");

    await call(cbn, "RevokeInstanceFromTransitRouter", grant());
    expect((await rulesOf()).GrantRules).toEqual([]);
    expect((await emu.admin.counters()).effects).toEqual({
      [`GrantInstanceToTransitRouter:${ENTERPRISE_CEN}:${IDS.vpcLink1}:${IDS.cenOwnerUid}`]: 1,
      [`ModifyGrantInstanceToTransitRouter:${ENTERPRISE_CEN}:${IDS.vpcLink1}`]: 1,
      [`RevokeInstanceFromTransitRouter:${ENTERPRISE_CEN}:${IDS.vpcLink1}:${IDS.cenOwnerUid}`]: 1,
    });
  });

  it("GIVEN a grant WHEN granted again, or revoked twice THEN 409 InvalidOperation.GrantRuleExists, then 404 InvalidOperation.GrantRuleNotExist", async () => {
    const cbn = pop(emu.url, CBN);
    await call(cbn, "GrantInstanceToTransitRouter", grant());
    await expectFailure(call(cbn, "GrantInstanceToTransitRouter", grant()), "InvalidOperation.GrantRuleExists", 409);
    await call(cbn, "RevokeInstanceFromTransitRouter", grant());
    await expectFailure(
      call(cbn, "RevokeInstanceFromTransitRouter", grant()),
      "InvalidOperation.GrantRuleNotExist",
      404,
    );
  });

  it("GIVEN inputs that name nothing WHEN granted THEN each is refused with its code and nothing is granted", async () => {
    const cbn = pop(emu.url, CBN);
    await expectFailure(
      call(cbn, "GrantInstanceToTransitRouter", grant({ InstanceId: IDS.otherVpc })),
      "ParameterIllegal.InstanceId",
      400,
    );
    await expectFailure(
      call(cbn, "GrantInstanceToTransitRouter", grant({ InstanceType: "Subnet" })),
      "ParameterIllegal.InstanceType",
      400,
    );
    await expectFailure(
      call(cbn, "GrantInstanceToTransitRouter", grant({ CenOwnerId: "1000000000000001" })),
      "ParameterIllegal.CenAliUid",
      400,
    );
    await expectFailure(
      call(cbn, "GrantInstanceToTransitRouter", grant({ CenId: "cen-nosuchcen000001" })),
      "ParameterIllegal.CenInstanceId",
      400,
    );
    await expectFailure(
      call(cbn, "GrantInstanceToTransitRouter", grant({ OrderType: "PayLater" })),
      "ParameterIllegal.OrderType",
      400,
    );
    expect((await rulesOf()).TotalCount).toBe(0);
    // An instance the caller does not have lists no rules, as the CBN pages say of invalid input.
    expect((await rulesOf("vpc-nosuchvpc000000001")).GrantRules).toEqual([]);
  });

  it("GIVEN the VPC attached to the CEN WHEN its grant is revoked THEN 400 InvalidOperation.InstanceAttached until it is detached", async () => {
    // A Basic Edition CEN: the hub attaches with AttachCenChildInstance after main's VPC grant.
    const cbn = pop(emu.url, CBN);
    const basic = grant({ CenId: IDS.cen1 });
    await call(cbn, "GrantInstanceToTransitRouter", basic);
    await call(pop(emu.url, VPC), "GrantInstanceToCen", {
      RegionId: "cn-hangzhou",
      CenId: IDS.cen1,
      CenOwnerId: IDS.cenOwnerUid,
      InstanceId: IDS.vpcLink1,
      InstanceType: "VPC",
    });
    const child = MAIN_VPC_IN_CEN1;
    const hub = pop(emu.url, CBN, KEYS.cenOwner);
    await call(hub, "AttachCenChildInstance", child);
    await expectFailure(call(cbn, "RevokeInstanceFromTransitRouter", basic), "InvalidOperation.InstanceAttached", 400);
    await call(hub, "DetachCenChildInstance", child);
    await call(cbn, "RevokeInstanceFromTransitRouter", basic);
    expect((await rulesOf()).TotalCount).toBe(0);
  });

  it("GIVEN three grants WHEN listed two at a time THEN the token pages through them, and a forged token is refused", async () => {
    await emu.admin.seed({
      accounts: [
        {
          uid: IDS.cenOwnerUid,
          cens: ["cen-emuentpage00001", "cen-emuentpage00002"].map((cenId) => ({
            cenId,
            transitRouterEdition: "Enterprise" as const,
          })),
        },
      ],
    });
    const cbn = pop(emu.url, CBN);
    for (const cenId of [ENTERPRISE_CEN, "cen-emuentpage00001", "cen-emuentpage00002"]) {
      await call(cbn, "GrantInstanceToTransitRouter", grant({ CenId: cenId }));
    }
    const first = await rulesOf(IDS.vpcLink1, { MaxResults: 2 });
    expect(first.GrantRules).toHaveLength(2);
    expect(first.TotalCount).toBe(3);
    const second = await rulesOf(IDS.vpcLink1, { MaxResults: 2, NextToken: first.NextToken });
    expect(second.GrantRules).toHaveLength(1);
    expect(second.NextToken).toBe("");
    await expectFailure(rulesOf(IDS.vpcLink1, { NextToken: "not-a-token" }), "InvalidParameter", 400);
  });

  it("GIVEN an Enterprise Edition CEN WHEN the hub attaches to it with AttachCenChildInstance THEN 400 OperationFailed.InvalidTransitRouter", async () => {
    await expectFailure(
      call(pop(emu.url, CBN, KEYS.cenOwner), "AttachCenChildInstance", {
        RegionId: "cn-hangzhou",
        CenId: ENTERPRISE_CEN,
        ChildInstanceId: IDS.vpcLink1,
        ChildInstanceType: "VPC",
        ChildInstanceRegionId: "cn-hangzhou",
        ChildInstanceOwnerId: IDS.mainUid,
      }),
      "OperationFailed.InvalidTransitRouter",
      400,
    );
  });
});
