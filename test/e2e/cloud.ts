// The local Alibaba Cloud of the end-to-end tests: the testing kit's (startLocalCloud, in this
// process, default world) plus what only these tests need: a HOME whose aliyun CLI profiles sign
// as the default world's accounts, calls behind Pulumi's back, and shorthands for the kit's stacks.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import RPCClient from "@alicloud/pop-core";
import type * as auto from "@pulumi/pulumi/automation";
import { CenChildInstanceAttachment, CenGrantRevocation } from "pulumi-alicloud-dynamic";
import { PRODUCTS } from "../../api/index";
import { DEFAULT_KEYS, type RunningEmulator } from "../../emulator/index";
import {
  createTestStack,
  DEFAULT_ACCOUNTS,
  DEFAULT_WORLD,
  type LocalAccount,
  type LocalCloud,
  startLocalCloud,
  type TestStack,
} from "../../testing/index";

/** An account of the emulator's default world (emulator/README.md). */
export type Account = LocalAccount;

/** The account that owns the VPCs, classic instances and managed instances. */
export const MAIN: Account = DEFAULT_ACCOUNTS.main;
/** The account that owns the CEN instances (its UID is above 2^53). */
export const CEN_OWNER: Account = DEFAULT_ACCOUNTS.cenOwner;
/** A third account, with a VPC of its own. */
export const OTHER: Account = DEFAULT_ACCOUNTS.other;
/** main's temporary STS credentials. */
export const MAIN_STS = DEFAULT_KEYS.mainSts;

const [managed1 = "", managed2 = ""] = DEFAULT_WORLD.managedInstanceIds;

/** IDs of the default world: the testing kit's (DEFAULT_WORLD), and those only these tests use. */
export const WORLD = {
  cen: DEFAULT_WORLD.cenId,
  cen2: DEFAULT_WORLD.cenId2,
  /** A CEN instance whose transit routers are Enterprise Edition. */
  cenEnterprise: "cen-emuowner0000000003",
  vpcLinked: DEFAULT_WORLD.vpcId,
  vpcLinked2: DEFAULT_WORLD.vpcId2,
  vpcPlain: "vpc-bp1emumainplain000001",
  otherVpc: "vpc-bp1emuotherlink000001",
  classic1: DEFAULT_WORLD.classicInstanceId,
  classic2: "i-bp1emuclassic000002",
  classic3: "i-bp1emuclassic000003",
  activation: DEFAULT_WORLD.activationId,
  managed1,
  managed2,
} as const;

/** The kit's local cloud, in this process, and a private home directory for CLI profiles; `close()` removes both. */
export interface Cloud extends LocalCloud {
  /** The in-process emulator (its Emulator object, for what the admin contract does not reach). */
  readonly emulator: RunningEmulator;
  /** A HOME directory whose ~/.aliyun/config.json holds one profile per default-world account. */
  readonly home: string;
  close(): Promise<void>;
  /**
   * The environment for the Pulumi CLI and the provider processes: the kit's `env(null)` (endpoint,
   * timing, no metadata service; keys and region from the stack's config or a CLI profile) and HOME.
   */
  testEnv(): Record<string, string>;
  /**
   * Calls an action as `account` through pop-core, behind Pulumi's back (to change or to look at
   * the world as a user would in the console): POST, in cn-hangzhou unless `params` says otherwise.
   */
  call<T = Record<string, unknown>>(
    account: Account,
    product: "vpc" | "ecs",
    action: string,
    params: Record<string, unknown>,
  ): Promise<T>;
}

/** Starts the kit's local cloud with the default world, in this process, on a free port. */
export async function startCloud(): Promise<Cloud> {
  const local = await startLocalCloud({ mode: "in-process" });
  const emulator = local.emulator;
  if (!emulator) throw new Error("an in-process local cloud has its emulator");
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "pad-home-"));
  fs.mkdirSync(path.join(home, ".aliyun"));
  const profile = (name: string, account: Account) => ({
    name,
    mode: "AK",
    access_key_id: account.accessKeyId,
    access_key_secret: account.accessKeySecret,
    region_id: DEFAULT_WORLD.region,
  });
  fs.writeFileSync(
    path.join(home, ".aliyun", "config.json"),
    JSON.stringify({
      current: "shop-account",
      profiles: [profile("shop-account", MAIN), profile("analytics-account", OTHER), profile("hub-account", CEN_OWNER)],
    }),
  );
  return {
    ...local,
    emulator,
    home,
    async close() {
      await local.stop();
      fs.rmSync(home, { recursive: true, force: true });
    },
    testEnv() {
      return { ...local.env(null), HOME: home };
    },
    call<T>(account: Account, product: "vpc" | "ecs", action: string, params: Record<string, unknown>) {
      const client = new RPCClient({
        endpoint: local.url,
        apiVersion: PRODUCTS[product].info.version,
        accessKeyId: account.accessKeyId,
        accessKeySecret: account.accessKeySecret,
      });
      return client.request<T>(action, { RegionId: DEFAULT_WORLD.region, ...params }, { method: "POST" });
    },
  };
}

