// GIVEN a running emulator WHEN requests break the RPC protocol in each documented way THEN the
// gateway error, HTTP status and envelope are the real ones; well-formed requests pass via GET and POST.
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isoSeconds } from "../../emulator/core/time.js";
import type { RunningEmulator } from "../../emulator/index.js";
import {
  call,
  codeOf,
  expectFailure,
  IDS,
  KEYS,
  pop,
  REQUEST_ID,
  rawFetch,
  signedFetch,
  start,
  VPC,
} from "./helpers.js";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await start();
  await emu.admin.seed({
    accounts: [
      {
        uid: IDS.mainUid,
        accessKeys: [{ accessKeyId: "LTAI5tEmuDisabledKey0001", accessKeySecret: "disabled-secret", disabled: true }],
        stsKeys: [
          {
            accessKeyId: "STS.EmuExpired0001",
            accessKeySecret: "expired-secret",
            securityToken: "expired-token",
            expiration: "2020-01-01T00:00:00Z",
          },
        ],
      },
    ],
  });
});
afterAll(() => emu.stop());

const attribute = { Action: "DescribeVpcAttribute", Version: VPC, RegionId: "cn-hangzhou", VpcId: IDS.vpcLink1 };

describe("well-formed requests", () => {
  it("GIVEN pop-core with GET (its default) WHEN calling DescribeVpcAttribute THEN the VPC comes back with a fresh upper-case RequestId", async () => {
    const vpc = pop(emu.url, VPC);
    const a = await call<{ RequestId: string; VpcId: string; ClassicLinkEnabled: boolean }>(
      vpc,
      "DescribeVpcAttribute",
      {
        RegionId: "cn-hangzhou",
        VpcId: IDS.vpcLink1,
      },
    );
    const b = await call<{ RequestId: string }>(vpc, "DescribeVpcAttribute", {
      RegionId: "cn-hangzhou",
      VpcId: IDS.vpcLink1,
    });
    expect(a.VpcId).toBe(IDS.vpcLink1);
    expect(a.ClassicLinkEnabled).toBe(true);
    expect(a.RequestId).toMatch(REQUEST_ID);
    expect(b.RequestId).toMatch(REQUEST_ID);
    expect(a.RequestId).not.toBe(b.RequestId);
  });

  it("GIVEN pop-core with {method: 'POST'} WHEN calling THEN the form body is verified the same way", async () => {
    const answer = await call<{ VpcId: string; CidrBlock: string }>(
      pop(emu.url, VPC),
      "DescribeVpcAttribute",
      { RegionId: "cn-hangzhou", VpcId: IDS.vpcPlain },
      "POST",
    );
    expect(answer).toMatchObject({ VpcId: IDS.vpcPlain, CidrBlock: "192.168.0.0/16" });
  });

  it("GIVEN Format=XML WHEN the call succeeds THEN the answer is <DescribeVpcAttributeResponse> in text/xml", async () => {
    const answer = await signedFetch(emu.url, { params: { ...attribute, Format: "XML" } });
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe("text/xml;charset=utf-8");
    const xml = new XMLParser({ parseTagValue: false }).parse(answer.text) as {
      DescribeVpcAttributeResponse: Record<string, string>;
    };
    expect(xml.DescribeVpcAttributeResponse.VpcId).toBe(IDS.vpcLink1);
    expect(xml.DescribeVpcAttributeResponse.OwnerId).toBe(IDS.mainUid);
    expect(xml.DescribeVpcAttributeResponse.RequestId).toMatch(REQUEST_ID);
  });

  it("GIVEN Format=XML WHEN the call fails THEN the answer is an <Error> document with the error's status", async () => {
    const answer = await signedFetch(emu.url, { params: { ...attribute, VpcId: "vpc-nope", Format: "xml" } });
    expect(answer.status).toBe(404);
    const xml = new XMLParser({ parseTagValue: false }).parse(answer.text) as { Error: Record<string, string> };
    expect(xml.Error.Code).toBe("InvalidVpcId.NotFound");
    expect(xml.Error.HostId).toBe("vpc.aliyuncs.com");
    expect(xml.Error.Recommend).toContain("q=InvalidVpcId.NotFound");
  });

  it("GIVEN the STS key with its own SecurityToken WHEN calling THEN it is accepted as the main account", async () => {
    const answer = await call<{ OwnerId: { toString(): string } }>(
      pop(emu.url, VPC, KEYS.mainSts),
      "DescribeVpcAttribute",
      {
        RegionId: "cn-hangzhou",
        VpcId: IDS.vpcLink1,
      },
    );
    expect(answer.OwnerId.toString()).toBe(IDS.mainUid);
  });
});

