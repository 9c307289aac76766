// Checks of untrusted seed JSON: every reader names the field it refuses (`accounts[0].vpcs[1].vpcId
// must be ...`), which the admin surface answers as 400 InvalidSeed.
import { DEFAULT_SETTINGS, SETTING_CHOICES, type WorldSettings } from "./settings.js";
import type { Region } from "./types.js";

/** A seed that does not make sense; the admin surface answers 400 with its message. */
export class SeedError extends Error {
  /** @param message what is wrong, naming the field. */
  constructor(message: string) {
    super(message);
    this.name = "SeedError";
  }
}

/** A required non-empty string. */
export function need(value: unknown, where: string): string {
  if (typeof value !== "string" || value.length === 0) throw new SeedError(`${where} must be a non-empty string`);
  return value;
}

/** An optional string. */
export function optString(value: unknown, where: string, fallback: string): string {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== "string") throw new SeedError(`${where} must be a string`);
  return value;
}

/** An optional boolean. */
export function optBool(value: unknown, where: string, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== "boolean") throw new SeedError(`${where} must be a boolean`);
  return value;
}

/** An optional non-negative integer. */
export function optInt(value: unknown, where: string, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw new SeedError(`${where} must be a non-negative integer`);
  }
  return value;
}

/** An optional ISO 8601 time, as epoch ms. */
export function optTime(value: unknown, where: string, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  const ms = typeof value === "string" ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw new SeedError(`${where} must be an ISO 8601 time`);
  return ms;
}

/** An optional array (absent: empty). */
export function list<T>(value: readonly T[] | undefined, where: string): readonly T[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new SeedError(`${where} must be an array`);
  return value;
}

/** A region ID the world knows. */
export function checkRegion(regions: ReadonlyMap<string, Region>, regionId: unknown, where: string): string {
  const id = need(regionId, where);
  if (!regions.has(id)) throw new SeedError(`${where}: unknown region ${id}`);
  return id;
}

/**
 * Seed `settings`: every key must be a known setting (a typo would silently test the wrong
 * behaviour); numbers finite and non-negative, switches one of their values.
 */
export function checkSettings(input: unknown): Partial<WorldSettings> {
  if (input === undefined || input === null) return {};
  if (typeof input !== "object" || Array.isArray(input)) throw new SeedError("settings must be an object");
  const out: { [key: string]: unknown } = {};
  const choices: { readonly [key: string]: readonly string[] } = SETTING_CHOICES;
  for (const [key, value] of Object.entries(input as { [key: string]: unknown })) {
    if (value === undefined) continue;
    const where = `settings.${key}`;
    const allowed = choices[key];
    if (allowed) {
      if (typeof value !== "string" || !allowed.includes(value)) {
        throw new SeedError(`${where} must be one of ${allowed.map((v) => `"${v}"`).join(", ")}`);
      }
    } else if (key in DEFAULT_SETTINGS) {
      if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
        throw new SeedError(`${where} must be a non-negative number`);
      }
    } else {
      throw new SeedError(`${where} is not a setting (known: ${Object.keys(DEFAULT_SETTINGS).join(", ")})`);
    }
    out[key] = value;
  }
  return out as Partial<WorldSettings>;
}
