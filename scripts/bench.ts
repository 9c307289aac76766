// `npm run bench`: what this dynamic provider costs on top of the Pulumi engine, measured in one
// run against the emulator: `up`/`destroy` of N CenGrantRevocation next to N no-op dynamic
// resources (the engine's own floor on this machine), from N=1 (cold start: the provider process
// starting and making its first calls) to N=500; the dynamic provider process's peak memory; how
// long a program that declares 100 of them takes to start; state bytes per resource, the client
// layer's overhead per call against bare pop-core, an `up` with 20% of requests throttled, and
// how time grows with N. Prints a table with PASS/FAIL per target and writes the figures as JSON.
//
//   npm run bench -- [--sizes 1,10,50,100,500] [--rounds 3] [--throttle 0.2] [--calls 2000] [--out bench-results/bench.json]
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import RPCClient from "@alicloud/pop-core";
import * as pulumi from "@pulumi/pulumi";
import { CenGrantRevocation } from "pulumi-alicloud-dynamic";
import { DescribeGrantRulesToCen } from "../api/vpc.js";
import { callAction } from "../provider/client/rpc.js";
import { makeSettings } from "../provider/client/settings.js";
import { createTestStack, DEFAULT_ACCOUNTS, DEFAULT_WORLD, startLocalCloud, type TestStack } from "../testing/index.js";
import { BENCH_USAGE, flagsOrExit, parseBenchFlags } from "./lib/bench-flags.js";
import { startEmulatorProcess } from "./lib/emulator-process.js";
import { isDynamicProviderProcess, type PeakMemory, withPeakMemory } from "./lib/process-memory.js";
import { repoRoot } from "./lib/repo.js";

const CEN_OWNER = DEFAULT_ACCOUNTS.cenOwner.uid;
const VPC = DEFAULT_WORLD.vpcId;
/**
 * Grants per benchmark VPC. One, as in a hub-and-spoke network (each VPC granted to its CEN): a look
 * for a grant is then one page of DescribeGrantRulesToCen (50 rules). A VPC may have up to 100
 * (QuotaExceeded.CbnGrantRules above that); past 50, half its looks take a second page.
 */
const GRANTS_PER_VPC = 1;
const benchVpc = (k: number) => `vpc-bp1emubench${String(k).padStart(9, "0")}`;
/** The VPC the i-th grant grants. */
const vpcOf = (i: number) => benchVpc(Math.floor(i / GRANTS_PER_VPC));
const MAIN = DEFAULT_ACCOUNTS.main;

const FLAGS = flagsOrExit("bench", BENCH_USAGE, parseBenchFlags);
const SIZES = FLAGS.sizes;
const ROUNDS = FLAGS.rounds;
const THROTTLE = FLAGS.throttle;
const CALLS = FLAGS.calls;
const OUT = path.resolve(FLAGS.out ?? path.join(repoRoot(), "bench-results", "bench.json"));
const LARGEST = Math.max(...SIZES);
const LATENCY_MS = 100;
/** The program-start comparison: programs that declare this many resources. */
const DECLARED = 100;
/** Runs of each program for that comparison: a run is about a second, and one can be 15% off on a shared machine. */
const START_ROUNDS = Math.max(15, ROUNDS);

/** The targets, as ratios to the no-op floor. */
const TARGET = {
  /** `up`/`destroy` of one resource: mostly the provider process's cold start. */
  coldStart: 1.15,
  /** `up`/`destroy` at the largest size. */
  largest: 1.25,
  /** The dynamic provider process's peak memory during `up` at the largest size. */
  memory: 1.3,
  /** A program declaring DECLARED resources, from process start to its last registration. */
  programStart: 1.0,
  /** What program-start noise is forgiven over its target (runs of ~1 s on a shared machine). */
  programStartNoise: 0.05,
};

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

/** Program-start runs (lib/program-start.ts), milliseconds from process start to the last registration. */
interface ProgramStarts {
  /** The grant's own output properties, which the shaped no-op has too. */
  outputs: string[];
  /** Programs declaring grants. */
  grant: number[];
  /** Programs declaring no-ops with the grant's output properties. */
  shaped: number[];
  /** Programs declaring no-ops with one property. */
  bare: number[];
}

