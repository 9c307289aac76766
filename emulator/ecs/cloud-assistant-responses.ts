// Cloud Assistant action handlers: parameters in, model call, the contract's answer out
// (api/ecs.ts, spec §7, seed DeregisterManagedInstance).
import type {
  ActivationFields,
  CreateActivation,
  DeleteActivation,
  DeregisterManagedInstance,
  DescribeActivations,
  DescribeManagedInstances,
  DisableActivation,
  ManagedInstanceFields,
  ModifyManagedInstance,
  TagOut,
  TagResources,
} from "../../api/ecs.js";
import type { ActionContext, Answer } from "../core/api.js";
import { compareText } from "../core/encoding.js";
import { invalidParameter } from "../core/gateway-errors.js";
import { type PagingErrors, readPaging, takePage } from "../core/paging.js";
import { isoSeconds } from "../core/time.js";
import { ipInRange, parseIpRange } from "../world/net.js";
import {
  caRegion,
  checkTags,
  createActivation as create,
  deregisterManagedInstance as deregister,
  disableActivation as disable,
  findActivation,
  namePatternOk,
  deleteActivation as remove,
  renameManagedInstance,
  tagCloudAssistantResources,
} from "./cloud-assistant-models.js";
import * as err from "./exceptions.js";
import type { Activation, ManagedInstance, Tag } from "./types.js";

const PAGING: PagingErrors = {
  pageNumber: err.pageNumber,
  pageSize: err.pageSize,
  maxResults: err.maxResults,
  nextToken: err.nextToken,
};

function tagsOut(tags: readonly Tag[]): TagOut[] {
  return tags.map((t) => ({ TagKey: t.key, TagValue: t.value }));
}

function hasTags(have: readonly Tag[], wanted: readonly Tag[]): boolean {
  return wanted.every((w) => have.some((h) => h.key === w.key && (w.value === "" || h.value === w.value)));
}

/** An activation as DescribeActivations and DisableActivation answer it. */
function activationOut(a: Activation): ActivationFields {
  return {
    ActivationId: a.activationId,
    CreationTime: isoSeconds(a.creationTime),
    DeregisteredCount: a.deregisteredCount,
    Description: a.description,
    Disabled: a.disabled,
    InstanceCount: a.instanceCount,
    InstanceName: a.instanceName,
    IpAddressRange: a.ipAddressRange,
    RegisteredCount: a.registeredCount,
    TimeToLiveInHours: a.timeToLiveInHours,
  };
}

/** DeleteActivation's answer has no `Disabled` (spec §7.4). */
function deletedActivationOut(a: Activation): Omit<ActivationFields, "Disabled"> {
  const { Disabled, ...rest } = activationOut(a);
  return rest;
}

function instanceOut(m: ManagedInstance): ManagedInstanceFields {
  return {
    ActivationId: m.activationId,
    AgentVersion: m.agentVersion,
    Hostname: m.hostname,
    InstanceId: m.instanceId,
    InstanceName: m.instanceName,
    InternetIp: m.internetIp,
    IntranetIp: m.intranetIp,
    InvocationCount: m.invocationCount,
    LastInvokedTime: m.lastInvokedTime === undefined ? "" : isoSeconds(m.lastInvokedTime),
    MachineId: m.machineId,
    OsType: m.osType,
    OsVersion: m.osVersion,
    RegistrationTime: isoSeconds(m.registrationTime),
    ResourceGroupId: m.resourceGroupId,
  };
}

export function createActivation(ctx: ActionContext<typeof CreateActivation>): Answer<typeof CreateActivation> {
  const p = ctx.params;
  const regionId = p.required("RegionId");
  caRegion(ctx.world, ctx.account, regionId);
  const instanceName = p.get("InstanceName") ?? "";
  if (instanceName.length > 50) throw err.prefixTooLong();
  if (instanceName !== "" && !namePatternOk(instanceName)) throw err.namePattern();
  const description = p.get("Description") ?? "";
  if (description.length > 100) throw err.descTooLong();
  const s = ctx.world.settings;
  const instanceCount = p.integer("InstanceCount", 10, 1, s.activationMaxInstanceCount, () =>
    err.countLimit(s.activationMaxInstanceCount),
  );
  const timeToLiveInHours = p.integer("TimeToLiveInHours", 4, 1, s.activationMaxTtlHours, () =>
    err.ttlLimit(s.activationMaxTtlHours),
  );
  const ipAddressRange = p.get("IpAddressRange") ?? "0.0.0.0/0";
  if (!parseIpRange(ipAddressRange)) throw err.addressRange();
  const tags = checkTags(p.tags("Tag"), p.maxIndex("Tag"));
  const { activation, code } = create(
    ctx.world,
    ctx.account,
    {
      regionId,
      instanceName,
      description,
      instanceCount,
      timeToLiveInHours,
      ipAddressRange,
      resourceGroupId: p.get("ResourceGroupId") ?? "",
      tags,
    },
    ctx.now,
  );
  ctx.effect(`CreateActivation:${activation.activationId}`);
  return { ActivationId: activation.activationId, ActivationCode: code };
}

