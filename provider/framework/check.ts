// Pulumi's `check` for every resource, from its declared fields: each given input is checked by its
// rule (unknown values, not known until an earlier resource exists, pass untouched), required ones
// must be there, properties the resource does not have are refused, and the region is filled in.
// Every failure names the property and what is allowed, before any API call.
import type * as pulumi from "@pulumi/pulumi";
import { REGION_ENV, resolveRegion, type Settings } from "../client/settings.js";
import { OWNER_KEY, PROVIDER_KEY, REGION_PATTERN, SCOPE_FIELDS, TIMEOUTS_KEY } from "./common-fields.js";
import { parseDuration, type Timeouts } from "./operation.js";
import { KNOWN_REGIONS } from "./regions.js";
import { type Fields, Refusal, shown } from "./schema.js";

/** Pulumi's placeholder for a value that is not known until an earlier resource is created. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Whether a value is Pulumi's not-yet-known placeholder. */
export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN;
}

/** Whether an input was given at all (absent, null and the empty string are not). */
export function given(value: unknown): boolean {
  return value !== undefined && value !== null && value !== "";
}

/** Collects check failures. */
export class Failures {
  readonly list: pulumi.dynamic.CheckFailure[] = [];

  /** Records that `property` is invalid, and why (saying what is allowed). */
  add(property: string, reason: string): void {
    this.list.push({ property, reason });
  }

  /** Whether `property` already failed (later rules then stay quiet about it). */
  has(property: string): boolean {
    return this.list.some((failure) => failure.property === property);
  }
}

/** Whether the stack asked not to check regions against the known lists. */
function regionsUnchecked(settings: Settings): boolean {
  return ["true", "1"].includes((settings.config.get("alicloud:skipRegionValidation") ?? "").toLowerCase());
}

/** The failure for a region outside `allowed`, or undefined. */
function regionFailure(region: string, allowed: readonly string[], service: string | undefined): string | undefined {
  if (allowed.includes(region)) return undefined;
  const where = service ? `${service} is not available in ${region}` : `${region} is not an Alibaba Cloud region`;
  return (
    `regionId: ${where}; use one of ${allowed.join(", ")}. ` +
    "If the region is new, set the stack config alicloud:skipRegionValidation to true."
  );
}

/** Cross-field rules of one resource, run after each field passed its own rule. */
export type Refine<Inputs> = (inputs: Inputs, failures: Failures, news: Record<string, unknown>) => void;

const TIMEOUT_KEYS = ["create", "update", "delete"] as const;

function checkTimeouts(raw: unknown, failures: Failures): Timeouts | undefined {
  if (raw === undefined || raw === null || isUnknown(raw)) return undefined;
  const entries = typeof raw === "object" && !Array.isArray(raw) ? Object.entries(raw) : [];
  const out: Record<string, string> = {};
  for (const [key, value] of entries) {
    if (value === undefined || value === null || value === "") continue;
    if (!(TIMEOUT_KEYS as readonly string[]).includes(key) || typeof value !== "string" || !parseDuration(value)) {
      failures.add(
        "customTimeouts",
        `customTimeouts.${key} must be a duration such as "5m" or "1h30m"; got ${shown(value)}`,
      );
      continue;
    }
    out[key] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * Checks `news` against the resource's fields and the shared ones. The region, when omitted, is
 * the one recorded before (`olds`, so that a later change of the stack's default does not move
 * existing objects), else `alicloud:region` / the environment.
 */
export function checkInputs<Inputs>(
  fields: Fields,
  settings: Settings,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  rules: {
    readonly refine?: Refine<Inputs>;
    readonly regions?: { readonly service: string; readonly ids: readonly string[] };
  } = {},
): pulumi.dynamic.CheckResult<Inputs> {
  const failures = new Failures();
  const all: Fields = { ...SCOPE_FIELDS, ...fields };
  const inputs: Record<string, unknown> = {};
  for (const key of Object.keys(news)) {
    if (key === PROVIDER_KEY || key === TIMEOUTS_KEY || key === OWNER_KEY || key in all) continue;
    const known = Object.entries(all)
      .filter(([, field]) => field.role === "input")
      .map(([name]) => name);
    failures.add(key, `${key} is not a property of this resource; it takes ${known.join(", ")}`);
  }
  for (const [name, field] of Object.entries(all)) {
    if (field.role !== "input") continue;
    const value = news[name];
    if (isUnknown(value)) {
      inputs[name] = value;
      continue;
    }
    // An empty region is a mistake, not "the default": only an absent one is filled in.
    const absent = name === "regionId" ? value === undefined || value === null : !given(value);
    if (absent) {
      if (field.required) failures.add(name, `${name} is required: ${field.allowed}`);
      continue;
    }
    const parsed = field.parse(value, name);
    if (parsed instanceof Refusal) failures.add(name, parsed.reason);
    else inputs[name] = parsed;
  }
  if (inputs.regionId === undefined && !failures.has("regionId")) {
    const recorded = olds.regionId;
    if (typeof recorded === "string" && REGION_PATTERN.test(recorded)) inputs.regionId = recorded;
    else {
      try {
        inputs.regionId = resolveRegion(settings, undefined);
      } catch {
        failures.add(
          "regionId",
          `No region: set regionId on the resource, or the stack config alicloud:region, or the environment variable ${REGION_ENV.join(" / ")}`,
        );
      }
    }
  }
  const region = inputs.regionId;
  if (typeof region === "string" && !isUnknown(region) && !failures.has("regionId") && !regionsUnchecked(settings)) {
    const refused =
      regionFailure(region, KNOWN_REGIONS, undefined) ??
      (rules.regions ? regionFailure(region, rules.regions.ids, rules.regions.service) : undefined);
    if (refused) failures.add("regionId", refused);
  }
  if (typeof news[OWNER_KEY] === "string") inputs[OWNER_KEY] = news[OWNER_KEY];
  const timeouts = checkTimeouts(news[TIMEOUTS_KEY], failures);
  if (timeouts) inputs[TIMEOUTS_KEY] = timeouts;
  rules.refine?.(inputs as Inputs, failures, news);
  return failures.list.length === 0
    ? { inputs: inputs as Inputs }
    : { inputs: inputs as Inputs, failures: failures.list };
}
