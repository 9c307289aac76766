// Pulumi's `check` for every resource, from its declared fields: each given input is checked by its
// rule (unknown values, not known until an earlier resource exists, pass untouched), required ones
// must be there, properties the resource does not have are refused, and the region is filled in.
// Every failure names the property and what is allowed, before any API call.
import type * as pulumi from "@pulumi/pulumi";
import type { ProductName } from "../../api/contract.js";
import { defaultEndpoint, endpointSettingsOf, productsLeftPublic } from "../client/endpoints.js";
import { configKeys, REGION_ENV, resolveRegion, type Settings } from "../client/settings.js";
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

/** Longest value (as JSON) the engine may quote beside a failure; see {@link Failures.add}. */
const QUOTABLE = 256;

/** Collects check failures. */
export class Failures {
  readonly list: pulumi.dynamic.CheckFailure[] = [];
  readonly #failed = new Set<string>();

  /**
   * Records that `property` is invalid, and why (saying what is allowed). Given the refused
   * `value`, a long one is reported without the property's name in the failure's own field (the
   * reason names it): the engine quotes the whole value of a named property, and would repeat an
   * id of 10,000 characters.
   */
  add(property: string, reason: string, value?: unknown): void {
    const long = value !== undefined && (JSON.stringify(value)?.length ?? 0) > QUOTABLE;
    this.list.push({ property: long ? "" : property, reason });
    this.#failed.add(property);
  }

  /** Whether `property` already failed (later rules then stay quiet about it). */
  has(property: string): boolean {
    return this.#failed.has(property);
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

/** The `alicloud:` config keys these resources read. */
export const USED_CONFIG_KEYS: readonly string[] = [
  "accessKey",
  "secretKey",
  "securityToken",
  "region",
  "profile",
  "sharedCredentialsFile",
  "assumeRole",
  "assumeRoleWithOidc",
  "ecsRoleName",
  "credentialsUri",
  "stsEndpoint",
  "endpoints",
  "clientConnectTimeout",
  "clientReadTimeout",
  "maxRetryTimeout",
  "skipRegionValidation",
];

// Settings of @pulumi/alicloud that mean nothing to these resources: set for that provider, they
// are not an error here, but the user should know they change nothing.
const FOREIGN_CONFIG_KEYS: readonly string[] = [
  "accountId",
  "accountType",
  "configurationSource",
  "fc",
  "logEndpoint",
  "mnsEndpoint",
  "ossEndpoint",
  "otsInstanceName",
  "protocol",
  "secureTransport",
  "securityTransport",
  "signVersion",
  "sourceIp",
];

const warned = new WeakSet<Settings>();

/** One warning per `alicloud:` key that is set but unknown, or known and unused here; once per configuration. */
export function warnAboutConfig(settings: Settings): void {
  if (warned.has(settings)) return;
  warned.add(settings);
  for (const key of configKeys(settings.config)) {
    if (!key.startsWith("alicloud:")) continue;
    const name = key.slice("alicloud:".length);
    if (USED_CONFIG_KEYS.includes(name)) continue;
    settings.log?.(
      FOREIGN_CONFIG_KEYS.includes(name)
        ? `warning: stack config ${key} is a setting of @pulumi/alicloud that pulumi-alicloud-dynamic does not use; it changes nothing here`
        : `warning: stack config ${key} is not a setting pulumi-alicloud-dynamic knows (a typo?); it reads alicloud:${USED_CONFIG_KEYS.join(", alicloud:")}`,
    );
  }
}

const warnedProducts = new WeakMap<Settings, Set<ProductName>>();

/** Whether the stack's own credentials assume a role (STS), whatever a resource says. */
function stackAssumesRole(settings: Settings): boolean {
  const config = ["alicloud:assumeRole", "alicloud:assumeRoleWithOidc"].some((key) => settings.config.get(key));
  return config || Boolean(settings.env.ALIBABA_CLOUD_ROLE_ARN || settings.env.ALICLOUD_ASSUME_ROLE_ARN);
}

/**
 * One warning per product that a resource calls on its public endpoint while the stack points
 * other products elsewhere (`alicloud:endpoints` with vpc and ecs only, and a resource that calls
 * CBN): its calls would leave for the public cloud. Once per product and configuration.
 */
function warnAboutEndpoints(settings: Settings, products: readonly ProductName[], region: string): void {
  const warned = warnedProducts.get(settings) ?? new Set<ProductName>();
  warnedProducts.set(settings, warned);
  for (const product of productsLeftPublic(settings, products)) {
    if (warned.has(product)) continue;
    warned.add(product);
    const host = new URL(defaultEndpoint(product, region, "")).host;
    settings.log?.(
      `warning: endpoints are set for some products but not for ${product}, which this program's resources call: ` +
        `those calls go to the public endpoint ${host}. Set ${endpointSettingsOf(product)} if that is not meant.`,
    );
  }
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
    /** The products the resource calls (STS aside, which role assumption adds). */
    readonly products?: readonly ProductName[];
  } = {},
): pulumi.dynamic.CheckResult<Inputs> {
  warnAboutConfig(settings);
  const failures = new Failures();
  const all: Fields = { ...SCOPE_FIELDS, ...fields };
  const inputs: Record<string, unknown> = {};
  for (const key of Object.keys(news)) {
    if (key === PROVIDER_KEY || key === TIMEOUTS_KEY || key === OWNER_KEY || key in all) continue;
    const known = Object.entries(all)
      .filter(([, field]) => field.role === "input")
      .map(([name]) => name);
    failures.add(key, `${key} is not a property of this resource; it takes ${known.join(", ")}`, news[key]);
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
    if (parsed instanceof Refusal) failures.add(name, parsed.reason, value);
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
  if (failures.list.length === 0 && typeof region === "string" && !isUnknown(region)) {
    const roles = inputs.assumeRole !== undefined || stackAssumesRole(settings);
    warnAboutEndpoints(settings, [...(rules.products ?? []), ...(roles ? (["sts"] as const) : [])], region);
  }
  return failures.list.length === 0
    ? { inputs: inputs as Inputs }
    : { inputs: inputs as Inputs, failures: failures.list };
}
