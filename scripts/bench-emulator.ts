// `npm run bench:emulator`: how many signed requests per second one emulator process serves.
// The emulator runs in a child process (`node dist/emulator/cli.js --port 0 --quiet`: one Node
// process, one core); this process signs (V1, HMAC-SHA1) and sends keep-alive requests from
// `--concurrency` workers for `--duration` seconds per phase, then prints requests/s and latency.
// A last phase sends generated requests to every surface (the fast-check arbitraries of the
// generated-requests test: any method, path, query, content type and body) and the server's
// resident memory is printed after each phase: what it holds must not grow with what it refuses.
//
//   npm run bench:emulator -- [--duration 5] [--concurrency 16]
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { createInterface } from "node:readline";
import fc from "fast-check";
import { AdminClient } from "../emulator/admin/client.js";
import { signRequestV1 } from "../emulator/core/signature-v1.js";
import { DEFAULT_KEYS } from "../emulator/world/default-world.js";
import { generatedRequest } from "../test/emulator/request-arbitraries.js";
import { EMULATOR_BENCH_USAGE, flagsOrExit, parseEmulatorBenchFlags } from "./lib/bench-flags.js";

const MAIN = DEFAULT_KEYS.main;
const CEN_OWNER = "9300000000000007";
const MAIN_UID = "1234567890123456";
const VPC_ID = "vpc-bp1emumainlink0000001";
const GOAL = 2000;

/** Starts the emulator CLI and resolves with its URL (from its first stdout line). */
function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const cli = path.resolve(__dirname, "..", "emulator", "cli.js");
  const child = spawn(process.execPath, [cli, "--port", "0", "--quiet"], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`emulator exited early with ${code}`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once("line", (line) => {
      const match = /^emulator listening on (http:\/\/[^\s]+)$/.exec(line);
      if (match?.[1]) resolve({ child, url: match[1] });
      else reject(new Error(`unexpected first line: ${line}`));
    });
  });
}

/** One signed POST over the keep-alive agent; resolves with the HTTP status. */
function send(agent: http.Agent, url: URL, params: Record<string, string>): Promise<number> {
  const body = signRequestV1({ method: "POST", params, ...MAIN });
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: "/",
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body) },
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

/** A generated request as it goes on the wire (Node refuses a path with spaces or non-ASCII: those are escaped). */
interface RawRequest {
  readonly method: string;
  readonly path: string;
  readonly contentType?: string;
  readonly body: string | Buffer;
}

function onTheWire(r: {
  method: string;
  path: string;
  query: string;
  contentType?: string;
  body: unknown;
}): RawRequest {
  const escaped = (text: string) =>
    text.replace(/[^\x21-\x7e]/gu, (c) => {
      try {
        return encodeURIComponent(c);
      } catch {
        return "%3F";
      }
    });
  const body = Buffer.isBuffer(r.body) ? r.body : typeof r.body === "string" ? r.body : JSON.stringify(r.body ?? null);
  return {
    method: r.method,
    path: escaped(r.query ? `${r.path}?${r.query}` : r.path),
    ...(r.contentType ? { contentType: r.contentType } : {}),
    body,
  };
}

/** Sends one raw request; resolves with the HTTP status, or 0 when no answer came (a dropped connection). */
function sendRaw(agent: http.Agent, url: URL, r: RawRequest): Promise<number> {
  return new Promise((resolve) => {
    const request = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: r.path,
        method: r.method,
        headers: {
          ...(r.contentType ? { "content-type": r.contentType } : {}),
          "content-length": Buffer.byteLength(r.body),
        },
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
        response.on("error", () => resolve(0));
      },
    );
    request.on("error", () => resolve(0));
    request.end(r.body);
  });
}

/** The resident memory of a process, in MiB (Linux; undefined elsewhere). */
function residentMiB(pid: number | undefined): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb === undefined ? undefined : Math.round(Number(kb) / 1024);
  } catch {
    return undefined;
  }
}

/** Result of one phase. */
interface PhaseResult {
  readonly name: string;
  readonly ok: number;
  readonly errors: number;
  readonly seconds: number;
  readonly latencies: number[];
}

/** Runs `concurrency` workers for `seconds`, each sending one request after another (`one` answers its status). */
async function phaseOf(
  name: string,
  seconds: number,
  concurrency: number,
  one: (worker: number) => Promise<number>,
): Promise<PhaseResult> {
  const latencies: number[] = [];
  let ok = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const worker = async (index: number): Promise<void> => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      const status = await one(index);
      latencies.push(performance.now() - t0);
      if (status === 200) ok++;
      else errors++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, i) => worker(i)));
  return { name, ok, errors, seconds: (performance.now() - started) / 1000, latencies };
}

