// GIVEN the published signature examples and our signers, WHEN we sign and verify, THEN the
// values match Alibaba's documents exactly and what the signer makes the verifier accepts.
import { describe, expect, it } from "vitest";
import { percentEncode } from "../../emulator/core/encoding.js";
import { makeRequest } from "../../emulator/core/http-types.js";
import { signatureV1, signRequestV1, stringToSignV1 } from "../../emulator/core/signature-v1.js";
import {
  canonicalRequestV3,
  parseAuthorizationV3,
  sha256Hex,
  signatureV3,
  signRequestV3,
  stringToSignV3,
} from "../../emulator/core/signature-v3.js";
import { createEmulator } from "../../emulator/index.js";
import { KEYS, VPC } from "./helpers.js";

describe("signature V1 (HMAC-SHA1)", () => {
  const vector: Array<[string, string]> = [
    ["AccessKeyId", "testid"],
    ["Action", "DescribeRegions"],
    ["Format", "XML"],
    ["SignatureMethod", "HMAC-SHA1"],
    ["SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"],
    ["SignatureVersion", "1.0"],
    ["Timestamp", "2016-02-23T12:46:24Z"],
    ["Version", "2014-05-26"],
  ];

  it("GIVEN the documented test vector WHEN signing with secret testsecret THEN StringToSign and Signature are the published ones", () => {
    const sts = stringToSignV1("GET", vector);
    expect(sts).toBe(
      "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26",
    );
    expect(signatureV1(sts, "testsecret")).toBe("OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
    expect(percentEncode("OLeaidS1JvxuMvnyHOwuJ+uX5qY=")).toBe("OLeaidS1JvxuMvnyHOwuJ%2BuX5qY%3D");
  });

  it("GIVEN the vector's parameters in any order and a Signature among them WHEN building StringToSign THEN order and Signature do not matter", () => {
    const shuffled = [...vector].reverse();
    shuffled.push(["Signature", "ignored"]);
    expect(stringToSignV1("GET", shuffled)).toBe(stringToSignV1("GET", vector));
  });

  it("GIVEN RFC 3986 special characters WHEN percent-encoding THEN only unreserved characters stay and space is %20", () => {
    expect(percentEncode("a b*c~d!e'f(g)h+i/j=k&l")).toBe("a%20b%2Ac~d%21e%27f%28g%29h%2Bi%2Fj%3Dk%26l");
    expect(percentEncode("中")).toBe("%E4%B8%AD");
  });

  it("GIVEN a request signed by our V1 signer WHEN the pure handle() verifies it THEN it succeeds, and one changed byte fails with SignatureDoesNotMatch", async () => {
    const emulator = createEmulator();
    const params = {
      Action: "DescribeVpcAttribute",
      Version: VPC,
      RegionId: "cn-hangzhou",
      VpcId: "vpc-bp1emumainlink0000001",
    };
    const ok = signRequestV1({ method: "GET", params, ...KEYS.main });
    const good = await emulator.handle(makeRequest("GET", `/?${ok}`));
    expect(good.status).toBe(200);
    expect(JSON.parse(good.body).VpcId).toBe("vpc-bp1emumainlink0000001");
    const bad = signRequestV1({ method: "GET", params, ...KEYS.main }).replace(
      "RegionId=cn-hangzhou",
      "RegionId=cn-hangzhoU",
    );
    const refused = await emulator.handle(makeRequest("GET", `/?${bad}`));
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.body).Code).toBe("SignatureDoesNotMatch");
    expect(JSON.parse(refused.body).Message).toContain("server string to sign is:GET&%2F&");
  });

  it("GIVEN a POST signed for GET WHEN verified THEN the method is part of the signature and it fails", async () => {
    const emulator = createEmulator();
    const params = {
      Action: "DescribeVpcAttribute",
      Version: VPC,
      RegionId: "cn-hangzhou",
      VpcId: "vpc-bp1emumainlink0000001",
    };
    const encoded = signRequestV1({ method: "GET", params, ...KEYS.main });
    const answer = await emulator.handle(
      makeRequest("POST", "/", { "content-type": "application/x-www-form-urlencoded" }, encoded),
    );
    expect(JSON.parse(answer.body).Code).toBe("SignatureDoesNotMatch");
  });
});

describe("signature V3 (ACS3-HMAC-SHA256)", () => {
  const headers = {
    host: "ecs.cn-shanghai.aliyuncs.com",
    "x-acs-action": "RunInstances",
    "x-acs-content-sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "x-acs-date": "2023-10-26T10:22:32Z",
    "x-acs-signature-nonce": "3156853299f313e23d1673dc12e1703d",
    "x-acs-version": "2014-05-26",
  };
  const signedHeaders = Object.keys(headers);

  it("GIVEN the documentation's worked example WHEN building the canonical request THEN its hash is 7ea06492... and the signature 06563a9e...", () => {
    const canonical = canonicalRequestV3({
      method: "POST",
      path: "/",
      query: [
        ["RegionId", "cn-shanghai"],
        ["ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"],
      ],
      headers,
      signedHeaders,
      hashedPayload: sha256Hex(""),
    });
    expect(canonical.split("\n").slice(0, 3)).toEqual([
      "POST",
      "/",
      "ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai",
    ]);
    const sts = stringToSignV3(canonical);
    expect(sts).toBe("ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259");
    expect(signatureV3(sts, "YourAccessKeySecret")).toBe(
      "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0",
    );
  });

  it("GIVEN the example's request WHEN our V3 signer signs it THEN the Authorization header is the documented one", () => {
    const signed = signRequestV3({
      method: "POST",
      host: "ecs.cn-shanghai.aliyuncs.com",
      action: "RunInstances",
      version: "2014-05-26",
      query: { ImageId: "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd", RegionId: "cn-shanghai" },
      accessKeyId: "YourAccessKeyId",
      accessKeySecret: "YourAccessKeySecret",
      date: "2023-10-26T10:22:32Z",
      nonce: "3156853299f313e23d1673dc12e1703d",
    });
    expect(signed.headers.authorization).toBe(
      "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0",
    );
    expect(parseAuthorizationV3(signed.headers.authorization ?? "")).toEqual({
      algorithm: "ACS3-HMAC-SHA256",
      credential: "YourAccessKeyId",
      signedHeaders,
      signature: "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0",
    });
  });

  it("GIVEN malformed Authorization headers WHEN parsed THEN they are rejected", () => {
    expect(parseAuthorizationV3("ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host")).toBeUndefined();
    expect(parseAuthorizationV3("Bearer abc")).toBeUndefined();
    expect(parseAuthorizationV3("ACS3-HMAC-SHA256 Credential=a SignedHeaders=host Signature=x")).toBeUndefined();
  });

  it("GIVEN a request signed by our V3 signer with a form body WHEN the pure handle() verifies it THEN it succeeds, and a changed body fails", async () => {
    const emulator = createEmulator();
    const signed = signRequestV3({
      method: "POST",
      host: "127.0.0.1:1",
      action: "DescribeVpcAttribute",
      version: VPC,
      query: { RegionId: "cn-hangzhou" },
      form: { VpcId: "vpc-bp1emumainlink0000001" },
      ...KEYS.main,
    });
    const good = await emulator.handle(makeRequest("POST", signed.url, signed.headers, signed.body));
    expect(good.status).toBe(200);
    expect(JSON.parse(good.body).ClassicLinkEnabled).toBe(true);
    const tampered = await emulator.handle(
      makeRequest("POST", signed.url, signed.headers, signed.body.replace("0001", "0002")),
    );
    expect(JSON.parse(tampered.body).Code).toBe("SignatureDoesNotMatch");
  });
});
