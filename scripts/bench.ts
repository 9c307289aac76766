// `npm run bench`: what this dynamic provider costs on top of the Pulumi engine, measured in one
// run against the emulator: `up`/`destroy` of N CenGrantRevocation next to N no-op dynamic
// resources (the engine's own floor on this machine), state bytes per resource, the client
// layer's overhead per call against bare pop-core, an `up` with 20% of requests throttled, and
// how time grows with N. Prints a table with PASS/FAIL per target and writes the figures as JSON.
//
//   npm run bench -- [--sizes 10,50,100] [--rounds 3] [--throttle 0.2] [--calls 2000] [--out bench-results/bench.json]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import RPCClient from "@alicloud/pop-core";
import * as pulumi from "@pulumi/pulumi";
import { CenGrantRevocation } from "pulumi-alicloud-dynamic";
import { DescribeGrantRulesToCen } from "../api/vpc.js";
import { AdminClient, DEFAULT_KEYS } from "../emulator/index.js";
import { callAction } from "../provider/client/rpc.js";
import { makeSettings } from "../provider/client/settings.js";
import { startEmulatorProcess } from "./lib/emulator-process.js";
import { createLocalStack, type LocalStack, repoRoot } from "./lib/local-stack.js";

const CEN_OWNER = "9300000000000007";
const VPC = "vpc-bp1emumainlink0000001";
const MAIN = DEFAULT_KEYS.main;

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : fallback;
}
const SIZES = flag("sizes", "10,50,100").split(",").map(Number);
const ROUNDS = Number(flag("rounds", "3"));
const THROTTLE = Number(flag("throttle", "0.2"));
const CALLS = Number(flag("calls", "2000"));
const OUT = path.resolve(flag("out", path.join(repoRoot(), "bench-results", "bench.json")));
const LARGEST = Math.max(...SIZES);
const LATENCY_MS = 100;

/** The engine's floor: a dynamic resource whose create and delete do nothing. */
const noopProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    return { id: `noop-${inputs.index}`, outs: inputs };
  },
  async delete() {},
};

class Noop extends pulumi.dynamic.Resource {
  constructor(name: string, index: number) {
    super(noopProvider, name, { index }, {}, "bench", "Noop");
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
};
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};
const cenId = (i: number) => `cen-bench${String(i).padStart(6, "0")}`;

async function timed(run: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await run();
  return performance.now() - t0;
}

interface Sample {
  up: number[];
  destroy: number[];
  stateBytesPerResource: number;
  providerBytes: number;
}

/** State bytes per resource of `type`, and the size of one `__provider`, from `pulumi stack export`. */
function measureState(stack: LocalStack, type: string): { perResource: number; provider: number } {
  const state = JSON.parse(stack.exportText()) as {
    deployment: { resources?: { type: string; inputs?: { __provider?: string } }[] };
  };
  const ours = (state.deployment.resources ?? []).filter((r) => r.type === type);
  const bytes = ours.reduce((sum, r) => sum + Buffer.byteLength(JSON.stringify(r)), 0);
  return {
    perResource: bytes / Math.max(1, ours.length),
    provider: Buffer.byteLength(ours[0]?.inputs?.__provider ?? ""),
  };
}