interface Sample {
  up: number[];
  destroy: number[];
  /** The dynamic provider process's peak memory (bytes) in each `up`, when it was seen. */
  upPeakBytes: number[];
  stateBytesPerResource: number;
  providerBytes: number;
}

/** Times `run` while sampling the dynamic provider process's memory. */
async function timedWithMemory(run: () => Promise<unknown>): Promise<{ ms: number; memory: PeakMemory }> {
  const { result, memory } = await withPeakMemory(isDynamicProviderProcess, () => timed(run));
  return { ms: result, memory };
}

/** One run of lib/program-start.ts: when the last of its resources reached the engine, and what they exposed. */
interface ProgramStart {
  /** Milliseconds from the program's process start to its last registration. */
  registeredMs: number;
  /** The resources' own output properties. */
  outputs: string[];
}

/**
 * How long a program that declares `count` resources takes to start: `grant`, or a no-op dynamic
 * resource with the given output properties (one, `index`, when none are given).
 */
async function programStart(kind: "grant" | "noop", count: number, outputs: string[] = []): Promise<ProgramStart> {
  const script = path.join(__dirname, "lib", "program-start.js");
  const args = [script, kind, String(count), ...(outputs.length > 0 ? [outputs.join(",")] : [])];
  const { stdout } = await promisify(execFile)(process.execPath, args, {
    cwd: repoRoot(),
    env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" },
  });
  const figures = JSON.parse(stdout.trim().split("\n").pop() ?? "") as ProgramStart & { providerBytes: number };
  if (!(figures.providerBytes > 0)) throw new Error(`the ${kind} program registered no __provider`);
  return figures;
}

