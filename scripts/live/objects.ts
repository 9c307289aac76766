// The objects a live run makes, how they are found again and how they are removed. Looking and
// removing go through the provider's own lifecycles (provider/handlers.ts: check, read, delete),
// so a sweep waits, retries and treats "already gone" exactly as `pulumi destroy` does.
//
// Where the API has a field for it, the object carries the run marker itself: an activation's
// description and tag, a managed instance's name. Grants, attachments and ClassicLinks have no
// name, description or tag: the run writes them into its ledger (<dir>/runs/<marker>.json) before
// it asks for them (a run killed during its create leaves their ids behind), and only when they
// did not exist before the run. The sweeper removes a ledger's object only when it exists, and,
// for the kinds that carry a marker, only when its region's listing shows it with that ledger's
// marker.
import fs from "node:fs";
import path from "node:path";
import { DescribeActivations, DescribeManagedInstances } from "../../api/ecs.js";
import { callAction } from "../../provider/client/rpc.js";
import type { Settings } from "../../provider/client/settings.js";
import * as handlers from "../../provider/handlers.js";
import type { ResourceKind } from "../../provider/kinds.js";
import { MARKER_PREFIX } from "./inputs.js";

/** The tag key an activation of a live run carries, its value the run marker. */
export const MARKER_TAG = "pad-live-run";

/** One object of a run: its kind, its Pulumi id, and the resource inputs that find it. */
export interface LiveObject {
  /** The resource kind. */
  kind: ResourceKind;
  /** The id the resource gives it (e.g. `<cenId>:<instanceId>:<cenOwnerId>` for a grant). */
  id: string;
  /** The resource's inputs (no secrets: ids, region, role ARN). */
  inputs: Record<string, unknown>;
}

/** A run's ledger: the objects it asked for that have no field to carry its marker. */
export interface Ledger {
  /** The run marker. */
  marker: string;
  /** When the run started (ISO 8601). */
  startedAt: string;
  /** The objects, in the order they were asked for. */
  objects: LiveObject[];
}

/** The ledger file of `marker`. */
export function ledgerPath(dir: string, marker: string): string {
  return path.join(dir, "runs", `${marker}.json`);
}

/** Writes a ledger (whole, then renamed into place: a killed run leaves the last complete one). */
export function writeLedger(dir: string, ledger: Ledger): void {
  const file = ledgerPath(dir, ledger.marker);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(ledger, null, 2)}\n`);
  fs.renameSync(`${file}.tmp`, file);
}

/** Every ledger under `dir`, oldest first. */
export function readLedgers(dir: string): Ledger[] {
  const runs = path.join(dir, "runs");
  if (!fs.existsSync(runs)) return [];
  return fs
    .readdirSync(runs)
    .filter((name) => name.startsWith(MARKER_PREFIX) && name.endsWith(".json"))
    .map((name) => JSON.parse(fs.readFileSync(path.join(runs, name), "utf8")) as Ledger)
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}

/** Removes a ledger. */
export function dropLedger(dir: string, marker: string): void {
  fs.rmSync(ledgerPath(dir, marker), { force: true });
}

/** The live program's project and stack (scripts/live/program/Pulumi.yaml, suite.ts). */
export const LIVE_PROJECT = "pad-live";
export const LIVE_STACK = "live";

/** The Pulumi resource name each kind has in the live program (scripts/live/program/index.ts). */
export const RESOURCE_NAMES: Readonly<Record<ResourceKind, string>> = {
  CenGrantRevocation: "grant",
  CenChildInstanceAttachment: "attachment",
  TransitRouterGrant: "transit-router-grant",
  ClassicLinkAttachment: "classic-link",
  ManagedInstanceActivation: "activation",
  ManagedInstanceRegistration: "registration",
};

/**
 * The URN a kind's resource has in the live program: what the provider marks its objects with
 * (`__urn`, provider/framework/resource.ts), so that a sweep acts as the run's own resource, to
 * which a server's owner tag (docs/recovery.md, "Renaming and moving resources") lets it go.
 */
export function liveUrn(kind: ResourceKind): string {
  return `urn:pulumi:${LIVE_STACK}::${LIVE_PROJECT}::pulumi-nodejs:dynamic/alicloud:${kind}::${RESOURCE_NAMES[kind]}`;
}

/** The object as the provider reads it now (its outputs), or undefined when it does not exist. */
export async function look(object: LiveObject): Promise<Record<string, unknown> | undefined> {
  const checked = await handlers.check(object.kind, {}, { ...object.inputs, __urn: liveUrn(object.kind) });
  if (checked.failures?.length) {
    const why = checked.failures.map((f) => `${f.property}: ${f.reason}`).join("; ");
    throw new Error(`${object.kind} ${object.id}: ${why}`);
  }
  const found = await handlers.read(object.kind, object.id, checked.inputs);
  return found.props && Object.keys(found.props).length > 0 ? (found.props as Record<string, unknown>) : undefined;
}

/** Removes the object as `pulumi destroy` would; true when it was there. Fails when it is still there after. */
export async function removeObject(object: LiveObject): Promise<boolean> {
  const live = await look(object);
  if (!live) return false;
  await handlers.remove(object.kind, object.id, { ...live, __urn: liveUrn(object.kind) });
  if (await look(object)) throw new Error(`${object.kind} ${object.id} is still there after its delete`);
  return true;
}

/** An object found by the marker it carries. */
export interface MarkedObject extends LiveObject {
  /** The run marker it carries. */
  marker: string;
}

/** When the run of `marker` started (the marker holds it, UTC to the second). */
export function markerTime(marker: string): number {
  const m = /^pad-live-(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})-/.exec(marker);
  return m
    ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]))
    : Number.NaN;
}

/** The marker in a text that carries one (`pad-live-...`), if any. */
export function markerIn(text: string | undefined): string | undefined {
  return /pad-live-\d{14}-[a-z0-9]+/.exec(text ?? "")?.[0];
}

/** Whether objects of `kind` carry the run marker themselves (and findMarked lists them by it). */
export function carriesMarker(kind: ResourceKind): boolean {
  return kind === "ManagedInstanceActivation" || kind === "ManagedInstanceRegistration";
}

/**
 * The activations and managed instances of `regionId` that carry a run marker: activations by
 * their tag (or description), servers by their name. Paged by token, 50 at a time.
 */
export async function findMarked(settings: Settings, regionId: string): Promise<MarkedObject[]> {
  const scope = { region: regionId };
  const found: MarkedObject[] = [];
  let token: string | undefined;
  do {
    const page = await callAction(settings, scope, DescribeActivations, { MaxResults: 50, NextToken: token });
    for (const activation of page.ActivationList ?? []) {
      const tagged = activation.Tags?.find((tag) => tag?.TagKey === MARKER_TAG)?.TagValue;
      const marker = markerIn(tagged) ?? markerIn(activation.Description);
      if (!marker || !activation.ActivationId) continue;
      found.push({
        kind: "ManagedInstanceActivation",
        id: activation.ActivationId,
        inputs: { regionId },
        marker,
      });
    }
    token = page.NextToken || undefined;
  } while (token);
  do {
    const page = await callAction(settings, scope, DescribeManagedInstances, { MaxResults: 50, NextToken: token });
    for (const server of page.Instances ?? []) {
      const marker = markerIn(server.InstanceName);
      if (!marker || !server.InstanceId) continue;
      found.push({
        kind: "ManagedInstanceRegistration",
        id: server.InstanceId,
        inputs: { regionId, instanceId: server.InstanceId },
        marker,
      });
    }
    token = page.NextToken || undefined;
  } while (token);
  return found;
}
