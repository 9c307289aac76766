// Saving and loading the world (--state). Writes are atomic and durable: temp file, fsync,
// rename, fsync of the directory; the caller saves before it answers, so nothing acknowledged is lost.
import fs from "node:fs";
import path from "node:path";
import { DEFAULT_SETTINGS, type WorldSettings } from "./settings.js";
import type { Table, TableData } from "./table.js";
import type { AccessKey, Region, ResourceGroup } from "./types.js";
import { World } from "./world.js";

/** Serialized region state. */
interface RegionData {
  readonly [table: string]: TableData<unknown> | { [instanceId: string]: number };
}

/** Serialized account. */
interface AccountData {
  readonly uid: string;
  readonly name: string;
  readonly realNameVerified: boolean;
  readonly blockedActions: string[];
  readonly resourceGroups: ResourceGroup[];
  readonly cens: TableData<unknown>;
  readonly regions: { [regionId: string]: RegionData };
}

/** Serialized world. */
export interface WorldData {
  /** Settings. */
  readonly settings: WorldSettings;
  /** Regions. */
  readonly regions: Region[];
  /** Clock offset. */
  readonly clockOffsetMs: number;
  /** Keys with their account. */
  readonly keys: Array<{ uid: string; key: AccessKey }>;
  /** Accounts. */
  readonly accounts: AccountData[];
}

const TABLES = ["vpcs", "vbrs", "ccns", "instances", "grants", "links", "activations", "managedInstances"] as const;

/** World -> plain data. */
export function worldToData(world: World): WorldData {
  const accounts: AccountData[] = [];
  for (const account of world.accounts.values()) {
    const regions: { [regionId: string]: RegionData } = {};
    for (const [regionId, state] of account.regions) {
      const data: { [table: string]: TableData<unknown> | { [instanceId: string]: number } } = {};
      for (const name of TABLES) data[name] = (state[name] as Table<unknown>).toData();
      data.tasks = Object.fromEntries(state.tasks);
      regions[regionId] = data;
    }
    accounts.push({
      uid: account.uid,
      name: account.name,
      realNameVerified: account.realNameVerified,
      blockedActions: [...account.blockedActions],
      resourceGroups: [...account.resourceGroups.values()],
      cens: account.cens.toData(),
      regions,
    });
  }
  return {
    settings: world.settings,
    regions: [...world.regions.values()],
    clockOffsetMs: world.clock.offsetMs,
    keys: [...world.keys.values()].map((entry) => ({ uid: entry.uid, key: entry.key })),
    accounts,
  };
}

/** Plain data -> World. */
export function worldFromData(data: WorldData): World {
  const world = new World();
  world.settings = { ...DEFAULT_SETTINGS, ...data.settings };
  world.clock.offsetMs = data.clockOffsetMs ?? 0;
  for (const region of data.regions) world.regions.set(region.regionId, region);
  for (const account of data.accounts) {
    const target = world.ensureAccount(account.uid, account.name);
    target.realNameVerified = account.realNameVerified;
    target.blockedActions = [...account.blockedActions];
    for (const group of account.resourceGroups) target.resourceGroups.set(group.id, group);
    target.cens.load(account.cens as TableData<never>);
    for (const [regionId, regionData] of Object.entries(account.regions)) {
      const state = target.region(regionId);
      for (const name of TABLES) {
        (state[name] as Table<unknown>).load(regionData[name] as TableData<unknown>);
      }
      for (const [instanceId, endsAt] of Object.entries(regionData.tasks ?? {})) {
        if (typeof endsAt === "number") state.tasks.set(instanceId, endsAt);
      }
    }
  }
  for (const { uid, key } of data.keys) world.addKey(uid, key);
  return world;
}

/** Writes text to a file atomically and durably. */
export function writeFileAtomic(file: string, text: string): void {
  const dir = path.dirname(path.resolve(file));
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  const fd = fs.openSync(temp, "w", 0o600);
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
  try {
    // Make the rename itself durable; not every platform can fsync a directory.
    const dirFd = fs.openSync(dir, "r");
    try {
      fs.fsyncSync(dirFd);
    } finally {
      fs.closeSync(dirFd);
    }
  } catch {
    // best effort
  }
}

/** Reads a JSON file, or undefined when it does not exist. */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  return JSON.parse(text) as unknown;
}
