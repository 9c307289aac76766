// GIVEN requests at the edges of the gateway (the order of its checks, an oversized body) and its
// memories (nonces, ClientToken fingerprints) WHEN they are exercised THEN the emulator behaves
// as emulator/README.md says.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fingerprint } from "../../emulator/core/idempotency.js";
import { NonceStore } from "../../emulator/core/nonces.js";
import { MAX_BODY } from "../../emulator/core/server.js";
import { isoSeconds } from "../../emulator/core/time.js";
import type { RunningEmulator } from "../../emulator/index.js";
import { codeOf, IDS, REQUEST_ID, signedFetch, start, VPC } from "./helpers.js";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await start();
});
afterAll(() => emu.stop());

const attribute = { Action: "DescribeVpcAttribute", Version: VPC, RegionId: "cn-hangzhou", VpcId: IDS.vpcLink1 };
const withoutNonce = (encoded: string) => encoded.replace(/(^|&)SignatureNonce=[^&]*/, "");

describe("order of checks", () => {
  it("GIVEN PUT with Format=XML WHEN calling THEN UnsupportedHTTPMethod comes in XML (Format is read before the method is checked)", async () => {
    const response = await fetch(`${emu.url}/?Format=XML&Action=DescribeVpcAttribute`, { method: "PUT" });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("text/xml;charset=utf-8");
    expect(await response.text()).toContain("<Code>UnsupportedHTTPMethod</Code>");
  });

  it("GIVEN an expired Timestamp and no SignatureNonce WHEN calling THEN InvalidTimeStamp.Expired (the timestamp is checked before the nonce is missed)", async () => {
    const expired = await signedFetch(emu.url, {
      params: attribute,
      timestamp: isoSeconds(Date.now() - 20 * 60_000),
      tamper: withoutNonce,
    });
    expect([expired.status, codeOf(expired)]).toEqual([400, "InvalidTimeStamp.Expired"]);
    const fresh = await signedFetch(emu.url, { params: attribute, tamper: withoutNonce });
    expect([fresh.status, codeOf(fresh), JSON.parse(fresh.text).Message]).toEqual([
      400,
      "MissingParameter",
      'The input parameter "SignatureNonce" that is required for processing this request is not supplied.',
    ]);
  });
});

describe("oversized body", () => {
  it("GIVEN a POST body over 4 MiB WHEN sent THEN 413 with the normal JSON error envelope", async () => {
    const response = await fetch(`${emu.url}/`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `Action=DescribeVpcAttribute&Pad=${"x".repeat(MAX_BODY)}`,
    });
    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toBe("application/json;charset=utf-8");
    const body = (await response.json()) as { RequestId: string; Code: string; Message: string; HostId: string };
    expect(body.RequestId).toMatch(REQUEST_ID);
    expect(body.Code).toBe("RequestEntityTooLarge");
    expect(body.HostId).toBe(emu.url.replace(/^http:\/\//, ""));
  });
});

describe("SignatureNonce memory", () => {
  const ttl = 15 * 60_000;

  it("GIVEN a nonce WHEN reused just inside and just outside the window THEN refused, then accepted", () => {
    const store = new NonceStore();
    const t = Date.UTC(2025, 0, 1, 0, 0, 30);
    expect(store.use("AK", "n1", t, ttl)).toBe(true);
    expect(store.use("AK", "n1", t + ttl - 1, ttl)).toBe(false);
    expect(store.use("AK", "n1", t + ttl, ttl)).toBe(true);
    expect(store.use("AK2", "n1", t + ttl, ttl)).toBe(true);
  });

  it("GIVEN nonces spread over minutes WHEN the window has passed them all THEN whole minutes are forgotten", () => {
    const store = new NonceStore();
    const t = Date.UTC(2025, 0, 1);
    for (let i = 0; i < 30; i++) store.use("AK", `n${i}`, t + i * 20_000, ttl);
    expect(store.size).toBe(30);
    store.use("AK", "late", t + 10 * 20_000 + ttl + 60_000, ttl);
    // The first four minutes (n0..n11) have left the window; later ones stay until all theirs have.
    expect(store.size).toBeLessThan(30);
    expect(store.use("AK", "n29", t + 29 * 20_000 + 1, ttl)).toBe(false);
    store.use("AK", "later", t + 30 * 20_000 + ttl + 60_000, ttl);
    expect(store.size).toBe(2);
  });

  it("GIVEN a hard cap of 3 WHEN a 4th nonce arrives THEN the oldest is forgotten first and the newest still refused", () => {
    const store = new NonceStore(3);
    const t = Date.UTC(2025, 0, 1);
    for (const [i, nonce] of ["a", "b", "c", "d"].entries()) expect(store.use("AK", nonce, t + i, ttl)).toBe(true);
    expect(store.size).toBe(3);
    expect(store.use("AK", "d", t + 10, ttl)).toBe(false);
    expect(store.use("AK", "a", t + 10, ttl)).toBe(true);
  });
});

describe("ClientToken fingerprint", () => {
  it("GIVEN one call as V1 sends it and as V3 sends it WHEN fingerprinted THEN they match: only business parameters count", () => {
    const business: Array<[string, string]> = [
      ["RegionId", "cn-hangzhou"],
      ["ClientToken", "t-1"],
    ];
    const v1: Array<[string, string]> = [
      ["Action", "GrantInstanceToCen"],
      ["Version", VPC],
      ["Format", "JSON"],
      ["Timestamp", "2025-01-01T00:00:00Z"],
      ["SignatureNonce", "n"],
      ["SignatureMethod", "HMAC-SHA1"],
      ["SignatureVersion", "1.0"],
      ["AccessKeyId", "AK"],
      ["SecurityToken", "tok"],
      ["Signature", "sig"],
      ...business,
    ];
    expect(fingerprint(v1)).toBe(fingerprint(business.slice().reverse()));
    expect(fingerprint(business)).not.toBe(fingerprint([...business, ["CenId", "cen-x"]]));
  });
});