/** Filters ActivationId, InstanceName, ResourceGroupId, Tag.N; both paging styles. */
export function describeActivations(
  ctx: ActionContext<typeof DescribeActivations>,
): Answer<typeof DescribeActivations> {
  const p = ctx.params;
  const region = caRegion(ctx.world, ctx.account, p.required("RegionId"));
  const wantedTags = checkTags(p.tags("Tag"), p.maxIndex("Tag"));
  const activationId = p.get("ActivationId");
  const instanceName = p.get("InstanceName");
  const group = p.get("ResourceGroupId");
  const filters = JSON.stringify([activationId, instanceName, group, wantedTags]);
  const paging = readPaging(p, filters, PAGING);
  const matches = [...region.activations.visibleValues(ctx.now)]
    .filter((a) => activationId === undefined || a.activationId === activationId)
    .filter((a) => instanceName === undefined || a.instanceName === instanceName)
    .filter((a) => group === undefined || a.resourceGroupId === group)
    .filter((a) => hasTags(a.tags, wantedTags))
    .sort((a, b) => a.creationTime - b.creationTime || compareText(a.activationId, b.activationId));
  const { page, fields } = takePage(matches, paging, filters);
  return {
    ...fields,
    ActivationList: page.map((a) => ({
      ...activationOut(a),
      ResourceGroupId: a.resourceGroupId,
      Tags: tagsOut(a.tags),
    })),
  };
}

export function disableActivation(ctx: ActionContext<typeof DisableActivation>): Answer<typeof DisableActivation> {
  const region = caRegion(ctx.world, ctx.account, ctx.params.required("RegionId"));
  const activation = findActivation(region, ctx.params.required("ActivationId"));
  const updated = disable(ctx.world, region, activation, ctx.now);
  if (updated !== activation) ctx.effect(`DisableActivation:${activation.activationId}`);
  return { Activation: activationOut(updated) };
}

/** Refused while instances registered with the activation are still registered. */
export function deleteActivation(ctx: ActionContext<typeof DeleteActivation>): Answer<typeof DeleteActivation> {
  const region = caRegion(ctx.world, ctx.account, ctx.params.required("RegionId"));
  const activation = findActivation(region, ctx.params.required("ActivationId"));
  remove(ctx.world, region, activation, ctx.now);
  ctx.effect(`DeleteActivation:${activation.activationId}`);
  return { Activation: deletedActivationOut(activation) };
}

/** Filters InstanceId.N, InstanceName, InstanceIp, ActivationId, MachineId, OsType, Connected, ResourceGroupId, Tag.N. */
export function describeManagedInstances(
  ctx: ActionContext<typeof DescribeManagedInstances>,
): Answer<typeof DescribeManagedInstances> {
  const p = ctx.params;
  const region = caRegion(ctx.world, ctx.account, p.required("RegionId"));
  const ids = p.list("InstanceId");
  if (ids.length > 50 || p.maxIndex("InstanceId") > 50) throw invalidParameter("InstanceId");
  const wantedTags = checkTags(p.tags("Tag"), p.maxIndex("Tag"));
  const name = p.get("InstanceName");
  const ip = p.get("InstanceIp");
  const activationId = p.get("ActivationId");
  const machineId = p.get("MachineId");
  if (machineId !== undefined && machineId.length > 36) throw invalidParameter("MachineId");
  const osType = p.get("OsType")?.toLowerCase();
  const connectedText = p.get("Connected");
  if (connectedText !== undefined && connectedText !== "true" && connectedText !== "false") {
    throw invalidParameter("Connected");
  }
  const group = p.get("ResourceGroupId");
  // Unknown in the sources (settings.unknownManagedInstance): an unknown id is left out, or refused.
  if (ctx.world.settings.unknownManagedInstance === "error" && ids.some((id) => !region.managedInstances.get(id))) {
    throw err.deregisterNotFound();
  }
  const filters = JSON.stringify([ids, name, ip, activationId, machineId, osType, connectedText, group, wantedTags]);
  const paging = readPaging(p, filters, PAGING);
  const ipRange = ip === undefined ? undefined : parseIpRange(ip);
  const matches = [...region.managedInstances.visibleValues(ctx.now)]
    .filter((m) => ids.length === 0 || ids.includes(m.instanceId))
    .filter((m) => name === undefined || m.instanceName === name)
    .filter(
      (m) =>
        ip === undefined ||
        m.intranetIp === ip ||
        m.internetIp === ip ||
        (ipRange !== undefined && (ipInRange(m.intranetIp, ipRange) || ipInRange(m.internetIp, ipRange))),
    )
    .filter((m) => activationId === undefined || m.activationId === activationId)
    .filter((m) => machineId === undefined || m.machineId === machineId)
    .filter((m) => osType === undefined || m.osType.toLowerCase() === osType)
    .filter((m) => connectedText === undefined || String(m.connected) === connectedText)
    .filter((m) => group === undefined || m.resourceGroupId === group)
    .filter((m) => hasTags(m.tags, wantedTags))
    .sort((a, b) => a.registrationTime - b.registrationTime || compareText(a.instanceId, b.instanceId));
  const { page, fields } = takePage(matches, paging, filters);
  return {
    ...fields,
    Instances: page.map((m) => ({ ...instanceOut(m), Connected: m.connected, Tags: tagsOut(m.tags) })),
  };
}

