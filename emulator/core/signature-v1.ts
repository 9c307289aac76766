// Signature version 1.0 (HMAC-SHA1) for RPC APIs, spec §2. Pure functions: the verifier and
// every test signer share them, and the published test vector pins them down.
import { createHmac, randomUUID } from "node:crypto";
import { percentEncode } from "./encoding.js";

/** The canonicalized query string: every parameter but `Signature`, sorted by name, encoded. */
export function canonicalQueryV1(params: Iterable<readonly [string, string]>): string {
  const pairs: Array<readonly [string, string]> = [];
  for (const pair of params) if (pair[0] !== "Signature") pairs.push(pair);
  // Sorted by raw name in UTF-16 code-unit order, as pop-core and the Java samples do.
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return pairs.map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`).join("&");
}

/** `METHOD&%2F&percentEncode(canonicalQuery)`. */
export function stringToSignV1(method: string, params: Iterable<readonly [string, string]>): string {
  return `${method.toUpperCase()}&${percentEncode("/")}&${percentEncode(canonicalQueryV1(params))}`;
}

/** Base64(HMAC-SHA1(secret + "&", stringToSign)). */
export function signatureV1(stringToSign: string, accessKeySecret: string): string {
  return createHmac("sha1", `${accessKeySecret}&`).update(stringToSign, "utf8").digest("base64");
}

/** Input of signRequestV1. */
export interface SignV1Input {
  /** HTTP method the request will use. */
  readonly method: "GET" | "POST";
  /** Action parameters (Action, Version, RegionId, ...); common auth parameters are added. */
  readonly params: { readonly [name: string]: string };
  /** AccessKeyId. */
  readonly accessKeyId: string;
  /** AccessKeySecret. */
  readonly accessKeySecret: string;
  /** STS token, when the key is temporary. */
  readonly securityToken?: string;
  /** @default now, `YYYY-MM-DDTHH:mm:ssZ` */
  readonly timestamp?: string;
  /** @default a random UUID */
  readonly nonce?: string;
}

/** Formats a time as `YYYY-MM-DDTHH:mm:ssZ` (UTC, no milliseconds), as the gateway expects. */
export function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/**
 * Signs an RPC request with V1 and returns the encoded parameter string (for the query of a GET
 * or the form body of a POST), `Signature` last, as pop-core sends it.
 */
export function signRequestV1(input: SignV1Input): string {
  const params: { [name: string]: string } = {
    Format: "JSON",
    SignatureMethod: "HMAC-SHA1",
    SignatureVersion: "1.0",
    SignatureNonce: input.nonce ?? randomUUID(),
    Timestamp: input.timestamp ?? isoSeconds(Date.now()),
    AccessKeyId: input.accessKeyId,
    ...(input.securityToken ? { SecurityToken: input.securityToken } : {}),
    ...input.params,
  };
  const entries = Object.entries(params);
  const signature = signatureV1(stringToSignV1(input.method, entries), input.accessKeySecret);
  return `${canonicalQueryV1(entries)}&Signature=${percentEncode(signature)}`;
}
