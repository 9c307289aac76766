// `npm run sweep:live [-- --yes] [--min-age <minutes>]`: what earlier live runs left behind, found
// by their run marker (activations by tag or description, servers by name, the other kinds through
// the runs' ledgers), as a table of kind, id, run marker, age and the action taken. Without --yes
// nothing changes (a dry run); with it each object is removed through the provider's own delete,
// the last a run made first (an attachment before its grant). Objects of a run younger than
// --min-age (default 60 minutes: it may still be running) are listed as skipped. It reads the same
// environment as the live suite (docs/live-suite.md) and refuses credentials outside the
// allow-list; removing also needs ALICLOUD_LIVE=1. Exit codes: 0 done (or nothing to do), 1 a
// region could not be listed or a removal failed, 2 refused (switch, allow-list, usage).
import fs from "node:fs";
import path from "node:path";
import { GetCallerIdentity } from "../../api/sts.js";
import { redact } from "../../provider/client/redact.js";
import { callAction } from "../../provider/client/rpc.js";
import { makeSettings, REGION_ENV } from "../../provider/client/settings.js";
import { ACCOUNTS_ENV, allowedAccounts, DIR_ENV, readInputs, SWITCH_ENV, switchedOn } from "./inputs.js";
import {
  carriesMarker,
  dropLedger,
  findMarked,
  type LiveObject,
  look,
  type MarkedObject,
  markerTime,
  readLedgers,
  removeObject,
} from "./objects.js";
import { renderTable } from "./table.js";

/** One row of the sweep's table. */
export interface SweepRow {
  /** The resource kind. */
  kind: string;
  /** The object's id. */
  id: string;
  /** The run marker it carries (or its ledger names). */
  marker: string;
  /** How long ago it was made (or its run started). */
  age: string;
  /** `would remove` (dry run), `removed`, `skipped: <why>` or `failed: <why>`. */
  action: string;
}

/** `95` seconds -> `1m`, hours as `3h`, days as `2d`. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86400) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}

/** The minimum age (minutes) of a run whose objects the sweeper removes, unless --min-age says otherwise. */
export const DEFAULT_MIN_AGE_MINUTES = 60;

/** The sweeper's arguments: `--yes`, `--min-age <minutes>` (or `--min-age=<minutes>`). */
export function parseSweepArgs(args: readonly string[]): { remove: boolean; minAgeMinutes: number } {
  const usage = "usage: npm run sweep:live [-- [--yes] [--min-age <minutes>]]";
  let remove = false;
  let minAgeMinutes = DEFAULT_MIN_AGE_MINUTES;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "--yes") remove = true;
    else if (arg === "--min-age" || arg.startsWith("--min-age=")) {
      const value = arg === "--min-age" ? args[++i] : arg.slice("--min-age=".length);
      if (value === undefined || !/^\d+(\.\d+)?$/.test(value))
        throw new Error(`${usage} (--min-age takes a number of minutes, not ${value ?? "nothing"})`);
      minAgeMinutes = Number(value);
    } else throw new Error(`${usage} (unknown: ${arg})`);
  }
  return { remove, minAgeMinutes };
}

