// The admin view of the world (GET /__admin/world): latest values, times in ISO 8601, and no
// secrets (AccessKeyIds only; activation codes are not even stored).
import { isoSeconds } from "../core/signature-v1.js";
import type { World } from "./world.js";

/** JSON data of a snapshot. */
export type SnapshotValue = string | number | boolean | null | SnapshotValue[] | { [key: string]: SnapshotValue };

function timeFields<T extends object>(record: T, fields: readonly string[]): { [key: string]: SnapshotValue } {
  const out: { [key: string]: SnapshotValue } = {};
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined || key === "codeHash") continue;
    out[key] = fields.includes(key) && typeof value === "number" ? isoSeconds(value) : (value as SnapshotValue);
  }
  return out;
}

const TIMES = ["creationTime", "registrationTime", "lastInvokedTime"];

/** Builds the snapshot. */
export function snapshotWorld(world: World): { [key: string]: SnapshotValue } {
  const accounts: SnapshotValue[] = [];
  for (const account of world.accounts.values()) {
    const regions: { [regionId: string]: SnapshotValue } = {};
    for (const [regionId, state] of account.regions) {
      // A region the account merely looked at (an empty state) is not part of its world.
      if (state.tables().every((table) => table.size === 0) && state.tasks.size === 0) continue;
      const tasks: { [instanceId: string]: SnapshotValue } = {};
      for (const [instanceId, endsAt] of state.tasks) tasks[instanceId] = isoSeconds(endsAt);
      regions[regionId] = {
        vpcs: [...state.vpcs.values()].map((v) => timeFields(v, TIMES)),
        vbrs: [...state.vbrs.values()].map((v) => timeFields(v, TIMES)),
        ccns: [...state.ccns.values()].map((v) => timeFields(v, TIMES)),
        ecsInstances: [...state.instances.values()].map((v) => timeFields(v, TIMES)),
        grants: [...state.grants.values()].map((v) => timeFields(v, TIMES)),
        classicLinks: [...state.links.values()].map((v) => timeFields(v, TIMES)),
        activations: [...state.activations.values()].map((v) => timeFields(v, TIMES)),
        managedInstances: [...state.managedInstances.values()].map((v) => timeFields(v, TIMES)),
        tasks,
      };
    }
    accounts.push({
      uid: account.uid,
      name: account.name,
      realNameVerified: account.realNameVerified,
      blockedActions: [...account.blockedActions],
      resourceGroups: [...account.resourceGroups.values()].map((g) => ({ id: g.id, status: g.status })),
      accessKeys: world.keysOf(account.uid).map((k) => ({
        accessKeyId: k.accessKeyId,
        kind: k.kind,
        disabled: k.disabled,
        ...(k.subUserName ? { subUserName: k.subUserName } : {}),
        ...(k.allowedActions ? { allowedActions: [...k.allowedActions] } : {}),
        ...(k.expiration === undefined ? {} : { expiration: isoSeconds(k.expiration) }),
      })),
      cens: [...account.cens.values()].map((c) => ({ cenId: c.cenId, name: c.name })),
      regions,
    });
  }
  return {
    now: isoSeconds(world.now()),
    clockOffsetMs: world.clock.offsetMs,
    settings: { ...world.settings },
    regions: [...world.regions.values()].map((r) => ({ ...r })),
    accounts,
  };
}
