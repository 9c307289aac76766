// `npm run parity -- <transcript>`: replays a live run's transcript against the emulator and
// reports, per call, whether the emulator answers as the recorded service did: the same HTTP
// status and code, no field missing or extra, no field of another type. Values are not compared
// (ids, times and request ids differ by nature); ids the emulator hands out instead of the
// recorded ones are carried into the later requests that name them. docs/live-suite.md,
// "Reading the parity report", explains the output.
//
// The emulator starts from what the transcript shows existed before the run: the run's inputs
// (VPCs, CEN instances, the classic instance, the role of the CEN's owner) and the activations and
// servers its listings showed. Base credentials become a RAM user of the run's account;
// a key that an AssumeRole answer handed out becomes the key the replayed AssumeRole hands out.
import RPCClient from "@alicloud/pop-core";
import { type RunningEmulator, startEmulator } from "../../emulator/index.js";
import type { ActivationSeed, ManagedInstanceSeed, WorldSeed } from "../../emulator/world/seed-types.js";
import { type JsonValue, withExactNumbers } from "../../provider/client/numbers.js";
import type { RecordedCall } from "../../provider/client/transcript.js";
import { renderTable } from "./table.js";
import { readTranscript, type Transcript } from "./transcript.js";

/** One difference between the recorded and the replayed answer of a call. */
export interface Difference {
  /** The call's position in the transcript, from 1. */
  call: number;
  /** Its action. */
  action: string;
  /** `status`, `code`, `missing` (recorded, not answered now), `extra` (answered now, not recorded) or `type`. */
  kind: "status" | "code" | "missing" | "extra" | "type";
  /** The field's path (`Body.List[].Field`), or the status or code. */
  what: string;
  /** Recorded -> replayed, for status, code and type. */
  detail?: string;
}

/** What a replay found. */
export interface ParityReport {
  /** The number of calls replayed. */
  calls: number;
  /** Every difference, in call order. */
  differences: Difference[];
}

/** The keys the replay signs with as the run's account (a RAM user: roots may not assume roles). */
const REPLAY_USER = { accessKeyId: "LTAI5tParityReplayer0001", accessKeySecret: "parity-replayer-secret-0001" };

/** The field paths of a JSON value and their types; array elements merge under `[]`. */
export function fieldTypes(value: JsonValue, at = "", out = new Map<string, Set<string>>()): Map<string, Set<string>> {
  const add = (type: string) => {
    if (!at) return;
    const types = out.get(at) ?? new Set<string>();
    types.add(type);
    out.set(at, types);
  };
  if (Array.isArray(value)) {
    add("array");
    for (const item of value) fieldTypes(item, `${at}[]`, out);
  } else if (value !== null && typeof value === "object") {
    add("object");
    for (const [name, inner] of Object.entries(value)) fieldTypes(inner, at ? `${at}.${name}` : name, out);
  } else add(value === null ? "null" : typeof value);
  return out;
}

/** The differences between a recorded and a replayed answer. */
export function compareAnswers(
  index: number,
  recorded: RecordedCall,
  replayed: { status?: number; code?: string; body: JsonValue },
): Difference[] {
  const found: Difference[] = [];
  const at = { call: index, action: recorded.action };
  if (recorded.status !== replayed.status)
    found.push({
      ...at,
      kind: "status",
      what: "status",
      detail: `${recorded.status ?? "-"} -> ${replayed.status ?? "-"}`,
    });
  if (recorded.code !== replayed.code)
    found.push({
      ...at,
      kind: "code",
      what: "code",
      detail: `${recorded.code ?? "(none)"} -> ${replayed.code ?? "(none)"}`,
    });
  const before = fieldTypes(recorded.body);
  const now = fieldTypes(replayed.body);
  for (const [path, types] of before) {
    const seen = now.get(path);
    if (!seen) found.push({ ...at, kind: "missing", what: path });
    else if ([...types].sort().join("|") !== [...seen].sort().join("|"))
      found.push({ ...at, kind: "type", what: path, detail: `${[...types].join("|")} -> ${[...seen].join("|")}` });
  }
  for (const path of now.keys()) if (!before.has(path)) found.push({ ...at, kind: "extra", what: path });
  return found;
}

