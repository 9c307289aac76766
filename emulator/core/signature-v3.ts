// Signature V3 (ACS3-HMAC-SHA256), from Alibaba's public "V3 request structure and signature"
// documentation: canonical request -> "ACS3-HMAC-SHA256\n" + hex(sha256(canonical)) -> hex HMAC.
import { createHash, createHmac, randomUUID } from "node:crypto";
import { canonicalQuery, percentEncode } from "./encoding.js";
import { isoSeconds } from "./time.js";

/** The only V3 algorithm the emulator verifies. */
export const V3_ALGORITHM = "ACS3-HMAC-SHA256";

/** Lower-case hex SHA-256 of bytes or UTF-8 text. */
export function sha256Hex(data: Buffer | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Canonical URI: each `/`-separated segment RFC 3986-encoded (`/` for RPC APIs). */
export function canonicalUriV3(path: string): string {
  const decoded = path === "" ? "/" : path;
  return decoded
    .split("/")
    .map((segment) => {
      try {
        return percentEncode(decodeURIComponent(segment));
      } catch {
        return percentEncode(segment);
      }
    })
    .join("/");
}

/** Canonical query string: sorted by name, name and value RFC 3986-encoded, `name=` for empty values. */
export function canonicalQueryV3(query: Iterable<readonly [string, string]>): string {
  // Same rules as V1's, without a Signature parameter to leave out.
  return canonicalQuery(query);
}

/** Header names to sign: host, content-type and every x-acs-* header, lower case, sorted. */
export function headersToSignV3(headers: { readonly [name: string]: string | undefined }): string[] {
  return Object.keys(headers)
    .map((name) => name.toLowerCase())
    .filter((name) => name === "host" || name === "content-type" || name.startsWith("x-acs-"))
    .filter((name, index, all) => all.indexOf(name) === index)
    .sort();
}

/** Everything the canonical request is built from. */
export interface CanonicalRequestV3Input {
  /** HTTP method. */
  readonly method: string;
  /** Request path (`/` for RPC). */
  readonly path: string;
  /** Query parameters (decoded). */
  readonly query: Iterable<readonly [string, string]>;
  /** Headers with lower-case names. */
  readonly headers: { readonly [name: string]: string | undefined };
  /** Names of the signed headers, lower case, sorted. */
  readonly signedHeaders: readonly string[];
  /** Hex SHA-256 of the body. */
  readonly hashedPayload: string;
}

/** METHOD \n URI \n QUERY \n HEADERS(name:trimmed value\n ...) \n SIGNED;HEADERS \n PAYLOAD-HASH */
export function canonicalRequestV3(input: CanonicalRequestV3Input): string {
  const canonicalHeaders = input.signedHeaders
    .map((name) => `${name}:${(input.headers[name] ?? "").trim()}\n`)
    .join("");
  return [
    input.method.toUpperCase(),
    canonicalUriV3(input.path),
    canonicalQueryV3(input.query),
    canonicalHeaders,
    input.signedHeaders.join(";"),
    input.hashedPayload,
  ].join("\n");
}

/** "ACS3-HMAC-SHA256\n" + hex(sha256(canonicalRequest)). */
export function stringToSignV3(canonicalRequest: string): string {
  return `${V3_ALGORITHM}\n${sha256Hex(canonicalRequest)}`;
}

/** Hex HMAC-SHA256 of the string to sign, keyed with the AccessKeySecret itself. */
export function signatureV3(stringToSign: string, accessKeySecret: string): string {
  return createHmac("sha256", accessKeySecret).update(stringToSign, "utf8").digest("hex");
}

/** The parts of an `Authorization: ACS3-HMAC-SHA256 Credential=..,SignedHeaders=..,Signature=..` header. */
export interface AuthorizationV3 {
  /** The algorithm token (e.g. `ACS3-HMAC-SHA256`). */
  readonly algorithm: string;
  /** The AccessKeyId. */
  readonly credential: string;
  /** Signed header names as listed. */
  readonly signedHeaders: string[];
  /** Hex signature. */
  readonly signature: string;
}

/** Parses the Authorization header; undefined when it is not a well-formed ACS3 header. */
export function parseAuthorizationV3(header: string): AuthorizationV3 | undefined {
  const match = /^\s*(ACS3-[A-Z0-9-]+)\s+(.*)$/.exec(header);
  if (!match) return undefined;
  const fields = new Map<string, string>();
  for (const part of (match[2] ?? "").split(",")) {
    const eq = part.indexOf("=");
    if (eq < 0) return undefined;
    fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get("Credential");
  const signedHeaders = fields.get("SignedHeaders");
  const signature = fields.get("Signature");
  if (!credential || !signedHeaders || !signature) return undefined;
  return { algorithm: match[1] ?? "", credential, signedHeaders: signedHeaders.split(";"), signature };
}

/** Input of signRequestV3. */
export interface SignV3Input {
  /** HTTP method. */
  readonly method: "GET" | "POST";
  /** The Host header value (e.g. `127.0.0.1:8765`). */
  readonly host: string;
  /** API name. */
  readonly action: string;
  /** API version. */
  readonly version: string;
  /** Query parameters. */
  readonly query?: { readonly [name: string]: string };
  /** Form body parameters (sent as application/x-www-form-urlencoded). */
  readonly form?: { readonly [name: string]: string };
  /** The key that signs; it is sent with the request. */
  readonly accessKeyId: string;
  /** The secret that signs; never sent. */
  readonly accessKeySecret: string;
  /** STS token, sent as x-acs-security-token. */
  readonly securityToken?: string;
  /** @default now */
  readonly date?: string;
  /** @default a random hex nonce */
  readonly nonce?: string;
}

/** A signed V3 request, ready for fetch. */
export interface SignedV3Request {
  /** Path plus query (`/?...`). */
  readonly url: string;
  /** Headers including Authorization. */
  readonly headers: { [name: string]: string };
  /** Body text (empty when no form). */
  readonly body: string;
}

/** Signs a request with V3 exactly as the documentation describes (used by tests and the bench). */
export function signRequestV3(input: SignV3Input): SignedV3Request {
  const queryPairs = Object.entries(input.query ?? {});
  const body = input.form ? canonicalQueryV3(Object.entries(input.form)) : "";
  const headers: { [name: string]: string } = {
    host: input.host,
    "x-acs-action": input.action,
    "x-acs-version": input.version,
    "x-acs-date": input.date ?? isoSeconds(Date.now()),
    "x-acs-signature-nonce": input.nonce ?? createHash("sha256").update(randomUUID()).digest("hex").slice(0, 32),
    "x-acs-content-sha256": sha256Hex(body),
  };
  if (input.form) headers["content-type"] = "application/x-www-form-urlencoded";
  if (input.securityToken) headers["x-acs-security-token"] = input.securityToken;
  const signedHeaders = headersToSignV3(headers);
  const canonical = canonicalRequestV3({
    method: input.method,
    path: "/",
    query: queryPairs,
    headers,
    signedHeaders,
    hashedPayload: headers["x-acs-content-sha256"] ?? "",
  });
  const signature = signatureV3(stringToSignV3(canonical), input.accessKeySecret);
  headers.authorization = `${V3_ALGORITHM} Credential=${input.accessKeyId},SignedHeaders=${signedHeaders.join(";")},Signature=${signature}`;
  const query = canonicalQueryV3(queryPairs);
  return { url: query ? `/?${query}` : "/", headers, body };
}
