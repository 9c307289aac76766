// GIVEN an activation, whose code is a secret output, WHEN `pulumi up` runs with every debug and
// log switch on (`--debug`, `-v=9 --logtostderr --logflow`), and through the Automation API with
// its event stream, THEN the code appears nowhere: not in what the CLI prints, not in the CLI's
// automatic log (`pulumi logs decrypt`), not in the engine events. The Pulumi Node SDK logs each
// RegisterResource answer at debug level, secret values in plain text; the package withholds
// that answer for its resources with secret outputs (provider/framework/debug-redaction.ts).
// What no package can withhold is shown too, for the security notes (docs/security.md): Pulumi's gRPC trace
// (PULUMI_DEBUG_GRPC) and `--tracing` spans with payloads hold the provider's answers as sent.
import fs from "node:fs";
import path from "node:path";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { ManagedInstanceActivation } from "pulumi-alicloud-dynamic";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliSandbox, createCliSandbox, javascriptProgram } from "./cli";
import { CEN_OWNER, type Cloud, emulatedStack, startCloud, WORLD } from "./cloud";

const WITHHELD =
  /RegisterResource RPC finished: resource:codes\[pulumi-nodejs:dynamic\/alicloud:ManagedInstanceActivation\]; err: null, resp: \[withheld/;
const GRANT_ANSWER = new RegExp(
  `RegisterResource RPC finished: resource:grant\\[pulumi-nodejs:dynamic/alicloud:CenGrantRevocation\\]; err: null, resp: .*${WORLD.cen}:${WORLD.vpcLinked}`,
);

describe("the activation code stays out of debug output and logs", () => {
  let cloud: Cloud;
  let sandbox: CliSandbox;

  beforeAll(async () => {
    cloud = await startCloud();
    sandbox = createCliSandbox({ prefix: "pad-debug-logs-", env: cloud.testEnv() });
  });
  afterAll(async () => {
    sandbox?.dispose();
    await cloud?.close();
  });

  it("GIVEN a program folder WHEN up, refresh and up again run with -v=9 (log files), --debug --logtostderr --logflow THEN no output, log file or automatic log holds the code; the grant's answer line is intact", async () => {
    const cli = await javascriptProgram(
      sandbox,
      "debug-logs",
      [
        `const x = require("pulumi-alicloud-dynamic");`,
        `const codes = new x.ManagedInstanceActivation("codes", { instanceCount: 1 });`,
        `new x.CenGrantRevocation("grant", { cenId: "${WORLD.cen}", cenOwnerId: "${CEN_OWNER.uid}", instanceId: "${WORLD.vpcLinked}" });`,
        "exports.code = codes.activationCode;",
        "",
      ].join("\n"),
    );

    // -v without --logtostderr: the CLI and every plugin write log files in the temporary folder.
    const logDir = path.join(sandbox.root, "tmp");
    fs.mkdirSync(logDir);
    const created = await cli.attempt(["up", "--yes", "--skip-preview", "-v=9", "--logflow"], {
      env: { TMPDIR: logDir },
    });
    expect(created.code, created.stderr.slice(-2000)).toBe(0);
    const code = (await cli.command("stack", "output", "code", "--show-secrets")).trim();
    expect(code).toMatch(/^a-/);
    const logFiles = fs.readdirSync(logDir).filter((name) => name.includes(".log."));
    expect(logFiles.length, "log files written by -v=9").toBeGreaterThan(0);
    const logged = logFiles.map((name) => fs.readFileSync(path.join(logDir, name), "utf8")).join("\n");
    expect(logged).toMatch(WITHHELD);
    expect(logged.includes(code), "the code in the log files of -v=9").toBe(false);

    // The answer carries the state's outputs on every up, changed or not: the code among them.
    const refreshed = await cli.attempt(["refresh", "--yes", "--skip-preview", "-v=9", "--logtostderr", "--logflow"]);
    expect(refreshed.code, refreshed.stderr.slice(-2000)).toBe(0);
    const up = await cli.attempt(["up", "--yes", "--skip-preview", "--debug", "-v=9", "--logtostderr", "--logflow"]);
    expect(up.code, up.stderr.slice(-2000)).toBe(0);
    const shown = refreshed.stdout + refreshed.stderr + up.stdout + up.stderr;
    expect(shown).toMatch(WITHHELD);
    expect(shown.includes(code), "the code in the output of refresh and up with -v=9").toBe(false);
    // Debugging of resources without secrets is untouched: the grant's answer is there, id and all.
    expect(shown).toMatch(GRANT_ANSWER);

    const automatic = await cli.command("logs", "decrypt", "--latest");
    expect(automatic).toMatch(WITHHELD);
    expect(automatic.includes(code), "the code in the CLI's automatic log").toBe(false);

    // Pulumi's gRPC trace holds every message between engine and provider as sent: the provider
    // answers create and read with the code, which only the engine then marks secret. Nothing a
    // package can withhold; docs/security.md says so.
    const grpcLog = path.join(sandbox.root, "grpc.log");
    const traced = await cli.attempt(["refresh", "--yes", "--skip-preview"], { env: { PULUMI_DEBUG_GRPC: grpcLog } });
    expect(traced.code, traced.stderr.slice(-2000)).toBe(0);
    expect(fs.readFileSync(grpcLog, "utf8").includes(code), "the code in PULUMI_DEBUG_GRPC's trace").toBe(true);
    // Likewise `--tracing file:...`, whose spans carry each gRPC message, unless
    // PULUMI_TRACING_NO_PAYLOADS=true leaves the messages out.
    for (const [name, env, holdsCode] of [
      ["trace-payloads", {}, true],
      ["trace-no-payloads", { PULUMI_TRACING_NO_PAYLOADS: "true" }, false],
    ] as const) {
      const file = path.join(sandbox.root, name);
      const run = await cli.attempt(["refresh", "--yes", "--skip-preview", "--tracing", `file:${file}`], { env });
      expect(run.code, run.stderr.slice(-2000)).toBe(0);
      expect(fs.readFileSync(file).includes(code), `the code in the ${name} trace`).toBe(holdsCode);
    }
    await cli.command("destroy", "--yes");
  });

  it("GIVEN the Automation API WHEN up streams its engine events with debug on THEN no event holds the code", async () => {
    const test = await emulatedStack(cloud, async () => {
      const codes = new ManagedInstanceActivation("codes", { instanceCount: 1 });
      return { code: codes.activationCode };
    });
    try {
      const events: EngineEvent[] = [];
      const result = await test.stack.up({ onEvent: (event) => events.push(event), debug: true });
      const code = String(result.outputs.code?.value ?? "");
      expect(code).toMatch(/^a-/);
      const text = JSON.stringify(events);
      expect(text).toMatch(WITHHELD);
      expect(text.includes(code), "the code in the engine events").toBe(false);
      await test.stack.destroy();
    } finally {
      await test.dispose();
    }
  });
});