/** The world the transcript shows existed before the run; see the module comment. */
export function seedFor(transcript: Transcript): WorldSeed {
  const { inputs, accountId } = transcript;
  const regionId = inputs.regionId;
  // Every entry any successful listing showed, as first shown (before the run renamed it).
  const listed = (action: string, field: "ActivationList" | "Instances") => {
    const seen = new Map<string, Record<string, JsonValue>>();
    for (const call of transcript.calls) {
      if (call.action !== action || call.code) continue;
      const entries = (call.body as Record<string, JsonValue>)[field];
      if (!Array.isArray(entries)) continue;
      for (const entry of entries as Record<string, JsonValue>[]) {
        const id = String(entry.ActivationId && field === "ActivationList" ? entry.ActivationId : entry.InstanceId);
        if (!seen.has(id)) seen.set(id, entry);
      }
    }
    return [...seen.values()];
  };
  const created = new Set(
    transcript.calls
      .filter((call) => call.action === "CreateActivation")
      .map((call) => String((call.body as { ActivationId?: string }).ActivationId)),
  );
  const activations: ActivationSeed[] = listed("DescribeActivations", "ActivationList")
    .filter((a) => !created.has(String(a.ActivationId)))
    .map((a) => ({
      regionId,
      activationId: String(a.ActivationId),
      activationCode: "a-parity-unknown-code",
      instanceName: String(a.InstanceName ?? ""),
      description: String(a.Description ?? ""),
      instanceCount: Number(a.InstanceCount ?? 10),
      timeToLiveInHours: Number(a.TimeToLiveInHours ?? 4),
      ipAddressRange: String(a.IpAddressRange ?? "0.0.0.0/0"),
      creationTime: String(a.CreationTime ?? ""),
      registeredCount: Number(a.RegisteredCount ?? 0),
      disabled: Boolean(a.Disabled),
      neverExpires: true,
    }));
  const servers: ManagedInstanceSeed[] = listed("DescribeManagedInstances", "Instances").map((m) => ({
    regionId,
    instanceId: String(m.InstanceId),
    activationId: String(m.ActivationId),
    hostname: String(m.Hostname),
    instanceName: String(m.InstanceName),
    machineId: String(m.MachineId),
    osType: String(m.OsType),
    intranetIp: String(m.IntranetIp),
    internetIp: String(m.InternetIp),
    registrationTime: String(m.RegistrationTime),
  }));
  for (const server of servers)
    if (!activations.some((a) => a.activationId === server.activationId))
      activations.push({
        regionId,
        activationId: server.activationId,
        activationCode: "a-parity-unknown-code",
        neverExpires: true,
      });
  const vpcIds = [...new Set([inputs.vpcId, inputs.classicLinkVpcId].filter((id): id is string => Boolean(id)))];
  const owners = new Map<string, { cens: { cenId: string; transitRouterEdition?: "Enterprise" }[]; roles: string[] }>();
  const owner = (uid: string) => {
    const known = owners.get(uid) ?? { cens: [], roles: [] };
    owners.set(uid, known);
    return known;
  };
  if (inputs.cenId && inputs.cenOwnerId) owner(inputs.cenOwnerId).cens.push({ cenId: inputs.cenId });
  if (inputs.enterpriseCenId)
    owner(inputs.enterpriseCenOwnerId ?? inputs.cenOwnerId ?? accountId).cens.push({
      cenId: inputs.enterpriseCenId,
      transitRouterEdition: "Enterprise",
    });
  const role = /^acs:ram::(\d+):role\/(.+)$/.exec(inputs.cenOwnerRoleArn ?? "");
  if (role?.[1] && role[2]) owner(role[1]).roles.push(role[2]);
  const trust = {
    Version: "1",
    Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { RAM: [`acs:ram::${accountId}:root`] } }],
  };
  const own = owners.get(accountId);
  owners.delete(accountId);
  return {
    regions: [{ regionId }],
    accounts: [
      {
        uid: accountId,
        name: "recorded-account",
        subUsers: [{ name: "parity-replayer", ...REPLAY_USER, allowedActions: ["*"] }],
        vpcs: vpcIds.map((vpcId) => ({ regionId, vpcId, classicLinkEnabled: vpcId === inputs.classicLinkVpcId })),
        ecsInstances: inputs.classicInstanceId
          ? [
              {
                regionId,
                instanceId: inputs.classicInstanceId,
                networkType: "classic" as const,
                status: "Running" as const,
              },
            ]
          : [],
        activations,
        managedInstances: servers,
        cens: own?.cens ?? [],
      },
      ...[...owners].map(([uid, held]) => ({
        uid,
        cens: held.cens,
        ramRoles: held.roles.map((roleName) => ({ roleName, trustPolicy: trust, allowedActions: ["*"] })),
      })),
    ],
  };
}

