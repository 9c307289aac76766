// What a live run is given: the double opt-in (a switch and an allow-list of accounts) and the
// objects it works with, from one JSON file (ALICLOUD_LIVE_INPUTS) or one variable per input.
// docs/live-suite.md documents every name read here.
import fs from "node:fs";

/** The switch that must be set to `1` (or `true`) before a live run changes anything, as Terraform's TF_ACC. */
export const SWITCH_ENV = "ALICLOUD_LIVE";
/** The comma-separated account ids (UIDs) the credentials must belong to. */
export const ACCOUNTS_ENV = "ALICLOUD_LIVE_ACCOUNTS";
/** The scenarios to run, comma-separated (default: every one). */
export const SCENARIOS_ENV = "ALICLOUD_LIVE_SCENARIOS";
/** The JSON file of inputs. */
export const INPUTS_ENV = "ALICLOUD_LIVE_INPUTS";
/** Where runs keep their ledgers and Pulumi state (default `.live` in the working directory). */
export const DIR_ENV = "ALICLOUD_LIVE_DIR";

/** The objects a live run works with; each scenario needs some of them (SCENARIO_NEEDS). */
export interface LiveInputs {
  /** The region of every object (default: the provider's region variables, REGION_ENV in order, then cn-hangzhou). */
  regionId: string;
  /** A VPC of the credentials' account, granted to the CEN instances and attached. */
  vpcId?: string;
  /** A Basic Edition CEN instance (of another account, usually). */
  cenId?: string;
  /** The UID of `cenId`'s owner. */
  cenOwnerId?: string;
  /** A role of `cenId`'s owner that the credentials may assume to attach and detach. */
  cenOwnerRoleArn?: string;
  /** The ExternalId that role's trust policy asks for, if any. */
  cenOwnerRoleExternalId?: string;
  /** An Enterprise Edition CEN instance (transit routers). */
  enterpriseCenId?: string;
  /** The UID of `enterpriseCenId`'s owner (default: `cenOwnerId`). */
  enterpriseCenOwnerId?: string;
  /** A classic-network ECS instance of the credentials' account, Running or Stopped. */
  classicInstanceId?: string;
  /** A VPC with ClassicLink enabled, in the same region. */
  classicLinkVpcId?: string;
  /** A server registered with Cloud Assistant (`mi-...`): the run renames it and deregisters it at the end. */
  managedInstanceId?: string;
}

/** The input keys, with the variable that may set each. */
export const INPUT_KEYS = [
  "regionId",
  "vpcId",
  "cenId",
  "cenOwnerId",
  "cenOwnerRoleArn",
  "cenOwnerRoleExternalId",
  "enterpriseCenId",
  "enterpriseCenOwnerId",
  "classicInstanceId",
  "classicLinkVpcId",
  "managedInstanceId",
] as const satisfies readonly (keyof LiveInputs)[];