async function main(args: readonly string[]): Promise<number> {
  const env = process.env;
  const { remove, minAgeMinutes } = parseSweepArgs(args);
  if (remove && !switchedOn(env))
    throw new Error(`Removing changes a real account: set ${SWITCH_ENV}=1 as for the suite.`);
  const allowed = allowedAccounts(env);
  if (allowed.length === 0) throw new Error(`Set ${ACCOUNTS_ENV} to the account id(s) the credentials must belong to.`);
  const inputs = readInputs(env, REGION_ENV);
  const settings = makeSettings(undefined, env);
  const who = await callAction(settings, { region: inputs.regionId }, GetCallerIdentity, {});
  if (!allowed.includes(String(who.AccountId)))
    throw new Error(
      `The credentials belong to account ${who.AccountId}, which is not in ${ACCOUNTS_ENV}: nothing was looked at.`,
    );

  const dir = path.resolve(env[DIR_ENV] ?? ".live");
  const now = Date.now();
  const candidates: (LiveObject & { marker: string })[] = [];
  const ledgers = readLedgers(dir);
  // Each ledger's objects the last made first: an attachment before the grant it depends on.
  for (const ledger of ledgers)
    for (const object of [...ledger.objects].reverse()) candidates.push({ ...object, marker: ledger.marker });
  const regions = new Set([inputs.regionId]);
  for (const object of candidates) if (typeof object.inputs.regionId === "string") regions.add(object.inputs.regionId);
  let unlisted = false;
  const listed = new Set<string>();
  const marked: MarkedObject[] = [];
  for (const regionId of regions) {
    try {
      for (const object of await findMarked(settings, regionId)) {
        marked.push(object);
        if (!candidates.some((c) => c.kind === object.kind && c.id === object.id)) candidates.push(object);
      }
      listed.add(regionId);
    } catch (error) {
      unlisted = true;
      const why = redact(error instanceof Error ? error.message : String(error)).split("\n")[0];
      process.stderr.write(`[sweep] the activations and servers of ${regionId} could not be listed: ${why}\n`);
    }
  }

  const rows: SweepRow[] = [];
  const stillThere = new Set<string>();
  for (const object of candidates) {
    const row = {
      kind: object.kind,
      id: object.id,
      marker: object.marker,
      age: formatAge(now - markerTime(object.marker)),
    };
    try {
      if (!(await look(object))) continue;
      // A ledger's server or activation must still carry the run's marker (its region's listing
      // shows which it carries): one that does not is no longer the run's.
      if (carriesMarker(object.kind)) {
        const regionId = String(object.inputs.regionId ?? inputs.regionId);
        const carried = marked.find((m) => m.kind === object.kind && m.id === object.id)?.marker;
        if (!listed.has(regionId)) {
          rows.push({ ...row, action: `skipped: its marker could not be checked (${regionId} not listed)` });
          stillThere.add(object.marker);
          continue;
        }
        if (carried !== object.marker) {
          rows.push({ ...row, action: `skipped: carries ${carried ? `marker ${carried}` : "no run marker"}` });
          continue;
        }
      }
      // A run younger than that may still be under way: its objects are its own to remove.
      if (!(now - markerTime(object.marker) >= minAgeMinutes * 60_000)) {
        rows.push({ ...row, action: `skipped: too recent (under --min-age ${minAgeMinutes} minutes)` });
        stillThere.add(object.marker);
        continue;
      }
      if (!remove) {
        rows.push({ ...row, action: "would remove" });
        stillThere.add(object.marker);
        continue;
      }
      await removeObject(object);
      rows.push({ ...row, action: "removed" });
    } catch (error) {
      stillThere.add(object.marker);
      rows.push({
        ...row,
        action: `failed: ${redact(error instanceof Error ? error.message : String(error)).split("\n")[0]}`,
      });
    }
  }
  // A ledger whose objects are all gone has nothing more to say: dropped, with the run's folder.
  if (remove)
    for (const ledger of ledgers)
      if (!stillThere.has(ledger.marker)) {
        dropLedger(dir, ledger.marker);
        fs.rmSync(path.join(dir, "work", ledger.marker), { recursive: true, force: true });
      }

  const table = renderTable(
    ["kind", "id", "run marker", "age", "action"],
    rows.map((r) => [r.kind, r.id, r.marker, r.age, r.action]),
  );
  process.stdout.write(
    rows.length
      ? `${table}\n${remove ? "" : "dry run: nothing was changed; run again with --yes to remove these\n"}${
          rows.some((r) => r.action.startsWith("skipped: too recent"))
            ? `objects of runs younger than ${minAgeMinutes} minutes are skipped (--min-age 0 to include them)\n`
            : ""
        }`
      : `nothing left by earlier live runs (account ${who.AccountId}, ${[...regions].join(", ")})\n`,
  );
  return unlisted || rows.some((r) => r.action.startsWith("failed")) ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`[sweep] ${error instanceof Error ? redact(error.message) : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