/** Only the name changes. */
export function modifyManagedInstance(
  ctx: ActionContext<typeof ModifyManagedInstance>,
): Answer<typeof ModifyManagedInstance> {
  const p = ctx.params;
  const region = caRegion(ctx.world, ctx.account, p.required("RegionId"));
  const instanceId = p.required("InstanceId");
  const name = p.required("InstanceName");
  if (name.length > 128) throw err.nameTooLong();
  if (!namePatternOk(name)) throw err.namePattern();
  const before = region.managedInstances.get(instanceId)?.instanceName;
  const updated = renameManagedInstance(ctx.world, region, instanceId, name, ctx.now);
  // Renaming to the current name changes nothing (a retry after a lost answer, typically).
  if (before !== name) ctx.effect(`ModifyManagedInstance:${instanceId}`);
  return { Instance: { InstanceId: updated.instanceId, InstanceName: updated.instanceName } };
}

/** The answer carries the instance as it was (seed document). */
export function deregisterManagedInstance(
  ctx: ActionContext<typeof DeregisterManagedInstance>,
): Answer<typeof DeregisterManagedInstance> {
  const region = caRegion(ctx.world, ctx.account, ctx.params.required("RegionId"));
  const instanceId = ctx.params.required("InstanceId");
  // Unknown in the sources (settings.deregisterUnknownInstance): refused, or a success that changes
  // nothing and carries only the id asked for (inferred: no page shows that answer).
  if (ctx.world.settings.deregisterUnknownInstance === "succeed" && !region.managedInstances.get(instanceId)) {
    return { Instance: unknownInstanceOut(instanceId) };
  }
  const instance = deregister(ctx.world, region, instanceId, ctx.now);
  ctx.effect(`DeregisterManagedInstance:${instanceId}`);
  return { Instance: instanceOut(instance) };
}

/** What a deregistration of an unknown id answers when it succeeds: the id, every other field empty. */
function unknownInstanceOut(instanceId: string): ManagedInstanceFields {
  return {
    ActivationId: "",
    AgentVersion: "",
    Hostname: "",
    InstanceId: instanceId,
    InstanceName: "",
    InternetIp: "",
    IntranetIp: "",
    InvocationCount: 0,
    LastInvokedTime: "",
    MachineId: "",
    OsType: "",
    OsVersion: "",
    RegistrationTime: "",
    ResourceGroupId: "",
  };
}

/** The resource types the ECS SDK's TagResourcesRequest documents; of these, the emulator holds Cloud Assistant's. */
const TAGGABLE_TYPES = new Set([
  "instance",
  "disk",
  "snapshot",
  "image",
  "securitygroup",
  "volume",
  "eni",
  "ddh",
  "ddhcluster",
  "keypair",
  "launchtemplate",
  "reservedinstance",
  "snapshotpolicy",
  "elasticityassurance",
  "capacityreservation",
  "command",
  "invocation",
  "activation",
  "managedinstance",
]);

/** Tags activations or managed instances; a resource of another type is not in this world (not found). */
export function tagResources(ctx: ActionContext<typeof TagResources>): Answer<typeof TagResources> {
  const p = ctx.params;
  const region = caRegion(ctx.world, ctx.account, p.required("RegionId"));
  const type = p.required("ResourceType");
  if (!TAGGABLE_TYPES.has(type)) throw err.resourceTypeUnknown();
  const ids = p.list("ResourceId");
  if (ids.length === 0 || ids.length > 50 || p.maxIndex("ResourceId") > 50) throw err.resourceIdCount();
  const tags = checkTags(p.tags("Tag"), p.maxIndex("Tag"));
  if (tags.length === 0) throw err.tagsMissing();
  if (type !== "activation" && type !== "managedinstance") throw err.resourceIdNotFound();
  tagCloudAssistantResources(ctx.world, region, type, ids, tags, ctx.now);
  for (const id of ids) ctx.effect(`TagResources:${id}`);
  return {};
}
