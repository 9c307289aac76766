// The local cloud of the testing kit: an emulator started for a test (in this process, or as a
// child process running the package's `alicloud-emulator` command), the environment that points a
// Pulumi program at it, and the world read back in the shapes tests assert on. Only the emulator's
// public surfaces are used: its in-process API and its admin HTTP contract (openapi.json), so a
// test written against this kit runs the same against either mode.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import type {
  ActivationView,
  ClassicLinkView,
  GrantView,
  HealthResponse,
  ManagedInstanceView,
  ResetRequest,
  VpcView,
  WorldView,
} from "../emulator/admin/types.js";
import {
  AdminClient,
  type AgentRegisterResponse,
  CEN_OWNER_UID,
  type ClockState,
  type CountersData,
  DEFAULT_ACTIVATION_CODE,
  DEFAULT_KEYS,
  type FaultConfig,
  type FaultRule,
  MAIN_UID,
  OTHER_UID,
  type RunningEmulator,
  startEmulator,
  type WorldSeed,
} from "../emulator/index.js";

/** An account of the local cloud and one of its AccessKeys. */
export interface LocalAccount {
  /** The account's UID (a string of digits). */
  readonly uid: string;
  /** An AccessKey ID of the account. */
  readonly accessKeyId: string;
  /** Its secret (a test key: it only opens the local cloud). */
  readonly accessKeySecret: string;
}

/** The accounts of the default world. */
export const DEFAULT_ACCOUNTS: {
  /** Owns the VPCs, classic instances, the activation and the managed instances. */
  readonly main: LocalAccount;
  /** Owns the CEN instances (a "network hub" account; its UID is above 2^53). */
  readonly cenOwner: LocalAccount;
  /** A third account, with a VPC of its own. */
  readonly other: LocalAccount;
} = {
  main: { uid: MAIN_UID, ...DEFAULT_KEYS.main },
  cenOwner: { uid: CEN_OWNER_UID, ...DEFAULT_KEYS.cenOwner },
  other: { uid: OTHER_UID, ...DEFAULT_KEYS.other },
};

/** IDs of the default world (emulator/README.md, "The default world"), to write programs against. */
export const DEFAULT_WORLD: {
  /** The region everything below lives in. */
  readonly region: "cn-hangzhou";
  /** A CEN instance of cenOwner. */
  readonly cenId: string;
  /** A second CEN instance of cenOwner. */
  readonly cenId2: string;
  /** A VPC of main with ClassicLink enabled. */
  readonly vpcId: string;
  /** A second VPC of main with ClassicLink enabled. */
  readonly vpcId2: string;
  /** A classic-network ECS instance of main. */
  readonly classicInstanceId: string;
  /** main's Cloud Assistant activation (10 servers, never expires). */
  readonly activationId: string;
  /** Its code, which a server's agent registers with. */
  readonly activationCode: string;
  /** Servers registered with it: hostnames web-01 and web-02. */
  readonly managedInstanceIds: readonly string[];
} = {
  region: "cn-hangzhou",
  cenId: "cen-emuowner0000000001",
  cenId2: "cen-emuowner0000000002",
  vpcId: "vpc-bp1emumainlink0000001",
  vpcId2: "vpc-bp1emumainlink0000002",
  classicInstanceId: "i-bp1emuclassic000001",
  activationId: "4ECEEE12-56F1-4FBC-9AB1-0000EMU00001",
  activationCode: DEFAULT_ACTIVATION_CODE,
  managedInstanceIds: ["mi-hz01emuweb00001", "mi-hz01emuweb00002"],
};

/** Quick retries and polls for the provider under test (its ALICLOUD_DYNAMIC_* tuning), bounded waits. */
export const FAST_PROVIDER_TIMING: { readonly [name: string]: string } = {
  ALICLOUD_DYNAMIC_RETRY_BASE_DELAY_MS: "20",
  ALICLOUD_DYNAMIC_RETRY_MAX_DELAY_MS: "200",
  ALICLOUD_DYNAMIC_RETRY_DEADLINE_MS: "30000",
  ALICLOUD_DYNAMIC_POLL_INTERVAL_MS: "50",
  ALICLOUD_DYNAMIC_VISIBILITY_TIMEOUT_MS: "30000",
  ALICLOUD_DYNAMIC_GRANT_WAIT_MS: "5000",
  ALICLOUD_DYNAMIC_READ_TIMEOUT_MS: "5000",
};

/**
 * How the emulator runs: in this process, as a child process (`alicloud-emulator`), or elsewhere
 * already (a CI service, a terminal), attached to by its URL.
 */
export type LocalCloudMode = "in-process" | "child-process" | "attached";

