// The admin view of the world (GET /__admin/world): latest values, times in ISO 8601, and no
// secrets (AccessKeyIds only; activation codes are not even stored). Each product's store says
// how its tables read here.
import { isoSeconds } from "../core/time.js";
import type { SnapshotValue } from "./table-spec.js";
import type { World } from "./world.js";

export type { SnapshotValue };

type SnapshotObject = { [key: string]: SnapshotValue };

/** Builds the snapshot. */
export function snapshotWorld(world: World): SnapshotObject {
  const stores = Object.values(world.stores);
  const accounts: SnapshotValue[] = [];
  for (const account of world.accounts.values()) {
    const regions: SnapshotObject = {};
    for (const regionId of new Set(stores.flatMap((store) => store.regionIds(account.uid)))) {
      // A region the account merely looked at (empty tables) is not part of its world.
      if (!stores.some((store) => store.hasRows(account.uid, regionId))) continue;
      const region: SnapshotObject = {};
      for (const store of stores) Object.assign(region, store.snapshotRegion(account.uid, regionId));
      regions[regionId] = region;
    }
    const view: SnapshotObject = {
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
        ...(k.session ? { roleArn: k.session.roleArn, sessionName: k.session.sessionName } : {}),
      })),
    };
    for (const store of stores) Object.assign(view, store.snapshotAccount(account.uid));
    view.regions = regions;
    accounts.push(view);
  }
  return {
    now: isoSeconds(world.now()),
    clockOffsetMs: world.clock.offsetMs,
    settings: { ...world.settings },
    regions: [...world.regions.values()].map((r) => ({ ...r })),
    accounts,
  };
}