async function main(): Promise<void> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "pad-bench-"));
  const emulator = await startEmulatorProcess(["--quiet"], path.join(scratch, "emulator.log"));
  const admin = new AdminClient(emulator.url);
  const env = { ALICLOUD_ENDPOINT: emulator.url };
  const config = {
    "alicloud:region": { value: "cn-hangzhou" },
    "alicloud:accessKey": { value: MAIN.accessKeyId },
    "alicloud:secretKey": { value: MAIN.accessKeySecret, secret: true },
  };
  // One CEN instance per grant, all owned by the other account.
  await admin.seed({
    accounts: [{ uid: CEN_OWNER, cens: Array.from({ length: LARGEST }, (_, i) => ({ cenId: cenId(i) })) }],
  });

  let count = 0;
  const makeStack = (kind: "noop" | "grant") =>
    createLocalStack({
      root: path.join(scratch, `stack-${kind}`),
      projectName: `bench-${kind}`,
      stackName: "bench",
      config,
      env,
      program: async () => {
        for (let i = 0; i < count; i += 1) {
          if (kind === "noop") new Noop(`noop-${i}`, i);
          else new CenGrantRevocation(`grant-${i}`, { cenId: cenId(i), cenOwnerId: CEN_OWNER, instanceId: VPC });
        }
      },
    });
  const noop = await makeStack("noop");
  const grant = await makeStack("grant");

  const results: Record<string, { noop: Sample; grant: Sample }> = {};
  try {
    say(
      `Benchmark: sizes ${SIZES.join(", ")}; ${ROUNDS} rounds each; medians. Emulator: ${emulator.url} (own process).`,
    );
    for (const n of SIZES) {
      const samples = { noop: emptySample(), grant: emptySample() };
      count = n;
      for (let round = 0; round < ROUNDS; round += 1) {
        // Alternate which goes first, so drift on a shared machine hits both alike.
        const order: ("noop" | "grant")[] = round % 2 === 0 ? ["noop", "grant"] : ["grant", "noop"];
        for (const kind of order) {
          const stack = kind === "noop" ? noop : grant;
          const sample = samples[kind];
          sample.up.push(await timed(() => stack.stack.up()));
          if (round === 0) {
            const state = measureState(
              stack,
              kind === "noop"
                ? "pulumi-nodejs:dynamic/bench:Noop"
                : "pulumi-nodejs:dynamic/alicloud:CenGrantRevocation",
            );
            sample.stateBytesPerResource = state.perResource;
            sample.providerBytes = state.provider;
          }
          sample.destroy.push(await timed(() => stack.stack.destroy()));
        }
        say(`  N=${n} round ${round + 1}: up ${fmt(samples.grant.up.at(-1))} vs floor ${fmt(samples.noop.up.at(-1))}`);
      }
      results[n] = samples;
    }

    // The same up with a share of all requests throttled.
    count = LARGEST;
    await admin.resetCounters();
    const clean = median(results[LARGEST]?.grant.up ?? []);
    await admin.setFaults({ rules: [{ kind: "Throttling", rate: THROTTLE }], randomSeed: 42 });
    let throttledMs = Number.NaN;
    let throttledError = "";
    try {
      throttledMs = await timed(() => grant.stack.up());
    } catch (error) {
      throttledError = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
    }
    await admin.clearFaults();
    const counters = await admin.counters();
    const created = (await grant.resources()).filter((r) => r.type.endsWith("CenGrantRevocation")).length;
    const grantEffects = Object.entries(counters.effects).filter(([k]) => k.startsWith("GrantInstanceToCen:"));
    const twice = grantEffects.filter(([, v]) => v > 1).length;
    await grant.stack.destroy();

    // No global lock: with every request 100 ms slow, creates overlap as far as the engine allows.
    await admin.setFaults({ rules: [{ kind: "Latency", latencyMs: LATENCY_MS, rate: 1 }] });
    await admin.resetCounters();
    const slowMs = await timed(() => grant.stack.up());
    const slowRequests = Object.values((await admin.counters()).requests).reduce((sum, n) => sum + n, 0);
    await admin.clearFaults();
    await grant.stack.destroy();

    const overhead = await clientOverhead(emulator.url);
    report(
      results,
      { throttledMs, clean, created, twice, throttled: counters.faults.Throttling ?? 0, throttledError },
      overhead,
      { slowMs, slowRequests },
    );
  } finally {
    await emulator.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** Per-call latency of the client layer and of bare pop-core, in interleaved batches. */
async function clientOverhead(url: string): Promise<{ ours: number[]; bare: number[] }> {
  const settings = makeSettings(undefined, {
    ALICLOUD_ENDPOINT: url,
    ALIBABA_CLOUD_ACCESS_KEY_ID: MAIN.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: MAIN.accessKeySecret,
  });
  const bare = new RPCClient({ endpoint: url, apiVersion: "2016-04-28", ...MAIN });
  const params = { RegionId: "cn-hangzhou", InstanceId: VPC, InstanceType: "VPC" as const };
  const ours: number[] = [];
  const popcore: number[] = [];
  const viaOurs = () =>
    callAction(settings, { region: "cn-hangzhou" }, DescribeGrantRulesToCen, {
      InstanceId: params.InstanceId,
      InstanceType: params.InstanceType,
    });
  const viaBare = () => bare.request("DescribeGrantRulesToCen", params, { method: "POST", timeout: 20_000 });
  for (let i = 0; i < 50; i += 1) await Promise.all([viaOurs(), viaBare()]); // warm both
  for (let batch = 0; batch < CALLS / 100; batch += 1) {
    const [first, second] = batch % 2 === 0 ? [viaOurs, viaBare] : [viaBare, viaOurs];
    for (const run of [first, second]) {
      for (let i = 0; i < 50; i += 1) (run === viaOurs ? ours : popcore).push(await timed(run));
    }
  }
  return { ours, bare: popcore };
}

function emptySample(): Sample {
  return { up: [], destroy: [], stateBytesPerResource: 0, providerBytes: 0 };
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

function fmt(ms: number | undefined): string {
  return ms === undefined || Number.isNaN(ms)
    ? "n/a"
    : ms >= 1000
      ? `${(ms / 1000).toFixed(2)} s`
      : `${ms.toFixed(2)} ms`;
}

const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL");
const signed = (ms: number) => `${ms < 0 ? "-" : "+"}${fmt(Math.abs(ms))}`;

function report(
  results: Record<string, { noop: Sample; grant: Sample }>,
  throttled: {
    throttledMs: number;
    clean: number;
    created: number;
    twice: number;
    throttled: number;
    throttledError: string;
  },
  overhead: { ours: number[]; bare: number[] },
  slow: { slowMs: number; slowRequests: number },
): void {
  const rows: string[][] = [["measure", "CenGrantRevocation", "no-op floor", "ratio", "target", "verdict"]];
  const json: Record<string, unknown> = { machine: { cpus: os.cpus().length, node: process.version }, sizes: {} };
  for (const n of SIZES) {
    const r = results[n];
    if (!r) continue;
    for (const op of ["up", "destroy"] as const) {
      const g = median(r.grant[op]);
      const f = median(r.noop[op]);
      const isTarget = n === LARGEST;
      rows.push([
        `${op} N=${n}`,
        fmt(g),
        fmt(f),
        (g / f).toFixed(2),
        isTarget ? "<= 1.25" : "",
        isTarget ? verdict(g / f <= 1.25) : "",
      ]);
    }
    (json.sizes as Record<string, unknown>)[n] = r;
  }
  const big = results[LARGEST];
  if (big) {
    const ratio = big.grant.stateBytesPerResource / big.noop.stateBytesPerResource;
    rows.push([
      "state bytes/resource",
      big.grant.stateBytesPerResource.toFixed(0),
      big.noop.stateBytesPerResource.toFixed(0),
      ratio.toFixed(2),
      "<= 1.5",
      verdict(ratio <= 1.5),
    ]);
    rows.push([
      "__provider bytes",
      String(big.grant.providerBytes),
      String(big.noop.providerBytes),
      "",
      "<= 2048",
      verdict(big.grant.providerBytes <= 2048),
    ]);
  }
  const small = results[Math.min(...SIZES)];
  if (big && small && LARGEST > Math.min(...SIZES)) {
    const growth = median(big.grant.up) / median(small.grant.up);
    const floorGrowth = median(big.noop.up) / median(small.noop.up);
    rows.push([
      `up growth N=${Math.min(...SIZES)}->${LARGEST}`,
      `${growth.toFixed(2)}x`,
      `${floorGrowth.toFixed(2)}x`,
      (growth / floorGrowth).toFixed(2),
      `<= ${LARGEST / Math.min(...SIZES)}x (linear)`,
      verdict(growth <= LARGEST / Math.min(...SIZES)),
    ]);
  }
  const serialMs = slow.slowRequests * LATENCY_MS;
  const inFlight = serialMs / slow.slowMs;
  rows.push([
    `up N=${LARGEST}, every request +${LATENCY_MS} ms`,
    `${fmt(slow.slowMs)} for ${slow.slowRequests} requests`,
    `${fmt(serialMs)} if one at a time`,
    `${inFlight.toFixed(1)} in flight`,
    "> 1 (no global lock)",
    verdict(inFlight > 1),
  ]);
  const p50 = percentile(overhead.ours, 50) - percentile(overhead.bare, 50);
  const p99 = percentile(overhead.ours, 99) - percentile(overhead.bare, 99);
  rows.push([
    "client call p50",
    fmt(percentile(overhead.ours, 50)),
    `${fmt(percentile(overhead.bare, 50))} (bare pop-core)`,
    signed(p50),
    "<= +1 ms",
    verdict(p50 <= 1),
  ]);
  rows.push([
    "client call p99",
    fmt(percentile(overhead.ours, 99)),
    `${fmt(percentile(overhead.bare, 99))} (bare pop-core)`,
    signed(p99),
    "",
    "",
  ]);
  const throttleRatio = throttled.throttledMs / throttled.clean;
  const throttleOk =
    !throttled.throttledError && throttled.created === LARGEST && throttled.twice === 0 && throttleRatio <= 2;
  rows.push([
    `up N=${LARGEST}, ${Math.round(THROTTLE * 100)}% throttled`,
    `${fmt(throttled.throttledMs)}; ${throttled.created}/${LARGEST} created, ${throttled.twice} twice, ${throttled.throttled} throttled answers`,
    `${fmt(throttled.clean)} (clean)`,
    throttleRatio.toFixed(2),
    "all, none twice, <= 2",
    verdict(throttleOk),
  ]);
  if (throttled.throttledError) rows.push(["  throttled run failed", throttled.throttledError, "", "", "", ""]);

  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((row) => (row[c] ?? "").length))) ?? [];
  say("");
  for (const [i, row] of rows.entries()) {
    say(row.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join("  "));
    if (i === 0) say(widths.map((w) => "-".repeat(w)).join("  "));
  }
  json.overhead = {
    oursP50: percentile(overhead.ours, 50),
    bareP50: percentile(overhead.bare, 50),
    oursP99: percentile(overhead.ours, 99),
    bareP99: percentile(overhead.bare, 99),
  };
  json.throttled = { ...throttled, rate: THROTTLE };
  json.latency = { ...slow, latencyMs: LATENCY_MS, inFlight };
  json.table = rows;
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, `${JSON.stringify(json, null, 2)}\n`);
  say("");
  say(`Figures written to ${OUT}`);
}

main().catch((error: unknown) => {
  say(`The benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
