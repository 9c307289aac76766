// Authentication of RPC requests: signature V1 (parameters) or V3 (Authorization header), the
// timestamp window, the nonce window, the AccessKey and its STS token. Returns who is calling.
import { timingSafeEqual } from "node:crypto";
import type { AccessKey } from "../world/types.js";
import type { World } from "../world/world.js";
import type { Caller } from "./api.js";
import * as gateway from "./gateway-errors.js";
import type { NonceStore } from "./nonces.js";
import { signatureV1, stringToSignV1 } from "./signature-v1.js";
import {
  canonicalRequestV3,
  parseAuthorizationV3,
  sha256Hex,
  signatureV3,
  stringToSignV3,
  V3_ALGORITHM,
} from "./signature-v3.js";

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?Z$/;

/** Parses a request timestamp (`YYYY-MM-DDTHH:mm:ssZ`, optional milliseconds); undefined when malformed. */
export function parseTimestamp(text: string): number | undefined {
  const m = TIMESTAMP.exec(text);
  if (!m) return undefined;
  const ms = Date.parse(text);
  // Date.parse accepts 2024-02-30; reject dates that do not round-trip.
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 19) !== text.slice(0, 19)) return undefined;
  return ms;
}

function checkTimestamp(text: string | undefined, name: string, world: World): void {
  if (text === undefined || text === "") throw gateway.missingParameter(name);
  const ms = parseTimestamp(text);
  if (ms === undefined) throw gateway.timestampFormat();
  if (Math.abs(world.now() - ms) > world.settings.timestampSkewMs) throw gateway.timestampExpired();
}

function findKey(world: World, accessKeyId: string): { uid: string; key: AccessKey } {
  const entry = world.keys.get(accessKeyId);
  if (!entry) throw gateway.accessKeyNotFound();
  if (entry.key.disabled) throw gateway.accessKeyInactive();
  return entry;
}

function checkSecurityToken(world: World, key: AccessKey, token: string | undefined): void {
  if (key.kind === "sts") {
    if (token === undefined || token === "") throw gateway.missingParameter("SecurityToken");
    if (token !== key.securityToken) throw gateway.securityTokenMismatch();
    if (key.expiration !== undefined && world.now() >= key.expiration) throw gateway.securityTokenExpired();
  } else if (token !== undefined && token !== "") {
    // A token sent with a permanent key belongs to no key of this identity.
    throw gateway.securityTokenMismatch();
  }
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function useNonce(world: World, nonces: NonceStore, accessKeyId: string, nonce: string): void {
  if (!nonces.use(accessKeyId, nonce, world.now(), world.settings.nonceTtlMs)) throw gateway.nonceUsed();
}

function callerOf(uid: string, key: AccessKey): Caller {
  return {
    uid,
    accessKeyId: key.accessKeyId,
    kind: key.kind,
    ...(key.allowedActions ? { allowedActions: key.allowedActions } : {}),
    ...(key.sessionPolicy ? { sessionPolicy: key.sessionPolicy } : {}),
  };
}

/** Verifies a V1 (HMAC-SHA1) request; `params` holds every parameter of query and form body. */
export function authenticateV1(
  method: string,
  params: ReadonlyMap<string, string>,
  world: World,
  nonces: NonceStore,
): Caller {
  const signatureMethod = params.get("SignatureMethod");
  const signatureVersion = params.get("SignatureVersion");
  if (!signatureMethod || !signatureVersion) throw gateway.incompleteSignature();
  if (signatureMethod !== "HMAC-SHA1") throw gateway.invalidSignatureMethod();
  if (signatureVersion !== "1.0") throw gateway.invalidParameter("SignatureVersion");
  const accessKeyId = params.get("AccessKeyId");
  if (!accessKeyId) throw gateway.missingParameter("AccessKeyId");
  const signature = params.get("Signature");
  if (!signature) throw gateway.missingParameter("Signature");
  checkTimestamp(params.get("Timestamp"), "Timestamp", world);
  const nonce = params.get("SignatureNonce");
  if (!nonce) throw gateway.missingParameter("SignatureNonce");
  const { uid, key } = findKey(world, accessKeyId);
  // An HMAC-SHA1 digest is 20 bytes: anything else cannot be a signature at all.
  if (!/^[A-Za-z0-9+/]{27}=$/.test(signature)) throw gateway.incompleteSignature();
  const stringToSign = stringToSignV1(method, params);
  if (!sameText(signatureV1(stringToSign, key.accessKeySecret), signature)) {
    throw gateway.signatureDoesNotMatch(stringToSign);
  }
  checkSecurityToken(world, key, params.get("SecurityToken"));
  useNonce(world, nonces, accessKeyId, nonce);
  return callerOf(uid, key);
}

/** The parts of a request V3 needs. */
export interface V3Request {
  /** HTTP method. */
  readonly method: string;
  /** Path. */
  readonly path: string;
  /** Decoded query pairs. */
  readonly query: ReadonlyArray<readonly [string, string]>;
  /** Headers with lower-case names. */
  readonly headers: { readonly [name: string]: string | undefined };
  /** Raw body. */
  readonly body: Buffer;
}

/** Headers every V3 request must sign. */
const V3_REQUIRED_SIGNED = ["host", "x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce"];

/** Verifies a V3 (ACS3-HMAC-SHA256) request. */
export function authenticateV3(request: V3Request, world: World, nonces: NonceStore): Caller {
  const auth = parseAuthorizationV3(request.headers.authorization ?? "");
  if (!auth) throw gateway.incompleteSignature();
  if (auth.algorithm !== V3_ALGORITHM) throw gateway.invalidSignatureMethod();
  const headers = request.headers;
  checkTimestamp(headers["x-acs-date"], "x-acs-date", world);
  const nonce = headers["x-acs-signature-nonce"];
  if (!nonce) throw gateway.missingParameter("x-acs-signature-nonce");
  if (!headers["x-acs-content-sha256"]) throw gateway.missingParameter("x-acs-content-sha256");
  const signed = new Set(auth.signedHeaders);
  // The documentation: every x-acs-* header, host and content-type present must be signed.
  const mustSign = Object.keys(headers).filter(
    (name) => name.startsWith("x-acs-") || name === "content-type" || name === "host",
  );
  for (const name of [...V3_REQUIRED_SIGNED, ...mustSign]) if (!signed.has(name)) throw gateway.incompleteSignature();
  if (auth.signedHeaders.some((name) => name !== name.toLowerCase())) throw gateway.incompleteSignature();
  if (!/^[0-9a-f]{64}$/.test(auth.signature)) throw gateway.incompleteSignature();
  const { uid, key } = findKey(world, auth.credential);
  // The payload line is the hash of the body actually received: a lying x-acs-content-sha256 fails.
  const canonical = canonicalRequestV3({
    method: request.method,
    path: request.path,
    query: request.query,
    headers,
    signedHeaders: auth.signedHeaders,
    hashedPayload: sha256Hex(request.body),
  });
  const stringToSign = stringToSignV3(canonical);
  if (!sameText(signatureV3(stringToSign, key.accessKeySecret), auth.signature)) {
    throw gateway.signatureDoesNotMatch(stringToSign.replace("\n", "\\n"));
  }
  checkSecurityToken(world, key, headers["x-acs-security-token"]);
  useNonce(world, nonces, auth.credential, nonce);
  return callerOf(uid, key);
}
