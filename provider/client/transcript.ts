// Recording of calls for the live suite's parity report (docs/live-suite.md, "Transcripts"). When
// ALICLOUD_DYNAMIC_TRANSCRIPT names a file, every call that Alibaba Cloud answered (with data or
// with an error code) is appended to it as one JSON line: the action, its product's API version,
// the parameters this package sent (pop-core adds the signing ones: AccessKeyId, Signature,
// SignatureNonce, Timestamp, SecurityToken, none of which is seen here), the HTTP status, the
// code and the body. Secrets never reach the file: every field whose name says secret, token,
// password, signature or activation code is replaced by "<redacted>", and a role session name
// wherever it appears. The signing key appears as a digest only, which the live suite turns into
// `key-1`, `key-2`, ... when it masks account ids (scripts/live/transcript.ts).
import { createHash } from "node:crypto";
import fs from "node:fs";
import type { ProductInfo } from "../../api/contract.js";
import { type JsonValue, withExactNumbers } from "./numbers.js";

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

/** Names of fields whose values are secrets (NextToken and ClientToken are not: paging and idempotency). */
const SECRET_FIELD = /secret|securitytoken|^token$|oidctoken|password|signature|activationcode/i;

/** The digest that stands for an AccessKey ID. */
export function signerDigest(accessKeyId: string): string {
  return `sha256:${createHash("sha256").update(accessKeyId).digest("hex").slice(0, 12)}`;
}

/** A copy of `value` with secret fields redacted, `hide` removed from strings, AccessKey IDs digested. */
export function scrub(value: JsonValue, hide: readonly string[] = [], key = ""): JsonValue {
  if (Array.isArray(value)) return value.map((item) => scrub(item, hide, key));
  if (value !== null && typeof value === "object") {
    const out: { [key: string]: JsonValue } = {};
    for (const [name, inner] of Object.entries(value)) out[name] = scrub(inner, hide, name);
    return out;
  }
  if (typeof value !== "string") return value;
  if (SECRET_FIELD.test(key)) return "<redacted>";
  if (key === "AccessKeyId") return signerDigest(value);
  let text = value;
  for (const secret of hide) if (secret) text = text.split(secret).join("<session>");
  return text;
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
  accessKeyId: string,
  params: Record<string, unknown>,
  outcome: unknown,
): void {
  const file = env[TRANSCRIPT_ENV];
  if (!file) return;
  let body: unknown;
  let entry: unknown;
  if (Array.isArray(outcome)) [body, entry] = outcome;
  else if (typeof outcome === "object" && outcome !== null && "data" in outcome) {
    ({ data: body, entry } = outcome as { data: unknown; entry?: unknown });
  } else return;
  const status = Number((entry as { response?: { statusCode?: unknown } } | undefined)?.response?.statusCode);
  const json = withExactNumbers(body);
  const session = typeof params.RoleSessionName === "string" ? [params.RoleSessionName] : [];
  const code = json && typeof json === "object" && !Array.isArray(json) ? json.Code : undefined;
  const call: RecordedCall = {
    action,
    product: product.name,
    version: product.version,
    signer: signerDigest(accessKeyId),
    params: scrub(withExactNumbers(params), session) as Record<string, JsonValue>,
    ...(Number.isFinite(status) ? { status } : {}),
    ...(typeof code === "string" ? { code } : {}),
    body: scrub(json, session),
  };
  try {
    fs.appendFileSync(file, `${JSON.stringify(call)}\n`);
  } catch {
    // A transcript that cannot be written must not fail the call it records.
  }
}
