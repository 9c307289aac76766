// `npm run demo`: the quick start (examples/quickstart) through the real Pulumi engine against the
// local Alibaba Cloud emulator: preview, up, outputs, a change behind Pulumi's back, refresh, up,
// destroy; with the emulator's view of the world before and after. `--keep` leaves the stack and
// the emulator running and prints how to go on by hand.
import fs from "node:fs";
import path from "node:path";
import RPCClient from "@alicloud/pop-core";
import type * as auto from "@pulumi/pulumi/automation";
import { AdminClient, DEFAULT_KEYS } from "../emulator/index.js";
import { quickstart } from "../examples/quickstart/program.js";
import { type EmulatorProcess, startEmulatorProcess } from "./lib/emulator-process.js";
import { createLocalStack, repoRoot } from "./lib/local-stack.js";
import { describeWorld } from "./lib/world-summary.js";

const REPO = repoRoot();
const args = process.argv.slice(2);
const keep = args.includes("--keep");
const workDirFlag = args.indexOf("--work-dir");
// Where the demo keeps its backend, logs and emulator state: ./.demo unless --work-dir says otherwise.
const WORK = path.resolve(
  workDirFlag >= 0 && args[workDirFlag + 1] ? (args[workDirFlag + 1] as string) : path.join(REPO, ".demo"),
);
const LOGS = path.join(WORK, "logs");
const MAIN = DEFAULT_KEYS.main;

const started = Date.now();
let current = "starting";

function say(line = ""): void {
  process.stdout.write(`${line}\n`);
}

/** Runs one narrated step: a heading, a ticker while it runs, its output logged to a file. */
async function step<T>(
  n: number,
  title: string,
  what: string,
  run: (log: (chunk: string) => void) => Promise<T>,
): Promise<T> {
  current = `step ${n} (${title})`;
  say();
  say(`[${n}/8] ${title}`);
  say(`      ${what}`);
  const logFile = path.join(LOGS, `${n}-${title.toLowerCase().replace(/[^a-z]+/g, "-")}.log`);
  const log = (chunk: string) => fs.appendFileSync(logFile, chunk);
  const t0 = Date.now();
  const ticker = setInterval(() => say(`      ... still working (${Math.round((Date.now() - t0) / 1000)}s)`), 5_000);
  try {
    return await run(log);
  } finally {
    clearInterval(ticker);
  }
}

/** Prints the engine's resource events as they happen, so a long wait shows what it waits for. */
function progress(event: auto.EngineEvent): void {
  const pre = event.resourcePreEvent?.metadata;
  if (pre && pre.type !== "pulumi:pulumi:Stack" && pre.op !== "same" && !pre.type.startsWith("pulumi:providers")) {
    say(`      ${pre.op.padEnd(8)} ${pre.type.split(":").pop()} ${pre.urn.split("::").pop()}`);
  }
  const diagnostic = event.diagnosticEvent;
  if (diagnostic && diagnostic.severity === "info" && diagnostic.message.trim()) {
    say(`      note: ${diagnostic.message.trim()}`);
  }
}

function summary(changes: Record<string, number> | undefined): string {
  const parts = Object.entries(changes ?? {}).map(([op, n]) => `${n} ${op}`);
  return parts.length ? parts.join(", ") : "no changes";
}

