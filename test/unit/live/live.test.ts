// The live suite's pieces that need no cloud (scripts/live/): inputs and scenario selection, run
// markers, the sweeper's ages and arguments, the accounts the inputs name, the run's exit code,
// transcript reading and masking, and the parity comparison.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REGION_ENV } from "../../../provider/client/settings";
import type { RecordedCall } from "../../../provider/client/transcript";
import {
  accountsRefused,
  inputEnvName,
  type LiveInputs,
  missingInputs,
  newRunMarker,
  readInputs,
  roleAccount,
  SCENARIOS,
  selectedScenarios,
} from "../../../scripts/live/inputs";
import { markerIn, markerTime } from "../../../scripts/live/objects";
import { compareAnswers, fieldTypes } from "../../../scripts/live/parity";
import { exitCode, type RunReport } from "../../../scripts/live/suite";
import { formatAge, parseSweepArgs } from "../../../scripts/live/sweep";
import { maskTranscript, readRecordedCalls } from "../../../scripts/live/transcript";

describe("inputs", () => {
  it("GIVEN an input name WHEN named as a variable THEN ALICLOUD_LIVE_ and its words in capitals", () => {
    expect(inputEnvName("cenOwnerRoleArn")).toBe("ALICLOUD_LIVE_CEN_OWNER_ROLE_ARN");
    expect(inputEnvName("vpcId")).toBe("ALICLOUD_LIVE_VPC_ID");
  });

  it("GIVEN no region anywhere WHEN read THEN cn-hangzhou, and each scenario's missing inputs listed", () => {
    const inputs = readInputs({ ALICLOUD_LIVE_VPC_ID: "vpc-1" }, REGION_ENV);
    expect(inputs).toEqual({ vpcId: "vpc-1", regionId: "cn-hangzhou" });
    expect(missingInputs("CenGrantRevocation", inputs)).toEqual(["cenId", "cenOwnerId"]);
    expect(missingInputs("ManagedInstanceActivation", inputs)).toEqual([]);
  });

  it("GIVEN the provider's region variables WHEN no regionId is given THEN the first set, in the provider's order", () => {
    expect(readInputs({ ALIBABA_CLOUD_REGION_ID: "cn-beijing" }, REGION_ENV).regionId).toBe("cn-beijing");
    expect(readInputs({ ALICLOUD_REGION: "cn-shanghai", ALIBABA_CLOUD_REGION_ID: "x" }, REGION_ENV).regionId).toBe(
      "cn-shanghai",
    );
    expect(readInputs({ ALIBABA_CLOUD_REGION: "cn-hongkong", ALICLOUD_REGION: "x" }, REGION_ENV).regionId).toBe(
      "cn-hongkong",
    );
    expect(readInputs({ ALICLOUD_LIVE_REGION_ID: "eu-central-1", ALICLOUD_REGION: "x" }, REGION_ENV).regionId).toBe(
      "eu-central-1",
    );
  });

  it("GIVEN inputs naming other accounts (CEN owners, the role's account) WHEN not all are allowed THEN refused, naming each account and its inputs", () => {
    const inputs: LiveInputs = {
      regionId: "r",
      vpcId: "vpc-1",
      cenId: "cen-1",
      cenOwnerId: "2222",
      cenOwnerRoleArn: "acs:ram::3333:role/cen-attacher",
      enterpriseCenId: "cen-2",
    };
    expect(roleAccount("acs:ram::3333:role/a/b")).toBe("3333");
    expect(roleAccount("arn:aws:iam::3333:role/a")).toBeUndefined();
    const all = [...SCENARIOS];
    expect(accountsRefused(all, inputs, ["1111"])).toBe(
      "The inputs name another account the run would change: account 2222 (cenOwnerId) is not in ALICLOUD_LIVE_ACCOUNTS; account 3333 (cenOwnerRoleArn) is not in ALICLOUD_LIVE_ACCOUNTS: nothing was changed.",
    );
    expect(accountsRefused(all, inputs, ["1111", "2222"])).toMatch(/: account 3333 \(cenOwnerRoleArn\) is not in/);
    expect(accountsRefused(all, inputs, ["1111", "2222", "3333"])).toBeUndefined();
    // Only the scenarios that run count; a role ARN naming no account is never allowed.
    expect(accountsRefused(["ClassicLinkAttachment"], inputs, ["1111"])).toBeUndefined();
    expect(accountsRefused(["TransitRouterGrant"], { ...inputs, enterpriseCenOwnerId: "4444" }, ["2222"])).toMatch(
      /account 4444 \(enterpriseCenOwnerId\)/,
    );
    expect(
      accountsRefused(["CenChildInstanceAttachment"], { ...inputs, cenOwnerRoleArn: "cen-attacher" }, ["2222"]),
    ).toMatch(/the role ARN cen-attacher names no account/);
  });

  it("GIVEN an unknown scenario name WHEN selected THEN refused, naming the known ones", () => {
    expect(() => selectedScenarios({ ALICLOUD_LIVE_SCENARIOS: "Grant" })).toThrow(
      /unknown scenarios Grant \(known: CenGrantRevocation,/,
    );
    expect(selectedScenarios({ ALICLOUD_LIVE_SCENARIOS: " ClassicLinkAttachment , CenGrantRevocation" })).toEqual([
      "CenGrantRevocation",
      "ClassicLinkAttachment",
    ]);
  });
});

describe("run markers", () => {
  it("GIVEN a time WHEN a marker is made THEN it holds that time, to the second, and is found in text", () => {
    const marker = newRunMarker(new Date("2026-01-05T08:47:11.500Z"));
    expect(marker).toMatch(/^pad-live-20260105084711-[a-z0-9]{1,4}$/);
    expect(markerTime(marker)).toBe(Date.parse("2026-01-05T08:47:11Z"));
    expect(markerIn(`live suite run ${marker}`)).toBe(marker);
    expect(markerIn("web-01")).toBeUndefined();
    expect(formatAge(95_000)).toBe("1m");
    expect(formatAge(3 * 86_400_000)).toBe("3d");
  });
});

describe("the sweeper's arguments", () => {
  it("GIVEN no --min-age WHEN parsed THEN 60 minutes; given one THEN that; anything else refused", () => {
    expect(parseSweepArgs([])).toEqual({ remove: false, minAgeMinutes: 60 });
    expect(parseSweepArgs(["--min-age", "0", "--yes"])).toEqual({ remove: true, minAgeMinutes: 0 });
    expect(parseSweepArgs(["--min-age=5"])).toEqual({ remove: false, minAgeMinutes: 5 });
    expect(() => parseSweepArgs(["--min-age"])).toThrow(/--min-age takes a number of minutes, not nothing/);
    expect(() => parseSweepArgs(["--min-age", "soon"])).toThrow(/not soon/);
    expect(() => parseSweepArgs(["--force"])).toThrow(/unknown: --force/);
  });
});

describe("the run's exit code", () => {
  const report = (scenarios: RunReport["scenarios"]): RunReport => ({
    marker: "m",
    accountId: "a",
    scenarios,
    tornDown: [],
    transcriptLinesSkipped: 0,
    seconds: 1,
  });
  const passed = { create: "passed" } as const;

  it("GIVEN what ran WHEN the run ends THEN 1 on a failure or an interruption, 3 when a selected scenario did not run or none ran, else 0", () => {
    const ok = report([{ scenario: "ClassicLinkAttachment", ran: true, steps: passed }]);
    expect(exitCode(ok, ["ClassicLinkAttachment"], false)).toBe(0);
    expect(exitCode(ok, ["ClassicLinkAttachment"], true)).toBe(1);
    const failed = report([{ scenario: "ClassicLinkAttachment", ran: true, steps: { create: "failed" } }]);
    expect(exitCode(failed, ["ClassicLinkAttachment"], false)).toBe(1);
    const some = report([
      { scenario: "ClassicLinkAttachment", ran: true, steps: passed },
      { scenario: "TransitRouterGrant", ran: false, notRun: "needs vpcId", steps: {} },
    ]);
    expect(exitCode(some, ["ClassicLinkAttachment", "TransitRouterGrant"], false)).toBe(3);
    expect(exitCode(some, ["ClassicLinkAttachment"], false)).toBe(0);
    const none = report([{ scenario: "TransitRouterGrant", ran: false, notRun: "not selected", steps: {} }]);
    expect(exitCode(none, [], false)).toBe(3);
  });
});

describe("readRecordedCalls", () => {
  it("GIVEN a raw transcript whose last line was cut short WHEN read THEN the whole lines, and the cut one counted", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pad-raw-")), "calls.jsonl");
    const call = { action: "A", product: "vpc", version: "v", signer: "s", params: {}, status: 200, body: {} };
    fs.writeFileSync(file, `${JSON.stringify(call)}\n${JSON.stringify(call)}\n{"action":"B","prod`);
    try {
      expect(readRecordedCalls(file)).toEqual({ calls: [call, call], skipped: 1 });
      expect(readRecordedCalls(`${file}.none`)).toEqual({ calls: [], skipped: 0 });
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });
});

describe("maskTranscript", () => {
  const call = (over: Partial<RecordedCall>): RecordedCall => ({
    action: "A",
    product: "vpc",
    version: "2016-04-28",
    signer: "sha256:aaaaaaaaaaaa",
    params: {},
    status: 200,
    body: {},
    ...over,
  });

  it("GIVEN account ids in strings, ARNs and numbers, and two keys WHEN masked THEN the same id is the same mask everywhere, the run's own first", () => {
    const masked = maskTranscript(
      "pad-live-20260105084711-ab",
      "5555666677778888",
      { regionId: "r", cenOwnerId: "9300000000000007" },
      [
        call({ params: { RoleArn: "acs:ram::9300000000000007:role/x" } }),
        call({
          signer: "sha256:bbbbbbbbbbbb",
          body: {
            Owner: 5555666677778888,
            Credentials: { AccessKeyId: "sha256:bbbbbbbbbbbb" },
            Name: "vpc-12345678901234567",
          },
        }),
      ],
    );
    expect(masked.accountId).toBe("1000000000000001");
    expect(masked.inputs.cenOwnerId).toBe("1000000000000002");
    expect(masked.calls[0]?.params.RoleArn).toBe("acs:ram::1000000000000002:role/x");
    expect(masked.calls.map((c) => c.signer)).toEqual(["key-1", "key-2"]);
    // A longer run of digits is not an account id.
    expect(masked.calls[1]?.body).toEqual({
      Owner: 1000000000000001,
      Credentials: { AccessKeyId: "key-2" },
      Name: "vpc-12345678901234567",
    });
  });
});

describe("compareAnswers", () => {
  it("GIVEN answers whose fields and types differ WHEN compared THEN one difference each: missing, extra, type, code, status", () => {
    const recorded: RecordedCall = {
      action: "DescribeX",
      product: "ecs",
      version: "v",
      signer: "key-1",
      params: {},
      status: 400,
      code: "Bad",
      body: { List: [{ Id: "a", N: 1 }, { Id: "b" }], Gone: true },
    };
    const found = compareAnswers(3, recorded, { status: 200, body: { List: [{ Id: "c", N: "1" }], New: null } });
    expect(found.map((d) => [d.call, d.kind, d.what, d.detail ?? ""])).toEqual([
      [3, "status", "status", "400 -> 200"],
      [3, "code", "code", "Bad -> (none)"],
      [3, "type", "List[].N", "number -> string"],
      [3, "missing", "Gone", ""],
      [3, "extra", "New", ""],
    ]);
  });

  it("GIVEN an empty list and a full one WHEN their field types are read THEN the entries and their fields are under []", () => {
    expect([...fieldTypes({ L: [{ A: 1 }] }).keys()]).toEqual(["L", "L[]", "L[].A"]);
    expect([...fieldTypes({ L: [] }).keys()]).toEqual(["L"]);
  });
});
