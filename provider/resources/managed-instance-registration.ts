// ManagedInstanceRegistration: brings a server that the Cloud Assistant agent registered (a
// managed instance, `mi-...`) under the stack. Create finds it (waiting while the agent has not
// registered yet) and optionally names it; destroy = ECS DeregisterManagedInstance.
import { randomUUID } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { AlibabaCloudError } from "../client/errors.js";
import { callRpc, type ParamValue } from "../client/rpc.js";
import type { Settings } from "../client/settings.js";
import * as provider from "../providers/managed-instance-registration.js";
import { changedKeys, inputsOf, type Lifecycle } from "./lifecycle.js";
import { refusePlaintextCredentials } from "./plaintext-guard.js";
import { checkProfile, checkRegion, defined, Failures, isUnknown } from "./validation.js";
import { waitUntil } from "./waiting.js";

/** How to recognise the server among those registered with an activation; every given field must match. */
export interface ManagedInstanceMatch {
  /** The server's hostname as the agent reported it. */
  readonly hostname?: pulumi.Input<string>;
  /** The server's machine code (up to 36 characters). */
  readonly machineId?: pulumi.Input<string>;
  /** The name the instance was registered with (for example `web-001`). */
  readonly instanceName?: pulumi.Input<string>;
}

/** Inputs of {@link ManagedInstanceRegistration}. */
export interface ManagedInstanceRegistrationArgs {
  /** The region the server registered in; defaults to `alicloud:region` or ALIBABA_CLOUD_REGION. */
  readonly regionId?: pulumi.Input<string>;
  /** The managed instance to adopt, e.g. `mi-hz01axdfas****`; or give `activationId` and `match` instead. */
  readonly instanceId?: pulumi.Input<string>;
  /** The activation the server registers with; used with `match` to find it. */
  readonly activationId?: pulumi.Input<string>;
  /** With `activationId`: which registered server this is. */
  readonly match?: pulumi.Input<ManagedInstanceMatch>;
  /** A name to give the managed instance (changed in place); left as registered when omitted. */
  readonly instanceName?: pulumi.Input<string>;
  /** How long create waits for the agent to register the server. @default 600 */
  readonly waitTimeoutSeconds?: pulumi.Input<number>;
  /** A profile in ~/.aliyun/config.json to act as, instead of the stack's credentials. */
  readonly profile?: pulumi.Input<string>;
}

/** A plain {@link ManagedInstanceMatch}. */
export interface MatchValues {
  hostname?: string;
  machineId?: string;
  instanceName?: string;
}

/** The checked inputs, as stored in state. */
export interface RegistrationInputs {
  regionId: string;
  instanceId?: string;
  activationId?: string;
  match?: MatchValues;
  instanceName?: string;
  waitTimeoutSeconds?: number;
  profile?: string;
}

/** Every field of the managed instance as DescribeManagedInstances reports it. */
export interface ManagedInstanceFields {
  instanceId: string;
  instanceName: string;
  hostname: string;
  machineId: string;
  activationId: string;
  agentVersion: string;
  osType: string;
  osVersion: string;
  intranetIp: string;
  internetIp: string;
  registrationTime: string;
  lastInvokedTime: string;
  invocationCount: number;
  connected: boolean;
  resourceGroupId: string;
}

/** The outputs: the stored inputs and the live fields of the managed instance. */
export type RegistrationOutputs = Omit<RegistrationInputs, keyof ManagedInstanceFields> & ManagedInstanceFields;

const DEFAULT_WAIT_SECONDS = 600;
const NAME_PATTERN = /^(?!https?:\/\/)[A-Za-z][A-Za-z0-9._:-]{1,127}$/;
const NAME_RULE = "2 to 128 characters, starting with a letter; letters, digits, '.', '_', '-' and ':'";

const FIELD_KEYS: (keyof ManagedInstanceFields)[] = [
  "instanceId",
  "instanceName",
  "hostname",
  "machineId",
  "activationId",
  "agentVersion",
  "osType",
  "osVersion",
  "intranetIp",
  "internetIp",
  "registrationTime",
  "lastInvokedTime",
  "invocationCount",
  "connected",
  "resourceGroupId",
];

