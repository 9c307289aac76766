// Saving and loading the world (--state): the state file's format and its atomic, durable writes
// (temp file, write everything, fsync, rename, fsync of the directory). The caller saves before it
// answers, so nothing acknowledged is lost; the last saved state stays in memory so that a failed
// save can be undone. A process killed in the middle of a write leaves its temp file
// (`.<name>.<pid>.tmp`) behind: the next emulator on the same state file removes those of processes
// that are gone.
import fs from "node:fs";
import path from "node:path";
import type { TokenRecordData } from "../core/idempotency.js";
import { DEFAULT_SETTINGS, type WorldSettings } from "./settings.js";
import type { SavedTables } from "./table-spec.js";
import type { AccessKey, Region, ResourceGroup } from "./types.js";
import { World } from "./world.js";

/**
 * A saved account: its core fields, each product's account-wide tables (`cens`), and per region
 * each product's tables (`vpcs`, ..., `instances`, ..., `tasks`), by their stores' persist keys.
 */
interface AccountData extends SavedTables {
  readonly uid: string;
  readonly name: string;
  readonly realNameVerified: boolean;
  readonly blockedActions: string[];
  readonly resourceGroups: ResourceGroup[];
  readonly regions: { readonly [regionId: string]: SavedTables };
}

/** A saved world. */
export interface WorldData {
  readonly settings: WorldSettings;
  readonly regions: Region[];
  readonly clockOffsetMs: number;
  /** Keys with their account. */
  readonly keys: Array<{ uid: string; key: AccessKey }>;
  readonly accounts: AccountData[];
}

/** Every store's part of one place, side by side (their keys never clash: checkKeys). */
function merge(parts: readonly SavedTables[]): SavedTables {
  const out: { [key: string]: unknown } = {};
  for (const part of parts) Object.assign(out, part);
  return out;
}

/** World -> plain data. */
export function worldToData(world: World): WorldData {
  const stores = Object.values(world.stores);
  const accounts: AccountData[] = [];
  for (const account of world.accounts.values()) {
    const regions: { [regionId: string]: SavedTables } = {};
    for (const regionId of new Set(stores.flatMap((store) => store.regionIds(account.uid)))) {
      regions[regionId] = merge(stores.map((store) => store.saveRegion(account.uid, regionId)));
    }
    accounts.push({
      uid: account.uid,
      name: account.name,
      realNameVerified: account.realNameVerified,
      blockedActions: [...account.blockedActions],
      resourceGroups: [...account.resourceGroups.values()],
      ...merge(stores.map((store) => store.saveAccount(account.uid))),
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

/** Plain data -> World (also a state file written before the stores were split: same keys). */
export function worldFromData(data: WorldData): World {
  const world = new World();
  const stores = Object.values(world.stores);
  world.settings = { ...DEFAULT_SETTINGS, ...data.settings };
  world.clock.offsetMs = data.clockOffsetMs ?? 0;
  for (const region of data.regions) world.regions.set(region.regionId, region);
  for (const account of data.accounts) {
    const target = world.ensureAccount(account.uid, account.name);
    target.realNameVerified = account.realNameVerified;
    target.blockedActions = [...account.blockedActions];
    for (const group of account.resourceGroups) target.resourceGroups.set(group.id, group);
    for (const store of stores) store.loadAccount(account.uid, account);
    for (const [regionId, regionData] of Object.entries(account.regions)) {
      for (const store of stores) store.loadRegion(account.uid, regionId, regionData);
    }
  }
  for (const { uid, key } of data.keys) world.addKey(uid, key);
  return world;
}

/** The temp file a process writes `file` through. */
function tempFile(file: string, pid: number): string {
  return path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${pid}.tmp`);
}

/** Whether a process is alive (EPERM: alive, owned by someone else). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes the temp files of `file` left by processes that died while writing it (and this
 * process's own, which only exists mid-write). Returns the files removed.
 */
export function removeStaleTempFiles(file: string): string[] {
  const dir = path.dirname(path.resolve(file));
  const prefix = `.${path.basename(file)}.`;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(".tmp")) continue;
    const pidText = name.slice(prefix.length, -".tmp".length);
    if (!/^[0-9]+$/.test(pidText)) continue;
    const pid = Number(pidText);
    if (pid !== process.pid && processAlive(pid)) continue;
    try {
      fs.rmSync(path.join(dir, name), { force: true });
      removed.push(path.join(dir, name));
    } catch {
      // Another emulator swept it first, or the folder is read-only: nothing to do.
    }
  }
  return removed;
}

/** Writes text to a file atomically and durably. */
export function writeFileAtomic(file: string, text: string): void {
  const dir = path.dirname(path.resolve(file));
  const temp = tempFile(file, process.pid);
  try {
    const fd = fs.openSync(temp, "w", 0o600);
    try {
      // writeFileSync on a descriptor loops until every byte is written (writeSync may write less).
      fs.writeFileSync(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
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

const FORMAT = "pulumi-alicloud-dynamic-emulator-state";

/** The state file's content. */
interface StateFile {
  readonly format: typeof FORMAT;
  readonly version: 1;
  readonly world: WorldData;
  readonly clientTokens: TokenRecordData[];
}

/** What a state file holds, ready to use. */
export interface SavedState {
  readonly world: World;
  /** Completed ClientTokens. */
  readonly clientTokens: TokenRecordData[];
}

/** Thrown when the state could not be saved (the answer is 500 InternalError). */
export class PersistenceError extends Error {
  /** @param file the state file; @param cause what failed. */
  constructor(file: string, cause: unknown) {
    super(`could not save the state file ${file}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = "PersistenceError";
  }
}

/** One state file: loads it, saves to it, and remembers the last state saved. */
export class StateStore {
  /** The state file's path. */
  readonly file: string;
  private lastText: string | undefined;

  /** @param file path of the state file. */
  constructor(file: string) {
    this.file = file;
  }

  /** The saved state, or undefined when the file does not exist yet; sweeps stale temp files first. */
  load(): SavedState | undefined {
    removeStaleTempFiles(this.file);
    const data = readJsonFile(this.file) as StateFile | undefined;
    if (data === undefined) return undefined;
    if (data.format !== FORMAT || data.version !== 1) throw new Error(`${this.file} is not an emulator state file`);
    this.lastText = JSON.stringify(data);
    return { world: worldFromData(data.world), clientTokens: data.clientTokens ?? [] };
  }

  /** Writes the state atomically; throws PersistenceError when it could not. */
  save(world: World, clientTokens: TokenRecordData[]): void {
    const state: StateFile = { format: FORMAT, version: 1, world: worldToData(world), clientTokens };
    const text = JSON.stringify(state);
    try {
      writeFileAtomic(this.file, text);
    } catch (error) {
      throw new PersistenceError(this.file, error);
    }
    this.lastText = text;
  }

  /** A fresh copy of the last state saved (or loaded), to undo changes a failed save left in memory. */
  lastSaved(): SavedState | undefined {
    if (this.lastText === undefined) return undefined;
    const data = JSON.parse(this.lastText) as StateFile;
    return { world: worldFromData(data.world), clientTokens: data.clientTokens };
  }
}
