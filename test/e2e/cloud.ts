// The local Alibaba Cloud for end-to-end tests: an emulator started in this process, the default
// world's accounts, and stacks whose provider processes talk to it over HTTP.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import RPCClient from "@alicloud/pop-core";
import type * as auto from "@pulumi/pulumi/automation";
import { CenChildInstanceAttachment, CenGrantRevocation } from "pulumi-alicloud-dynamic";
import { DEFAULT_KEYS, type RunningEmulator, startEmulator } from "../../emulator/index";
import { DEFAULT_ACCOUNTS, DEFAULT_WORLD, FAST_PROVIDER_TIMING, type LocalAccount } from "../../testing/index";
import { createTestStack, type TestStack } from "./harness";

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

/** Provider tuning for tests: quick retries and polls, bounded waits (the testing kit's). */
export const FAST_TIMING: Record<string, string> = { ...FAST_PROVIDER_TIMING };

/** A running emulator and a private home directory for CLI profiles; `close()` removes both. */
export interface Cloud {
  emulator: RunningEmulator;
  /** A HOME directory whose ~/.aliyun/config.json holds one profile per default-world account. */
  home: string;
  close(): Promise<void>;
  /** The environment for the Pulumi CLI and the provider processes: endpoint, timing, HOME. */
  env(): Record<string, string>;
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

/** Starts an emulator with the default world on a free port. */
export async function startCloud(): Promise<Cloud> {
  const emulator = await startEmulator({ port: 0 });
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "pad-home-"));
  fs.mkdirSync(path.join(home, ".aliyun"));
  const profile = (name: string, account: Account) => ({
    name,
    mode: "AK",
    access_key_id: account.accessKeyId,
    access_key_secret: account.accessKeySecret,
    region_id: "cn-hangzhou",
  });
  fs.writeFileSync(
    path.join(home, ".aliyun", "config.json"),
    JSON.stringify({
      current: "shop-account",
      profiles: [profile("shop-account", MAIN), profile("analytics-account", OTHER), profile("hub-account", CEN_OWNER)],
    }),
  );
  return {
    emulator,
    home,
    async close() {
      await emulator.stop();
      fs.rmSync(home, { recursive: true, force: true });
    },
    env() {
      return {
        ALICLOUD_ENDPOINT: emulator.url,
        HOME: home,
        // No instance metadata service here: the default chain must not wait for one.
        ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
        ...FAST_TIMING,
      };
    },
    call<T>(account: Account, product: "vpc" | "ecs", action: string, params: Record<string, unknown>) {
      const client = new RPCClient({
        endpoint: emulator.url,
        apiVersion: product === "vpc" ? "2016-04-28" : "2014-05-26",
        accessKeyId: account.accessKeyId,
        accessKeySecret: account.accessKeySecret,
      });
      return client.request<T>(action, { RegionId: "cn-hangzhou", ...params }, { method: "POST" });
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
    "alicloud:region": { value: "cn-hangzhou" },
    "alicloud:accessKey": { value: account.accessKeyId },
    "alicloud:secretKey": { value: account.accessKeySecret, secret: true },
  };
}

/** A test stack against `cloud`, signing as main unless told otherwise. */
export function emulatedStack(
  cloud: Cloud,
  program: auto.PulumiFn,
  options: { projectName?: string; config?: Record<string, auto.ConfigValue>; env?: Record<string, string> } = {},
): Promise<TestStack> {
  return createTestStack({
    program,
    projectName: options.projectName,
    config: options.config ?? accountConfig(),
    env: { ...cloud.env(), ...options.env },
  });
}

/** The number of times the emulator applied one effect (emulator/README.md, counters). */
export async function effects(cloud: Cloud, key: string): Promise<number> {
  const counters = await cloud.emulator.admin.counters();
  return counters.effects[key] ?? 0;
}

/** The requests of every action that changes something (all but Describe*) the emulator received, by action. */
export async function changeRequests(cloud: Cloud): Promise<Record<string, number>> {
  const { requests } = await cloud.emulator.admin.counters();
  return Object.fromEntries(Object.entries(requests).filter(([action]) => !action.startsWith("Describe")));
}

/** The total of requests the emulator received, over every action. */
export async function requestCount(cloud: Cloud): Promise<number> {
  const counters = await cloud.emulator.admin.counters();
  return Object.values(counters.requests).reduce((sum, n) => sum + n, 0);
}

/** Collects everything the Pulumi CLI prints during an operation. */
export function outputCollector(): { onOutput: (chunk: string) => void; text: () => string } {
  const chunks: string[] = [];
  return { onOutput: (chunk) => chunks.push(chunk), text: () => chunks.join("") };
}

/** The emulator's world without its clock reading: what a stack may change and must restore. */
export async function worldState(cloud: Cloud): Promise<unknown> {
  const { now: _now, ...world } = await cloud.emulator.admin.world();
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
    const before = await requestCount(cloud);
    const failure = await failureOf(bad.stack.preview());
    return { failure, requests: (await requestCount(cloud)) - before };
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
