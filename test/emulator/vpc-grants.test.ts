// GIVEN the default world WHEN VPC grant actions run THEN grants appear, page and disappear as the
// real service shows them, and every documented refusal comes from a real situation in the world.
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator/index.js";
import { call, expectFailure, IDS, KEYS, pop, signedFetch, start, VPC } from "./helpers.js";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await start();
});
afterAll(() => emu.stop());
beforeEach(() => emu.admin.reset());

const grant = (overrides: Record<string, string> = {}) => ({
  RegionId: "cn-hangzhou",
  InstanceId: IDS.vpcLink1,
  InstanceType: "VPC",
  CenId: IDS.cen1,
  CenOwnerId: IDS.cenOwnerUid,
  ...overrides,
});
const describeParams = { RegionId: "cn-hangzhou", InstanceId: IDS.vpcLink1, InstanceType: "VPC" };

interface Rules {
  TotalCount: number;
  PageNumber: number;
  PageSize: number;
  CenGrantRules: {
    CbnGrantRule: Array<{ CenInstanceId: string; CenOwnerId: { toString(): string }; CreationTime: string }>;
  };
}

describe("happy path", () => {
  it("GIVEN no grants WHEN granting then describing then revoking THEN the grant shows with the exact owner UID and then goes", async () => {
    const vpc = pop(emu.url, VPC);
    const granted = await call<{ RequestId: string }>(vpc, "GrantInstanceToCen", grant());
    expect(Object.keys(granted)).toEqual(["RequestId"]);
    const rules = await call<Rules>(vpc, "DescribeGrantRulesToCen", describeParams);
    expect(rules.TotalCount).toBe(1);
    expect(rules.PageNumber).toBe(1);
    expect(rules.PageSize).toBe(10);
    const [rule] = rules.CenGrantRules.CbnGrantRule;
    expect(rule?.CenInstanceId).toBe(IDS.cen1);
    expect(rule?.CenOwnerId.toString()).toBe("9300000000000007");
    expect(rule?.CreationTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    await call(vpc, "RevokeInstanceFromCen", grant(), "POST");
    const after = await call<Rules>(vpc, "DescribeGrantRulesToCen", describeParams);
    expect(after.TotalCount).toBe(0);
    expect(after.CenGrantRules.CbnGrantRule).toEqual([]);
    const counters = await emu.admin.counters();
    expect(counters.effects).toEqual({
      [`GrantInstanceToCen:${IDS.cen1}:${IDS.vpcLink1}:${IDS.cenOwnerUid}`]: 1,
      [`RevokeInstanceFromCen:${IDS.cen1}:${IDS.vpcLink1}:${IDS.cenOwnerUid}`]: 1,
    });
    expect(counters.requests).toEqual({ GrantInstanceToCen: 1, DescribeGrantRulesToCen: 2, RevokeInstanceFromCen: 1 });
  });

  it("GIVEN a grant WHEN described with Format=XML THEN rules are repeated <CbnGrantRule> elements inside <CenGrantRules>", async () => {
    await call(pop(emu.url, VPC), "GrantInstanceToCen", grant());
    await call(pop(emu.url, VPC), "GrantInstanceToCen", grant({ CenId: IDS.cen2 }));
    const answer = await signedFetch(emu.url, {
      params: { Action: "DescribeGrantRulesToCen", Version: VPC, Format: "XML", ...describeParams },
    });
    const xml = new XMLParser({ parseTagValue: false }).parse(answer.text) as {
      DescribeGrantRulesToCenResponse: {
        TotalCount: string;
        CenGrantRules: { CbnGrantRule: Array<{ CenInstanceId: string; CenOwnerId: string }> };
      };
    };
    const body = xml.DescribeGrantRulesToCenResponse;
    expect(body.TotalCount).toBe("2");
    expect(body.CenGrantRules.CbnGrantRule.map((r) => [r.CenInstanceId, r.CenOwnerId])).toEqual([
      [IDS.cen1, IDS.cenOwnerUid],
      [IDS.cen2, IDS.cenOwnerUid],
    ]);
  });

  it("GIVEN a CCN and a VBR WHEN granted to a CEN the account owns itself THEN both succeed", async () => {
    await emu.admin.seed({ accounts: [{ uid: IDS.mainUid, cens: [{ cenId: "cen-emumainown000001" }] }] });
    const vpc = pop(emu.url, VPC);
    const own = { CenId: "cen-emumainown000001", CenOwnerId: IDS.mainUid };
    await call(vpc, "GrantInstanceToCen", grant({ InstanceId: IDS.ccn, InstanceType: "CCN", ...own }));
    await call(vpc, "GrantInstanceToCen", grant({ InstanceId: IDS.vbr, InstanceType: "VBR", ...own }));
    const vbrRules = await call<Rules>(vpc, "DescribeGrantRulesToCen", {
      ...describeParams,
      InstanceId: IDS.vbr,
      InstanceType: "VBR",
    });
    expect(vbrRules.CenGrantRules.CbnGrantRule.map((r) => r.CenOwnerId.toString())).toEqual([IDS.mainUid]);
  });

  it("GIVEN 12 grants WHEN paging by 5 THEN pages hold 5, 5 and 2 rules in creation order", async () => {
    const cens = Array.from({ length: 12 }, (_, i) => `cen-emupage${String(i).padStart(10, "0")}`);
    await emu.admin.seed({ accounts: [{ uid: IDS.cenOwnerUid, cens: cens.map((cenId) => ({ cenId })) }] });
    const vpc = pop(emu.url, VPC);
    for (const cenId of cens) await call(vpc, "GrantInstanceToCen", grant({ CenId: cenId }));
    const seen: string[] = [];
    for (const page of [1, 2, 3]) {
      const rules = await call<Rules>(vpc, "DescribeGrantRulesToCen", {
        ...describeParams,
        PageNumber: page,
        PageSize: 5,
      });
      expect(rules.TotalCount).toBe(12);
      expect(rules.CenGrantRules.CbnGrantRule).toHaveLength(page === 3 ? 2 : 5);
      seen.push(...rules.CenGrantRules.CbnGrantRule.map((r) => r.CenInstanceId));
    }
    expect(seen).toEqual(cens);
  });
});

describe("refusals, each from a real situation", () => {
  it("GIVEN PageSize 51 or PageNumber 0 WHEN describing THEN 400 InvalidPageSize / InvalidPageNumber", async () => {
    const vpc = pop(emu.url, VPC);
    await expectFailure(
      call(vpc, "DescribeGrantRulesToCen", { ...describeParams, PageSize: 51 }),
      "InvalidPageSize",
      400,
    );
    await expectFailure(
      call(vpc, "DescribeGrantRulesToCen", { ...describeParams, PageNumber: 0 }),
      "InvalidPageNumber",
      400,
    );
    const fifty = await call<Rules>(vpc, "DescribeGrantRulesToCen", { ...describeParams, PageSize: 50 });
    expect(fifty.PageSize).toBe(50);
  });

  it("GIVEN an existing grant WHEN granting it again THEN 400 Forbidden.GrantRuleExists", async () => {
    const vpc = pop(emu.url, VPC);
    await call(vpc, "GrantInstanceToCen", grant());
    const error = await expectFailure(call(vpc, "GrantInstanceToCen", grant()), "Forbidden.GrantRuleExists", 400);
    expect(error.data.Message).toBe("The network instance is already granted to the specified CEN instance.");
  });

  it("GIVEN no grant WHEN revoking THEN 400 InvalidOperation.GrantRuleNotExist", async () => {
    await expectFailure(
      call(pop(emu.url, VPC), "RevokeInstanceFromCen", grant()),
      "InvalidOperation.GrantRuleNotExist",
      400,
    );
  });

  it("GIVEN no CenId WHEN granting THEN 400 MissingParam.CenInstanceId", async () => {
    const { CenId: _c, ...noCen } = grant();
    await expectFailure(call(pop(emu.url, VPC), "GrantInstanceToCen", noCen), "MissingParam.CenInstanceId", 400);
  });

  it("GIVEN a malformed CenId or one the owner does not own WHEN granting THEN 400 IllegalParam.CenInstanceId", async () => {
    const vpc = pop(emu.url, VPC);
    await expectFailure(
      call(vpc, "GrantInstanceToCen", grant({ CenId: "CEN_bad" })),
      "IllegalParam.CenInstanceId",
      400,
    );
    await expectFailure(
      call(vpc, "GrantInstanceToCen", grant({ CenId: "cen-doesnotexist01" })),
      "IllegalParam.CenInstanceId",
      400,
    );
    await expectFailure(
      call(vpc, "GrantInstanceToCen", grant({ CenOwnerId: IDS.otherUid })),
      "IllegalParam.CenInstanceId",
      400,
    );
  });

  it("GIVEN a CenOwnerId that is not a number WHEN granting THEN 400 InvalidParameter", async () => {
    await expectFailure(
      call(pop(emu.url, VPC), "GrantInstanceToCen", grant({ CenOwnerId: "owner" })),
      "InvalidParameter",
      400,
    );
  });

  it("GIVEN an unknown VPC, or another account's VPC WHEN granting THEN 404 InvalidInstanceId.NotFound", async () => {
    const vpc = pop(emu.url, VPC);
    await expectFailure(
      call(vpc, "GrantInstanceToCen", grant({ InstanceId: "vpc-bp1nothere000000001" })),
      "InvalidInstanceId.NotFound",
      404,
    );
    await expectFailure(
      call(vpc, "GrantInstanceToCen", grant({ InstanceId: IDS.otherVpc })),
      "InvalidInstanceId.NotFound",
      404,
    );
    await expectFailure(
      call(vpc, "DescribeGrantRulesToCen", { ...describeParams, InstanceId: IDS.otherVpc }),
      "InvalidInstanceId.NotFound",
      404,
    );
  });

  it("GIVEN an unknown VBR WHEN granting THEN 404 InvalidVbr.NotFound", async () => {
    await expectFailure(
      call(
        pop(emu.url, VPC),
        "GrantInstanceToCen",
        grant({ InstanceId: "vbr-bp1nothere0000000001", InstanceType: "VBR" }),
      ),
      "InvalidVbr.NotFound",
      404,
    );
  });

  it("GIVEN InstanceType ECS WHEN granting THEN 404 InstanceType.Invalid", async () => {
    await expectFailure(
      call(pop(emu.url, VPC), "GrantInstanceToCen", grant({ InstanceType: "ECS" })),
      "InstanceType.Invalid",
      404,
    );
  });

  it("GIVEN a VBR and a CEN of another account WHEN granting THEN 400 Invalid.Grant", async () => {
    await expectFailure(
      call(pop(emu.url, VPC), "GrantInstanceToCen", grant({ InstanceId: IDS.vbr, InstanceType: "VBR" })),
      "Invalid.Grant",
      400,
    );
  });

  it("GIVEN an unknown region WHEN granting THEN 404 InvalidRegionId.NotFound", async () => {
    await expectFailure(
      call(pop(emu.url, VPC), "GrantInstanceToCen", grant({ RegionId: "cn-atlantis" })),
      "InvalidRegionId.NotFound",
      404,
    );
  });

  it("GIVEN a VPC still Pending WHEN granting or revoking THEN 400 IncorrectStatus", async () => {
    await emu.admin.seed({
      accounts: [
        {
          uid: IDS.mainUid,
          vpcs: [{ regionId: "cn-hangzhou", vpcId: "vpc-bp1emupending0000001", status: "Pending" }],
          grants: [
            {
              regionId: "cn-hangzhou",
              instanceId: "vpc-bp1emupending0000001",
              cenId: IDS.cen2,
              cenOwnerId: IDS.cenOwnerUid,
            },
          ],
        },
      ],
    });
    const vpc = pop(emu.url, VPC);
    await expectFailure(
      call(vpc, "GrantInstanceToCen", grant({ InstanceId: "vpc-bp1emupending0000001" })),
      "IncorrectStatus",
      400,
    );
    await expectFailure(
      call(vpc, "RevokeInstanceFromCen", grant({ InstanceId: "vpc-bp1emupending0000001", CenId: IDS.cen2 })),
      "IncorrectStatus",
      400,
    );
  });

  it("GIVEN grant tasks take a minute WHEN a second grant or a revoke follows on the same instance THEN 400 TaskConflict; other instances are free", async () => {
    await emu.admin.seed({ settings: { taskDurationMs: 60_000 } });
    const vpc = pop(emu.url, VPC);
    await call(vpc, "GrantInstanceToCen", grant());
    await expectFailure(call(vpc, "GrantInstanceToCen", grant({ CenId: IDS.cen2 })), "TaskConflict", 400);
    await expectFailure(call(vpc, "RevokeInstanceFromCen", grant()), "TaskConflict", 400);
    await call(vpc, "GrantInstanceToCen", grant({ InstanceId: IDS.vpcLink2 }));
    // When the task is over (clock moved past it), the instance takes changes again.
    await emu.admin.setClock({ offsetMs: 61_000 });
    await call(vpc, "RevokeInstanceFromCen", grant());
  });

  it("GIVEN a quota of one grant per instance WHEN granting a second CEN THEN 404 QuotaExceeded.CbnGrantRules", async () => {
    await emu.admin.seed({ settings: { grantQuotaPerInstance: 1 } });
    const vpc = pop(emu.url, VPC);
    await call(vpc, "GrantInstanceToCen", grant());
    const error = await expectFailure(
      call(vpc, "GrantInstanceToCen", grant({ CenId: IDS.cen2 })),
      "QuotaExceeded.CbnGrantRules",
      404,
    );
    expect(error.data.Message).toBe("cbn grantRules per instance quota exceed");
  });

  it("GIVEN the read-only sub-user WHEN granting THEN 403 Forbidden.RAM, while describing is allowed", async () => {
    const readOnly = pop(emu.url, VPC, KEYS.readOnly);
    await expectFailure(call(readOnly, "GrantInstanceToCen", grant()), "Forbidden.RAM", 403);
    const rules = await call<Rules>(readOnly, "DescribeGrantRulesToCen", describeParams);
    expect(rules.TotalCount).toBe(0);
  });

  it("GIVEN an account barred by risk control WHEN granting THEN 403 Forbidden.RiskControl", async () => {
    await emu.admin.seed({ accounts: [{ uid: IDS.mainUid, blockedActions: ["Grant*"] }] });
    await expectFailure(call(pop(emu.url, VPC), "GrantInstanceToCen", grant()), "Forbidden.RiskControl", 403);
  });
});