/** The live fields held in stored outputs, without the inputs beside them. */
function storedFields(outputs: RegistrationOutputs): ManagedInstanceFields {
  return Object.fromEntries(FIELD_KEYS.map((key) => [key, outputs[key]])) as unknown as ManagedInstanceFields;
}

function fieldsOf(instance: Record<string, unknown>): ManagedInstanceFields {
  const text = (key: string) => (instance[key] === undefined || instance[key] === null ? "" : String(instance[key]));
  return {
    instanceId: text("InstanceId"),
    instanceName: text("InstanceName"),
    hostname: text("Hostname"),
    machineId: text("MachineId"),
    activationId: text("ActivationId"),
    agentVersion: text("AgentVersion"),
    osType: text("OsType"),
    osVersion: text("OsVersion"),
    intranetIp: text("IntranetIp"),
    internetIp: text("InternetIp"),
    registrationTime: text("RegistrationTime"),
    lastInvokedTime: text("LastInvokedTime"),
    invocationCount: Number(instance.InvocationCount ?? 0),
    connected: instance.Connected === true || instance.Connected === "true",
    resourceGroupId: text("ResourceGroupId"),
  };
}

/** Whether a live instance satisfies every field of a match. */
export function satisfies(
  instance: Pick<ManagedInstanceFields, keyof MatchValues>,
  match: MatchValues | undefined,
): boolean {
  if (!match) return false;
  return (Object.keys(match) as (keyof MatchValues)[]).every(
    (key) => match[key] === undefined || instance[key] === match[key],
  );
}

