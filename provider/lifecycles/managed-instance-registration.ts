// How a registered server is found, named and deregistered. Nothing is made: create finds the
// managed instance the agent registered (waiting while it has not yet), and names it if asked.
// Any stack can find the same server, so the one holding it says so in its owner tag.
import {
  DeregisterManagedInstance,
  DescribeManagedInstances,
  ModifyManagedInstance,
  TagResources,
} from "../../api/ecs.js";
import { codesFor } from "../client/error-handling.js";
import { AlibabaCloudError } from "../client/errors.js";
import type { CallAnswer, CallParams } from "../client/rpc.js";
import { isUnknown } from "../framework/check.js";
import { OWNER_TAG } from "../framework/holdings.js";
import type { Operation } from "../framework/operation.js";
import { CLOUD_ASSISTANT_REGIONS } from "../framework/regions.js";
import type { Inputs, Outputs, ResourceSpec } from "../framework/resource-spec.js";
import { type MatchValues, REGISTRATION_FIELDS } from "../resources/managed-instance-registration.js";

type Registration = Inputs<typeof REGISTRATION_FIELDS>;
type Stored = Outputs<typeof REGISTRATION_FIELDS>;

const DEFAULT_WAIT_SECONDS = 600;

/** Every field of the managed instance as DescribeManagedInstances reports it. */
export interface ManagedInstance {
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

type Listed = NonNullable<CallAnswer<typeof DescribeManagedInstances>["Instances"]>[number];

function fieldsOf(instance: Listed): ManagedInstance {
  const text = (value: unknown) => (value === undefined || value === null ? "" : String(value));
  return {
    instanceId: text(instance?.InstanceId),
    instanceName: text(instance?.InstanceName),
    hostname: text(instance?.Hostname),
    machineId: text(instance?.MachineId),
    activationId: text(instance?.ActivationId),
    agentVersion: text(instance?.AgentVersion),
    osType: text(instance?.OsType),
    osVersion: text(instance?.OsVersion),
    intranetIp: text(instance?.IntranetIp),
    internetIp: text(instance?.InternetIp),
    registrationTime: text(instance?.RegistrationTime),
    lastInvokedTime: text(instance?.LastInvokedTime),
    invocationCount: Number(instance?.InvocationCount ?? 0),
    connected: instance?.Connected === true || String(instance?.Connected) === "true",
    resourceGroupId: text(instance?.ResourceGroupId),
  };
}

/** Whether a live instance satisfies every field of a match. */
export function satisfies(
  instance: Partial<Pick<ManagedInstance, keyof MatchValues>>,
  match: MatchValues | undefined,
): boolean {
  if (!match) return false;
  return (Object.keys(match) as (keyof MatchValues)[]).every(
    (key) => match[key] === undefined || instance[key] === match[key],
  );
}

/** Every managed instance the filter returns, across pages. */
async function list(
  op: Operation,
  filter: Omit<CallParams<typeof DescribeManagedInstances>, "MaxResults" | "NextToken">,
): Promise<ManagedInstance[]> {
  const found: ManagedInstance[] = [];
  let nextToken: string | undefined;
  do {
    const answer = await op.call(DescribeManagedInstances, { ...filter, MaxResults: 50, NextToken: nextToken });
    found.push(...(answer.Instances ?? []).map(fieldsOf));
    nextToken = answer.NextToken || undefined;
  } while (nextToken);
  return found;
}

// DescribeManagedInstances of an id that does not exist: no page says whether it answers an empty
// list or an error code; either means "not there".
const UNKNOWN_ID = codesFor("ecs", "DescribeManagedInstances", "absent");

/** Whether a failure says that the named managed instance does not exist. */
const unknownId = (error: unknown) => error instanceof AlibabaCloudError && UNKNOWN_ID.includes(error.code);

async function byId(op: Operation, instanceId: string): Promise<ManagedInstance | undefined> {
  try {
    const [instance] = await list(op, { InstanceId: [instanceId] });
    return instance?.instanceId === instanceId ? instance : undefined;
  } catch (error) {
    if (unknownId(error)) return undefined;
    throw error;
  }
}

/** The one registered server that matches `activationId` + `match`; undefined while none does. */
async function findMatch(op: Operation, inputs: Registration): Promise<ManagedInstance | undefined> {
  const match = inputs.match ?? {};
  if (!inputs.activationId || Object.values(match).every((value) => !value)) {
    // check() refuses this; never search every registered server with an empty selector.
    throw new Error("activationId and a non-empty match are needed to find the registered server");
  }
  const candidates = await list(op, {
    ActivationId: inputs.activationId,
    MachineId: match.machineId,
    InstanceName: match.instanceName,
  });
  const matching = candidates.filter((instance) => satisfies(instance, match));
  if (matching.length > 1) {
    throw new Error(
      `${matching.length} managed instances match ${described(match)} (${matching.map((m) => m.instanceId).join(", ")}); add machineId to match, or give instanceId`,
    );
  }
  return matching[0];
}

const described = (match: MatchValues) =>
  Object.entries(match)
    .map(([key, value]) => `${key} ${value}`)
    .join(", ");

async function rename(op: Operation, instanceId: string, name: string): Promise<void> {
  await op.call(ModifyManagedInstance, { InstanceId: instanceId, InstanceName: name });
}

/** The live fields held in stored outputs, without the inputs beside them. */
function storedFields(outputs: Stored): ManagedInstance {
  const stored = outputs as unknown as Record<string, unknown>;
  const keys = Object.keys(fieldsOf({})) as (keyof ManagedInstance)[];
  // Only what is stored: a field without a value would reach the engine as undefined.
  const held = keys.filter((key) => stored[key] !== undefined);
  return Object.fromEntries(held.map((key) => [key, stored[key]])) as unknown as ManagedInstance;
}

/** ManagedInstanceRegistration's lifecycle. */
export const managedInstanceRegistration: ResourceSpec<typeof REGISTRATION_FIELDS, ManagedInstance> = {
  fields: REGISTRATION_FIELDS,
  products: ["ecs"],
  regions: { service: "Cloud Assistant", ids: CLOUD_ASSISTANT_REGIONS },

  refine(inputs, failures, news) {
    // An empty string is no selector at all: it must never widen the search to every server.
    const given = (value: unknown) => value !== undefined && value !== null && value !== "";
    const hasId = given(news.instanceId);
    const hasActivation = given(news.activationId);
    const match = inputs.match;
    if (hasId && (hasActivation || given(news.match))) {
      failures.add("instanceId", "give either instanceId, or activationId with match: not both");
    } else if (!hasId && !hasActivation) {
      failures.add("instanceId", "give instanceId (mi-...), or activationId with match to find the registered server");
    } else if (
      hasActivation &&
      !isUnknown(news.match) &&
      !failures.has("match") &&
      (typeof match !== "object" || Object.keys(match).length === 0)
    ) {
      failures.add("match", "with activationId, match needs at least one of hostname, machineId or instanceName");
    }
  },

  describe: (inputs) => `managed instance ${inputs.instanceId ?? ""}`.trim(),

  probe: (op, inputs, id) => {
    const instanceId = id ?? inputs.instanceId;
    return instanceId ? byId(op, instanceId) : Promise.resolve(undefined);
  },

  // The inputs first, then the live fields, which are the truth.
  outputs: (inputs, live, previous) =>
    ({
      ...inputs,
      ...(live ?? (previous ? storedFields(previous as Stored) : {})),
    }) as Stored,

  create: {
    style: "find",
    find: (op, inputs) => (inputs.instanceId ? byId(op, inputs.instanceId) : findMatch(op, inputs)),
    idOf: (live) => live.instanceId,
    waitFor: (inputs) =>
      inputs.instanceId
        ? undefined
        : {
            what: `a server with ${described(inputs.match ?? {})} to register with activation ${inputs.activationId} (run the Cloud Assistant agent's --register on it)`,
            timeoutMs: (inputs.waitTimeoutSeconds ?? DEFAULT_WAIT_SECONDS) * 1000,
          },
    missing: (inputs) =>
      `Managed instance ${inputs.instanceId} was not found in ${inputs.regionId} for these credentials`,
  },

  remove: {
    async call(op, id) {
      await op.call(DeregisterManagedInstance, { InstanceId: id });
    },
    goneCodes: codesFor("ecs", "DeregisterManagedInstance", "gone"),
    waitUntilGone: false,
  },

  async update(op, id, olds, news) {
    let live = storedFields(olds);
    if (news.instanceName !== undefined && news.instanceName !== olds.instanceName) {
      await rename(op, id, news.instanceName);
      live = { ...live, instanceName: news.instanceName };
    }
    return { ...news, ...live };
  },

  ownerTag: {
    async read(op, id) {
      const answer = await op
        .call(DescribeManagedInstances, { InstanceId: [id], MaxResults: 50 })
        .catch((error: unknown) => {
          if (unknownId(error)) return { Instances: [] };
          throw error;
        });
      const instance = (answer.Instances ?? []).find((listed) => listed?.InstanceId === id);
      return instance?.Tags?.find((tag) => tag?.TagKey === OWNER_TAG)?.TagValue;
    },
    async write(op, id, owner) {
      await op.call(TagResources, {
        ResourceType: "managedinstance",
        ResourceId: [id],
        Tag: [{ Key: OWNER_TAG, Value: owner }],
      });
    },
  },

  // A new match that the server found still satisfies selects the same server: no replacement.
  // Given instanceId instead, that input decides.
  replaceWhen: { match: (olds, news) => news.instanceId === undefined && !satisfies(olds, news.match) },
};