/** The grants of a VPC to CEN instances, as its owner `account` reads them. */
export async function grantsOn(
  cloud: Cloud,
  account: Account,
  vpcId: string,
): Promise<{ cenId: string; owner: string }[]> {
  const answer = await cloud.call<{
    CenGrantRules: { CbnGrantRule: { CenInstanceId: string; CenOwnerId: { toFixed(): string } | number }[] };
  }>(account, "vpc", "DescribeGrantRulesToCen", { InstanceId: vpcId, InstanceType: "VPC" });
  return answer.CenGrantRules.CbnGrantRule.map((r) => ({
    cenId: r.CenInstanceId,
    owner: typeof r.CenOwnerId === "number" ? String(r.CenOwnerId) : r.CenOwnerId.toFixed(),
  }));
}

/** Stack config that signs as `account` in cn-hangzhou; the secret goes in as a Pulumi secret. */
export function accountConfig(account: Account = MAIN): Record<string, auto.ConfigValue> {
  return {
    "alicloud:region": { value: DEFAULT_WORLD.region },
    "alicloud:accessKey": { value: account.accessKeyId },
    "alicloud:secretKey": { value: account.accessKeySecret, secret: true },
  };
}

/** What the tests' stacks add to the environment: no plugin downloads (the engine must find what it needs). */
export const STACK_ENV: Record<string, string> = { PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true" };

/**
 * The kit's test stack of an inline program against `cloud`: signing with its stack config (main's
 * keys unless told otherwise), with the CLI profiles' HOME, stack "test" of project "e2e" unless named.
 */
export function emulatedStack(
  cloud: Cloud,
  program: auto.PulumiFn,
  options: { projectName?: string; config?: Record<string, auto.ConfigValue>; env?: Record<string, string> } = {},
): Promise<TestStack> {
  return createTestStack({
    cloud,
    account: null,
    program,
    projectName: options.projectName ?? "e2e",
    // Session names and URNs say pulumi-<project>-<stack>: the same in every run.
    stackName: "test",
    config: options.config ?? accountConfig(),
    env: { ...STACK_ENV, HOME: cloud.home, ...options.env },
  });
}

/** The number of times the emulator applied one effect (emulator/README.md, counters). */
export async function effects(cloud: Cloud, key: string): Promise<number> {
  const counters = await cloud.counters();
  return counters.effects[key] ?? 0;
}

/** The requests of every action that changes something (all but Describe*) the emulator received, by action. */
export async function changeRequests(cloud: Cloud): Promise<Record<string, number>> {
  const { requests } = await cloud.counters();
  return Object.fromEntries(Object.entries(requests).filter(([action]) => !action.startsWith("Describe")));
}

/** Collects everything the Pulumi CLI prints during an operation. */
export function outputCollector(): { onOutput: (chunk: string) => void; text: () => string } {
  const chunks: string[] = [];
  return { onOutput: (chunk) => chunks.push(chunk), text: () => chunks.join("") };
}

/** The emulator's world without its clock reading: what a stack may change and must restore. */
export async function worldState(cloud: Cloud): Promise<unknown> {
  const { now: _now, ...world } = await cloud.world();
  return world;
}

/** The message a Pulumi operation failed with, or "no error" when it succeeded. */
export function failureOf(operation: Promise<unknown>): Promise<string> {
  return operation.then(
    () => "no error",
    (error: Error) => error.message,
  );
}

/**
 * Previews a program with bad inputs on a fresh stack: returns the failure and how many API
 * requests the emulator received meanwhile (validation must fail before any call).
 */
export async function previewWithBadInputs(
  cloud: Cloud,
  program: auto.PulumiFn,
): Promise<{ failure: string; requests: number }> {
  const bad = await emulatedStack(cloud, program);
  try {
    const before = await cloud.requestCount();
    const failure = await failureOf(bad.stack.preview());
    return { failure, requests: (await cloud.requestCount()) - before };
  } finally {
    await bad.dispose();
  }
}

/**
 * In a program: main grants its VPC `vpcLinked` to the hub's CEN `cen` (a CenGrantRevocation with
 * the stack's credentials), and the hub attaches it (a CenChildInstanceAttachment with the hub's
 * CLI profile) after the grant, unless `dependsOnGrant` is false.
 */
export function declareSpokeInHub(options: { grant?: string; dependsOnGrant?: boolean } = {}): {
  grant: CenGrantRevocation;
  attachment: CenChildInstanceAttachment;
} {
  const grant = new CenGrantRevocation(options.grant ?? "grant", {
    cenId: WORLD.cen,
    cenOwnerId: CEN_OWNER.uid,
    instanceId: WORLD.vpcLinked,
  });
  const attachment = new CenChildInstanceAttachment(
    "attachment",
    { cenId: WORLD.cen, childInstanceId: WORLD.vpcLinked, childInstanceOwnerId: MAIN.uid, profile: "hub-account" },
    options.dependsOnGrant === false ? {} : { dependsOn: [grant] },
  );
  return { grant, attachment };
}
