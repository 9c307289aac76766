// The live acceptance suite (scripts/live/suite.ts) and its sweeper (scripts/live/sweep.ts), run
// as `npm run test:live` and `npm run sweep:live` run them (their compiled programs, with the
// Pulumi CLI on PATH), with the emulator standing in for the account: its default world, plus a
// RAM user of `main` to run as (root keys may not assume roles) and a role of the CEN's owner
// that it may assume (the cross-account path). docs/live-suite.md describes what they do.
//
// The tests of a file run one after the other, in the order written (this vitest has no
// describe.sequential): the parity test replays the transcript of the full run before it, and says
// so when that run did not happen.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import RPCClient from "@alicloud/pop-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type AdminClient,
  CEN_OWNER_UID,
  DEFAULT_KEYS,
  DEFAULT_SEED,
  MAIN_UID,
  OTHER_UID,
  type RunningEmulator,
  startEmulator,
  type WorldSeed,
} from "../../emulator/index";
import type { RecordedCall } from "../../provider/client/transcript";
import type { RunReport } from "../../scripts/live/suite";
import type { Transcript } from "../../scripts/live/transcript";
import { emulatorEnv } from "../../testing/index";
import { REPO, worldObjects } from "./cli";
import { WORLD } from "./cloud";
import { poll } from "./processes";

const RUNNER = { accessKeyId: "LTAI5tEmuLiveRunner00001", accessKeySecret: "emu-live-runner-secret-0001" };
const ATTACHER_ROLE = `acs:ram::${CEN_OWNER_UID}:role/cen-attacher`;

/** The default world, with the live runner and the CEN owner's role for it. */
const LIVE_SEED: WorldSeed = {
  ...DEFAULT_SEED,
  accounts: (DEFAULT_SEED.accounts ?? []).map((account) => {
    if (account.uid === MAIN_UID)
      return {
        ...account,
        subUsers: [...(account.subUsers ?? []), { name: "live-runner", ...RUNNER, allowedActions: ["*"] }],
      };
    if (account.uid === CEN_OWNER_UID)
      return {
        ...account,
        ramRoles: [
          ...(account.ramRoles ?? []),
          {
            roleName: "cen-attacher",
            description: "lets main's live runner attach and detach its VPC",
            trustPolicy: {
              Version: "1",
              Statement: [
                { Effect: "Allow", Action: "sts:AssumeRole", Principal: { RAM: [`acs:ram::${MAIN_UID}:root`] } },
              ],
            },
            allowedActions: ["AttachCenChildInstance", "DetachCenChildInstance", "Describe*", "GetCallerIdentity"],
          },
        ],
      };
    return account;
  }),
};

/** Every input, as a user's inputs file holds them. */
const INPUTS = {
  regionId: "cn-hangzhou",
  vpcId: WORLD.vpcLinked,
  cenId: WORLD.cen,
  cenOwnerId: CEN_OWNER_UID,
  cenOwnerRoleArn: ATTACHER_ROLE,
  enterpriseCenId: WORLD.cenEnterprise,
  classicInstanceId: WORLD.classic1,
  classicLinkVpcId: WORLD.vpcLinked2,
  managedInstanceId: WORLD.managed1,
};

const MAIN_KEYS = DEFAULT_KEYS.main;
const DIST = path.join(REPO, "dist", "scripts", "live");

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

let emulator: RunningEmulator;
let admin: AdminClient;
let root: string;
/** The full run's transcript, which the parity test replays. */
let parityInput = "";

/** The environment of a run: the endpoint, the runner's keys, the switch and allow-list, a private live dir. */
function liveEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...emulatorEnv(emulator.url),
    ALICLOUD_ACCESS_KEY: RUNNER.accessKeyId,
    ALICLOUD_SECRET_KEY: RUNNER.accessKeySecret,
    ALICLOUD_LIVE: "1",
    // The credentials' account and the CEN owner's, whose role the attachment assumes.
    ALICLOUD_LIVE_ACCOUNTS: `${MAIN_UID},${CEN_OWNER_UID}`,
    ALICLOUD_LIVE_INPUTS: path.join(root, "inputs.json"),
    ALICLOUD_LIVE_DIR: path.join(root, "live"),
    PULUMI_HOME: path.join(root, "pulumi-home"),
    ...extra,
  };
}

