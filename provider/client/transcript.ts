// Recording of calls for the live suite's parity report (docs/live-suite.md, "Transcripts"). When
// ALICLOUD_DYNAMIC_TRANSCRIPT names a file, every call that Alibaba Cloud answered (with data or
// with an error code) is appended to it as one JSON line: the action, its product's API version,
// the parameters this package sent (pop-core adds the signing ones: AccessKeyId, Signature,
// SignatureNonce, Timestamp, SecurityToken, none of which is seen here), the HTTP status, the
// code and the body. Secrets never reach the file: every field whose name says secret, token,
// password, signature, credential, private key or activation code is replaced by "<redacted>";
// every other string is scrubbed of the signing credentials' values and of signed parameters
// (a SignatureDoesNotMatch message echoes the string to sign, key id and token included), and of
// every role session name this process has sent. The signing key appears as a digest only, which
// the live suite turns into `key-1`, `key-2`, ... when it masks account ids
// (scripts/live/transcript.ts). Recording never fails the call it records.
import { createHash } from "node:crypto";
import fs from "node:fs";
import type { ProductInfo } from "../../api/contract.js";
import { type JsonValue, withExactNumbers } from "./numbers.js";
import { redact } from "./redact.js";

/** The environment variable naming the file the calls are appended to. */
export const TRANSCRIPT_ENV = "ALICLOUD_DYNAMIC_TRANSCRIPT";

/** One recorded call (one line of the file). */
export interface RecordedCall {
  /** The action, e.g. `GrantInstanceToCen`. */
  action: string;
  /** The product, e.g. `vpc`. */
  product: string;
  /** The API version, e.g. `2016-04-28`. */
  version: string;
  /** Who signed it: `sha256:<12 hex digits>` of the AccessKey ID. */
  signer: string;
  /** The parameters sent, as strings (lists as lists), secrets redacted. */
  params: Record<string, JsonValue>;
  /** The HTTP status, when pop-core reported it. */
  status?: number;
  /** The error code of an error answer. */
  code?: string;
  /** The answer's JSON body, secrets redacted. */
  body: JsonValue;
}

/** Names of fields whose values are secrets, compared without `_` (sts_token, SessionToken, Credential, ...). */
const SECRET_FIELD = /secret|token|password|signature|activationcode|credential|privatekey/i;
/** Fields whose names look secret but hold none: paging and idempotency. */
const NOT_SECRET = new Set(["nexttoken", "clienttoken"]);

const secretField = (key: string): boolean => {
  const name = key.replace(/_/g, "").toLowerCase();
  return SECRET_FIELD.test(name) && !NOT_SECRET.has(name);
};

/** Role session names sent by this process: hidden in every later answer too. */
const SESSION_NAMES = new Set<string>();

/** `text` with each of `names` replaced where it stands alone (not inside a longer name). */
function withoutNames(text: string, names: Iterable<string>): string {
  let out = text;
  for (const name of names) {
    if (!name) continue;
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    out = out.replace(new RegExp(`(?<![A-Za-z0-9.@_-])${escaped}(?![A-Za-z0-9.@_-])`, "g"), "<session>");
  }
  return out;
}

/** The digest that stands for an AccessKey ID. */
export function signerDigest(accessKeyId: string): string {
  return `sha256:${createHash("sha256").update(accessKeyId).digest("hex").slice(0, 12)}`;
}

/**
 * A copy of `value` with secret fields redacted, the `secrets` values, signed parameters and
 * session names `hide` removed from every string, AccessKey IDs digested.
 */
export function scrub(
  value: JsonValue,
  hide: readonly string[] = [],
  key = "",
  secrets: readonly (string | undefined)[] = [],
): JsonValue {
  if (Array.isArray(value)) return value.map((item) => scrub(item, hide, key, secrets));
  if (value !== null && typeof value === "object") {
    const out: { [key: string]: JsonValue } = {};
    for (const [name, inner] of Object.entries(value)) out[name] = scrub(inner, hide, name, secrets);
    return out;
  }
  if (typeof value !== "string") return value;
  if (secretField(key)) return "<redacted>";
  if (key === "AccessKeyId") return signerDigest(value);
  return withoutNames(redact(value, secrets), hide);
}

/**
 * Appends one answered call to the transcript, when one is being written. `outcome` is what
 * pop-core's request resolved with (`[body, entry]` in verbose mode) or what it threw (an error
 * answer carries `data` and `entry`); a call that got no answer is not recorded.
 */
export function recordCall(
  env: NodeJS.ProcessEnv,
  product: ProductInfo,
  action: string,
  credentials: { readonly accessKeyId: string; readonly accessKeySecret?: string; readonly securityToken?: string },
  params: Record<string, unknown>,
  outcome: unknown,
): void {
  const file = env[TRANSCRIPT_ENV];
  if (!file) return;
  try {
    let body: unknown;
    let entry: unknown;
    if (Array.isArray(outcome)) [body, entry] = outcome;
    else if (typeof outcome === "object" && outcome !== null && "data" in outcome) {
      ({ data: body, entry } = outcome as { data: unknown; entry?: unknown });
    } else return;
    if (typeof params.RoleSessionName === "string") SESSION_NAMES.add(params.RoleSessionName);
    const secrets = [credentials.accessKeyId, credentials.accessKeySecret, credentials.securityToken];
    const status = Number((entry as { response?: { statusCode?: unknown } } | undefined)?.response?.statusCode);
    const json = withExactNumbers(body);
    const code = json && typeof json === "object" && !Array.isArray(json) ? json.Code : undefined;
    const call: RecordedCall = {
      action,
      product: product.name,
      version: product.version,
      signer: signerDigest(credentials.accessKeyId),
      params: scrub(withExactNumbers(params), [...SESSION_NAMES], "", secrets) as Record<string, JsonValue>,
      ...(Number.isFinite(status) ? { status } : {}),
      ...(typeof code === "string" ? { code } : {}),
      body: scrub(json, [...SESSION_NAMES], "", secrets),
    };
    fs.appendFileSync(file, `${JSON.stringify(call)}\n`);
  } catch {
    // A transcript that cannot be written must not fail, or change, the call it records.
  }
}