/** A phase of signed RPC requests: each worker sends its iteration's requests in order, again and again. */
function phase(
  name: string,
  seconds: number,
  concurrency: number,
  agent: http.Agent,
  url: URL,
  iteration: (worker: number) => Array<Record<string, string>>,
): Promise<PhaseResult> {
  const queues: Array<Array<Record<string, string>>> = Array.from({ length: concurrency }, () => []);
  return phaseOf(name, seconds, concurrency, (worker) => {
    const queue = queues[worker] as Array<Record<string, string>>;
    if (queue.length === 0) queue.push(...iteration(worker));
    return send(agent, url, queue.shift() as Record<string, string>);
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function report(result: PhaseResult): number {
  const sorted = [...result.latencies].sort((a, b) => a - b);
  const rate = (result.ok + result.errors) / result.seconds;
  console.log(
    `${result.name.padEnd(46)} ${rate.toFixed(0).padStart(6)} req/s   p50 ${percentile(sorted, 50).toFixed(2)} ms   p99 ${percentile(sorted, 99).toFixed(2)} ms   (${result.ok} ok, ${result.errors} errors)`,
  );
  return rate;
}

async function main(): Promise<void> {
  const { seconds, concurrency } = flagsOrExit("bench:emulator", EMULATOR_BENCH_USAGE, parseEmulatorBenchFlags);
  const { child, url } = await startServer();
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  try {
    const admin = new AdminClient(url);
    // One CEN per worker, so that concurrent grant/revoke pairs never collide on one grant; three
    // more CENs hold standing grants, so that the read phase lists something real.
    const cens = Array.from({ length: concurrency }, (_, i) => `cen-emubench${String(i).padStart(8, "0")}`);
    const listed = ["cen-emubenchread0001", "cen-emubenchread0002", "cen-emubenchread0003"];
    await admin.seed({
      accounts: [
        { uid: CEN_OWNER, cens: [...cens, ...listed].map((cenId) => ({ cenId })) },
        {
          uid: MAIN_UID,
          grants: listed.map((cenId) => ({
            regionId: "cn-hangzhou",
            instanceId: VPC_ID,
            cenId,
            cenOwnerId: CEN_OWNER,
          })),
        },
      ],
    });
    const target = new URL(url);
    const grant = (cenId: string) => ({
      Version: "2016-04-28",
      RegionId: "cn-hangzhou",
      InstanceId: VPC_ID,
      InstanceType: "VPC",
      CenId: cenId,
      CenOwnerId: CEN_OWNER,
    });
    const read = () => [
      {
        Action: "DescribeGrantRulesToCen",
        Version: "2016-04-28",
        RegionId: "cn-hangzhou",
        InstanceId: VPC_ID,
        InstanceType: "VPC",
      },
    ];
    const write = (worker: number) => {
      const cenId = cens[worker] ?? "";
      return [
        { Action: "GrantInstanceToCen", ...grant(cenId) },
        { Action: "RevokeInstanceFromCen", ...grant(cenId) },
      ];
    };

    console.log(
      `emulator benchmark: ${url}, server in one child process (pid ${child.pid}), ${concurrency} keep-alive workers, ${seconds} s per phase`,
    );
    await phase("warm-up", 1, concurrency, agent, target, read);
    const readRate = report(await phase("read  DescribeGrantRulesToCen", seconds, concurrency, agent, target, read));
    const writeRate = report(
      await phase("write GrantInstanceToCen + RevokeInstanceFromCen", seconds, concurrency, agent, target, write),
    );
    const memory = [`after the warm-up and both phases ${residentMiB(child.pid)} MiB`];
    // Generated requests last: some are admin requests that reset the world or set faults.
    const samples = fc.sample(generatedRequest, { numRuns: 5000, seed: 18 }).map(onTheWire);
    let next = 0;
    const generated = await phaseOf("generated requests, every surface", seconds, concurrency, () =>
      sendRaw(agent, target, samples[next++ % samples.length] as RawRequest),
    );
    report(generated);
    memory.push(`after ${generated.ok + generated.errors} generated requests ${residentMiB(child.pid)} MiB`);
    console.log(`server resident memory: ${memory.join("; ")}`);
    const counters = await admin.counters();
    console.log(
      `server counted ${Object.values(counters.requests).reduce((a, b) => a + b, 0)} RPC requests; goal ${GOAL} req/s: ${
        Math.min(readRate, writeRate) >= GOAL ? "met" : "NOT met"
      }`,
    );
  } finally {
    agent.destroy();
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