/** What startLocalCloud starts, or attaches to. */
export interface LocalCloudOptions {
  /** @default "attached" when `url` is given, else "in-process" */
  readonly mode?: LocalCloudMode;
  /**
   * The URL of an emulator that is already running (`http://127.0.0.1:8765`): attach to it
   * instead of starting one. Its world is reset to `seed` (or its start world) first; `stop()`
   * leaves it running. @default the ALICLOUD_EMULATOR_URL environment variable, else start one
   */
  readonly url?: string;
  /**
   * The admin token of that emulator, or the one a child process is started with
   * (`--admin-token`). @default the ALICLOUD_EMULATOR_ADMIN_TOKEN environment variable
   */
  readonly adminToken?: string;
  /** The world to start from (a WorldSeed; see world-seed.schema.json). @default the default world */
  readonly seed?: WorldSeed;
  /** Fault rules from the start (also restored by reset). @default none */
  readonly faults?: readonly FaultRule[];
  /** Describe calls show the old state this long after a change. @default 0 */
  readonly consistencyDelayMs?: number;
  /** The region programs default to (ALICLOUD_REGION). @default "cn-hangzhou" */
  readonly region?: string;
  /** Give the provider quick retries and polls (FAST_PROVIDER_TIMING). @default true */
  readonly fastProviderTiming?: boolean;
  /** Receives the emulator's per-request log lines. @default none */
  readonly log?: (line: string) => void;
}

/** What {@link emulatorEnv} puts in the environment besides the endpoint. */
export interface EmulatorEnvOptions {
  /** The account whose AccessKey the program signs with; none: its own config or CLI profile. @default null */
  readonly account?: LocalAccount | null;
  /** The region programs default to (ALICLOUD_REGION), set with an account. @default "cn-hangzhou" */
  readonly region?: string;
  /** Give the provider quick retries and polls (FAST_PROVIDER_TIMING). @default true */
  readonly fastProviderTiming?: boolean;
}

/**
 * The environment that points a Pulumi program (the CLI and the provider processes it starts) at
 * the emulator at `url`: every endpoint, no instance metadata lookups, quick provider timing
 * unless turned off, and an account's AccessKey and the region when `account` is given. For an
 * emulator started some other way; {@link LocalCloud.env} is the same with the main account by default.
 */
export function emulatorEnv(url: string, options: EmulatorEnvOptions = {}): { [name: string]: string } {
  const { account = null, region = "cn-hangzhou" } = options;
  return {
    ALICLOUD_ENDPOINT: url,
    ...(account === null
      ? {}
      : {
          ALIBABA_CLOUD_ACCESS_KEY_ID: account.accessKeyId,
          ALIBABA_CLOUD_ACCESS_KEY_SECRET: account.accessKeySecret,
          ALICLOUD_REGION: region,
        }),
    // No instance metadata service here: the default credential chain must not wait for one.
    ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
    ...(options.fastProviderTiming === false ? {} : FAST_PROVIDER_TIMING),
  };
}

/** A grant as the world holds it, with the account and region it belongs to. */
export interface WorldGrant extends GrantView {
  /** The UID of the account that owns the granted network instance. */
  readonly ownerUid: string;
}

/** A row of a region table, with the account it belongs to. */
export type Owned<T> = T & {
  /** The UID of the account it belongs to. */
  readonly ownerUid: string;
};

/** A server registering as the Cloud Assistant agent does (defaults for everything but the hostname). */
export interface ServerRegistration {
  /** The server's hostname. */
  readonly hostname: string;
  /** @default DEFAULT_WORLD.activationId */
  readonly activationId?: string;
  /** @default DEFAULT_WORLD.activationCode */
  readonly activationCode?: string;
  /** @default the local cloud's region */
  readonly regionId?: string;
  /** @default "10.0.0.100" */
  readonly intranetIp?: string;
}

