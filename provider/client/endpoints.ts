// Which host answers a product in a region, and how a user points a product elsewhere (the
// emulator, a VPC endpoint, a proxy): per product by config (`alicloud:endpoints`, the shape
// @pulumi/alicloud uses) and by environment.
import type { ProductName } from "../../api/contract.js";
import { PRODUCTS } from "../../api/index.js";
import type { Settings } from "./settings.js";

/** Variables besides `ALICLOUD_<PRODUCT>_ENDPOINT` that point one product elsewhere (the SDKs' own names). */
const MORE_ENDPOINT_ENV: Partial<Record<ProductName, readonly string[]>> = { sts: ["ALIBABA_CLOUD_STS_ENDPOINT"] };

/** Environment variables that override a product's endpoint; the last is shared by every product. */
function endpointEnv(product: ProductName): readonly string[] {
  return [`ALICLOUD_${product.toUpperCase()}_ENDPOINT`, ...(MORE_ENDPOINT_ENV[product] ?? []), "ALICLOUD_ENDPOINT"];
}

/** The documented public endpoint for a product, region and action (api/<product>.ts says where it is). */
export function defaultEndpoint(product: ProductName, region: string, action: string): string {
  const { info } = PRODUCTS[product];
  const central = !info.endpoint.perRegion || (info.endpoint.centralActions ?? []).includes(action);
  return central ? `https://${info.host}` : `https://${info.name}.${region}.aliyuncs.com`;
}

function configuredEndpoints(settings: Settings): Partial<Record<ProductName, string>> {
  const raw = settings.config.get("alicloud:endpoints");
  if (!raw) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error('Stack config alicloud:endpoints must be JSON, e.g. [{"vpc":"http://127.0.0.1:8765"}]');
  }
  // @pulumi/alicloud stores endpoints as a list holding one object; accept the object alone too.
  const entry = Array.isArray(parsed) ? parsed[0] : parsed;
  if (typeof entry !== "object" || entry === null) return {};
  const out: Partial<Record<ProductName, string>> = {};
  for (const product of Object.keys(PRODUCTS) as ProductName[]) {
    const value = (entry as Record<string, unknown>)[product];
    if (typeof value === "string" && value) out[product] = value;
  }
  return out;
}

/** Adds `https://` to a bare host name and drops a trailing slash. */
export function normaliseEndpoint(endpoint: string): string {
  const withScheme = /^https?:\/\//.test(endpoint) ? endpoint : `https://${endpoint}`;
  return withScheme.replace(/\/+$/, "");
}

/** An endpoint URL, and the setting that chose it (named in connection failures). */
export interface Endpoint {
  /** The URL calls go to. */
  readonly url: string;
  /** Where it came from, in words: a config key, an environment variable, or the public default. */
  readonly setting: string;
}

/** The setting that overrides a product's endpoint, if one does. */
function override(settings: Settings, product: ProductName): Endpoint | undefined {
  const stsKey = product === "sts" ? settings.config.get("alicloud:stsEndpoint") : undefined;
  if (stsKey) return { url: stsKey, setting: "stack config alicloud:stsEndpoint" };
  const configured = configuredEndpoints(settings)[product];
  if (configured) return { url: configured, setting: `stack config alicloud:endpoints (${product})` };
  const variable = endpointEnv(product).find((name) => settings.env[name]);
  return variable ? { url: settings.env[variable] as string, setting: `environment variable ${variable}` } : undefined;
}

/** How a user points `product` elsewhere, for messages. */
export function endpointSettingsOf(product: ProductName): string {
  return `alicloud:endpoints ${product}, ${endpointEnv(product).join(" or ")}`;
}

/**
 * The endpoint for one call: config override (`alicloud:stsEndpoint` first for STS), then
 * environment, then the documented default.
 */
export function resolveEndpoint(settings: Settings, product: ProductName, region: string, action: string): Endpoint {
  const given = override(settings, product);
  if (given) return { url: normaliseEndpoint(given.url), setting: given.setting };
  return {
    url: normaliseEndpoint(defaultEndpoint(product, region, action)),
    setting: `the public default for ${product} (none of ${endpointSettingsOf(product)} is set)`,
  };
}

/** The endpoint URL for one call ({@link resolveEndpoint}). */
export function endpointFor(settings: Settings, product: ProductName, region: string, action: string): string {
  return resolveEndpoint(settings, product, region, action).url;
}

/**
 * Of `products`, those left on their public default while the stack points some product
 * elsewhere (the emulator, a private endpoint): usually an endpoint forgotten in the config.
 */
export function productsLeftPublic(settings: Settings, products: readonly ProductName[]): ProductName[] {
  const all = Object.keys(PRODUCTS) as ProductName[];
  if (!all.some((product) => override(settings, product))) return [];
  return products.filter((product) => !override(settings, product));
}
