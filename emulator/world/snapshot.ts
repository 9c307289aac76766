// The admin view of the world (GET /__admin/world): latest values, times in ISO 8601, and no
// secrets (AccessKeyIds only; activation codes are not even stored).
import { isoSeconds } from "../core/time.js";
import { REGION_TABLES, type RegionTableName, type World } from "./world.js";

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

/** The snapshot's name for each table (a complete map: a new table cannot be forgotten here). */
const SNAPSHOT_NAMES: { readonly [name in RegionTableName]: string } = {
  vpcs: "vpcs",
  vbrs: "vbrs",
  ccns: "ccns",
  instances: "ecsInstances",
  grants: "grants",
  links: "classicLinks",
  activations: "activations",
  managedInstances: "managedInstances",
};

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
      const tables: { [key: string]: SnapshotValue } = {};
      for (const name of REGION_TABLES) {
        tables[SNAPSHOT_NAMES[name]] = [...state.table(name).values()].map((v) => timeFields(v as object, TIMES));
      }
      regions[regionId] = { ...tables, tasks };
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