/** The handlers of {@link ManagedInstanceRegistration}. */
export function managedInstanceRegistrationHandlers(
  settings: Settings,
): Lifecycle<RegistrationInputs, RegistrationOutputs> {
  /** Every managed instance the filter returns, across pages. */
  async function describe(
    inputs: RegistrationInputs,
    filter: Record<string, ParamValue>,
  ): Promise<ManagedInstanceFields[]> {
    const found: ManagedInstanceFields[] = [];
    let nextToken: string | undefined;
    do {
      const answer = await callRpc(settings, {
        product: "ecs",
        action: "DescribeManagedInstances",
        region: inputs.regionId,
        profile: inputs.profile,
        safety: "idempotent",
        params: { ...filter, MaxResults: 50, NextToken: nextToken },
      });
      const instances = Array.isArray(answer.Instances) ? (answer.Instances as Record<string, unknown>[]) : [];
      found.push(...instances.map(fieldsOf));
      nextToken = typeof answer.NextToken === "string" && answer.NextToken ? answer.NextToken : undefined;
    } while (nextToken);
    return found;
  }

  async function byId(inputs: RegistrationInputs, instanceId: string): Promise<ManagedInstanceFields | undefined> {
    const [instance] = await describe(inputs, { "InstanceId.1": instanceId });
    return instance?.instanceId === instanceId ? instance : undefined;
  }

  /** Waits for exactly one registered server to match `activationId` + `match`. */
  async function findMatch(inputs: RegistrationInputs): Promise<ManagedInstanceFields> {
    const match = inputs.match ?? {};
    if (!inputs.activationId || Object.values(match).every((value) => !value)) {
      // check() refuses this; never search every registered server with an empty selector.
      throw new Error("activationId and a non-empty match are needed to find the registered server");
    }
    const wanted = Object.entries(match)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ");
    const timeoutMs = (inputs.waitTimeoutSeconds ?? DEFAULT_WAIT_SECONDS) * 1000;
    return waitUntil(
      {
        what: `a server with ${wanted} to register with activation ${inputs.activationId} (run the Cloud Assistant agent's --register on it)`,
        timeoutMs,
        intervalMs: settings.timing.pollIntervalMs,
        log: settings.log,
        announce: true,
      },
      async () => {
        const candidates = await describe(inputs, {
          ActivationId: inputs.activationId,
          MachineId: match.machineId,
          InstanceName: match.instanceName,
        });
        const matching = candidates.filter((instance) => satisfies(instance, match));
        if (matching.length > 1) {
          throw new Error(
            `${matching.length} managed instances match ${wanted} (${matching.map((m) => m.instanceId).join(", ")}); add machineId to match, or give instanceId`,
          );
        }
        return matching[0];
      },
    );
  }

  async function rename(inputs: RegistrationInputs, instanceId: string, name: string): Promise<void> {
    await callRpc(settings, {
      product: "ecs",
      action: "ModifyManagedInstance",
      region: inputs.regionId,
      profile: inputs.profile,
      safety: "idempotent",
      params: { InstanceId: instanceId, InstanceName: name },
    });
  }

  /** The outputs: inputs first, then the live fields, which are the truth. */
  function outputs(inputs: RegistrationInputs, live: ManagedInstanceFields): RegistrationOutputs {
    return { ...inputs, ...live };
  }

  return {
    async check(olds, news) {
      const failures = new Failures();
      const regionId = checkRegion(failures, olds, news, settings);
      const profile = checkProfile(failures, news);
      const instanceId = failures.text(
        news,
        "instanceId",
        /^mi-[a-z0-9]+$/,
        "a managed instance ID such as mi-hz01axdfas",
        false,
      );
      const activationId = failures.text(news, "activationId", /^[A-Za-z0-9-]{1,64}$/, "an activation ID", false);
      const instanceName = failures.text(news, "instanceName", NAME_PATTERN, NAME_RULE, false);
      failures.integer(news, "waitTimeoutSeconds", 0, 86_400);
      let match: MatchValues | undefined;
      const rawMatch = news.match;
      if (rawMatch !== undefined && rawMatch !== null && !isUnknown(rawMatch)) {
        if (typeof rawMatch !== "object" || Array.isArray(rawMatch)) {
          failures.add("match", "match must be an object with hostname, machineId and/or instanceName");
        } else {
          const raw = rawMatch as Record<string, unknown>;
          const unknownKeys = Object.keys(raw).filter((k) => !["hostname", "machineId", "instanceName"].includes(k));
          if (unknownKeys.length)
            failures.add("match", `match accepts hostname, machineId and instanceName; not ${unknownKeys.join(", ")}`);
          match = defined({
            hostname: failures.text(raw, "hostname", /^.{1,255}$/, "a hostname", false),
            machineId: failures.text(raw, "machineId", /^.{1,36}$/, "a machine code of up to 36 characters", false),
            instanceName: failures.text(raw, "instanceName", /^.{1,128}$/, "an instance name", false),
          });
        }
      }
      // An empty string is no selector at all: it must never widen the search to every server.
      const hasId = news.instanceId !== undefined && news.instanceId !== null && news.instanceId !== "";
      const hasActivation = news.activationId !== undefined && news.activationId !== null && news.activationId !== "";
      if (hasId && (hasActivation || match)) {
        failures.add("instanceId", "give either instanceId, or activationId with match: not both");
      } else if (!hasId && !hasActivation) {
        failures.add(
          "instanceId",
          "give instanceId (mi-...), or activationId with match to find the registered server",
        );
      } else if (hasActivation && !isUnknown(rawMatch) && (!match || Object.keys(match).length === 0)) {
        failures.add("match", "with activationId, match needs at least one of hostname, machineId or instanceName");
      }
      const inputs = defined({
        regionId,
        instanceId,
        activationId,
        match,
        instanceName,
        waitTimeoutSeconds: news.waitTimeoutSeconds as number | undefined,
        profile,
      }) as RegistrationInputs;
      return failures.result(inputs);
    },

    async diff(_id, olds, news) {
      // Inputs that select the server are compared only when given: the outputs of the same
      // names hold what the live instance reports.
      const differs = (key: "instanceId" | "activationId") => news[key] !== undefined && news[key] !== olds[key];
      const matchChanged = changedKeys<RegistrationInputs>(olds, news, ["match"]).length > 0;
      const replaces: string[] = [];
      if (olds.regionId !== news.regionId) replaces.push("regionId");
      if (differs("instanceId")) replaces.push("instanceId");
      if (differs("activationId")) replaces.push("activationId");
      // A new match that the adopted server still satisfies selects the same server: no replacement.
      if (matchChanged && news.instanceId === undefined && !satisfies(olds, news.match)) replaces.push("match");
      const renamed = news.instanceName !== undefined && news.instanceName !== olds.instanceName;
      const other = changedKeys<RegistrationInputs>(olds, news, ["waitTimeoutSeconds", "profile"]).length > 0;
      return { changes: replaces.length > 0 || renamed || matchChanged || other, replaces, deleteBeforeReplace: false };
    },

    async create(inputs) {
      let live: ManagedInstanceFields;
      if (inputs.instanceId) {
        const found = await byId(inputs, inputs.instanceId);
        if (!found)
          throw new Error(
            `Managed instance ${inputs.instanceId} was not found in ${inputs.regionId} for these credentials`,
          );
        live = found;
      } else {
        live = await findMatch(inputs);
      }
      if (inputs.instanceName && inputs.instanceName !== live.instanceName) {
        await rename(inputs, live.instanceId, inputs.instanceName);
        live = { ...live, instanceName: inputs.instanceName };
      }
      return { id: live.instanceId, outs: outputs(inputs, live) };
    },

    async read(id, props) {
      const live = await byId(props, id);
      if (!live) return {};
      const inputKeys = [
        "regionId",
        "instanceId",
        "activationId",
        "match",
        "instanceName",
        "waitTimeoutSeconds",
        "profile",
      ];
      return { id, props: outputs(props, live), inputs: inputsOf(props, inputKeys) };
    },

    async update(id, olds, news) {
      let live = storedFields(olds);
      if (news.instanceName !== undefined && news.instanceName !== olds.instanceName) {
        await rename(news, id, news.instanceName);
        live = { ...live, instanceName: news.instanceName };
      }
      return { outs: outputs(news, live) };
    },

    async delete(id, props) {
      try {
        await callRpc(settings, {
          product: "ecs",
          action: "DeregisterManagedInstance",
          region: props.regionId,
          profile: props.profile,
          safety: "client-token",
          params: { InstanceId: id, ClientToken: randomUUID() },
        });
      } catch (error) {
        if (error instanceof AlibabaCloudError && error.code === "InvalidInstance.NotFound") return;
        throw error;
      }
    },
  };
}

