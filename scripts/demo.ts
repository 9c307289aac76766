// `npm run demo`: the quick start (examples/quickstart) as a user runs it: a program folder, and
// the `pulumi` commands a user types there (stack init, config set, preview, up, refresh, up,
// destroy), against the local Alibaba Cloud emulator; with the emulator's view of the world before
// and after, and a change made behind Pulumi's back. Each command is shown as typed (`$ pulumi up
// --yes`), with what the CLI prints. `--keep` leaves the stack and the emulator running and prints
// how to go on by hand; `--work-dir <dir>` puts everything there instead of ./.demo.
import fs from "node:fs";
import path from "node:path";
import RPCClient from "@alicloud/pop-core";
import { AdminClient, DEFAULT_KEYS } from "../emulator/index.js";
import { DEMO_USAGE, flagsOrExit, parseDemoFlags } from "./lib/bench-flags.js";
import { type EmulatorProcess, startEmulatorProcess } from "./lib/emulator-process.js";
import { describeCommand, describeSummary, PulumiCli, resourceSummary } from "./lib/pulumi-cli.js";
import { repoRoot } from "./lib/repo.js";
import { describeWorld } from "./lib/world-summary.js";

const REPO = repoRoot();
const flags = flagsOrExit("demo", DEMO_USAGE, parseDemoFlags);
const keep = flags.keep;
// Where the demo keeps its program folder, backend, logs and emulator state.
const WORK = path.resolve(flags.workDir ?? path.join(REPO, ".demo"));
const LOGS = path.join(WORK, "logs");
/** The program folder: a copy of examples/quickstart, its node_modules the repository's. */
const PROGRAM = path.join(WORK, "quickstart");
const MAIN = DEFAULT_KEYS.main;
const STACK = "dev";

const started = Date.now();
let current = "starting";

function say(line = ""): void {
  process.stdout.write(`${line}\n`);
}

/** A path as short as it can be shown from where the demo runs. */
function shown(file: string): string {
  return path.relative(process.cwd(), file) || ".";
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

/** Passes the CLI's output on, line by line, indented under the command that printed it. */
function lineWriter(log: (chunk: string) => void): { write: (chunk: string) => void; flush: () => void } {
  let pending = "";
  const print = (line: string) => say(line.trim() ? `        ${line.trimEnd()}` : "");
  return {
    write(chunk) {
      log(chunk);
      const lines = (pending + chunk).split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) print(line);
    },
    flush() {
      if (pending) print(pending);
      pending = "";
    },
  };
}

/**
 * Shows `$ pulumi <args>` as a user types it and runs it in the program folder, its output shown
 * as it comes; fails with the CLI's output when the command fails. `input` goes to its stdin
 * (a secret, so that it is neither shown nor on a command line); `quiet` keeps the output in the log.
 */
