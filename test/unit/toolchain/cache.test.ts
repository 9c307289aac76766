// The toolchain's cache folder and its elapsed-time format (scripts/toolchain/cache.mjs).
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cacheRoot, elapsed } from "../../../scripts/toolchain/cache.mjs";

describe("cacheRoot", () => {
  it("GIVEN PULUMI_ALICLOUD_DYNAMIC_CACHE WHEN asked THEN it wins over XDG_CACHE_HOME, made absolute", () => {
    const env = { PULUMI_ALICLOUD_DYNAMIC_CACHE: "relative/cache", XDG_CACHE_HOME: "/xdg" };
    expect(cacheRoot(env)).toBe(path.resolve("relative/cache"));
  });

  it("GIVEN only XDG_CACHE_HOME WHEN asked THEN the project's folder under it", () => {
    expect(cacheRoot({ XDG_CACHE_HOME: "/var/cache/me" })).toBe(path.join("/var/cache/me", "pulumi-alicloud-dynamic"));
  });

  it("GIVEN neither (or empty values) WHEN asked THEN ~/.cache/pulumi-alicloud-dynamic", () => {
    const expected = path.join(os.homedir(), ".cache", "pulumi-alicloud-dynamic");
    expect(cacheRoot({})).toBe(expected);
    expect(cacheRoot({ PULUMI_ALICLOUD_DYNAMIC_CACHE: "", XDG_CACHE_HOME: "" })).toBe(expected);
  });
});

describe("elapsed", () => {
  it("GIVEN under a minute WHEN formatted THEN whole seconds, rounded", () => {
    expect(elapsed(0)).toBe("0s");
    expect(elapsed(1_499)).toBe("1s");
    expect(elapsed(1_500)).toBe("2s");
    expect(elapsed(59_499)).toBe("59s");
  });

  it("GIVEN a minute or more WHEN formatted THEN minutes and two-digit seconds", () => {
    expect(elapsed(59_500)).toBe("1m00s");
    expect(elapsed(65_000)).toBe("1m05s");
    expect(elapsed(754_000)).toBe("12m34s");
    expect(elapsed(3_600_000)).toBe("60m00s");
  });
});
