import { describe, expect, it } from "vitest";
import { endpointFor } from "../../../provider/client/endpoints";
import { makeSettings, resolveRegion } from "../../../provider/client/settings";

const config = (values: Record<string, string>) => ({ get: (key: string) => values[key] });

describe("endpoints", () => {
  it("GIVEN no override WHEN a CEN grant action is called THEN the central vpc.aliyuncs.com is used", () => {
    const settings = makeSettings(undefined, {});
    expect(endpointFor(settings, "vpc", "cn-shanghai", "GrantInstanceToCen")).toBe("https://vpc.aliyuncs.com");
    expect(endpointFor(settings, "vpc", "cn-shanghai", "DescribeVpcAttribute")).toBe(
      "https://vpc.cn-shanghai.aliyuncs.com",
    );
    expect(endpointFor(settings, "ecs", "ap-southeast-1", "AttachClassicLinkVpc")).toBe(
      "https://ecs.ap-southeast-1.aliyuncs.com",
    );
  });

  it("GIVEN config and environment overrides WHEN resolved THEN config beats the per-product variable, which beats the shared one", () => {
    const env = { ALICLOUD_ENDPOINT: "http://127.0.0.1:1", ALICLOUD_ECS_ENDPOINT: "http://127.0.0.1:2/" };
    const settings = makeSettings(config({ "alicloud:endpoints": '[{"vpc":"vpc-proxy.internal"}]' }), env);
    expect(endpointFor(settings, "vpc", "cn-hangzhou", "GrantInstanceToCen")).toBe("https://vpc-proxy.internal");
    expect(endpointFor(settings, "ecs", "cn-hangzhou", "DescribeClassicLinkInstances")).toBe("http://127.0.0.1:2");
    expect(endpointFor(makeSettings(undefined, env), "vpc", "cn-hangzhou", "X")).toBe("http://127.0.0.1:1");
  });

  it("GIVEN malformed alicloud:endpoints WHEN resolved THEN the error shows the expected shape", () => {
    const settings = makeSettings(config({ "alicloud:endpoints": "vpc=x" }), {});
    expect(() => endpointFor(settings, "vpc", "cn-hangzhou", "X")).toThrow(/alicloud:endpoints must be JSON/);
  });
});

describe("region", () => {
  it("GIVEN the resource's regionId, config and environment WHEN resolved THEN they win in that order", () => {
    const env = { ALIBABA_CLOUD_REGION: "cn-beijing", ALICLOUD_REGION: "cn-shenzhen" };
    const withConfig = makeSettings(config({ "alicloud:region": "cn-shanghai" }), env);
    expect(resolveRegion(withConfig, "ap-southeast-1")).toBe("ap-southeast-1");
    expect(resolveRegion(withConfig, undefined)).toBe("cn-shanghai");
    expect(resolveRegion(makeSettings(undefined, env), undefined)).toBe("cn-beijing");
    expect(resolveRegion(makeSettings(undefined, { ALICLOUD_REGION: "cn-shenzhen" }), undefined)).toBe("cn-shenzhen");
  });

  it("GIVEN no region anywhere WHEN resolved THEN one error names every place looked", () => {
    expect(() => resolveRegion(makeSettings(undefined, {}), undefined)).toThrow(
      /regionId on the resource.*alicloud:region.*ALIBABA_CLOUD_REGION/,
    );
  });
});

describe("timing", () => {
  it("GIVEN a bad tuning variable WHEN settings are made THEN the error names it", () => {
    expect(() => makeSettings(undefined, { ALICLOUD_DYNAMIC_READ_TIMEOUT_MS: "soon" })).toThrow(
      /ALICLOUD_DYNAMIC_READ_TIMEOUT_MS/,
    );
    expect(makeSettings(undefined, { ALICLOUD_DYNAMIC_READ_TIMEOUT_MS: "1500" }).timing.readTimeoutMs).toBe(1500);
  });
});