/** `cenOwnerRoleArn` -> `ALICLOUD_LIVE_CEN_OWNER_ROLE_ARN`. */
export function inputEnvName(key: keyof LiveInputs): string {
  return `ALICLOUD_LIVE_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
}

/** The scenarios, one per resource kind. */
export const SCENARIOS = [
  "CenGrantRevocation",
  "CenChildInstanceAttachment",
  "TransitRouterGrant",
  "ClassicLinkAttachment",
  "ManagedInstanceActivation",
  "ManagedInstanceRegistration",
] as const;

/** A scenario: the resource kind it proves. */
export type Scenario = (typeof SCENARIOS)[number];

/** The inputs each scenario needs; one missing and the scenario is reported as not run. */
export const SCENARIO_NEEDS: Readonly<Record<Scenario, readonly (keyof LiveInputs)[]>> = {
  CenGrantRevocation: ["vpcId", "cenId", "cenOwnerId"],
  CenChildInstanceAttachment: ["vpcId", "cenId", "cenOwnerId", "cenOwnerRoleArn"],
  TransitRouterGrant: ["vpcId", "enterpriseCenId"],
  ClassicLinkAttachment: ["classicInstanceId", "classicLinkVpcId"],
  ManagedInstanceActivation: [],
  ManagedInstanceRegistration: ["managedInstanceId"],
};

/**
 * The inputs from the file named by ALICLOUD_LIVE_INPUTS, each overridden by its own variable;
 * without a `regionId`, the first of the `regionEnv` variables set (the provider's REGION_ENV,
 * provider/client/settings.ts: this file is copied beside the live program and imports nothing of
 * the package), then cn-hangzhou.
 */
export function readInputs(env: NodeJS.ProcessEnv, regionEnv: readonly string[]): LiveInputs {
  const file = env[INPUTS_ENV];
  let fromFile: Record<string, unknown> = {};
  if (file) {
    try {
      fromFile = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
    } catch (error) {
      throw new Error(`${INPUTS_ENV}=${file} cannot be read as JSON: ${(error as Error).message}`);
    }
    const unknown = Object.keys(fromFile).filter((key) => !(INPUT_KEYS as readonly string[]).includes(key));
    if (unknown.length)
      throw new Error(`${file}: unknown inputs ${unknown.join(", ")} (known: ${INPUT_KEYS.join(", ")})`);
  }
  const inputs: Partial<Record<keyof LiveInputs, string>> = {};
  for (const key of INPUT_KEYS) {
    const value = env[inputEnvName(key)] ?? fromFile[key];
    if (value === undefined || value === "") continue;
    if (typeof value !== "string") throw new Error(`input ${key} must be a string`);
    inputs[key] = value;
  }
  const fromEnv = regionEnv.map((name) => env[name]).find(Boolean);
  return { ...inputs, regionId: inputs.regionId ?? fromEnv ?? "cn-hangzhou" };
}

/** The scenarios ALICLOUD_LIVE_SCENARIOS selects (all when unset); an unknown name is refused. */
export function selectedScenarios(env: NodeJS.ProcessEnv): Scenario[] {
  const names = (env[SCENARIOS_ENV] ?? "")
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  if (names.length === 0) return [...SCENARIOS];
  const unknown = names.filter((name) => !(SCENARIOS as readonly string[]).includes(name));
  if (unknown.length)
    throw new Error(`${SCENARIOS_ENV}: unknown scenarios ${unknown.join(", ")} (known: ${SCENARIOS.join(", ")})`);
  return SCENARIOS.filter((scenario) => names.includes(scenario));
}

/** The inputs `scenario` needs that are not given. */
export function missingInputs(scenario: Scenario, inputs: LiveInputs): (keyof LiveInputs)[] {
  return SCENARIO_NEEDS[scenario].filter((key) => inputs[key] === undefined);
}

/** The account a RAM role ARN (`acs:ram::<uid>:role/<name>`) belongs to, if it is one. */
export function roleAccount(arn: string): string | undefined {
  return /^acs:ram::(\d+):role\//.exec(arn)?.[1];
}

/**
 * The accounts other than the credentials' that `scenarios` would change or name, with the input
 * that names each: the CEN owners (granted to), and the account of the role the attachment assumes
 * (it attaches and detaches as that account). A role ARN that names no account is returned as
 * `"?"`, which no allow-list holds.
 */
export function otherAccounts(
  scenarios: readonly Scenario[],
  inputs: LiveInputs,
): { input: keyof LiveInputs; account: string }[] {
  const named: { input: keyof LiveInputs; account: string }[] = [];
  const uses = (...which: Scenario[]) => which.some((s) => scenarios.includes(s));
  if (uses("CenGrantRevocation", "CenChildInstanceAttachment") && inputs.cenOwnerId)
    named.push({ input: "cenOwnerId", account: inputs.cenOwnerId });
  if (uses("CenChildInstanceAttachment") && inputs.cenOwnerRoleArn)
    named.push({ input: "cenOwnerRoleArn", account: roleAccount(inputs.cenOwnerRoleArn) ?? "?" });
  if (uses("TransitRouterGrant")) {
    const owner = inputs.enterpriseCenOwnerId ?? inputs.cenOwnerId;
    if (owner)
      named.push({ input: inputs.enterpriseCenOwnerId ? "enterpriseCenOwnerId" : "cenOwnerId", account: owner });
  }
  return named;
}

/**
 * Why `scenarios` may not run with `allowed` (each account outside it, with the inputs that name
 * it), or undefined when every account they name is allowed.
 */
export function accountsRefused(
  scenarios: readonly Scenario[],
  inputs: LiveInputs,
  allowed: readonly string[],
): string | undefined {
  const outside = new Map<string, Set<string>>();
  for (const { input, account } of otherAccounts(scenarios, inputs))
    if (!allowed.includes(account)) outside.set(account, (outside.get(account) ?? new Set()).add(input));
  if (outside.size === 0) return undefined;
  const named = [...outside].map(([account, inputsNaming]) =>
    account === "?"
      ? `the role ARN ${inputs.cenOwnerRoleArn} names no account (acs:ram::<uid>:role/<name>)`
      : `account ${account} (${[...inputsNaming].join(", ")}) is not in ${ACCOUNTS_ENV}`,
  );
  return `The inputs name another account the run would change: ${named.join("; ")}: nothing was changed.`;
}

/** Whether the switch is on. */
export function switchedOn(env: NodeJS.ProcessEnv): boolean {
  return /^(1|true)$/i.test(env[SWITCH_ENV] ?? "");
}

/** The allow-list (empty when not set). */
export function allowedAccounts(env: NodeJS.ProcessEnv): string[] {
  return (env[ACCOUNTS_ENV] ?? "")
    .split(",")
    .map((uid) => uid.trim())
    .filter(Boolean);
}

/** The run marker every object of one run carries: `pad-live-<UTC time>-<random>`. */
export function newRunMarker(now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "")
    .replace("T", "");
  return `pad-live-${stamp}-${Math.random().toString(36).slice(2, 6)}`;
}

/** Every run marker starts with this. */
export const MARKER_PREFIX = "pad-live-";
