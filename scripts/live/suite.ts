// `npm run test:live`: every resource kind's lifecycle through the Pulumi CLI, against the
// endpoint and credentials of the environment (the same variables the provider reads), only when
// asked twice: ALICLOUD_LIVE=1 and an allow-list (ALICLOUD_LIVE_ACCOUNTS) that holds the account
// STS GetCallerIdentity names for those credentials, and every other account the inputs name (the
// CEN owners, the account of the role the attachment assumes). docs/live-suite.md is its manual.
//
// One stack declares the resources of every scenario whose inputs are given, so each step runs
// once for all of them: create, refresh, a second `up` that must change nothing, the in-place
// updates, adoption (the state forgotten, the objects taken over with adoptExisting), destroy.
// Teardown runs whatever happened: `pulumi destroy`, then the provider's own delete of anything
// in the run's ledger or carrying its marker that is still there.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { GetCallerIdentity } from "../../api/sts.js";
import { redact } from "../../provider/client/redact.js";
import { callAction } from "../../provider/client/rpc.js";
import { makeSettings, REGION_ENV } from "../../provider/client/settings.js";
import { TRANSCRIPT_ENV } from "../../provider/client/transcript.js";
import { CliError, PulumiCli } from "../lib/pulumi-cli.js";
import { repoRoot } from "../lib/repo.js";
import {
  ACCOUNTS_ENV,
  accountsRefused,
  allowedAccounts,
  DIR_ENV,
  inputEnvName,
  type LiveInputs,
  missingInputs,
  newRunMarker,
  readInputs,
  SCENARIOS,
  SCENARIOS_ENV,
  type Scenario,
  SWITCH_ENV,
  selectedScenarios,
  switchedOn,
} from "./inputs.js";
import {
  dropLedger,
  findMarked,
  type Ledger,
  LIVE_STACK,
  type LiveObject,
  look,
  MARKER_TAG,
  RESOURCE_NAMES,
  removeObject,
  writeLedger,
} from "./objects.js";
import type { LivePlan } from "./plan.js";
import { renderTable } from "./table.js";
import { maskTranscript, readRecordedCalls } from "./transcript.js";

/** The steps of every scenario, in order. */
export const STEPS = ["create", "refresh", "no-change", "update", "adoption", "destroy"] as const;
/** One step. */
export type Step = (typeof STEPS)[number];

/** How a step of a scenario ended. */
export type Outcome = "passed" | "failed" | "not reached" | "n/a";

/** What a run reports for one scenario. */
export interface ScenarioReport {
  /** The scenario (its resource kind). */
  scenario: Scenario;
  /** `run`, or `not run` with the inputs it needs (or why). */
  ran: boolean;
  /** Why it did not run: the inputs it needs, as variable names, or the object in the way. */
  notRun?: string;
  /** Each step's outcome (when it ran). */
  steps: Partial<Record<Step, Outcome>>;
  /** The first failure's message. */
  error?: string;
}

/** The report a run writes to <dir>/reports/<marker>.json and prints as a table. */
export interface RunReport {
  /** The run marker. */
  marker: string;
  /** The account the credentials belong to. */
  accountId: string;
  /** Per scenario. */
  scenarios: ScenarioReport[];
  /** What teardown found still there and removed (kind and id). */
  tornDown: string[];
  /** Lines of the raw transcript that could not be read (a provider killed mid-line), left out of it. */
  transcriptLinesSkipped: number;
  /** Seconds the run took. */
  seconds: number;
}

/** The exit code of a run in which a selected scenario did not run (and none failed). */
export const EXIT_NOT_ALL_RAN = 3;

/** Steps that do not apply to a kind, and why (printed as n/a). */
const NOT_APPLICABLE: Partial<Record<Scenario, readonly Step[]>> = {
  // Every input replaces: nothing updates in place.
  CenGrantRevocation: ["update"],
  CenChildInstanceAttachment: ["update"],
  ClassicLinkAttachment: ["update"],
  // An activation's code is answered once: there is nothing to adopt.
  ManagedInstanceActivation: ["adoption"],
  // Its create is an adoption of the registered server.
  ManagedInstanceRegistration: ["adoption"],
};

/** A refusal before anything changed: exit code 2, the message says what to set. */
class Refused extends Error {}

