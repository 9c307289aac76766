// GIVEN fault rules WHEN RPC requests arrive THEN each kind of fault answers as the real gateway or
// proxy would (or drops the connection), rules are spent, filtered by action, counted by kind,
// and DropAfterEffect really applies the change before the connection dies.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createEmulator,
  type FaultKind,
  makeRequest,
  type RunningEmulator,
  signRequestV1,
  startEmulator,
} from "../../emulator/index.js";
import { call, expectFailure, IDS, KEYS, pop, signedFetch, start, VPC } from "./helpers.js";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await start();
});
afterAll(() => emu.stop());
beforeEach(() => emu.admin.reset());

const attribute = { RegionId: "cn-hangzhou", VpcId: IDS.vpcLink1 };
const grantParams = {
  RegionId: "cn-hangzhou",
  InstanceId: IDS.vpcLink1,
  InstanceType: "VPC",
  CenId: IDS.cen1,
  CenOwnerId: IDS.cenOwnerUid,
};
const describeGrants = async () =>
  (
    await call<{ TotalCount: number }>(pop(emu.url, VPC), "DescribeGrantRulesToCen", {
      RegionId: "cn-hangzhou",
      InstanceId: IDS.vpcLink1,
      InstanceType: "VPC",
    })
  ).TotalCount;

describe("error faults", () => {
  const cases: Array<[FaultKind, number, string]> = [
    ["Throttling", 400, "Request was denied due to request throttling."],
    ["Throttling.User", 400, "Request was denied due to user flow control."],
    ["ServiceUnavailable", 503, "The request has failed due to a temporary failure of the server."],
    ["InternalError", 500, "The request processing has failed due to some unknown error, exception or failure."],
    ["InternalError.Dispatch", 500, "An error occurred when you dispatched the request."],
    ["TaskConflict", 400, "The operation is too frequent, TaskConflict."],
    ["OperationConflict", 409, "Request was denied due to conflict with a previous request."],
  ];
  for (const [kind, status, message] of cases) {
    it(`GIVEN a ${kind} rule for the next request WHEN granting THEN ${status} ${kind}, nothing changes, and the next call passes`, async () => {
      await emu.admin.setFaults({ rules: [{ kind, count: 1 }] });
      const error = await expectFailure(call(pop(emu.url, VPC), "GrantInstanceToCen", grantParams), kind, status);
      expect(error.data.Message).toBe(message);
      expect(await describeGrants()).toBe(0);
      await call(pop(emu.url, VPC), "GrantInstanceToCen", grantParams);
      expect(await describeGrants()).toBe(1);
      const counters = await emu.admin.counters();
      expect(counters.faults).toEqual({ [kind]: 1 });
      expect((await emu.admin.faults()).rules).toEqual([]);
    });
  }
});

describe("transport faults", () => {
  it("GIVEN BadGateway WHEN calling THEN a 502 HTML page comes back (pop-core cannot parse it)", async () => {
    await emu.admin.setFaults({ rules: [{ kind: "BadGateway", count: 1 }] });
    const answer = await signedFetch(emu.url, {
      params: { Action: "DescribeVpcAttribute", Version: VPC, ...attribute },
    });
    expect(answer.status).toBe(502);
    expect(answer.contentType).toBe("text/html");
    expect(answer.text).toContain("502 Bad Gateway");
    await emu.admin.setFaults({ rules: [{ kind: "BadGateway", count: 1 }] });
    await expect(call(pop(emu.url, VPC), "DescribeVpcAttribute", attribute)).rejects.toThrow();
  });

  it("GIVEN DropBeforeAnswer WHEN granting THEN the connection dies with no answer and no grant exists", async () => {
    await emu.admin.setFaults({ rules: [{ kind: "DropBeforeAnswer", count: 1, action: "GrantInstanceToCen" }] });
    await expect(call(pop(emu.url, VPC), "GrantInstanceToCen", grantParams)).rejects.toThrow(
      /socket hang up|ECONNRESET/,
    );
    expect(await describeGrants()).toBe(0);
    expect((await emu.admin.counters()).effects).toEqual({});
  });

  it("GIVEN DropAfterEffect WHEN granting with a ClientToken THEN the connection dies, the grant exists, and the retry replays success", async () => {
    await emu.admin.setFaults({ rules: [{ kind: "DropAfterEffect", count: 1, action: "GrantInstanceToCen" }] });
    const withToken = { ...grantParams, ClientToken: "drop-after-1" };
    await expect(call(pop(emu.url, VPC), "GrantInstanceToCen", withToken)).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(await describeGrants()).toBe(1);
    const retry = await call<{ RequestId: string }>(pop(emu.url, VPC), "GrantInstanceToCen", withToken);
    expect(retry.RequestId).toMatch(/^[0-9A-F-]{36}$/);
    const counters = await emu.admin.counters();
    expect(counters.effects).toEqual({ [`GrantInstanceToCen:${IDS.cen1}:${IDS.vpcLink1}:${IDS.cenOwnerUid}`]: 1 });
    expect(counters.faults).toEqual({ DropAfterEffect: 1 });
  });

  it("GIVEN Latency 250 ms and an error, BadGateway or DropBeforeAnswer on the same request WHEN calling THEN that outcome still comes after the delay", async () => {
    for (const kind of ["Throttling", "BadGateway", "DropBeforeAnswer"] as const) {
      const emulator = createEmulator({ faults: { rules: [{ kind: "Latency", latencyMs: 250 }, { kind }] } });
      const encoded = signRequestV1({
        method: "GET",
        params: { Action: "DescribeVpcAttribute", Version: VPC, ...attribute },
        ...KEYS.main,
      });
      const started = Date.now();
      const answer = await emulator.handle(makeRequest("GET", `/?${encoded}`));
      expect(Date.now() - started).toBeGreaterThanOrEqual(240);
      const outcome = answer.drop ? `drop-${answer.drop}` : String(answer.status);
      expect(outcome).toBe({ Throttling: "400", BadGateway: "502", DropBeforeAnswer: "drop-before" }[kind]);
      expect(emulator.counters.toData().faults).toEqual({ Latency: 1, [kind]: 1 });
    }
  });

  it("GIVEN Latency 250 ms WHEN calling THEN the answer takes at least that long", async () => {
    await emu.admin.setFaults({ rules: [{ kind: "Latency", latencyMs: 250 }] });
    const started = Date.now();
    await call(pop(emu.url, VPC), "DescribeVpcAttribute", attribute);
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
    expect((await emu.admin.counters()).faults).toEqual({ Latency: 1 });
  });
});

