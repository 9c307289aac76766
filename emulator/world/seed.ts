// Building and merging worlds from a WorldSeed: the control path (CLI --seed, admin reset/seed),
// never called by service code. Input is untrusted JSON: every field is checked (seed-checks.ts);
// identities are applied here, each product's resources by its store (vpc/seed.ts, ecs/seed.ts).
import { checkSettings, list, need, optBool, optString, optTime, SeedError } from "./seed-checks.js";
import type { AccountSeed, RegionSeed, WorldSeed } from "./seed-types.js";
import { DEFAULT_SETTINGS } from "./settings.js";
import { World } from "./world.js";

export { SeedError };

function applyRegion(world: World, seed: RegionSeed, where: string): void {
  const regionId = need(seed?.regionId, `${where}.regionId`);
  const old = world.regions.get(regionId);
  world.regions.set(regionId, {
    regionId,
    cloudAssistant: optBool(seed.cloudAssistant, `${where}.cloudAssistant`, old?.cloudAssistant ?? true),
    dispatchDegraded: optBool(seed.dispatchDegraded, `${where}.dispatchDegraded`, old?.dispatchDegraded ?? false),
    classicNetwork: optBool(seed.classicNetwork, `${where}.classicNetwork`, old?.classicNetwork ?? true),
  });
}

function applyAccount(world: World, seed: AccountSeed, where: string): void {
  const uid = need(seed?.uid, `${where}.uid`);
  if (!/^[1-9][0-9]*$/.test(uid)) throw new SeedError(`${where}.uid must be a string of digits`);
  const account = world.ensureAccount(uid, optString(seed.name, `${where}.name`, uid));
  if (seed.name !== undefined) account.name = optString(seed.name, `${where}.name`, uid);
  account.realNameVerified = optBool(seed.realNameVerified, `${where}.realNameVerified`, account.realNameVerified);
  if (seed.blockedActions !== undefined) {
    account.blockedActions = list(seed.blockedActions, `${where}.blockedActions`).map((p, i) =>
      need(p, `${where}.blockedActions[${i}]`),
    );
  }
  const now = world.now();
  list(seed.accessKeys, `${where}.accessKeys`).forEach((k, i) => {
    world.addKey(uid, {
      accessKeyId: need(k?.accessKeyId, `${where}.accessKeys[${i}].accessKeyId`),
      accessKeySecret: need(k.accessKeySecret, `${where}.accessKeys[${i}].accessKeySecret`),
      kind: "root",
      disabled: optBool(k.disabled, `${where}.accessKeys[${i}].disabled`, false),
    });
  });
  list(seed.stsKeys, `${where}.stsKeys`).forEach((k, i) => {
    const w = `${where}.stsKeys[${i}]`;
    const expiration = k?.expiration === undefined ? undefined : optTime(k.expiration, `${w}.expiration`, 0);
    world.addKey(uid, {
      accessKeyId: need(k?.accessKeyId, `${w}.accessKeyId`),
      accessKeySecret: need(k.accessKeySecret, `${w}.accessKeySecret`),
      kind: "sts",
      disabled: false,
      securityToken: need(k.securityToken, `${w}.securityToken`),
      ...(expiration === undefined ? {} : { expiration }),
    });
  });
  list(seed.subUsers, `${where}.subUsers`).forEach((u, i) => {
    const w = `${where}.subUsers[${i}]`;
    world.addKey(uid, {
      accessKeyId: need(u?.accessKeyId, `${w}.accessKeyId`),
      accessKeySecret: need(u.accessKeySecret, `${w}.accessKeySecret`),
      kind: "subUser",
      disabled: false,
      subUserName: need(u.name, `${w}.name`),
      allowedActions: list(u.allowedActions, `${w}.allowedActions`).map((p, j) => need(p, `${w}.allowedActions[${j}]`)),
    });
  });
  list(seed.resourceGroups, `${where}.resourceGroups`).forEach((g, i) => {
    const id = need(g?.id, `${where}.resourceGroups[${i}].id`);
    account.resourceGroups.set(id, { id, status: optString(g.status, `${where}.resourceGroups[${i}].status`, "OK") });
  });
  for (const store of Object.values(world.stores)) store.seed(uid, seed, where, { regions: world.regions, now });
}

/** Merges a seed into a world: regions and accounts by ID, resources upserted, immediately visible. */
export function applySeed(world: World, seed: WorldSeed): void {
  if (typeof seed !== "object" || seed === null || Array.isArray(seed)) throw new SeedError("a seed must be an object");
  const settings = checkSettings(seed.settings);
  list(seed.regions, "regions").forEach((r, i) => {
    applyRegion(world, r, `regions[${i}]`);
  });
  world.settings = { ...world.settings, ...settings };
  list(seed.accounts, "accounts").forEach((a, i) => {
    applyAccount(world, a, `accounts[${i}]`);
  });
  world.touch();
}

/** Builds a fresh world from a seed; a seed without regions gets `defaultRegions`. */
export function buildWorld(seed: WorldSeed, defaultRegions: readonly RegionSeed[]): World {
  const world = new World();
  world.settings = DEFAULT_SETTINGS;
  const regions = seed.regions ?? defaultRegions;
  applySeed(world, { ...seed, regions });
  return world;
}