describe("gateway errors", () => {
  it("GIVEN a wrong secret WHEN calling THEN 400 SignatureDoesNotMatch with the server's string to sign", async () => {
    const error = await expectFailure(
      call(pop(emu.url, VPC, { ...KEYS.main, accessKeySecret: "wrong" }), "DescribeVpcAttribute", {
        RegionId: "cn-hangzhou",
        VpcId: IDS.vpcLink1,
      }),
      "SignatureDoesNotMatch",
      400,
    );
    expect(error.data.Message).toMatch(
      /^Specified signature is not matched with our calculation\. server string to sign is:GET&%2F&AccessKeyId%3DLTAI5tEmuMainAccount0001/,
    );
    expect(error.data.RequestId).toMatch(REQUEST_ID);
    expect(error.data.HostId).toBe("vpc.aliyuncs.com");
  });

  it("GIVEN an unknown AccessKeyId WHEN calling THEN 400 InvalidAccessKeyId.NotFound", async () => {
    await expectFailure(
      call(pop(emu.url, VPC, { accessKeyId: "LTAI5tNobody", accessKeySecret: "x" }), "DescribeVpcAttribute", attribute),
      "InvalidAccessKeyId.NotFound",
      400,
    );
  });

  it("GIVEN a disabled AccessKey WHEN calling THEN 400 InvalidAccessKeyId.Inactive", async () => {
    const answer = await signedFetch(emu.url, {
      params: attribute,
      key: { accessKeyId: "LTAI5tEmuDisabledKey0001", accessKeySecret: "disabled-secret" },
    });
    expect([answer.status, codeOf(answer)]).toEqual([400, "InvalidAccessKeyId.Inactive"]);
  });

  it("GIVEN a signature that is not even base64 of a digest WHEN calling THEN 400 IncompleteSignature", async () => {
    const answer = await signedFetch(emu.url, {
      params: attribute,
      tamper: (encoded) => encoded.replace(/Signature=[^&]*$/, "Signature=abc"),
    });
    expect([answer.status, codeOf(answer)]).toEqual([400, "IncompleteSignature"]);
  });

  it("GIVEN no SignatureMethod WHEN calling THEN 400 IncompleteSignature", async () => {
    const answer = await signedFetch(emu.url, {
      params: attribute,
      tamper: (encoded) => encoded.replace("SignatureMethod=HMAC-SHA1&", ""),
    });
    expect([answer.status, codeOf(answer)]).toEqual([400, "IncompleteSignature"]);
  });

  it("GIVEN SignatureMethod HMAC-SHA256 in a V1 request WHEN calling THEN 400 InvalidSignatureMethod", async () => {
    const answer = await signedFetch(emu.url, { params: { ...attribute, SignatureMethod: "HMAC-SHA256" } });
    expect([answer.status, codeOf(answer)]).toEqual([400, "InvalidSignatureMethod"]);
  });

  it("GIVEN a Timestamp that is not ISO 8601 WHEN calling THEN 400 InvalidTimeStamp.Format", async () => {
    for (const timestamp of ["2024-13-01T00:00:00Z", "yesterday", "2024-02-30T00:00:00Z"]) {
      const answer = await signedFetch(emu.url, { params: attribute, timestamp });
      expect([answer.status, codeOf(answer)]).toEqual([400, "InvalidTimeStamp.Format"]);
    }
  });

  it("GIVEN a Timestamp 16 minutes off WHEN calling THEN 400 InvalidTimeStamp.Expired, while 14 minutes is accepted", async () => {
    const late = await signedFetch(emu.url, { params: attribute, timestamp: isoSeconds(Date.now() - 16 * 60_000) });
    expect([late.status, codeOf(late)]).toEqual([400, "InvalidTimeStamp.Expired"]);
    const early = await signedFetch(emu.url, { params: attribute, timestamp: isoSeconds(Date.now() + 16 * 60_000) });
    expect(codeOf(early)).toBe("InvalidTimeStamp.Expired");
    const ok = await signedFetch(emu.url, { params: attribute, timestamp: isoSeconds(Date.now() - 14 * 60_000) });
    expect(ok.status).toBe(200);
  });

  it("GIVEN a nonce used once by a key WHEN the same key reuses it THEN 400 SignatureNonceUsed; another key may use it", async () => {
    const nonce = `nonce-${Date.now()}`;
    expect((await signedFetch(emu.url, { params: attribute, nonce })).status).toBe(200);
    const again = await signedFetch(emu.url, { params: attribute, nonce });
    expect([again.status, codeOf(again)]).toEqual([400, "SignatureNonceUsed"]);
    const otherKey = await signedFetch(emu.url, {
      params: { ...attribute, VpcId: IDS.otherVpc },
      key: KEYS.other,
      nonce,
    });
    expect(otherKey.status).toBe(200);
  });

  it("GIVEN a request without Action, Version or a required parameter WHEN calling THEN 400 MissingParameter naming it", async () => {
    const { Action: _a, ...noAction } = attribute;
    const a = await signedFetch(emu.url, { params: noAction });
    expect([a.status, codeOf(a)]).toEqual([400, "MissingParameter"]);
    expect(JSON.parse(a.text).Message).toBe(
      'The input parameter "Action" that is required for processing this request is not supplied.',
    );
    const { VpcId: _v, ...noVpc } = attribute;
    const b = await signedFetch(emu.url, { params: noVpc });
    expect([b.status, codeOf(b), JSON.parse(b.text).Message]).toEqual([
      400,
      "MissingParameter",
      'The input parameter "VpcId" that is required for processing this request is not supplied.',
    ]);
    const c = await signedFetch(emu.url, {
      params: attribute,
      tamper: (encoded) => encoded.replace(/Timestamp=[^&]*&/, ""),
    });
    expect([c.status, codeOf(c)]).toEqual([400, "MissingParameter"]);
  });

  it("GIVEN an unknown Version WHEN calling THEN 400 InvalidParameter about Action or Version", async () => {
    const answer = await signedFetch(emu.url, { params: { ...attribute, Version: "2099-01-01" } });
    expect([answer.status, codeOf(answer), JSON.parse(answer.text).Message]).toEqual([
      400,
      "InvalidParameter",
      'The specified parameter "Action or Version" is not valid.',
    ]);
  });

  it("GIVEN an Action the product lacks (names are case-sensitive) WHEN calling THEN 404 InvalidApi.NotFound", async () => {
    for (const action of ["DescribeVpcs", "describeVpcAttribute"]) {
      const answer = await signedFetch(emu.url, { params: { ...attribute, Action: action } });
      expect([answer.status, codeOf(answer)]).toEqual([404, "InvalidApi.NotFound"]);
    }
  });

  it("GIVEN a path other than / WHEN calling THEN 404 InvalidApi.NotFound", async () => {
    const response = await fetch(`${emu.url}/v2/vpcs`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { Code: string }).Code).toBe("InvalidApi.NotFound");
  });

  it("GIVEN PUT or DELETE WHEN calling THEN 400 UnsupportedHTTPMethod", async () => {
    for (const method of ["PUT", "DELETE"]) {
      const answer = await rawFetch(emu.url, method, "Action=DescribeVpcAttribute");
      expect([answer.status, codeOf(answer)]).toEqual([400, "UnsupportedHTTPMethod"]);
    }
  });

  it("GIVEN Format=YAML WHEN calling THEN 400 InvalidParameter.Format in JSON", async () => {
    const answer = await signedFetch(emu.url, { params: { ...attribute, Format: "YAML" } });
    expect([answer.status, codeOf(answer), answer.contentType]).toEqual([
      400,
      "InvalidParameter.Format",
      "application/json;charset=utf-8",
    ]);
  });

  it("GIVEN the STS key with a token that is not its own, or none, WHEN calling THEN it is refused", async () => {
    await expectFailure(
      call(
        pop(emu.url, VPC, { ...KEYS.mainSts, securityToken: "someone-elses-token" }),
        "DescribeVpcAttribute",
        attribute,
      ),
      "InvalidSecurityToken.MismatchWithAccessKey",
      400,
    );
    await expectFailure(
      call(
        pop(emu.url, VPC, { accessKeyId: KEYS.mainSts.accessKeyId, accessKeySecret: KEYS.mainSts.accessKeySecret }),
        "DescribeVpcAttribute",
        attribute,
      ),
      "MissingParameter",
      400,
    );
    await expectFailure(
      call(
        pop(emu.url, VPC, { ...KEYS.main, securityToken: "emu-main-sts-token-0001" }),
        "DescribeVpcAttribute",
        attribute,
      ),
      "InvalidSecurityToken.MismatchWithAccessKey",
      400,
    );
  });

  it("GIVEN an STS key past its expiration WHEN calling THEN 400 InvalidSecurityToken.Expired", async () => {
    await expectFailure(
      call(
        pop(emu.url, VPC, {
          accessKeyId: "STS.EmuExpired0001",
          accessKeySecret: "expired-secret",
          securityToken: "expired-token",
        }),
        "DescribeVpcAttribute",
        attribute,
      ),
      "InvalidSecurityToken.Expired",
      400,
    );
  });
});
