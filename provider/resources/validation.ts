// Input validation for `check`: each failure names the property and what is allowed, and values
// that are not known yet (during preview) pass untouched.
import type * as pulumi from "@pulumi/pulumi";
import { resolveRegion, type Settings } from "../client/settings.js";

/** Pulumi's placeholder for a value that is not known until an earlier resource is created. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Whether a value is Pulumi's not-yet-known placeholder. */
export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN;
}

/** Collects check failures; `ok` once none was added. */
export class Failures {
  readonly list: pulumi.dynamic.CheckFailure[] = [];

  /** Records that `property` is invalid, and why (saying what is allowed). */
  add(property: string, reason: string): void {
    this.list.push({ property, reason });
  }

  /** Whether no failure was recorded. */
  get ok(): boolean {
    return this.list.length === 0;
  }

  /** The check result: the normalised inputs, and the failures when there are any. */
  result<T>(inputs: T): pulumi.dynamic.CheckResult<T> {
    return this.ok ? { inputs } : { inputs, failures: this.list };
  }

  /**
   * Checks an optional string property against a pattern; returns the value when valid,
   * `undefined` when absent or invalid, and passes unknown values through.
   */
  text(
    inputs: Record<string, unknown>,
    property: string,
    pattern: RegExp,
    allowed: string,
    required: boolean,
  ): string | undefined {
    const value = inputs[property];
    if (isUnknown(value)) return value as string;
    if (value === undefined || value === null || value === "") {
      if (required) this.add(property, `${property} is required: ${allowed}`);
      return undefined;
    }
    if (typeof value !== "string" || !pattern.test(value)) {
      this.add(property, `${property} must be ${allowed}; got ${JSON.stringify(value)}`);
      return undefined;
    }
    return value;
  }

  /** Checks an optional boolean property. */
  flag(inputs: Record<string, unknown>, property: string): void {
    const value = inputs[property];
    if (value === undefined || value === null || isUnknown(value)) return;
    if (typeof value !== "boolean")
      this.add(property, `${property} must be true or false; got ${JSON.stringify(value)}`);
  }

  /** Checks an optional integer property within [min, max]. */
  integer(inputs: Record<string, unknown>, property: string, min: number, max: number): void {
    const value = inputs[property];
    if (value === undefined || value === null || isUnknown(value)) return;
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
      this.add(property, `${property} must be a whole number from ${min} to ${max}; got ${JSON.stringify(value)}`);
    }
  }
}

/** Region IDs as Alibaba writes them: `cn-hangzhou`, `ap-southeast-1`. */
export const REGION_PATTERN = /^[a-z]{2,}(-[a-z0-9]+)+$/;
/** A profile name in ~/.aliyun/config.json. */
export const PROFILE_PATTERN = /^[A-Za-z0-9_.@-]{1,64}$/;

/** Drops keys whose value is undefined, so that state holds only what was set. */
export function defined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Checks `regionId`, or fills it in when omitted, so that the stored inputs always name the region
 * the object lives in: the region recorded before (`olds`), else `alicloud:region` / the
 * environment. A later change of the stack's default region must not move, that is replace,
 * objects that already exist.
 */
export function checkRegion(
  failures: Failures,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  settings: Settings,
): string | undefined {
  const regionId = failures.text(news, "regionId", REGION_PATTERN, "a region ID such as cn-hangzhou", false);
  if (regionId !== undefined || news.regionId) return regionId;
  if (typeof olds.regionId === "string" && REGION_PATTERN.test(olds.regionId)) return olds.regionId;
  try {
    return resolveRegion(settings, undefined);
  } catch (error) {
    failures.add("regionId", (error as Error).message);
    return undefined;
  }
}

/** Checks the optional `profile` input. */
export function checkProfile(failures: Failures, news: Record<string, unknown>): string | undefined {
  return failures.text(news, "profile", PROFILE_PATTERN, "the name of a profile in ~/.aliyun/config.json", false);
}
