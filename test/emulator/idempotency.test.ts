// GIVEN actions that take a ClientToken WHEN a call is retried with the same token THEN the first
// result is replayed and nothing changes twice; different parameters, or a retry while the first
// call is still running, are refused as the real service does.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { signRequestV3 } from "../../emulator/core/signature-v3.js";
import type { RunningEmulator } from "../../emulator/index.js";
import { call, ECS, expectFailure, IDS, KEYS, pop, signedFetch, start, VPC } from "./helpers.js";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await start();
});
afterAll(() => emu.stop());
beforeEach(() => emu.admin.reset());

const grant = (token: string, overrides: Record<string, string> = {}) => ({
  RegionId: "cn-hangzhou",
  InstanceId: IDS.vpcLink1,
  InstanceType: "VPC",
  CenId: IDS.cen1,
  CenOwnerId: IDS.cenOwnerUid,
  ClientToken: token,
  ...overrides,
});
const effectKey = `GrantInstanceToCen:${IDS.cen1}:${IDS.vpcLink1}:${IDS.cenOwnerUid}`;

describe("ClientToken", () => {
  it("GIVEN a grant made with a token WHEN retried with the same token and parameters THEN it succeeds again with a fresh RequestId and no second effect", async () => {
    const vpc = pop(emu.url, VPC);
    const first = await call<{ RequestId: string }>(vpc, "GrantInstanceToCen", grant("token-1"));
    const second = await call<{ RequestId: string }>(vpc, "GrantInstanceToCen", grant("token-1"), "POST");
    expect(second.RequestId).not.toBe(first.RequestId);
    expect(Object.keys(second)).toEqual(["RequestId"]);
    expect((await emu.admin.counters()).effects).toEqual({ [effectKey]: 1 });
    // Without the token the same call is a duplicate grant.
    const { ClientToken: _t, ...noToken } = grant("x");
    await expectFailure(call(vpc, "GrantInstanceToCen", noToken), "Forbidden.GrantRuleExists", 400);
  });

  it("GIVEN a token used once WHEN reused with different parameters THEN 400 IdempotentParameterMismatch", async () => {
    const vpc = pop(emu.url, VPC);
    await call(vpc, "GrantInstanceToCen", grant("token-2"));
    const error = await expectFailure(
      call(vpc, "GrantInstanceToCen", grant("token-2", { CenId: IDS.cen2 })),
      "IdempotentParameterMismatch",
      400,
    );
    expect(error.data.Message).toBe(
      "Request uses a client token in a previous request but is not identical to that request.",
    );
  });

  it("GIVEN a token used by one action, or by one account WHEN another action or account uses it THEN it is a new token for them", async () => {
    await call(pop(emu.url, VPC), "GrantInstanceToCen", grant("shared"));
    await call(pop(emu.url, VPC), "RevokeInstanceFromCen", grant("shared"));
    await call(pop(emu.url, VPC, KEYS.other), "EnableVpcClassicLink", {
      RegionId: "cn-hangzhou",
      VpcId: IDS.otherVpc,
      ClientToken: "shared",
    });
    expect((await emu.admin.counters()).effects).toMatchObject({
      [effectKey]: 1,
      [`RevokeInstanceFromCen:${IDS.cen1}:${IDS.vpcLink1}:${IDS.cenOwnerUid}`]: 1,
    });
  });

  it("GIVEN a slow first call WHEN a retry with the same token arrives meanwhile THEN 403 LastTokenProcessing, and the first call succeeds", async () => {
    await emu.admin.setFaults({ rules: [{ kind: "Latency", latencyMs: 400, action: "GrantInstanceToCen", count: 1 }] });
    const vpc = pop(emu.url, VPC);
    const slow = call(vpc, "GrantInstanceToCen", grant("token-3"));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const error = await expectFailure(call(vpc, "GrantInstanceToCen", grant("token-3")), "LastTokenProcessing", 403);
    expect(error.data.Message).toBe("The last token request is processing.");
    await slow;
    expect((await emu.admin.counters()).effects).toEqual({ [effectKey]: 1 });
  });

  it("GIVEN a first call that failed WHEN retried with the same token after the cause is gone THEN it runs again and succeeds", async () => {
    await emu.admin.seed({
      accounts: [{ uid: IDS.mainUid, vpcs: [{ regionId: "cn-hangzhou", vpcId: IDS.vpcLink1, status: "Pending" }] }],
    });
    const vpc = pop(emu.url, VPC);
    await expectFailure(call(vpc, "GrantInstanceToCen", grant("token-4")), "IncorrectStatus", 400);
    await emu.admin.seed({
      accounts: [{ uid: IDS.mainUid, vpcs: [{ regionId: "cn-hangzhou", vpcId: IDS.vpcLink1, status: "Available" }] }],
    });
    await call(vpc, "GrantInstanceToCen", grant("token-4"));
    expect((await emu.admin.counters()).effects).toEqual({ [effectKey]: 1 });
  });

  it("GIVEN a 1-second retention WHEN the clock passes it THEN the token is forgotten and may carry new parameters", async () => {
    await emu.admin.seed({ settings: { clientTokenTtlMs: 1000 } });
    const vpc = pop(emu.url, VPC);
    await call(vpc, "GrantInstanceToCen", grant("token-5"));
    // Within the retention, other parameters are a mismatch.
    await expectFailure(
      call(vpc, "GrantInstanceToCen", grant("token-5", { CenId: IDS.cen2 })),
      "IdempotentParameterMismatch",
      400,
    );
    await emu.admin.setClock({ offsetMs: 2000 });
    // Past it, the same token runs as new: a second grant, with its own effect.
    await call(vpc, "GrantInstanceToCen", grant("token-5", { CenId: IDS.cen2 }));
    expect((await emu.admin.counters()).effects).toEqual({
      [effectKey]: 1,
      [`GrantInstanceToCen:${IDS.cen2}:${IDS.vpcLink1}:${IDS.cenOwnerUid}`]: 1,
    });
  });

  it("GIVEN CreateActivation with a token WHEN retried THEN the same ActivationId and code come back and one activation exists", async () => {
    const ecs = pop(emu.url, ECS);
    const params = { RegionId: "cn-hangzhou", InstanceName: "idem", ClientToken: "create-1" };
    const a = await call<{ ActivationId: string; ActivationCode: string }>(ecs, "CreateActivation", params);
    const b = await call<{ ActivationId: string; ActivationCode: string }>(ecs, "CreateActivation", params);
    expect(b).toMatchObject({ ActivationId: a.ActivationId, ActivationCode: a.ActivationCode });
    const listed = await call<{ TotalCount: number }>(ecs, "DescribeActivations", {
      RegionId: "cn-hangzhou",
      InstanceName: "idem",
    });
    expect(listed.TotalCount).toBe(1);
  });

  it("GIVEN DeregisterManagedInstance with a token WHEN retried after success THEN the first answer is replayed (not InvalidInstance.NotFound), in the format asked", async () => {
    const ecs = pop(emu.url, ECS);
    const params = { RegionId: "cn-hangzhou", InstanceId: IDS.mi1, ClientToken: "dereg-1" };
    const first = await call<{ Instance: { InstanceName: string } }>(ecs, "DeregisterManagedInstance", params);
    expect(first.Instance.InstanceName).toBe("web-001");
    const again = await signedFetch(emu.url, {
      params: { Action: "DeregisterManagedInstance", Version: ECS, Format: "XML", ...params },
    });
    expect(again.status).toBe(200);
    expect(again.text).toContain("<InstanceName>web-001</InstanceName>");
    expect((await emu.admin.counters()).effects).toEqual({ [`DeregisterManagedInstance:${IDS.mi1}`]: 1 });
  });

  it("GIVEN a grant made by a V1 client with a token WHEN a V3 client retries it with the same token and parameters THEN the first answer is replayed, no second effect", async () => {
    await call(pop(emu.url, VPC), "GrantInstanceToCen", grant("cross-version-1"));
    // V1 carries Action and Version as parameters, V3 as headers: neither belongs to the fingerprint.
    const signed = signRequestV3({
      method: "POST",
      host: emu.url.replace(/^http:\/\//, ""),
      action: "GrantInstanceToCen",
      version: VPC,
      query: grant("cross-version-1"),
      ...KEYS.main,
    });
    const retry = await fetch(`${emu.url}${signed.url}`, { method: "POST", headers: signed.headers });
    const body = (await retry.json()) as { Code?: string; RequestId?: string };
    expect([retry.status, body.Code]).toEqual([200, undefined]);
    expect(Object.keys(body)).toEqual(["RequestId"]);
    expect((await emu.admin.counters()).effects).toEqual({ [effectKey]: 1 });
  });

  it("GIVEN a ClientToken longer than 64 characters WHEN calling THEN 400 InvalidParameter", async () => {
    await expectFailure(call(pop(emu.url, VPC), "GrantInstanceToCen", grant("t".repeat(65))), "InvalidParameter", 400);
  });
});

describe("ClientToken on a slow service", () => {
  it("GIVEN a world whose actions take 400 ms WHEN a same-token retry arrives meanwhile THEN 403 LastTokenProcessing, without any fault rule", async () => {
    await emu.admin.seed({ settings: { processingMs: 400 } });
    const ecs = pop(emu.url, ECS);
    const params = { RegionId: "cn-hangzhou", InstanceName: "slow", ClientToken: "slow-1" };
    const first = call<{ ActivationId: string }>(ecs, "CreateActivation", params);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expectFailure(call(ecs, "CreateActivation", params), "LastTokenProcessing", 403);
    const created = await first;
    const replay = await call<{ ActivationId: string }>(ecs, "CreateActivation", params);
    expect(replay.ActivationId).toBe(created.ActivationId);
    expect((await emu.admin.counters()).faults).toEqual({});
  });
});

describe("ClientToken on reads", () => {
  it("GIVEN DescribeGrantRulesToCen polled with one ClientToken WHEN a grant appears between two polls THEN the second poll sees it (nothing replayed) and other parameters are no mismatch", async () => {
    const vpc = pop(emu.url, VPC);
    const poll = { RegionId: "cn-hangzhou", InstanceId: IDS.vpcLink1, InstanceType: "VPC", ClientToken: "poll-1" };
    const before = await call<{ TotalCount: number }>(vpc, "DescribeGrantRulesToCen", poll);
    expect(before.TotalCount).toBe(0);
    await call(vpc, "GrantInstanceToCen", grant("grant-between-polls"));
    const after = await call<{ TotalCount: number }>(vpc, "DescribeGrantRulesToCen", poll);
    expect(after.TotalCount).toBe(1);
    const otherPage = await call<{ PageSize: number }>(vpc, "DescribeGrantRulesToCen", { ...poll, PageSize: "5" });
    expect(otherPage.PageSize).toBe(5);
    // The parameter is accepted and ignored, whatever it holds.
    await call(vpc, "DescribeGrantRulesToCen", { ...poll, ClientToken: "t".repeat(65) });
  });
});