/** A running local cloud; `stop()` it when the tests are done. */
export interface LocalCloud {
  /** How it runs. */
  readonly mode: LocalCloudMode;
  /** The emulator's URL (`http://127.0.0.1:<port>`): every product's endpoint. */
  readonly url: string;
  /** The admin client (the whole admin contract, when the helpers below are not enough). */
  readonly admin: AdminClient;
  /** The emulator itself in "in-process" mode (its Emulator object reaches past the admin contract); else undefined. */
  readonly emulator?: RunningEmulator;
  /** The region programs default to. */
  readonly region: string;
  /**
   * The environment for a Pulumi program (the CLI and the provider processes it starts): every
   * endpoint pointed at the emulator, `account`'s AccessKey, the region, no instance metadata
   * lookups, and quick provider timing unless turned off.
   * @param account the account the program signs as (default: the default world's main); `null`
   *   leaves out the AccessKey and the region, for a program whose own config or CLI profile gives them.
   */
  env(account?: LocalAccount | null): { [name: string]: string };
  /** GET /__admin/health: version, products served, account UIDs. */
  health(): Promise<HealthResponse>;
  /** The whole world, latest state, no secrets. */
  world(): Promise<WorldView>;
  /** Every CEN grant of every account. */
  grants(): Promise<WorldGrant[]>;
  /** Every VPC of every account. */
  vpcs(): Promise<Owned<VpcView>[]>;
  /** Every ClassicLink connection of every account. */
  classicLinks(): Promise<Owned<ClassicLinkView>[]>;
  /** Every Cloud Assistant activation of every account. */
  activations(): Promise<Owned<ActivationView>[]>;
  /** Every managed instance (registered server) of every account. */
  managedInstances(): Promise<Owned<ManagedInstanceView>[]>;
  /** Requests by action, faults fired and effects applied, since the start or the last reset. */
  counters(): Promise<CountersData>;
  /** How many requests an action received (every action when none is named). */
  requestCount(action?: string): Promise<number>;
  /** Zeroes the counters. */
  resetCounters(): Promise<void>;
  /** Replaces the fault rules (throttling, 5xx, latency, dropped answers, ...); none clears them. */
  setFaults(rules: readonly FaultRule[], randomSeed?: number): Promise<FaultConfig>;
  /** Clears the fault rules. */
  clearFaults(): Promise<void>;
  /** Moves the world's clock forward (activation expiry, STS expiry, signature timestamps). */
  advanceClock(ms: number): Promise<ClockState>;
  /** Sets how long Describe calls lag behind changes (eventual consistency). */
  setConsistencyDelay(delayMs: number): Promise<void>;
  /** A server registers with an activation, as its Cloud Assistant agent would. */
  registerServer(server: ServerRegistration): Promise<AgentRegisterResponse>;
  /** Merges a seed into the world. */
  seed(seed: WorldSeed): Promise<void>;
  /** Back to the start world (none), a named world (`{ world: "empty" }`), or a seed alone. */
  reset(request?: ResetRequest): Promise<void>;
  /**
   * Resolves once `condition` holds, checking every 50 ms (rejects after `timeoutMs`, default
   * 30 s): to act while a `pulumi up` waits, e.g. register a server once the program polls for it.
   */
  waitFor(condition: () => Promise<boolean> | boolean, timeoutMs?: number): Promise<void>;
  /** Stops the emulator (kills the child process in that mode). */
  stop(): Promise<void>;
}

/** The built command (dist/emulator/cli.js): beside this file once built, under dist/ in a checkout. */
function cliPath(): string {
  const candidates = [
    path.join(__dirname, "..", "emulator", "cli.js"),
    path.join(__dirname, "..", "dist", "emulator", "cli.js"),
  ];
  const found = candidates.find((file) => fs.existsSync(file));
  if (!found) throw new Error(`the emulator's command is not built: none of ${candidates.join(", ")} exists`);
  return found;
}

/** Starts `alicloud-emulator` as a child process; resolves with its URL once it prints its first line. */
async function startChild(options: LocalCloudOptions): Promise<{ url: string; stop: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "alicloud-emulator-"));
  const args = ["--port", "0", ...(options.log ? [] : ["--quiet"])];
  if (options.adminToken !== undefined) args.push("--admin-token", options.adminToken);
  if (options.seed) {
    const seedFile = path.join(dir, "seed.json");
    fs.writeFileSync(seedFile, JSON.stringify(options.seed));
    args.push("--seed", seedFile);
  }
  if (options.consistencyDelayMs !== undefined) args.push("--consistency-delay", String(options.consistencyDelayMs));
  const child: ChildProcess = spawn(process.execPath, [cliPath(), ...args], { stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const cleanUp = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let stderr = "";
      child.stderr?.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      child.once("exit", (code) => reject(new Error(`alicloud-emulator exited with ${code}: ${stderr.trim()}`)));
      const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
      let first = true;
      lines.on("line", (line) => {
        if (first) {
          first = false;
          const match = /^emulator listening on (http:\/\/\S+)$/.exec(line);
          if (match?.[1]) resolve(match[1]);
          else reject(new Error(`alicloud-emulator printed an unexpected first line: ${line}`));
        } else options.log?.(line);
      });
    });
    return {
      url,
      stop: async () => {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill("SIGTERM");
          await exited;
        }
        cleanUp();
      },
    };
  } catch (error) {
    child.kill("SIGKILL");
    cleanUp();
    throw error;
  }
}