/**
 * A server registered with Cloud Assistant (a managed instance), adopted by the stack: create
 * finds it, waiting for the agent to register when needed, and can name it; destroy deregisters it.
 */
export class ManagedInstanceRegistration extends pulumi.dynamic.Resource {
  /** The managed instance ID (`mi-...`). */
  declare readonly instanceId: pulumi.Output<string>;
  /** The managed instance's name. */
  declare readonly instanceName: pulumi.Output<string>;
  /** The server's hostname. */
  declare readonly hostname: pulumi.Output<string>;
  /** The server's machine code. */
  declare readonly machineId: pulumi.Output<string>;
  /** The activation the server registered with. */
  declare readonly activationId: pulumi.Output<string>;
  /** The Cloud Assistant agent version. */
  declare readonly agentVersion: pulumi.Output<string>;
  /** The operating system type (`linux`, `windows`, `FreeBSD`). */
  declare readonly osType: pulumi.Output<string>;
  /** The operating system version. */
  declare readonly osVersion: pulumi.Output<string>;
  /** The server's private IP address. */
  declare readonly intranetIp: pulumi.Output<string>;
  /** The server's public IP address, if any. */
  declare readonly internetIp: pulumi.Output<string>;
  /** When the server registered (ISO 8601, UTC). */
  declare readonly registrationTime: pulumi.Output<string>;
  /** When Cloud Assistant last ran a task on it (ISO 8601, UTC). */
  declare readonly lastInvokedTime: pulumi.Output<string>;
  /** How many Cloud Assistant tasks ran on it. */
  declare readonly invocationCount: pulumi.Output<number>;
  /** Whether the agent is connected. */
  declare readonly connected: pulumi.Output<boolean>;
  /** The resource group of the managed instance. */
  declare readonly resourceGroupId: pulumi.Output<string>;
  /** The region the server registered in. */
  declare readonly regionId: pulumi.Output<string>;

  /** Declares the adoption; see {@link ManagedInstanceRegistrationArgs}. */
  constructor(name: string, args: ManagedInstanceRegistrationArgs, opts?: pulumi.CustomResourceOptions) {
    refusePlaintextCredentials();
    // Every live field is an output, unknown until the server is found.
    const computed = Object.fromEntries([...FIELD_KEYS, "regionId"].map((key) => [key, undefined]));
    super(provider, name, { ...computed, ...args }, opts, "alicloud", "ManagedInstanceRegistration");
  }
}
