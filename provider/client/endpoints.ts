// Which host answers a product in a region, and how a user points a product elsewhere (the
// emulator, a VPC endpoint, a proxy): per product by config (`alicloud:endpoints`, the shape
// @pulumi/alicloud uses) and by environment.
import type { ProductName } from "../../api/contract.js";
import { PRODUCTS } from "../../api/index.js";
import type { Settings } from "./settings.js";

// Actions that Alibaba documents as callable only through the central VPC endpoint (spec §5.1, §5.2).
const CENTRAL_VPC_ACTIONS = new Set<string>(["GrantInstanceToCen", "RevokeInstanceFromCen", "DescribeGrantRulesToCen"]);

/** Environment variables that override a product's endpoint; the last is shared by every product. */
export const ENDPOINT_ENV: Record<ProductName, readonly string[]> = {
  vpc: ["ALICLOUD_VPC_ENDPOINT", "ALICLOUD_ENDPOINT"],
  ecs: ["ALICLOUD_ECS_ENDPOINT", "ALICLOUD_ENDPOINT"],
  cbn: ["ALICLOUD_CBN_ENDPOINT", "ALICLOUD_ENDPOINT"],
  sts: ["ALICLOUD_STS_ENDPOINT", "ALIBABA_CLOUD_STS_ENDPOINT", "ALICLOUD_ENDPOINT"],
};

/** The documented public endpoint for a product, region and action. */
export function defaultEndpoint(product: ProductName, region: string, action: string): string {
  // CEN is one global service with one public endpoint.
  if (product === "cbn") return "https://cbn.aliyuncs.com";
  // STS answers centrally for every region (the default of the Terraform provider and the SDKs).
  if (product === "sts") return "https://sts.aliyuncs.com";
  if (product === "vpc") {
    return CENTRAL_VPC_ACTIONS.has(action) ? "https://vpc.aliyuncs.com" : `https://vpc.${region}.aliyuncs.com`;
  }
  return `https://ecs.${region}.aliyuncs.com`;
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
  const variable = ENDPOINT_ENV[product].find((name) => settings.env[name]);
  return variable ? { url: settings.env[variable] as string, setting: `environment variable ${variable}` } : undefined;
}

/** How a user points `product` elsewhere, for messages. */
export function endpointSettingsOf(product: ProductName): string {
  return `alicloud:endpoints ${product}, ${ENDPOINT_ENV[product].join(" or ")}`;
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