/** Every row of one region table, over every account and region, with its owner. */
function regionRows<K extends "grants" | "vpcs" | "classicLinks" | "activations" | "managedInstances">(
  world: WorldView,
  table: K,
): Owned<WorldView["accounts"][number]["regions"][string][K][number]>[] {
  return world.accounts.flatMap((account) =>
    Object.values(account.regions).flatMap((region) => region[table].map((row) => ({ ...row, ownerUid: account.uid }))),
  );
}

/** The environment variable that names a running emulator for {@link startLocalCloud} to attach to. */
export const EMULATOR_URL_ENV = "ALICLOUD_EMULATOR_URL";

/**
 * Starts a local cloud: an emulator with the given world, in this process (fast, the default)
 * or as a child process running the package's `alicloud-emulator` command; or attaches to one
 * that is running already (`url`, or ALICLOUD_EMULATOR_URL), resetting its world.
 */
export async function startLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  const given = options.url ?? (process.env[EMULATOR_URL_ENV] || undefined);
  const mode = options.mode ?? (given ? "attached" : "in-process");
  const region = options.region ?? "cn-hangzhou";
  let url: string;
  let stopEmulator: () => Promise<void>;
  let inProcess: RunningEmulator | undefined;
  if (mode === "attached") {
    if (!given) throw new Error(`mode "attached" needs the emulator's url (or ${EMULATOR_URL_ENV})`);
    url = given.replace(/\/+$/, "");
    // Someone else's emulator: stopping the kit only lets go of it.
    stopEmulator = async () => {};
  } else if (mode === "in-process") {
    const running: RunningEmulator = await startEmulator({
      port: 0,
      ...(options.seed ? { seed: options.seed } : {}),
      ...(options.faults ? { faults: { rules: [...options.faults] } } : {}),
      ...(options.consistencyDelayMs === undefined ? {} : { consistencyDelayMs: options.consistencyDelayMs }),
      ...(options.log ? { log: options.log } : {}),
    });
    url = running.url;
    inProcess = running;
    stopEmulator = () => running.stop();
  } else {
    const child = await startChild(options);
    url = child.url;
    stopEmulator = child.stop;
  }
  const admin = new AdminClient(url, options.adminToken === undefined ? {} : { token: options.adminToken });
  if (mode === "attached") {
    // What an earlier test left there is gone; the options apply as they would to a new one.
    await admin.reset(options.seed ?? {});
    await admin.setConsistency({ delayMs: options.consistencyDelayMs ?? 0 });
  }
  if (mode !== "in-process") {
    if (options.faults) await admin.setFaults({ rules: [...options.faults] });
    else if (mode === "attached") await admin.clearFaults();
  }

  const cloud: LocalCloud = {
    mode,
    url,
    admin,
    emulator: inProcess,
    region,
    env: (account = DEFAULT_ACCOUNTS.main) =>
      emulatorEnv(url, { account, region, fastProviderTiming: options.fastProviderTiming }),
    health: () => admin.health(),
    world: () => admin.world(),
    grants: async () => regionRows(await admin.world(), "grants"),
    vpcs: async () => regionRows(await admin.world(), "vpcs"),
    classicLinks: async () => regionRows(await admin.world(), "classicLinks"),
    activations: async () => regionRows(await admin.world(), "activations"),
    managedInstances: async () => regionRows(await admin.world(), "managedInstances"),
    counters: () => admin.counters(),
    async requestCount(action) {
      const { requests } = await admin.counters();
      if (action !== undefined) return requests[action] ?? 0;
      return Object.values(requests).reduce((sum, n) => sum + n, 0);
    },
    async resetCounters() {
      await admin.resetCounters();
    },
    setFaults: (rules, randomSeed) =>
      admin.setFaults({ rules: [...rules], ...(randomSeed === undefined ? {} : { randomSeed }) }),
    async clearFaults() {
      await admin.clearFaults();
    },
    async advanceClock(ms) {
      const { offsetMs } = await admin.clock();
      return admin.setClock({ offsetMs: offsetMs + ms });
    },
    async setConsistencyDelay(delayMs) {
      await admin.setConsistency({ delayMs });
    },
    registerServer: (server) =>
      admin.registerAgent({
        regionId: server.regionId ?? region,
        activationId: server.activationId ?? DEFAULT_WORLD.activationId,
        activationCode: server.activationCode ?? DEFAULT_WORLD.activationCode,
        hostname: server.hostname,
        intranetIp: server.intranetIp ?? "10.0.0.100",
      }),
    async seed(seed) {
      await admin.seed(seed);
    },
    async reset(request) {
      await admin.reset(request);
    },
    async waitFor(condition, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (!(await condition())) {
        if (Date.now() > deadline) throw new Error(`waitFor: the condition did not hold within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    stop: () => stopEmulator(),
  };
  await admin.health();
  return cloud;
}
