import { describe, expect, it } from "vitest";
import { DescribeGrantRulesToCen } from "../../../api/vpc";
import { endpointFor, productsLeftPublic, resolveEndpoint } from "../../../provider/client/endpoints";
import { AlibabaCloudError } from "../../../provider/client/errors";
import { callAction } from "../../../provider/client/rpc";
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

describe("where an endpoint came from", () => {
  const keys = {
    ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAI5tExampleKey0001",
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: "example-secret",
  };

  it("GIVEN each kind of setting WHEN resolved THEN the endpoint names the setting that chose it", () => {
    const settings = makeSettings(config({ "alicloud:endpoints": '[{"vpc":"http://127.0.0.1:1"}]' }), {
      ALICLOUD_ECS_ENDPOINT: "http://127.0.0.1:2",
    });
    expect(resolveEndpoint(settings, "vpc", "cn-hangzhou", "X").setting).toBe("stack config alicloud:endpoints (vpc)");
    expect(resolveEndpoint(settings, "ecs", "cn-hangzhou", "X").setting).toBe(
      "environment variable ALICLOUD_ECS_ENDPOINT",
    );
    expect(resolveEndpoint(settings, "cbn", "cn-hangzhou", "X")).toEqual({
      url: "https://cbn.aliyuncs.com",
      setting:
        "the public default for cbn (none of alicloud:endpoints cbn, ALICLOUD_CBN_ENDPOINT or ALICLOUD_ENDPOINT is set)",
    });
  });

  it("GIVEN endpoints for vpc and ecs only WHEN products are checked THEN cbn and sts are the ones left public; with none set, none is", () => {
    const some = makeSettings(
      config({ "alicloud:endpoints": '[{"vpc":"http://127.0.0.1:1","ecs":"http://127.0.0.1:1"}]' }),
      {},
    );
    expect(productsLeftPublic(some, ["vpc", "ecs", "cbn", "sts"])).toEqual(["cbn", "sts"]);
    expect(productsLeftPublic(makeSettings(undefined, {}), ["cbn"])).toEqual([]);
    expect(productsLeftPublic(makeSettings(undefined, { ALICLOUD_ENDPOINT: "http://127.0.0.1:1" }), ["cbn"])).toEqual(
      [],
    );
  });

  it("GIVEN an endpoint whose host does not resolve WHEN called THEN it fails at once, naming the host and the setting", async () => {
    const settings = makeSettings(undefined, {
      ...keys,
      ALICLOUD_VPC_ENDPOINT: "http://no-such-host.invalid:8080",
      ALICLOUD_DYNAMIC_RETRY_DEADLINE_MS: "60000",
    });
    const started = Date.now();
    const failure = await callAction(settings, { region: "cn-hangzhou" }, DescribeGrantRulesToCen, {
      InstanceId: "vpc-1",
      InstanceType: "VPC",
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AlibabaCloudError);
    expect((failure as Error).message).toContain(
      "could not connect to no-such-host.invalid:8080 (from environment variable ALICLOUD_VPC_ENDPOINT): no such host",
    );
    expect((failure as AlibabaCloudError).retryable).toBe(false);
    expect(Date.now() - started).toBeLessThan(10_000);
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