/** The objects with ids known before they exist (the kinds without a marker field), for the ledger. */
function plannedObjects(scenarios: readonly Scenario[], inputs: LiveInputs, accountId: string): LiveObject[] {
  const regionId = inputs.regionId;
  const objects: LiveObject[] = [];
  const { vpcId = "", cenId = "", cenOwnerId = "" } = inputs;
  if (scenarios.includes("CenGrantRevocation"))
    objects.push({
      kind: "CenGrantRevocation",
      id: `${cenId}:${vpcId}:${cenOwnerId}`,
      inputs: { cenId, cenOwnerId, instanceId: vpcId, regionId },
    });
  if (scenarios.includes("CenChildInstanceAttachment"))
    objects.push({
      kind: "CenChildInstanceAttachment",
      id: `${cenId}:${vpcId}`,
      inputs: {
        cenId,
        childInstanceId: vpcId,
        childInstanceOwnerId: accountId,
        regionId,
        assumeRole: { roleArn: inputs.cenOwnerRoleArn, externalId: inputs.cenOwnerRoleExternalId },
      },
    });
  if (scenarios.includes("TransitRouterGrant")) {
    const owner = inputs.enterpriseCenOwnerId ?? inputs.cenOwnerId ?? accountId;
    objects.push({
      kind: "TransitRouterGrant",
      id: `VPC:${vpcId}:${owner}:${inputs.enterpriseCenId}`,
      inputs: { cenId: inputs.enterpriseCenId, cenOwnerId: owner, instanceId: vpcId, regionId },
    });
  }
  if (scenarios.includes("ClassicLinkAttachment"))
    objects.push({
      kind: "ClassicLinkAttachment",
      id: `${inputs.classicInstanceId}:${inputs.classicLinkVpcId}`,
      inputs: { instanceId: inputs.classicInstanceId, vpcId: inputs.classicLinkVpcId, regionId },
    });
  return objects;
}

/** The first lines of an error, secrets removed. */
function brief(error: unknown): string {
  const text = error instanceof CliError ? `${error.message}` : error instanceof Error ? error.message : String(error);
  const lines = redact(text)
    .split("\n")
    .filter((line) => /error|failed|expected|refused|not /i.test(line));
  return (lines.slice(0, 3).join(" | ") || redact(text).split("\n")[0] || "").trim().slice(0, 400);
}