/** State bytes per resource of `type`, and the size of one `__provider`, from `pulumi stack export`. */
function measureState(stack: TestStack, type: string): { perResource: number; provider: number } {
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
  // The kit's local cloud on that process: the provider's own timing (no quick retries and polls).
  const cloud = await startLocalCloud({ url: emulator.url, fastProviderTiming: false });
  const admin = cloud.admin;
  const config = {
    "alicloud:region": { value: "cn-hangzhou" },
    "alicloud:accessKey": { value: MAIN.accessKeyId },
    "alicloud:secretKey": { value: MAIN.accessKeySecret, secret: true },
  };
  // One CEN instance per grant, all owned by the other account, and main's VPCs to grant.
  await admin.seed({
    accounts: [
      { uid: CEN_OWNER, cens: Array.from({ length: LARGEST }, (_, i) => ({ cenId: cenId(i) })) },
      {
        uid: MAIN.uid,
        vpcs: Array.from({ length: Math.ceil(LARGEST / GRANTS_PER_VPC) }, (_, k) => ({
          regionId: "cn-hangzhou",
          vpcId: benchVpc(k),
          cidrBlock: `10.${k % 256}.0.0/16`,
        })),
      },
    ],
  });

  let count = 0;
  const makeStack = (kind: "noop" | "grant") =>
    createTestStack({
      cloud,
      // The stack's config signs, as a user's does.
      account: null,
      rootDir: path.join(scratch, `stack-${kind}`),
      projectName: `bench-${kind}`,
      stackName: "bench",
      config,
      env: { PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true" },
      program: async () => {
        for (let i = 0; i < count; i += 1) {
          if (kind === "noop") new Noop(`noop-${i}`, i);
          else new CenGrantRevocation(`grant-${i}`, { cenId: cenId(i), cenOwnerId: CEN_OWNER, instanceId: vpcOf(i) });
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
          const up = await timedWithMemory(() => stack.stack.up());
          sample.up.push(up.ms);
          if (up.memory.bytes !== undefined) sample.upPeakBytes.push(up.memory.bytes);
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

    // A program's own start, in fresh processes: DECLARED grants next to DECLARED no-ops with the
    // same output properties (Pulumi's own work per resource grows with them), and, for
    // reference, no-ops with one. A first grant run, not counted, finds the grant's outputs and
    // warms the file cache.
    const { outputs } = await programStart("grant", DECLARED);
    const starts: ProgramStarts = { outputs, grant: [], shaped: [], bare: [] };
    const runs = {
      grant: () => programStart("grant", DECLARED),
      shaped: () => programStart("noop", DECLARED, outputs),
      bare: () => programStart("noop", DECLARED),
    };
    const order = ["grant", "shaped", "bare"] as const;
    for (let round = 0; round < START_ROUNDS; round += 1) {
      // Rotate which goes first, so that drift on a shared machine hits each alike.
      for (let i = 0; i < order.length; i += 1) {
        const which = order[(round + i) % order.length] as (typeof order)[number];
        starts[which].push((await runs[which]()).registeredMs);
      }
    }
    say(
      `  program start (${DECLARED} declared): ${fmt(median(starts.grant))} vs no-op ${fmt(median(starts.shaped))} (same outputs), ${fmt(median(starts.bare))} (one)`,
    );

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
      starts,
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
  const bare = new RPCClient({
    endpoint: url,
    apiVersion: "2016-04-28",
    accessKeyId: MAIN.accessKeyId,
    accessKeySecret: MAIN.accessKeySecret,
  });
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
  return { up: [], destroy: [], upPeakBytes: [], stateBytesPerResource: 0, providerBytes: 0 };
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

const megabytes = (bytes: number) => (Number.isNaN(bytes) ? "n/a" : `${(bytes / 1024 / 1024).toFixed(1)} MB`);
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
  starts: ProgramStarts,
): void {
  const rows: string[][] = [["measure", "CenGrantRevocation", "no-op floor", "ratio", "target", "verdict"]];
  const json: Record<string, unknown> = { machine: { cpus: os.cpus().length, node: process.version }, sizes: {} };
  for (const n of SIZES) {
    const r = results[n];
    if (!r) continue;
    for (const op of ["up", "destroy"] as const) {
      const g = median(r.grant[op]);
      const f = median(r.noop[op]);
      const target = n === 1 ? TARGET.coldStart : n === LARGEST ? TARGET.largest : undefined;
      rows.push([
        `${op} N=${n}${n === 1 ? " (cold start)" : ""}`,
        fmt(g),
        fmt(f),
        (g / f).toFixed(2),
        target ? `<= ${target.toFixed(2)}` : "",
        target ? verdict(g / f <= target) : "",
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
  if (big) {
    // Both provider processes sampled alike (lib/process-memory.ts); the median of the rounds' peaks.
    const g = median(big.grant.upPeakBytes);
    const f = median(big.noop.upPeakBytes);
    rows.push([
      `provider peak memory, up N=${LARGEST}`,
      megabytes(g),
      megabytes(f),
      (g / f).toFixed(2),
      `<= ${TARGET.memory.toFixed(2)}`,
      verdict(g / f <= TARGET.memory),
    ]);
  }
  const startRatio = median(starts.grant) / median(starts.shaped);
  rows.push([
    `program start, ${DECLARED} declared`,
    fmt(median(starts.grant)),
    `${fmt(median(starts.shaped))} (${starts.outputs.length} outputs)`,
    startRatio.toFixed(2),
    `<= ${TARGET.programStart.toFixed(2)} (+${TARGET.programStartNoise.toFixed(2)} noise)`,
    verdict(startRatio <= TARGET.programStart + TARGET.programStartNoise),
  ]);
  rows.push([
    `  vs no-ops with 1 output`,
    fmt(median(starts.grant)),
    `${fmt(median(starts.bare))} (1 output)`,
    (median(starts.grant) / median(starts.bare)).toFixed(2),
    "",
    "",
  ]);
  // Growth from the smallest size above 1: N=1 is mostly fixed start-up cost, which would flatter it.
  const from = SIZES.find((n) => n > 1 && n < LARGEST);
  const small = from === undefined ? undefined : results[from];
  if (big && small && from !== undefined) {
    const growth = median(big.grant.up) / median(small.grant.up);
    const floorGrowth = median(big.noop.up) / median(small.noop.up);
    rows.push([
      `up growth N=${from}->${LARGEST}`,
      `${growth.toFixed(2)}x`,
      `${floorGrowth.toFixed(2)}x`,
      (growth / floorGrowth).toFixed(2),
      `<= ${LARGEST / from}x (linear)`,
      verdict(growth <= LARGEST / from),
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
  json.memory = {
    size: LARGEST,
    grantUpPeakBytes: big ? median(big.grant.upPeakBytes) : null,
    noopUpPeakBytes: big ? median(big.noop.upPeakBytes) : null,
  };
  json.programStart = { declared: DECLARED, rounds: START_ROUNDS, ...starts };
  json.targets = TARGET;
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