async function main(): Promise<void> {
  if (!keep) fs.rmSync(WORK, { recursive: true, force: true });
  fs.mkdirSync(LOGS, { recursive: true });

  say("pulumi-alicloud-dynamic demo: the quick start against a local Alibaba Cloud");
  say(
    `      work directory ${path.relative(process.cwd(), WORK) || WORK}; logs in ${path.relative(process.cwd(), LOGS)}/`,
  );

  const emulator: EmulatorProcess = await step(
    1,
    "Start the emulator",
    "A local stand-in for the VPC and ECS APIs, with its default world.",
    () =>
      startEmulatorProcess(["--state", path.join(WORK, "emulator-state.json")], path.join(LOGS, "emulator.log"), keep),
  );
  say(`      listening on ${emulator.url}`);
  const admin = new AdminClient(emulator.url);

  try {
    await step(2, "The world before", "What the emulator holds that the quick start will touch.", async () => {
      for (const line of await describeWorld(admin)) say(`      ${line}`);
    });

    const { stack, workDir, envVars } = await createLocalStack({
      root: WORK,
      program: async () => quickstart(),
      projectName: "quickstart",
      stackName: "dev",
      // The emulator's default account, as a user would configure real credentials; the endpoint
      // override is how the provider is pointed at the emulator.
      config: {
        "alicloud:region": { value: "cn-hangzhou" },
        "alicloud:accessKey": { value: MAIN.accessKeyId },
        "alicloud:secretKey": { value: MAIN.accessKeySecret, secret: true },
        "alicloud:endpoints": { value: JSON.stringify([{ vpc: emulator.url, ecs: emulator.url }]) },
      },
    });

    await step(3, "Preview", "What Pulumi plans to do, before it does anything.", async (log) => {
      const preview = await stack.preview({ onOutput: log, onEvent: progress });
      say(`      plan: ${summary(preview.changeSummary)}`);
    });

    await step(
      4,
      "Up",
      "Grant the VPC to the partner's CEN, link the classic server, adopt and name the managed server.",
      async (log) => {
        const up = await stack.up({ onOutput: log, onEvent: progress });
        say(`      done: ${summary(up.summary.resourceChanges)}`);
        for (const [name, output] of Object.entries(up.outputs))
          say(`      output ${name.padEnd(22)} ${JSON.stringify(output.value)}`);
      },
    );

    await step(
      5,
      "A change behind Pulumi's back, then refresh",
      "Someone unlinks the classic server and renames the managed server in the console.",
      async (log) => {
        const ecs = new RPCClient({ endpoint: emulator.url, apiVersion: "2014-05-26", ...MAIN });
        const region = { RegionId: "cn-hangzhou" };
        await ecs.request(
          "DetachClassicLinkVpc",
          { ...region, InstanceId: "i-bp1emuclassic000001", VpcId: "vpc-bp1emumainlink0000001" },
          { method: "POST" },
        );
        await ecs.request(
          "ModifyManagedInstance",
          { ...region, InstanceId: "mi-hz01emuweb00001", InstanceName: "renamed-by-hand" },
          { method: "POST" },
        );
        const refresh = await stack.refresh({ onOutput: log, onEvent: progress });
        say(`      refresh: ${summary(refresh.summary.resourceChanges)}; Pulumi's state now matches the live world:`);
        say("      the ClassicLink link is gone from the state, and the server's name there is renamed-by-hand.");
      },
    );

    await step(
      6,
      "Up again",
      "Pulumi puts back what the program declares: the link, and the server's name.",
      async (log) => {
        const up = await stack.up({ onOutput: log, onEvent: progress });
        say(`      done: ${summary(up.summary.resourceChanges)}`);
      },
    );

    if (keep) {
      printHowToContinue(emulator, workDir, envVars);
      emulator.detach();
      return;
    }

    await step(7, "Destroy", "Revoke the grant, unlink the server, deregister the adopted server.", async (log) => {
      const destroy = await stack.destroy({ onOutput: log, onEvent: progress });
      say(`      done: ${summary(destroy.summary.resourceChanges)}`);
      await stack.workspace.removeStack("dev");
    });

    await step(
      8,
      "The world after",
      "The grant and the link are gone; the adopted server was deregistered, as destroy does.",
      async () => {
        for (const line of await describeWorld(admin)) say(`      ${line}`);
      },
    );
  } finally {
    if (!keep) await emulator.stop();
  }
  fs.rmSync(WORK, { recursive: true, force: true });
  say();
  say(
    `Demo complete in ${Math.round((Date.now() - started) / 1000)}s. The emulator is stopped and ${path.relative(process.cwd(), WORK)} removed.`,
  );
}

function printHowToContinue(emulator: EmulatorProcess, workDir: string, envVars: Record<string, string>): void {
  const pulumiDir = process.env.PATH?.split(path.delimiter).find((dir) => fs.existsSync(path.join(dir, "pulumi")));
  say();
  say(`Kept: the emulator (pid ${emulator.pid}) at ${emulator.url}, and the stack "dev" in ${WORK}.`);
  say("Go on by hand in a shell:");
  say(
    `  export PATH="${[pulumiDir, path.dirname(process.execPath)].filter(Boolean).join(path.delimiter)}${path.delimiter}$PATH"`,
  );
  for (const [name, value] of Object.entries(envVars)) say(`  export ${name}="${value}"`);
  say(`  cd "${workDir}"`);
  say("  pulumi stack output --stack dev                 # the outputs");
  say("  pulumi refresh --stack dev --yes                # read the live state again");
  say("  pulumi destroy --stack dev --yes                # revoke, unlink, deregister");
  say(`  curl -s ${emulator.url}/__admin/world           # the emulator's view`);
  say(`When done: kill ${emulator.pid}; rm -rf "${WORK}"`);
}

main().catch((error: unknown) => {
  say();
  say(`The demo failed at ${current}: ${error instanceof Error ? error.message : String(error)}`);
  say(`Logs: ${LOGS} (emulator.log, and one file per step)`);
  process.exitCode = 1;
});