describe("rule mechanics", () => {
  it("GIVEN a rule for one action WHEN other actions run THEN they are untouched", async () => {
    await emu.admin.setFaults({ rules: [{ kind: "Throttling", action: "GrantInstanceToCen" }] });
    await call(pop(emu.url, VPC), "DescribeVpcAttribute", attribute);
    await expectFailure(call(pop(emu.url, VPC), "GrantInstanceToCen", grantParams), "Throttling", 400);
    await expectFailure(call(pop(emu.url, VPC), "GrantInstanceToCen", grantParams), "Throttling", 400);
  });

  it("GIVEN count=3 WHEN calling 5 times THEN exactly the first 3 fail and GET /faults shows the rule shrinking then gone", async () => {
    await emu.admin.setFaults({ rules: [{ kind: "ServiceUnavailable", count: 3 }] });
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) {
      if (i === 1) expect((await emu.admin.faults()).rules).toEqual([{ kind: "ServiceUnavailable", count: 2 }]);
      codes.push(
        await call(pop(emu.url, VPC), "DescribeVpcAttribute", attribute).then(
          () => "OK",
          (e: { code: string }) => e.code,
        ),
      );
    }
    expect(codes).toEqual(["ServiceUnavailable", "ServiceUnavailable", "ServiceUnavailable", "OK", "OK"]);
    expect((await emu.admin.faults()).rules).toEqual([]);
  });

  it("GIVEN rate=0.5 and a random seed WHEN calling 100 times twice THEN about half fail and the pattern repeats exactly", async () => {
    const run = async () => {
      await emu.admin.setFaults({ rules: [{ kind: "Throttling.User", rate: 0.5 }], randomSeed: 42 });
      const pattern: boolean[] = [];
      for (let i = 0; i < 100; i++) {
        pattern.push(
          await call(pop(emu.url, VPC), "DescribeVpcAttribute", attribute).then(
            () => true,
            () => false,
          ),
        );
      }
      return pattern;
    };
    const first = await run();
    const second = await run();
    const failures = first.filter((ok) => !ok).length;
    expect(failures).toBeGreaterThan(30);
    expect(failures).toBeLessThan(70);
    expect(second).toEqual(first);
  });

  it("GIVEN faults configured at start WHEN reset THEN they come back, and DELETE /faults clears them", async () => {
    const local = await startEmulator({
      faults: { rules: [{ kind: "InternalError", action: "DescribeVpcAttribute" }] },
    });
    try {
      await expectFailure(call(pop(local.url, VPC), "DescribeVpcAttribute", attribute), "InternalError", 500);
      await local.admin.clearFaults();
      await call(pop(local.url, VPC), "DescribeVpcAttribute", attribute);
      await local.admin.reset();
      await expectFailure(call(pop(local.url, VPC), "DescribeVpcAttribute", attribute), "InternalError", 500);
    } finally {
      await local.stop();
    }
  });

  it("GIVEN faults WHEN a request fails its signature THEN no fault is spent (faults come after verification)", async () => {
    await emu.admin.setFaults({ rules: [{ kind: "Throttling", count: 1 }] });
    const bad = await signedFetch(emu.url, {
      params: { Action: "DescribeVpcAttribute", Version: VPC, ...attribute },
      tamper: (s) => s.replace("cn-hangzhou", "cn-shanghai"),
    });
    expect(JSON.parse(bad.text).Code).toBe("SignatureDoesNotMatch");
    expect((await emu.admin.faults()).rules).toEqual([{ kind: "Throttling", count: 1 }]);
  });
});
