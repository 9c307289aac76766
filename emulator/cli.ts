#!/usr/bin/env node
// `alicloud-emulator` (`npm run emulator` in the repository): the emulator as a program. First
// stdout line, exactly: `emulator listening on http://127.0.0.1:<port>`. SIGINT/SIGTERM: close,
// flush, exit 0.
import fs from "node:fs";
import { parseArgs } from "node:util";
import { PRODUCTS } from "../api/index.js";
import { ADMIN_TOKEN_ENV } from "./admin/guard.js";
import { type FaultRule, parseFaultSpec } from "./core/faults.js";
import { type ExtraKey, startEmulator } from "./emulator.js";
import { formatIssues, seedIssues } from "./schema/index.js";
import type { WorldSeed } from "./world/seed-types.js";

const SERVED = Object.values(PRODUCTS)
  .map(({ info }) => `${info.code} (${info.version})`)
  .join(", ");

const HELP = `Usage: alicloud-emulator [options]

A local emulator of the Alibaba Cloud RPC APIs: ${SERVED}.

Options:
  --host <host>              address to listen on (default 127.0.0.1); beyond loopback
                             (0.0.0.0, a LAN address) an admin token is required
  --port <port>              port; 0 picks a free one (default 8765)
  --admin-token <token>      every /__admin request must send Authorization: Bearer <token>
                             (at least 8 characters; default: $${ADMIN_TOKEN_ENV})
  --seed <file.json>         start from this WorldSeed instead of the default world
                             (checked against world-seed.schema.json)
  --state <file>             keep the world in this file across restarts (atomic writes)
  --key <uid>:<id>:<secret>  add an AccessKey (repeatable; creates the account if needed)
  --fault <spec>             add a fault rule (repeatable), e.g. Throttling:rate=0.2,
                             DropAfterEffect:count=1:action=GrantInstanceToCen, Latency:ms=50
  --latency <ms>             add latency to every request
  --consistency-delay <ms>   Describe calls show the old state this long after a change
  --quiet                    no per-request log lines
  --help                     this text

Admin surface: http://<host>:<port>/__admin/... (GET /__admin/health, GET /__admin/openapi.json).
`;

/** A --seed file, parsed and checked against the seed schema (every field refused, named). */
function readSeedFile(file: string): WorldSeed {
  let seed: unknown;
  try {
    seed = JSON.parse(fs.readFileSync(file, "utf8")) as unknown;
  } catch (error) {
    throw new Error(`--seed ${file}: ${(error as Error).message}`);
  }
  const issues = seedIssues(seed);
  if (issues.length > 0)
    throw new Error(`--seed ${file} is not a valid WorldSeed: ${formatIssues(issues, "the seed")}`);
  return seed as WorldSeed;
}

/** Parses the command line; throws with a message on bad input. */
export function parseCli(argv: readonly string[]): {
  help: boolean;
  host: string;
  port: number;
  adminToken?: string;
  seed?: WorldSeed;
  stateFile?: string;
  keys: ExtraKey[];
  rules: FaultRule[];
  consistencyDelayMs?: number;
  quiet: boolean;
} {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      host: { type: "string" },
      port: { type: "string" },
      "admin-token": { type: "string" },
      seed: { type: "string" },
      state: { type: "string" },
      key: { type: "string", multiple: true },
      fault: { type: "string", multiple: true },
      latency: { type: "string" },
      "consistency-delay": { type: "string" },
      quiet: { type: "boolean" },
      help: { type: "boolean" },
    },
    strict: true,
    allowPositionals: false,
  });
  const number = (name: string, text: string | undefined): number | undefined => {
    if (text === undefined) return undefined;
    const n = Number(text);
    if (text.trim() === "" || !Number.isInteger(n) || n < 0)
      throw new Error(`--${name} must be a non-negative integer`);
    return n;
  };
  const keys = (values.key ?? []).map((spec): ExtraKey => {
    const [uid, accessKeyId, ...secret] = spec.split(":");
    if (!uid || !/^[1-9][0-9]*$/.test(uid) || !accessKeyId || secret.length === 0 || secret.join(":") === "") {
      throw new Error(`--key must be <accountUid>:<AccessKeyId>:<AccessKeySecret>, got ${spec}`);
    }
    return { uid, accessKeyId, accessKeySecret: secret.join(":") };
  });
  const rules = (values.fault ?? []).map(parseFaultSpec);
  const latency = number("latency", values.latency);
  if (latency !== undefined && latency > 0) rules.push({ kind: "Latency", latencyMs: latency });
  const port = number("port", values.port) ?? 8765;
  if (port > 65535) throw new Error("--port must be at most 65535");
  const delay = number("consistency-delay", values["consistency-delay"]);
  return {
    help: values.help === true,
    host: values.host ?? "127.0.0.1",
    port,
    ...(values["admin-token"] === undefined ? {} : { adminToken: values["admin-token"] }),
    ...(values.seed ? { seed: readSeedFile(values.seed) } : {}),
    ...(values.state ? { stateFile: values.state } : {}),
    keys,
    rules,
    ...(delay === undefined ? {} : { consistencyDelayMs: delay }),
    quiet: values.quiet === true,
  };
}

async function main(): Promise<void> {
  let cli: ReturnType<typeof parseCli>;
  try {
    cli = parseCli(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${HELP}`);
    process.exitCode = 2;
    return;
  }
  if (cli.help) {
    process.stdout.write(HELP);
    return;
  }
  const running = await startEmulator({
    ...(cli.adminToken === undefined ? {} : { adminToken: cli.adminToken }),
    host: cli.host,
    port: cli.port,
    ...(cli.seed ? { seed: cli.seed } : {}),
    ...(cli.stateFile ? { stateFile: cli.stateFile } : {}),
    keys: cli.keys,
    ...(cli.rules.length > 0 ? { faults: { rules: cli.rules } } : {}),
    ...(cli.consistencyDelayMs === undefined ? {} : { consistencyDelayMs: cli.consistencyDelayMs }),
    ...(cli.quiet ? {} : { log: (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`) }),
  });
  process.stdout.write(`emulator listening on ${running.url}\n`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`error while stopping: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