async function pulumi(
  cli: PulumiCli,
  log: (chunk: string) => void,
  args: string[],
  options: { input?: string; note?: string; quiet?: boolean } = {},
): Promise<string> {
  say(`      $ ${describeCommand(args)}${options.note ? `    # ${options.note}` : ""}`);
  log(`$ ${describeCommand(args)}\n`);
  const out = lineWriter(log);
  const result = await cli.run(args, { input: options.input, onOutput: options.quiet ? log : out.write });
  out.flush();
  if (result.code !== 0) throw new Error(`${describeCommand(args)} exited with ${result.code}`);
  return result.stdout;
}

async function main(): Promise<void> {
  if (!keep) fs.rmSync(WORK, { recursive: true, force: true });
  fs.mkdirSync(LOGS, { recursive: true });

  say("pulumi-alicloud-dynamic demo: the quick start against a local Alibaba Cloud, through the Pulumi CLI");
  say(`      work directory ${shown(WORK)}; logs in ${shown(LOGS)}/`);

  const emulator: EmulatorProcess = await step(
    1,
    "Start the emulator",
    "A local stand-in for the VPC and ECS APIs, with its default world.",
    () =>
      startEmulatorProcess(["--state", path.join(WORK, "emulator-state.json")], path.join(LOGS, "emulator.log"), keep),
  );
  say(`      listening on ${emulator.url}`);
  const admin = new AdminClient(emulator.url);

  // The program folder, as a user has it after `npm install`: the package in node_modules.
  if (!fs.existsSync(PROGRAM)) {
    fs.cpSync(path.join(REPO, "examples", "quickstart"), PROGRAM, {
      recursive: true,
      filter: (from) => !/^(node_modules|Pulumi\..+\.yaml)$/.test(path.basename(from)),
    });
    fs.symlinkSync(path.join(REPO, "node_modules"), path.join(PROGRAM, "node_modules"), "dir");
  }
  // Only what a user's shell would hold: where Pulumi keeps its own files, and the passphrase
  // that encrypts the stack's secrets. The backend is chosen with `pulumi login` below.
  const shellEnv = {
    PULUMI_HOME: path.join(WORK, "pulumi-home"),
    PULUMI_CONFIG_PASSPHRASE: "demo-passphrase",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    // No instance metadata service here: the default credential chain must not wait for one.
    ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
  };
  const cli = new PulumiCli(PROGRAM, { ...process.env, ...shellEnv });

  try {
    await step(2, "The world before", "What the emulator holds that the quick start will touch.", async () => {
      for (const line of await describeWorld(admin)) say(`      ${line}`);
    });

    await step(
      3,
      "Preview",
      "In the program folder: a stack, configured as a user configures real credentials, then what Pulumi plans to do.",
      async (log) => {
        say(`      $ cd ${shown(PROGRAM)}    # a copy of examples/quickstart, with the package in node_modules`);
        const backend = path.join(WORK, "backend");
        fs.mkdirSync(backend, { recursive: true });
        await pulumi(cli, log, ["login", `file://${backend}`], { quiet: true });
        // A work directory kept by an earlier `--keep` already has the stack.
        const exists = fs.existsSync(path.join(PROGRAM, `Pulumi.${STACK}.yaml`));
        await pulumi(cli, log, ["stack", exists ? "select" : "init", STACK], { quiet: true });
        await pulumi(cli, log, ["config", "set", "alicloud:region", "cn-hangzhou"]);
        await pulumi(cli, log, ["config", "set", "alicloud:accessKey", MAIN.accessKeyId]);
        await pulumi(cli, log, ["config", "set", "--secret", "alicloud:secretKey"], {
          input: MAIN.accessKeySecret,
          note: "the emulator's secret for that key, typed at the prompt",
        });
        // Where the provider sends its calls: the emulator (@pulumi/alicloud's config shape).
        for (const product of ["vpc", "ecs"]) {
          await pulumi(cli, log, ["config", "set", "--path", `alicloud:endpoints[0].${product}`, emulator.url]);
        }
        const preview = await pulumi(cli, log, ["preview"]);
        say(`      plan: ${describeSummary(resourceSummary(preview))}`);
      },
    );

    await step(
      4,
      "Up",
      "Grant the VPC to the partner's CEN, link the classic server, adopt and name the managed server.",
      async (log) => {
        const up = await pulumi(cli, log, ["up", "--yes"]);
        say(`      done: ${describeSummary(resourceSummary(up))}`);
      },
    );

    await step(
      5,
      "A change behind Pulumi's back, then refresh",
      "Someone unlinks the classic server and renames the managed server, with the aliyun CLI.",
      async (log) => {
        const ecs = new RPCClient({ endpoint: emulator.url, apiVersion: "2014-05-26", ...MAIN });
        const behindTheBack: [string, Record<string, string>][] = [
          ["DetachClassicLinkVpc", { InstanceId: "i-bp1emuclassic000001", VpcId: "vpc-bp1emumainlink0000001" }],
          ["ModifyManagedInstance", { InstanceId: "mi-hz01emuweb00001", InstanceName: "renamed-by-hand" }],
        ];
        for (const [action, params] of behindTheBack) {
          const shownParams = Object.entries(params).map(([name, value]) => `--${name} ${value}`);
          say(`      (someone else) $ aliyun ecs ${action} --RegionId cn-hangzhou ${shownParams.join(" ")}`);
          await ecs.request(action, { RegionId: "cn-hangzhou", ...params }, { method: "POST" });
        }
        const refresh = await pulumi(cli, log, ["refresh", "--yes"]);
        say(`      refresh: ${describeSummary(resourceSummary(refresh))}; Pulumi's state now matches the live world:`);
        say("      the ClassicLink link is gone from the state, and the server's name there is renamed-by-hand.");
      },
    );

    await step(
      6,
      "Up again",
      "Pulumi puts back what the program declares: the link, and the server's name.",
      async (log) => {
        const up = await pulumi(cli, log, ["up", "--yes"]);
        say(`      done: ${describeSummary(resourceSummary(up))}`);
      },
    );

    if (keep) {
      printHowToContinue(emulator, shellEnv);
      emulator.detach();
      return;
    }

    await step(7, "Destroy", "Revoke the grant, unlink the server, deregister the adopted server.", async (log) => {
      const destroy = await pulumi(cli, log, ["destroy", "--yes"]);
      say(`      done: ${describeSummary(resourceSummary(destroy))}`);
      await pulumi(cli, log, ["stack", "rm", "--yes", STACK]);
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
    `Demo complete in ${Math.round((Date.now() - started) / 1000)}s. The emulator is stopped and ${shown(WORK)} removed.`,
  );
}

function printHowToContinue(emulator: EmulatorProcess, shellEnv: Record<string, string>): void {
  const dirs = process.env.PATH?.split(path.delimiter) ?? [];
  const pulumiDir = dirs.find((dir) => fs.existsSync(path.join(dir, "pulumi")));
  const hostDir = dirs.find((dir) => fs.existsSync(path.join(dir, "pulumi-language-nodejs")));
  const front = [...new Set([pulumiDir, hostDir, path.dirname(process.execPath)].filter(Boolean))];
  say();
  say(`Kept: the emulator (pid ${emulator.pid}) at ${emulator.url}, and the stack "${STACK}" in ${PROGRAM}.`);
  say("Go on by hand in a shell:");
  say(`  export PATH="${front.join(path.delimiter)}${path.delimiter}$PATH"`);
  for (const [name, value] of Object.entries(shellEnv)) say(`  export ${name}="${value}"`);
  say(`  cd "${PROGRAM}"`);
  say("  pulumi stack output                 # the outputs");
  say("  pulumi refresh --yes                # read the live state again");
  say("  pulumi destroy --yes                # revoke, unlink, deregister");
  say(`  curl -s ${emulator.url}/__admin/world           # the emulator's view`);
  say(`When done: kill ${emulator.pid}; rm -rf "${WORK}"`);
}

main().catch((error: unknown) => {
  say();
  say(`The demo failed at ${current}: ${error instanceof Error ? error.message : String(error)}`);
  say(`Logs: ${LOGS} (emulator.log, and one file per step)`);
  process.exitCode = 1;
});
