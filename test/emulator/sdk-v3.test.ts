// GIVEN the official SDKs (V3 signature by default) configured only with the emulator's endpoint
// and a key WHEN they call THEN they work unchanged; broken V3 requests get the gateway's errors.

import Ecs, * as EcsModels from "@alicloud/ecs20140526";
import * as OpenApi from "@alicloud/openapi-client";
import * as Util from "@alicloud/tea-util";
import Vpc, * as VpcModels from "@alicloud/vpc20160428";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signRequestV3 } from "../../emulator/core/signature-v3.js";
import type { RunningEmulator } from "../../emulator/index.js";
import { call, ECS, IDS, KEYS, type Key, parseJsonExact, pop, start, VPC } from "./helpers.js";

let emu: RunningEmulator;
let endpoint: string;
beforeAll(async () => {
  emu = await start();
  endpoint = emu.url.replace(/^http:\/\//, "");
});
afterAll(() => emu.stop());

function config(key: Key): OpenApi.Config {
  return new OpenApi.Config({
    accessKeyId: key.accessKeyId,
    accessKeySecret: key.accessKeySecret,
    ...(key.securityToken ? { securityToken: key.securityToken } : {}),
    endpoint,
    protocol: "http",
  });
}

async function v3Fetch(signed: {
  url: string;
  headers: { [name: string]: string };
  body: string;
}): Promise<{ status: number; code?: string; body: string }> {
  const response = await fetch(`${emu.url}${signed.url}`, {
    method: "POST",
    headers: signed.headers,
    ...(signed.body ? { body: signed.body } : {}),
  });
  const body = await response.text();
  return { status: response.status, code: (JSON.parse(body) as { Code?: string }).Code, body };
}

describe("official V3 SDKs", () => {
  it("GIVEN @alicloud/ecs20140526 with only endpoint+key WHEN DescribeClassicLinkInstances THEN it returns the link made through pop-core", async () => {
    await call(pop(emu.url, ECS), "AttachClassicLinkVpc", {
      RegionId: "cn-hangzhou",
      InstanceId: IDS.classic2,
      VpcId: IDS.vpcLink2,
    });
    const client = new Ecs(config(KEYS.main));
    const response = await client.describeClassicLinkInstances(
      new EcsModels.DescribeClassicLinkInstancesRequest({ regionId: "cn-hangzhou", vpcId: IDS.vpcLink2 }),
    );
    expect(response.statusCode).toBe(200);
    expect(response.body?.totalCount).toBe(1);
    expect(response.body?.links?.link?.map((l) => [l.instanceId, l.vpcId])).toEqual([[IDS.classic2, IDS.vpcLink2]]);
  });

  it("GIVEN @alicloud/ecs20140526 WHEN TagResources on a managed instance THEN DescribeManagedInstances through the SDK shows the tag", async () => {
    const client = new Ecs(config(KEYS.main));
    const tagged = await client.tagResources(
      new EcsModels.TagResourcesRequest({
        regionId: "cn-hangzhou",
        resourceType: "managedinstance",
        resourceId: [IDS.mi1],
        tag: [new EcsModels.TagResourcesRequestTag({ key: "pulumi:owner", value: "sdk" })],
      }),
    );
    expect(tagged.statusCode).toBe(200);
    const listed = await client.describeManagedInstances(
      new EcsModels.DescribeManagedInstancesRequest({ regionId: "cn-hangzhou", instanceId: [IDS.mi1] }),
    );
    expect(listed.body?.instances?.[0]?.tags?.map((t) => [t.tagKey, t.tagValue])).toEqual([["pulumi:owner", "sdk"]]);
  });

  it("GIVEN @alicloud/vpc20160428 WHEN GrantInstanceToCen then DescribeGrantRulesToCen THEN the SDK sees the grant with its owner", async () => {
    const client = new Vpc(config(KEYS.main));
    // The SDK's Long is a JS number: 9300000000000007 becomes 9300000000000008 on the wire, an
    // account that owns no CEN, so the emulator refuses it (the provider must use pop-core).
    const refused = await client
      .grantInstanceToCen(
        new VpcModels.GrantInstanceToCenRequest({
          regionId: "cn-hangzhou",
          instanceId: IDS.vpcLink1,
          instanceType: "VPC",
          cenId: IDS.cen2,
          cenOwnerId: Number(IDS.cenOwnerUid),
        }),
      )
      .then(
        () => undefined,
        (e: { code?: string; message?: string }) => e,
      );
    expect(refused?.code).toBe("IllegalParam.CenInstanceId");
    expect(refused?.message).toContain("9300000000000008");
    await call(pop(emu.url, VPC), "GrantInstanceToCen", {
      RegionId: "cn-hangzhou",
      InstanceId: IDS.vpcLink1,
      InstanceType: "VPC",
      CenId: IDS.cen2,
      CenOwnerId: IDS.cenOwnerUid,
    });
    const response = await client.describeGrantRulesToCen(
      new VpcModels.DescribeGrantRulesToCenRequest({
        regionId: "cn-hangzhou",
        instanceId: IDS.vpcLink1,
        instanceType: "VPC",
      }),
    );
    const rules = response.body?.cenGrantRules?.cbnGrantRule ?? [];
    expect(rules.map((r) => r.cenInstanceId)).toEqual([IDS.cen2]);
    // The SDK parses with JSON.parse: the UID arrives as the nearest double (9300000000000008).
    expect(rules[0]?.cenOwnerId).toBe(Number(IDS.cenOwnerUid));
  });

  it("GIVEN the SDK and an error WHEN the call fails THEN the SDK reports the code, HTTP status and RequestId", async () => {
    const client = new Ecs(config(KEYS.main));
    const error = await client
      .describeClassicLinkInstances(
        new EcsModels.DescribeClassicLinkInstancesRequest({ regionId: "cn-hangzhou", vpcId: IDS.otherVpc }),
      )
      .then(
        () => undefined,
        (e: { code?: string; statusCode?: number; data?: { RequestId?: string } }) => e,
      );
    expect(error?.code).toBe("InvalidVpc.NotBelong");
    expect(error?.statusCode).toBe(403);
    expect(error?.data?.RequestId).toMatch(/^[0-9A-F-]{36}$/);
  });

  it("GIVEN the SDK with STS credentials WHEN calling THEN x-acs-security-token is verified and accepted", async () => {
    const client = new Vpc(config(KEYS.mainSts));
    const response = await client.describeVpcAttribute(
      new VpcModels.DescribeVpcAttributeRequest({ regionId: "cn-hangzhou", vpcId: IDS.vpcLink1 }),
    );
    expect(response.body?.classicLinkEnabled).toBe(true);
    const wrong = new Vpc(config({ ...KEYS.mainSts, securityToken: "not-mine" }));
    const error = await wrong
      .describeVpcAttribute(new VpcModels.DescribeVpcAttributeRequest({ regionId: "cn-hangzhou", vpcId: IDS.vpcLink1 }))
      .then(
        () => undefined,
        (e: { code?: string }) => e,
      );
    expect(error?.code).toBe("InvalidSecurityToken.MismatchWithAccessKey");
  });

  it("GIVEN @alicloud/openapi-client callApi with parameters in a form body WHEN calling THEN the body hash is verified and its parameters used", async () => {
    const client = new OpenApi.default(config(KEYS.main));
    const params = new OpenApi.Params({
      action: "DescribeVpcAttribute",
      version: VPC,
      protocol: "HTTP",
      pathname: "/",
      method: "POST",
      authType: "AK",
      style: "RPC",
      reqBodyType: "formData",
      bodyType: "json",
    });
    const request = new OpenApi.OpenApiRequest({ query: { RegionId: "cn-hangzhou" }, body: { VpcId: IDS.vpcPlain } });
    const response = (await client.callApi(params, request, new Util.RuntimeOptions({}))) as {
      body: { VpcId: string; ClassicLinkEnabled: boolean };
    };
    expect(response.body).toMatchObject({ VpcId: IDS.vpcPlain, ClassicLinkEnabled: false });
  });
});

describe("V3 protocol errors", () => {
  const base = {
    method: "POST" as const,
    action: "DescribeVpcAttribute",
    version: VPC,
    query: { RegionId: "cn-hangzhou", VpcId: IDS.vpcLink1 },
    ...KEYS.main,
  };

  it("GIVEN our V3 signer WHEN the request is sent as signed THEN it succeeds with the owner UID as a bare integer", async () => {
    const answer = await v3Fetch(signRequestV3({ ...base, host: endpoint }));
    expect(answer.status).toBe(200);
    expect((parseJsonExact(answer.body) as { OwnerId: number }).OwnerId).toBe(1234567890123456);
  });

  it("GIVEN a signature made with the wrong secret WHEN sent THEN 400 SignatureDoesNotMatch", async () => {
    const answer = await v3Fetch(signRequestV3({ ...base, host: endpoint, accessKeySecret: "wrong" }));
    expect([answer.status, answer.code]).toEqual([400, "SignatureDoesNotMatch"]);
  });

  it("GIVEN an x-acs-* header added after signing WHEN sent THEN 400 IncompleteSignature", async () => {
    const signed = signRequestV3({ ...base, host: endpoint });
    const answer = await v3Fetch({ ...signed, headers: { ...signed.headers, "x-acs-extra": "1" } });
    expect([answer.status, answer.code]).toEqual([400, "IncompleteSignature"]);
  });

  it("GIVEN an Authorization header without Signature WHEN sent THEN 400 IncompleteSignature", async () => {
    const signed = signRequestV3({ ...base, host: endpoint });
    const authorization = (signed.headers.authorization ?? "").replace(/,Signature=.*$/, "");
    const answer = await v3Fetch({ ...signed, headers: { ...signed.headers, authorization } });
    expect([answer.status, answer.code]).toEqual([400, "IncompleteSignature"]);
  });

  it("GIVEN the unsupported ACS3-HMAC-SM3 algorithm WHEN sent THEN 400 InvalidSignatureMethod", async () => {
    const signed = signRequestV3({ ...base, host: endpoint });
    const authorization = (signed.headers.authorization ?? "").replace("ACS3-HMAC-SHA256", "ACS3-HMAC-SM3");
    const answer = await v3Fetch({ ...signed, headers: { ...signed.headers, authorization } });
    expect([answer.status, answer.code]).toEqual([400, "InvalidSignatureMethod"]);
  });

  it("GIVEN x-acs-date 20 minutes old WHEN sent THEN 400 InvalidTimeStamp.Expired; a malformed one 400 InvalidTimeStamp.Format", async () => {
    const old = new Date(Date.now() - 20 * 60_000).toISOString().replace(/\.\d+Z$/, "Z");
    const expired = await v3Fetch(signRequestV3({ ...base, host: endpoint, date: old }));
    expect([expired.status, expired.code]).toEqual([400, "InvalidTimeStamp.Expired"]);
    const malformed = await v3Fetch(signRequestV3({ ...base, host: endpoint, date: "26/10/2023" }));
    expect([malformed.status, malformed.code]).toEqual([400, "InvalidTimeStamp.Format"]);
  });

  it("GIVEN a V3 nonce reused by the same key WHEN sent THEN 400 SignatureNonceUsed", async () => {
    const nonce = `v3-${Date.now()}`;
    expect((await v3Fetch(signRequestV3({ ...base, host: endpoint, nonce }))).status).toBe(200);
    const again = await v3Fetch(signRequestV3({ ...base, host: endpoint, nonce }));
    expect([again.status, again.code]).toEqual([400, "SignatureNonceUsed"]);
  });

  it("GIVEN an unknown x-acs-action WHEN sent THEN 404 InvalidApi.NotFound", async () => {
    const answer = await v3Fetch(signRequestV3({ ...base, host: endpoint, action: "DescribeNothing" }));
    expect([answer.status, answer.code]).toEqual([404, "InvalidApi.NotFound"]);
  });
});
