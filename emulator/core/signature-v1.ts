// Signature version 1.0 (HMAC-SHA1) for RPC APIs, spec §2. Pure functions: the verifier and
// every test signer share them, and the published test vector pins them down.
import { createHmac, randomUUID } from "node:crypto";
import { canonicalQuery, percentEncode } from "./encoding.js";
import { isoSeconds } from "./time.js";

/** The canonicalized query string: every parameter but `Signature`, sorted by name, encoded. */
export function canonicalQueryV1(params: Iterable<readonly [string, string]>): string {
  return canonicalQuery([...params].filter((pair) => pair[0] !== "Signature"));
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
  /** The key that signs; it is sent with the request. */
  readonly accessKeyId: string;
  /** The secret that signs; never sent. */
  readonly accessKeySecret: string;
  /** STS token, when the key is temporary. */
  readonly securityToken?: string;
  /** @default now, `YYYY-MM-DDTHH:mm:ssZ` */
  readonly timestamp?: string;
  /** @default a random UUID */
  readonly nonce?: string;
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