function start(script: string, args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [path.join(DIST, script), ...args], { env, detached: true });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const done = new Promise<Ran>((resolve) =>
    child.once("close", (code) => resolve({ code: code ?? 1, stdout, stderr })),
  );
  return { child, done, output: () => stdout + stderr };
}

const run = (script: string, args: string[], env = liveEnv()) => start(script, args, env).done;

/** The world's objects, with the CEN attachments (which worldObjects leaves out). */
async function everything(): Promise<string[]> {
  const world = await admin.world();
  const attached = world.accounts.flatMap((account) =>
    (account.cenAttachments ?? []).map(
      (row) => `${account.uid} attachment ${String(row.cenId)}:${String(row.childInstanceId)}`,
    ),
  );
  return [...(await worldObjects(admin)), ...attached].sort();
}

/** The report a run wrote (the only one under the live dir). */
function onlyReport(): RunReport {
  const reports = fs.readdirSync(path.join(root, "live", "reports"));
  expect(reports).toHaveLength(1);
  return JSON.parse(fs.readFileSync(path.join(root, "live", "reports", reports[0] as string), "utf8")) as RunReport;
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: LIVE_SEED });
  admin = emulator.admin;
  root = fs.mkdtempSync(path.join(os.tmpdir(), "pad-live-"));
  fs.writeFileSync(path.join(root, "inputs.json"), JSON.stringify(INPUTS));
});

// Each test starts from the seed (a full run deregisters the server it was given), and an empty live dir.
beforeEach(async () => {
  await admin.reset();
  // (The transcripts stay: the parity test replays the full run's.)
  for (const folder of ["reports", "runs", "work"])
    fs.rmSync(path.join(root, "live", folder), { recursive: true, force: true });
});