async function main(): Promise<number> {
  const started = Date.now();
  const env = process.env;
  if (!switchedOn(env))
    throw new Refused(`The live suite changes a real account: set ${SWITCH_ENV}=1 to run it (docs/live-suite.md).`);
  const allowed = allowedAccounts(env);
  if (allowed.length === 0)
    throw new Refused(`Set ${ACCOUNTS_ENV} to the account id(s) the credentials must belong to (comma-separated).`);
  const inputs = readInputs(env, REGION_ENV);
  const selected = selectedScenarios(env);
  const settings = makeSettings(undefined, env);
  const who = await callAction(settings, { region: inputs.regionId }, GetCallerIdentity, {});
  const accountId = String(who.AccountId ?? "");
  if (!allowed.includes(accountId))
    throw new Refused(
      `The credentials belong to account ${accountId}, which is not in ${ACCOUNTS_ENV} (${allowed.join(", ")}): nothing was changed.`,
    );
  // The other accounts the scenarios with all their inputs would change (the CEN owner's, through
  // the role the attachment assumes) or grant to: in the allow-list too.
  const refused = accountsRefused(
    selected.filter((s) => missingInputs(s, inputs).length === 0),
    inputs,
    allowed,
  );
  if (refused) throw new Refused(refused);

  const marker = newRunMarker();
  const dir = path.resolve(env[DIR_ENV] ?? ".live");
  const work = path.join(dir, "work", marker);
  // Every answered call from here on, this process's and the provider processes', into the raw
  // transcript (provider/client/transcript.ts); masked into <dir>/transcripts/<marker>.json at the
  // end, and the raw file (unmasked) removed whatever happens from here on.
  const raw = path.join(work, "calls.jsonl");
  fs.mkdirSync(path.dirname(raw), { recursive: true });
  env[TRANSCRIPT_ENV] = raw;
  say(`live run ${marker} as account ${accountId} in ${inputs.regionId} (ledger and state under ${dir})`);

  const reports = new Map<Scenario, ScenarioReport>();
  for (const scenario of SCENARIOS) {
    const missing = missingInputs(scenario, inputs);
    const why = !selected.includes(scenario)
      ? `not selected (${SCENARIOS_ENV})`
      : missing.length
        ? `needs ${missing.map((key) => `${key} (${inputEnvName(key)})`).join(", ")}`
        : undefined;
    reports.set(scenario, { scenario, ran: why === undefined, ...(why ? { notRun: why } : {}), steps: {} });
  }
  // The attachment attaches what the grant scenario grants.
  const attachment = reports.get("CenChildInstanceAttachment") as ScenarioReport;
  if (attachment.ran && !reports.get("CenGrantRevocation")?.ran)
    Object.assign(attachment, { ran: false, notRun: "needs the CenGrantRevocation scenario (its grant)" });

  let scenarios: Scenario[] = [];
  let cli: PulumiCli | undefined;
  const ledger: Ledger = { marker, startedAt: new Date(started).toISOString(), objects: [] };
  const tornDown: string[] = [];
  let transcriptLinesSkipped = 0;
  let transcriptFile: string | undefined;
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  // A failure marks the scenarios of its step and stops the later steps.
  let stopped = false;
  /** Runs one step for every scenario in it. */
  const step = async (name: Step, body: (inStep: Scenario[]) => Promise<void>) => {
    const inStep = scenarios.filter((s) => !NOT_APPLICABLE[s]?.includes(name));
    for (const s of scenarios) {
      const report = reports.get(s) as ScenarioReport;
      report.steps[name] = !inStep.includes(s) ? "n/a" : stopped || interrupted ? "not reached" : report.steps[name];
    }
    if (stopped || interrupted || inStep.length === 0) return;
    say(`${name}: ${inStep.join(", ")}`);
    try {
      await body(inStep);
      for (const s of inStep) (reports.get(s) as ScenarioReport).steps[name] = "passed";
    } catch (error) {
      stopped = true;
      const message = brief(error);
      say(`${name} failed: ${message}`);
      for (const s of inStep) {
        const report = reports.get(s) as ScenarioReport;
        report.steps[name] = "failed";
        report.error ??= `${name}: ${message}`;
      }
    }
  };

  try {
    // Never touch what the run did not make: an object already there keeps its scenario out (and
    // the attachment's, whose grant it is).
    for (const object of plannedObjects(runnable(reports), inputs, accountId)) {
      if (!(await look(object))) continue;
      const report = reports.get(object.kind as Scenario);
      if (!report) continue;
      report.ran = false;
      report.notRun = `${object.kind} ${object.id} exists already, and the suite never touches what it did not make`;
      if (object.kind === "CenGrantRevocation") {
        const attachment = reports.get("CenChildInstanceAttachment");
        if (attachment?.ran) Object.assign(attachment, { ran: false, notRun: "its grant exists already" });
      }
    }
    scenarios = runnable(reports);
    // Written before the objects are asked for, so that a run killed during its create leaves their
    // ids behind (the sweeper checks each is there before it removes it).
    ledger.objects = plannedObjects(scenarios, inputs, accountId);
    writeLedger(dir, ledger);
    if (scenarios.length > 0) {
      const pulumi = prepareProgram(work, env);
      cli = pulumi;
      const plan: LivePlan = {
        marker,
        markerTag: MARKER_TAG,
        accountId,
        allowedAccounts: allowed,
        regionId: inputs.regionId,
        scenarios,
        inputs,
      };
      const outputs = async (): Promise<Record<string, Record<string, unknown>>> => {
        const all = JSON.parse(await pulumi.ok(["stack", "output", "--json"])) as {
          resources?: Record<string, Record<string, unknown>>;
        };
        return all.resources ?? {};
      };
      const expectThere = async (inStep: Scenario[]) => {
        const shown = await outputs();
        for (const s of inStep) if (!shown[s]?.id) throw new Error(`${s}: not in the stack's outputs after the step`);
        for (const object of ledger.objects)
          if (inStep.includes(object.kind as Scenario) && !(await look(object)))
            throw new Error(`${object.kind} ${object.id}: not found in the cloud`);
        return shown;
      };

      await pulumi.ok(["stack", "init", LIVE_STACK]);
      // A JSON string, which the program's requireObject parses.
      await pulumi.ok(["config", "set", "plan", JSON.stringify(plan)]);
      await step("create", async (inStep) => {
        await pulumi.ok(["up", "--yes", "--skip-preview"]);
        const shown = await expectThere(inStep);
        // The objects whose ids were known only once made: into the ledger too.
        for (const kind of ["ManagedInstanceActivation", "ManagedInstanceRegistration"] as const) {
          const id = shown[kind]?.id;
          if (typeof id === "string")
            ledger.objects.push({
              kind,
              id,
              inputs:
                kind === "ManagedInstanceRegistration"
                  ? { instanceId: id, regionId: inputs.regionId }
                  : { regionId: inputs.regionId },
            });
        }
        writeLedger(dir, ledger);
      });
      await step("refresh", async (inStep) => {
        await pulumi.ok(["refresh", "--yes", "--skip-preview"]);
        await expectThere(inStep);
      });
      await step("no-change", async () => {
        await pulumi.ok(["up", "--yes", "--expect-no-changes"]);
      });
      await step("update", async (inStep) => {
        const before = await outputs();
        await pulumi.ok(["config", "set", "phase", "update"]);
        await pulumi.ok(["up", "--yes", "--skip-preview"]);
        const after = await expectThere(inStep);
        const expected: Partial<Record<Scenario, [string, unknown]>> = {
          TransitRouterGrant: ["orderType", "PayByResourceOwner"],
          ManagedInstanceActivation: ["disabled", true],
          ManagedInstanceRegistration: ["instanceName", `${marker}-renamed`],
        };
        for (const s of inStep) {
          if (after[s]?.id !== before[s]?.id)
            throw new Error(`${s}: replaced (${before[s]?.id} -> ${after[s]?.id}), not updated`);
          const want = expected[s];
          if (want && after[s]?.[want[0]] !== want[1])
            throw new Error(
              `${s}: ${want[0]} is ${JSON.stringify(after[s]?.[want[0]])}, expected ${JSON.stringify(want[1])}`,
            );
        }
      });
      await step("adoption", async (inStep) => {
        const state = JSON.parse(await pulumi.ok(["stack", "export"])) as {
          deployment: { resources?: { urn: string }[] };
        };
        const urns = (state.deployment.resources ?? []).map((r) => r.urn);
        // Dependents first: the attachment before its grant.
        const order: Scenario[] = [
          "CenChildInstanceAttachment",
          "CenGrantRevocation",
          "TransitRouterGrant",
          "ClassicLinkAttachment",
        ];
        for (const s of order.filter((o) => inStep.includes(o))) {
          const urn = urns.find((u) => u.endsWith(`::${RESOURCE_NAMES[s]}`));
          if (!urn) throw new Error(`${s}: not in the state`);
          await pulumi.ok(["state", "delete", urn, "--yes"]);
        }
        await pulumi.ok(["config", "set", "adopt", "true"]);
        await pulumi.ok(["up", "--yes", "--skip-preview"]);
        const shown = await expectThere(inStep);
        for (const s of inStep) if (shown[s]?.adopted !== true) throw new Error(`${s}: not adopted`);
      });
      await step("destroy", async () => {
        await pulumi.ok(["destroy", "--yes", "--skip-preview"]);
        for (const object of ledger.objects)
          if (await look(object)) throw new Error(`${object.kind} ${object.id}: still there after destroy`);
      });
    }
  } finally {
    // Teardown, whatever happened above.
    if (cli && scenarios.length > 0) {
      const left = await cli.run(["stack", "export"]).catch(() => undefined);
      if (left && left.code === 0 && /"type":\s*"pulumi-nodejs:dynamic/.test(left.stdout)) {
        say("teardown: pulumi destroy");
        await cli.run(["destroy", "--yes", "--skip-preview"]).catch(() => undefined);
      }
    }
    let marked: LiveObject[] = [];
    try {
      marked = (await findMarked(settings, inputs.regionId)).filter((object) => object.marker === marker);
    } catch (error) {
      say(`teardown: the activations and servers of ${inputs.regionId} could not be listed: ${brief(error)}`);
      tornDown.push(`(activations and servers not listed: ${brief(error)})`);
    }
    // The last made first: an attachment before the grant it depends on (a grant may not be revocable
    // while attached).
    const ours = [
      ...marked.filter((m) => !ledger.objects.some((o) => o.kind === m.kind && o.id === m.id)),
      ...[...ledger.objects].reverse(),
    ];
    for (const object of ours) {
      try {
        if (await removeObject(object)) tornDown.push(`${object.kind} ${object.id}`);
      } catch (error) {
        say(
          `teardown: ${object.kind} ${object.id} could not be removed: ${brief(error)} (npm run sweep:live finds it)`,
        );
        tornDown.push(`${object.kind} ${object.id} (left: ${brief(error)})`);
      }
    }
    delete env[TRANSCRIPT_ENV];
    try {
      const recorded = readRecordedCalls(raw);
      transcriptLinesSkipped = recorded.skipped;
      const file = path.join(dir, "transcripts", `${marker}.json`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, `${JSON.stringify(maskTranscript(marker, accountId, inputs, recorded.calls), null, 2)}\n`);
      transcriptFile = file;
    } catch (error) {
      say(`the transcript could not be written: ${brief(error)}`);
    } finally {
      fs.rmSync(raw, { force: true });
    }
    if (!tornDown.some((line) => line.includes("(left:") || line.includes("not listed"))) {
      dropLedger(dir, marker);
      fs.rmSync(work, { recursive: true, force: true });
    }
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }

  const report: RunReport = {
    marker,
    accountId,
    scenarios: [...reports.values()],
    tornDown,
    transcriptLinesSkipped,
    seconds: Math.round((Date.now() - started) / 1000),
  };
  const reportFile = path.join(dir, "reports", `${marker}.json`);
  fs.mkdirSync(path.dirname(reportFile), { recursive: true });
  fs.writeFileSync(reportFile, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(
    `${formatReport(report)}\nreport: ${reportFile}\ntranscript: ${transcriptFile ?? "not written (see above)"}\n`,
  );
  const code = exitCode(report, selected, interrupted);
  if (code === EXIT_NOT_ALL_RAN)
    say(`exit code ${code}: not every selected scenario ran (${SCENARIOS_ENV} selects those your inputs allow)`);
  return code;
}

/**
 * 1 when a step failed or the run was interrupted; else EXIT_NOT_ALL_RAN (3) when a selected
 * scenario did not run (its inputs missing, its object there already) or none ran; else 0.
 */
export function exitCode(report: RunReport, selected: readonly Scenario[], interrupted: boolean): number {
  if (interrupted || report.scenarios.some((s) => Object.values(s.steps).includes("failed"))) return 1;
  const ran = report.scenarios.filter((s) => s.ran);
  if (ran.length === 0 || report.scenarios.some((s) => selected.includes(s.scenario) && !s.ran))
    return EXIT_NOT_ALL_RAN;
  return 0;
}

function runnable(reports: Map<Scenario, ScenarioReport>): Scenario[] {
  return [...reports.values()].filter((r) => r.ran).map((r) => r.scenario);
}

/** The run's report as a table: a row per scenario, a column per step, then the not-run reasons and teardown. */
export function formatReport(report: RunReport): string {
  const rows = report.scenarios.map((s) =>
    s.ran ? [s.scenario, ...STEPS.map((step) => s.steps[step] ?? "-")] : [s.scenario, `not run: ${s.notRun}`],
  );
  const lines = [renderTable(["scenario", ...STEPS], rows)];
  for (const s of report.scenarios) if (s.error) lines.push(`${s.scenario}: ${s.error}`);
  lines.push(
    report.tornDown.length
      ? `teardown removed what destroy left: ${report.tornDown.join(", ")}`
      : "teardown: nothing was left",
  );
  if (report.transcriptLinesSkipped > 0)
    lines.push(
      `transcript: ${report.transcriptLinesSkipped} line(s) of the raw calls could not be read (a provider killed mid-write) and were left out`,
    );
  const ran = report.scenarios.filter((s) => s.ran);
  const passed = ran.filter((s) => Object.values(s.steps).every((o) => o === "passed" || o === "n/a"));
  lines.push(
    `${ran.length} of ${report.scenarios.length} scenarios ran, ${passed.length} passed every step; run ${report.marker}, account ${report.accountId}, ${report.seconds} s`,
  );
  return lines.join("\n");
}

/** The program folder of a run: the program, a tsconfig, node_modules linked, state in a file backend beside it. */
function prepareProgram(work: string, env: NodeJS.ProcessEnv): PulumiCli {
  const root = repoRoot();
  const source = path.join(root, "scripts", "live");
  const program = path.join(work, "live", "program");
  fs.mkdirSync(program, { recursive: true });
  for (const file of ["program/index.ts", "program/Pulumi.yaml", "plan.ts", "inputs.ts"])
    fs.copyFileSync(path.join(source, file), path.join(work, "live", file));
  fs.writeFileSync(
    path.join(program, "package.json"),
    JSON.stringify({ name: "pad-live", private: true, main: "index.ts" }),
  );
  fs.writeFileSync(
    path.join(program, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: { strict: true, target: "es2020", module: "commonjs", moduleResolution: "node" },
      files: ["index.ts"],
    }),
  );
  fs.symlinkSync(path.join(root, "node_modules"), path.join(work, "node_modules"), "dir");
  const backend = path.join(work, "backend");
  fs.mkdirSync(backend, { recursive: true });
  return new PulumiCli(
    program,
    {
      ...env,
      PULUMI_BACKEND_URL: `file://${backend}`,
      PULUMI_CONFIG_PASSPHRASE: crypto.randomBytes(16).toString("hex"),
      PULUMI_SKIP_UPDATE_CHECK: "true",
    },
    ["--non-interactive"],
  );
}

function say(line: string): void {
  process.stderr.write(`[live] ${line}\n`);
}

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      say(error instanceof Error ? redact(error.message) : String(error));
      process.exitCode = error instanceof Refused ? 2 : 1;
    },
  );
}