/** Walks a recorded and a replayed answer side by side: ids handed out anew, and keys AssumeRole handed out. */
function learn(
  recorded: JsonValue,
  replayed: JsonValue,
  ids: Map<string, string>,
  keys: Map<string, { accessKeyId: string; accessKeySecret: string; securityToken: string }>,
  key = "",
): void {
  if (Array.isArray(recorded) && Array.isArray(replayed)) {
    recorded.forEach((item, i) => {
      if (i < replayed.length) learn(item, replayed[i] as JsonValue, ids, keys);
    });
    return;
  }
  if (
    recorded &&
    replayed &&
    typeof recorded === "object" &&
    typeof replayed === "object" &&
    !Array.isArray(recorded) &&
    !Array.isArray(replayed)
  ) {
    if (key === "Credentials" && typeof recorded.AccessKeyId === "string") {
      const fresh = replayed as { AccessKeyId?: string; AccessKeySecret?: string; SecurityToken?: string };
      if (fresh.AccessKeyId && fresh.AccessKeySecret && fresh.SecurityToken)
        keys.set(recorded.AccessKeyId, {
          accessKeyId: fresh.AccessKeyId,
          accessKeySecret: fresh.AccessKeySecret,
          securityToken: fresh.SecurityToken,
        });
    }
    for (const [name, inner] of Object.entries(recorded))
      if (name in replayed) learn(inner, replayed[name] as JsonValue, ids, keys, name);
    return;
  }
  if (
    typeof recorded === "string" &&
    typeof replayed === "string" &&
    recorded !== replayed &&
    /Id$/.test(key) &&
    key !== "RequestId"
  )
    ids.set(recorded, replayed);
}

/** Replays `transcript` against the emulator at `url` (started with seedFor(transcript)). */
export async function replay(transcript: Transcript, url: string): Promise<ParityReport> {
  const ids = new Map<string, string>();
  const keys = new Map<string, { accessKeyId: string; accessKeySecret: string; securityToken: string }>();
  const differences: Difference[] = [];
  const swap = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(swap);
    if (value !== null && typeof value === "object")
      return Object.fromEntries(Object.entries(value).map(([name, inner]) => [name, swap(inner)]));
    if (typeof value !== "string") return value;
    if (value === "<session>") return "parity-replay";
    let text = ids.get(value) ?? value;
    for (const [from, to] of ids) if (text.includes(from)) text = text.split(from).join(to);
    return text;
  };
  for (const [i, call] of transcript.calls.entries()) {
    const signer = keys.get(call.signer);
    const client = new (RPCClient as unknown as new (config: object, verbose: boolean) => RPCClient)(
      {
        endpoint: url,
        apiVersion: call.version,
        accessKeyId: signer?.accessKeyId ?? REPLAY_USER.accessKeyId,
        accessKeySecret: signer?.accessKeySecret ?? REPLAY_USER.accessKeySecret,
        ...(signer ? { securityToken: signer.securityToken } : {}),
      },
      true,
    );
    let body: unknown;
    let status: number | undefined;
    try {
      const [answer, entry] = (await client.request(call.action, swap(call.params) as Record<string, unknown>, {
        method: "POST",
      })) as unknown as [unknown, { response?: { statusCode?: number } }];
      body = answer;
      status = entry?.response?.statusCode;
    } catch (thrown) {
      const failure = thrown as { data?: unknown; entry?: { response?: { statusCode?: number } } };
      if (failure.data === undefined) throw thrown;
      body = failure.data;
      status = failure.entry?.response?.statusCode;
    }
    const json = withExactNumbers(body);
    const code =
      json && typeof json === "object" && !Array.isArray(json) && typeof json.Code === "string" ? json.Code : undefined;
    differences.push(...compareAnswers(i + 1, call, { status, code, body: json }));
    learn(call.body, json, ids, keys);
  }
  return { calls: transcript.calls.length, differences };
}

/** The report as users read it: a line per call that differs, a row per difference, a summary. */
export function formatParity(report: ParityReport): string {
  const differing = new Set(report.differences.map((d) => d.call)).size;
  const summary = `${report.calls} calls replayed: ${report.calls - differing} answered alike, ${differing} with differences (${report.differences.length} differences)`;
  if (report.differences.length === 0) return summary;
  const rows = report.differences.map((d) => [`#${d.call}`, d.action, d.kind, d.what, d.detail ?? ""]);
  return `${renderTable(["call", "action", "difference", "field", "recorded -> emulator"], rows)}\n${summary}`;
}

async function main(args: readonly string[]): Promise<number> {
  const [file, ...rest] = args;
  if (!file || rest.length) throw new Error("usage: npm run parity -- <transcript.json>");
  const transcript = readTranscript(file);
  let emulator: RunningEmulator | undefined;
  try {
    emulator = await startEmulator({ port: 0, seed: seedFor(transcript) });
    const report = await replay(transcript, emulator.url);
    process.stdout.write(`${formatParity(report)}\n`);
    return report.differences.length ? 1 : 0;
  } finally {
    await emulator?.stop();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`[parity] ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