afterAll(async () => {
  await emulator?.stop();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe("npm run test:live against the emulator", () => {
  it("GIVEN credentials of an account outside the allow-list, inputs naming another account outside it, or no switch WHEN run THEN it (and the sweeper) refuses before any change, naming the account", async () => {
    const before = await worldObjects(admin);
    const outside = await run("suite.js", [], liveEnv({ ALICLOUD_LIVE_ACCOUNTS: `${OTHER_UID},${CEN_OWNER_UID}` }));
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain(
      `The credentials belong to account ${MAIN_UID}, which is not in ALICLOUD_LIVE_ACCOUNTS`,
    );
    // The CEN owner's account (the grant's cenOwnerId, the role the attachment assumes) not allowed.
    const second = await run("suite.js", [], liveEnv({ ALICLOUD_LIVE_ACCOUNTS: MAIN_UID }));
    expect(second.code, second.stdout + second.stderr).toBe(2);
    expect(second.stderr).toContain(
      `account ${CEN_OWNER_UID} (cenOwnerId, cenOwnerRoleArn) is not in ALICLOUD_LIVE_ACCOUNTS: nothing was changed.`,
    );
    const off = await run("suite.js", [], liveEnv({ ALICLOUD_LIVE: "" }));
    expect(off.code).toBe(2);
    expect(off.stderr).toContain("set ALICLOUD_LIVE=1");
    const sweep = await run("sweep.js", ["--yes"], liveEnv({ ALICLOUD_LIVE_ACCOUNTS: OTHER_UID }));
    expect(sweep.code).toBe(2);
    expect(sweep.stderr).toContain(
      `The credentials belong to account ${MAIN_UID}, which is not in ALICLOUD_LIVE_ACCOUNTS`,
    );
    expect(await worldObjects(admin)).toEqual(before);
    expect(fs.existsSync(path.join(root, "live"))).toBe(false);
  });

  it("GIVEN every input WHEN run THEN every scenario's steps pass through the engine, and nothing it made is left", async () => {
    const before = await worldObjects(admin);
    const ran = await run("suite.js", []);
    expect(ran.code, ran.stdout + ran.stderr).toBe(0);
    const report = onlyReport();
    expect(report.accountId).toBe(MAIN_UID);
    expect(report.transcriptLinesSkipped).toBe(0);
    expect(report.scenarios.map((s) => [s.scenario, s.ran, s.steps])).toEqual([
      ["CenGrantRevocation", true, steps({ update: "n/a" })],
      ["CenChildInstanceAttachment", true, steps({ update: "n/a" })],
      ["TransitRouterGrant", true, steps({})],
      ["ClassicLinkAttachment", true, steps({ update: "n/a" })],
      ["ManagedInstanceActivation", true, steps({ adoption: "n/a" })],
      ["ManagedInstanceRegistration", true, steps({ adoption: "n/a" })],
    ]);
    expect(report.tornDown).toEqual([]);
    // The raw, unmasked calls are gone with the run's work folder.
    expect(fs.readdirSync(path.join(root, "live", "work"))).toEqual([]);
    // Everything made is gone; the one server it was given is deregistered, as its destroy does.
    expect(await worldObjects(admin)).toEqual(before.filter((line) => !line.includes(WORLD.managed1)));
    expect(ran.stdout).toMatch(/scenario\s+create\s+refresh\s+no-change\s+update\s+adoption\s+destroy/);
    expect(ran.stdout + ran.stderr).not.toContain(RUNNER.accessKeySecret);
    expect(fs.readdirSync(path.join(root, "live", "runs"))).toEqual([]);

    // Its transcript: no secret, token, session name, key or account id of the run in it.
    const transcriptFile = path.join(root, "live", "transcripts", `${report.marker}.json`);
    const text = fs.readFileSync(transcriptFile, "utf8");
    const transcript = JSON.parse(text) as Transcript;
    expect(transcript.calls.map((call) => call.action)).toEqual(
      expect.arrayContaining(["AssumeRole", "GrantInstanceToCen", "AttachCenChildInstance", "CreateActivation"]),
    );
    for (const secret of [RUNNER.accessKeyId, RUNNER.accessKeySecret, MAIN_UID, CEN_OWNER_UID, "pulumi-pad-live-live"])
      expect(text).not.toContain(secret);
    expect(text).not.toMatch(/"(AccessKeySecret|SecurityToken|ActivationCode)": "(?!<redacted>)/);
    parityInput = transcriptFile;
  });

  it("GIVEN the full run's transcript WHEN replayed (npm run parity) THEN no difference; with one answer's code and one field changed by hand THEN exactly those two", async () => {
    expect(parityInput, "the full run ran first").toBeTruthy();
    const same = await run("parity.js", [parityInput]);
    expect(same.code, same.stdout + same.stderr).toBe(0);
    expect(same.stdout).toMatch(/^(\d+) calls replayed: \1 answered alike, 0 with differences \(0 differences\)$/m);

    const edited = JSON.parse(fs.readFileSync(parityInput, "utf8")) as Transcript;
    const failed = edited.calls.findIndex((call) => call.code !== undefined);
    const listing = edited.calls.findIndex((call) => call.action === "DescribeActivations" && !call.code);
    expect(failed).toBeGreaterThanOrEqual(0);
    expect(listing).toBeGreaterThanOrEqual(0);
    const wrongCode = edited.calls[failed] as RecordedCall;
    wrongCode.code = "Edited.ByHand";
    (wrongCode.body as Record<string, unknown>).Code = "Edited.ByHand";
    const wrongType = edited.calls[listing] as RecordedCall;
    (wrongType.body as Record<string, unknown>).TotalCount = "a string now";
    const file = path.join(root, "edited.json");
    fs.writeFileSync(file, JSON.stringify(edited));
    const differs = await run("parity.js", [file]);
    expect(differs.code, differs.stdout + differs.stderr).toBe(1);
    const rows = differs.stdout.split("\n").filter((line) => line.startsWith("#"));
    expect(rows.map((line) => line.split(/\s{2,}/))).toEqual(
      [failed, listing]
        .sort((a, b) => a - b)
        .map((i) =>
          i === failed
            ? [`#${i + 1}`, wrongCode.action, "code", "code", expect.stringMatching(/^Edited\.ByHand -> \S+$/)]
            : [`#${i + 1}`, "DescribeActivations", "type", "TotalCount", "string -> number"],
        ),
    );
    expect(differs.stdout).toMatch(/ 2 with differences \(2 differences\)$/m);
  });

  it("GIVEN some scenarios selected, without their inputs or with their object there already WHEN run THEN each is reported as not run with what it needs, nothing passes, the existing object is left alone, and the exit code is 3", async () => {
    const main = new RPCClient({ endpoint: emulator.url, apiVersion: "2014-05-26", ...MAIN_KEYS });
    await main.request(
      "AttachClassicLinkVpc",
      { RegionId: "cn-hangzhou", InstanceId: WORLD.classic2, VpcId: WORLD.vpcLinked },
      { method: "POST" },
    );
    const before = await worldObjects(admin);
    fs.writeFileSync(path.join(root, "some.json"), JSON.stringify({ classicLinkVpcId: WORLD.vpcLinked }));
    // The file and a variable together: the instance comes from the environment.
    const env = liveEnv({
      ALICLOUD_LIVE_INPUTS: path.join(root, "some.json"),
      ALICLOUD_LIVE_CLASSIC_INSTANCE_ID: WORLD.classic2,
      ALICLOUD_LIVE_SCENARIOS: "ClassicLinkAttachment,TransitRouterGrant,ManagedInstanceRegistration",
    });
    const ran = await run("suite.js", [], env);
    expect(ran.code, ran.stdout + ran.stderr).toBe(3);
    const lines = ran.stdout.split("\n");
    const row = (scenario: string) => lines.find((line) => line.startsWith(`${scenario} `))?.replace(/\s+/, " ");
    expect(row("CenGrantRevocation")).toBe("CenGrantRevocation not run: not selected (ALICLOUD_LIVE_SCENARIOS)");
    expect(row("CenChildInstanceAttachment")).toBe(
      "CenChildInstanceAttachment not run: not selected (ALICLOUD_LIVE_SCENARIOS)",
    );
    expect(row("TransitRouterGrant")).toBe(
      "TransitRouterGrant not run: needs vpcId (ALICLOUD_LIVE_VPC_ID), enterpriseCenId (ALICLOUD_LIVE_ENTERPRISE_CEN_ID)",
    );
    expect(row("ClassicLinkAttachment")).toBe(
      `ClassicLinkAttachment not run: ClassicLinkAttachment ${WORLD.classic2}:${WORLD.vpcLinked} exists already, and the suite never touches what it did not make`,
    );
    expect(row("ManagedInstanceActivation")).toBe(
      "ManagedInstanceActivation not run: not selected (ALICLOUD_LIVE_SCENARIOS)",
    );
    expect(row("ManagedInstanceRegistration")).toBe(
      "ManagedInstanceRegistration not run: needs managedInstanceId (ALICLOUD_LIVE_MANAGED_INSTANCE_ID)",
    );
    expect(ran.stdout).toContain("0 of 6 scenarios ran");
    expect(await worldObjects(admin)).toEqual(before);
  });

  it("GIVEN a step that fails (adoption, by an injected fault) while the grant may not be revoked before its attachment goes WHEN run THEN the report says failed, the exit code is 1, teardown removes everything (attachment first) and drops the ledger", async () => {
    await admin.seed({ settings: { revokeWhileAttached: "refuse" } });
    const before = await everything();
    const live = start(
      "suite.js",
      [],
      liveEnv({ ALICLOUD_LIVE_SCENARIOS: "CenGrantRevocation,CenChildInstanceAttachment" }),
    );
    // Once adoption starts (the resources are being removed from the state), the attachment's
    // lookup answers an error the provider does not retry: the adopting `up` fails.
    await poll("the adoption step", live.output, (text) => text.includes("[live] adoption:"), 120_000);
    await admin.setFaults({
      rules: [{ kind: "Operation.FailedAndTryAgain", action: "DescribeCenAttachedChildInstanceAttribute", count: 1 }],
    });
    const ran = await live.done;
    expect(ran.code, ran.stdout + ran.stderr).toBe(1);
    const report = onlyReport();
    expect(report.scenarios.filter((s) => s.ran).map((s) => [s.scenario, s.steps.adoption, s.steps.destroy])).toEqual([
      ["CenGrantRevocation", "failed", "not reached"],
      ["CenChildInstanceAttachment", "failed", "not reached"],
    ]);
    expect(report.scenarios[0]?.error).toMatch(/^adoption: /);
    // What the failed adoption left outside the state: the attachment removed before its grant.
    expect(report.tornDown.filter((line) => line.includes("(left:"))).toEqual([]);
    expect(await everything()).toEqual(before);
    expect(fs.readdirSync(path.join(root, "live", "runs"))).toEqual([]);
    expect(fs.readdirSync(path.join(root, "live", "work"))).toEqual([]);
  });
});

describe("a run killed halfway, then npm run sweep:live", () => {
  it("GIVEN a run killed once its creates took effect WHEN swept THEN a run that recent is skipped; with --min-age 0 the dry run lists what it left by run marker and changes nothing, --yes removes it all, the attachment before its grant", async () => {
    // A grant may not be revoked while its VPC is attached: the sweeper must detach first.
    await admin.seed({ settings: { revokeWhileAttached: "refuse" } });
    const before = await everything();
    const live = start("suite.js", [], liveEnv());
    // Killed (the whole process group: suite, CLI, provider) once create has made objects of
    // every sort the world shows: a grant and its attachment, a ClassicLink, an activation, a renamed server.
    const made = () => everything().then((now) => now.filter((line) => !before.includes(line)));
    const wanted = [/ grant /, / attachment /, / link /, / activation /, / managed mi-\S+ pad-live-/];
    await poll(
      "the run's objects",
      made,
      (now) => wanted.every((pattern) => now.some((line) => pattern.test(line))),
      120_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${live.output()}`);
    });
    process.kill(-(live.child.pid as number), "SIGKILL");
    expect((await live.done).code).not.toBe(0);
    const left = await everything();

    // Under the default minimum age (60 minutes) the run may still be going: nothing to remove.
    const recent = await run("sweep.js", ["--yes"]);
    expect(recent.code, recent.stdout + recent.stderr).toBe(0);
    expect(rowsOf(recent.stdout).map((row) => row.action)).toEqual(
      rowsOf(recent.stdout).map(() => "skipped: too recent (under --min-age 60 minutes)"),
    );
    expect(rowsOf(recent.stdout).length).toBeGreaterThanOrEqual(4);
    expect(await everything()).toEqual(left);

    const dry = await run("sweep.js", ["--min-age", "0"]);
    expect(dry.code, dry.stdout + dry.stderr).toBe(0);
    const listed = rowsOf(dry.stdout);
    const kinds = new Set(listed.map((row) => row.kind));
    for (const kind of [
      "CenGrantRevocation",
      "ClassicLinkAttachment",
      "ManagedInstanceActivation",
      "ManagedInstanceRegistration",
    ])
      expect(kinds, dry.stdout).toContain(kind);
    expect(new Set(listed.map((row) => row.marker)).size, dry.stdout).toBe(1);
    expect(listed.map((row) => [row.marker, row.action])).toEqual(
      listed.map(() => [expect.stringMatching(/^pad-live-\d{14}-[a-z0-9]+$/), "would remove"]),
    );
    // The last made first: the attachment before its grant.
    const kindsInOrder = listed.map((row) => row.kind);
    expect(kindsInOrder.indexOf("CenChildInstanceAttachment"), dry.stdout).toBeGreaterThanOrEqual(0);
    expect(kindsInOrder.indexOf("CenChildInstanceAttachment")).toBeLessThan(kindsInOrder.indexOf("CenGrantRevocation"));
    expect(dry.stdout).toContain("dry run: nothing was changed");
    expect(await everything()).toEqual(left);

    const swept = await run("sweep.js", ["--yes", "--min-age", "0"]);
    expect(swept.code, swept.stdout + swept.stderr).toBe(0);
    expect(rowsOf(swept.stdout).map((row) => [row.kind, row.id, row.action])).toEqual(
      listed.map((row) => [row.kind, row.id, "removed"]),
    );
    // Back to the world before the run; the server it renamed is deregistered (its marker found it).
    expect(await everything()).toEqual(before.filter((line) => !line.includes(WORLD.managed1)));
    const again = await run("sweep.js", ["--min-age", "0"]);
    expect(again.stdout).toContain("nothing left by earlier live runs");
    expect(fs.readdirSync(path.join(root, "live", "runs"))).toEqual([]);
  });
});

/** The rows of the sweeper's table. */
function rowsOf(stdout: string): { kind: string; id: string; marker: string; age: string; action: string }[] {
  const lines = stdout.split("\n");
  const start = lines.findIndex((line) => line.startsWith("kind "));
  if (start < 0) return [];
  const rows = [];
  for (const line of lines.slice(start + 2)) {
    const match = /^(\S+)\s+(\S+)\s+(pad-live-\S+)\s+(\S+)\s+(.+)$/.exec(line);
    if (!match) break;
    const [, kind = "", id = "", marker = "", age = "", action = ""] = match;
    rows.push({ kind, id, marker, age, action });
  }
  return rows;
}

function steps(overrides: Record<string, string>): Record<string, string> {
  const all = {
    create: "passed",
    refresh: "passed",
    "no-change": "passed",
    update: "passed",
    adoption: "passed",
    destroy: "passed",
  };
  return { ...all, ...overrides };
}
