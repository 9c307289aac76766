// The one error type for every failure of a call to Alibaba Cloud, and the classifier that turns
// whatever pop-core or the network threw into it. Nothing from pop-core's own message survives:
// it holds the signed URL.
import { redact } from "./redact.js";

/** The error code of a connection that did not open in time: nothing was sent. */
export const CONNECT_TIMEOUT_CODE = "ECONNECTTIMEOUT";

/**
 * How much we know about a failed call:
 * - `answered`: the service answered with an error; nothing changed.
 * - `not-sent`: the request never left (connection refused, DNS); nothing changed.
 * - `unknown`: no usable answer (dropped connection, timeout, a proxy's HTML page); the change may
 *   or may not have happened.
 */
export type CallOutcome = "answered" | "not-sent" | "unknown";

/** What an {@link AlibabaCloudError} is built from. */
export interface AlibabaCloudErrorInit {
  /** The RPC action that failed, e.g. `GrantInstanceToCen`. */
  action: string;
  /** Alibaba's error code (`Throttling.User`), or ours for failures with no answer (`NetworkError`). */
  code: string;
  /** Alibaba's message, or a description of the network failure; already free of secrets. */
  detail: string;
  /** The RequestId from the answer, when there was one. */
  requestId?: string;
  /** The HTTP status of the answer, when known. */
  httpStatus?: number;
  /** Whether trying again later may succeed. */
  retryable: boolean;
  /** How much is known about whether the call took effect. */
  outcome: CallOutcome;
  /** What the user can do about it, when we know. */
  hint?: string;
  /** Whether an earlier attempt of the same call went unanswered, so the change may have happened. */
  afterUnanswered?: boolean;
}

/** Every failed call to Alibaba Cloud, whatever failed: the API, the network or the answer's format. */
export class AlibabaCloudError extends Error {
  /** The RPC action that failed. */
  readonly action: string;
  /** Alibaba's error code, or `NetworkError` / `Timeout` / `InvalidResponse` when there was no usable answer. */
  readonly code: string;
  /** Alibaba's message (or the network failure), without secrets. */
  readonly detail: string;
  /** The RequestId to quote to Alibaba Cloud support, when there was an answer. */
  readonly requestId: string | undefined;
  /** The HTTP status of the answer, when known. */
  readonly httpStatus: number | undefined;
  /** Whether trying again later may succeed. */
  readonly retryable: boolean;
  /** How much is known about whether the call took effect. */
  readonly outcome: CallOutcome;
  /** Whether an earlier attempt of the same call went unanswered: the change may have happened even if this attempt was refused. */
  readonly afterUnanswered: boolean;
  private readonly init: AlibabaCloudErrorInit;

  /**
   * Built by the client layer only: programs inspect these errors, they do not create them.
   * @internal
   */
  constructor(init: AlibabaCloudErrorInit) {
    const facts = [init.requestId && `RequestId: ${init.requestId}`, init.httpStatus && `HTTP ${init.httpStatus}`]
      .filter(Boolean)
      .join(", ");
    super(
      `${init.action} failed: ${init.code}: ${init.detail}${facts ? ` (${facts})` : ""}${init.hint ? `. ${init.hint}` : ""}`,
    );
    this.name = "AlibabaCloudError";
    this.action = init.action;
    this.code = init.code;
    this.detail = init.detail;
    this.requestId = init.requestId;
    this.httpStatus = init.httpStatus;
    this.retryable = init.retryable;
    this.outcome = init.outcome;
    this.afterUnanswered = init.afterUnanswered ?? false;
    this.init = init;
  }

  /** The same failure, with what the retry loop learned: an earlier unanswered attempt, and a hint. */
  withContext(context: { afterUnanswered: boolean; hint?: string }): AlibabaCloudError {
    return new AlibabaCloudError({ ...this.init, ...context, hint: context.hint ?? this.init.hint });
  }
}

// Codes that mean "not now" rather than "not like that" (spec §4.2; Terraform's NeedRetry).
const RETRYABLE_CODES = [
  /^Throttling/,
  /^Rejected\.Throttling$/,
  /^ServiceUnavailable/,
  /^InternalError/,
  /^UnknownError$/,
  /^TaskConflict$/,
  /^OperationConflict$/,
  /^LastTokenProcessing$/,
  /^OperationFailed\.LastTokenProcessing$/,
  /^IncorrectStatus/,
  /^IncorrectVpcStatus$/,
  /^SystemBusy$/,
  /^ServiceBusy/,
  /^Operation\.Blocking$/,
];

/** Whether an API error code is transient in general (callers may add codes transient for one action). */
export function isRetryableCode(code: string, httpStatus?: number): boolean {
  return RETRYABLE_CODES.some((pattern) => pattern.test(code)) || (httpStatus !== undefined && httpStatus >= 500);
}

// The connection never opened: the request was not sent.
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  CONNECT_TIMEOUT_CODE,
]);

const HINTS: Record<string, string> = {
  "InvalidAccessKeyId.NotFound":
    "Check the AccessKey ID in alicloud:accessKey, ALIBABA_CLOUD_ACCESS_KEY_ID or the selected profile",
  SignatureDoesNotMatch: "The AccessKey secret does not match its AccessKey ID",
  "InvalidTimeStamp.Expired": "This machine's clock is more than 15 minutes off; fix the system time",
  "Forbidden.RAM": "The RAM user or role lacks permission for this action",
  "Forbidden.SubUser": "The RAM user or role lacks permission for this action",
};

interface PopCoreFailure {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  data?: { RequestId?: unknown; Message?: unknown; Code?: unknown };
  entry?: { response?: { statusCode?: unknown } };
}

/** The endpoint a call went to, and the setting that chose it. */
export interface CalledEndpoint {
  /** The URL. */
  readonly url: string;
  /** Where it came from, if known. */
  readonly setting?: string | undefined;
}

/** The host of an endpoint URL and where it came from, for a failure to reach it. */
function where(endpoint: CalledEndpoint | undefined): string {
  if (!endpoint) return "the endpoint";
  let host = endpoint.url;
  try {
    host = new URL(endpoint.url).host;
  } catch {
    // not a URL: named as given
  }
  return endpoint.setting ? `${host} (from ${endpoint.setting})` : host;
}

/**
 * Turns anything pop-core or the network threw into an {@link AlibabaCloudError}. `secrets` are
 * the credentials of the call, scrubbed from any text that is passed on; `endpoint` is where the
 * call went, named when it cannot be reached.
 */
export function classifyFailure(
  action: string,
  thrown: unknown,
  secrets: readonly (string | undefined)[],
  endpoint?: CalledEndpoint,
): AlibabaCloudError {
  if (thrown instanceof AlibabaCloudError) return thrown;
  const failure: PopCoreFailure = typeof thrown === "object" && thrown !== null ? (thrown as PopCoreFailure) : {};

  // An API error: pop-core found a `Code` in a JSON body.
  if (failure.data && typeof failure.data.Code === "string") {
    const code = failure.data.Code;
    const status = Number(failure.entry?.response?.statusCode) || undefined;
    return new AlibabaCloudError({
      action,
      code,
      detail: redact(String(failure.data.Message ?? ""), secrets),
      requestId: typeof failure.data.RequestId === "string" ? failure.data.RequestId : undefined,
      httpStatus: status,
      retryable: isRetryableCode(code, status),
      outcome: "answered",
      hint: HINTS[code],
    });
  }

  // json-bigint throws a plain object named SyntaxError on a body that is not JSON (a proxy's 502 page).
  if (failure.name === "SyntaxError") {
    return new AlibabaCloudError({
      action,
      code: "InvalidResponse",
      detail: "the endpoint answered with something that is not JSON (a proxy or gateway error page?)",
      retryable: true,
      outcome: "unknown",
    });
  }

  const errno = typeof failure.code === "string" ? failure.code : undefined;
  if (errno && NOT_SENT_CODES.has(errno)) {
    // A name that does not resolve at all will not resolve on a retry either (EAI_AGAIN is the
    // transient DNS failure, and is retried).
    const unknownHost = errno === "ENOTFOUND";
    return new AlibabaCloudError({
      action,
      code: "NetworkError",
      detail: `could not connect to ${where(endpoint)}: ${unknownHost ? "no such host" : errno}`,
      retryable: !unknownHost,
      outcome: "not-sent",
      hint: unknownHost ? "Check the endpoint's host name, or the setting it came from" : undefined,
    });
  }
  const name = typeof failure.name === "string" ? failure.name : "";
  const message = typeof failure.message === "string" ? failure.message : "";
  if (name === "RequestTimeoutError" || /Timeout/.test(message)) {
    // httpx names its idle timeout "ConnectTimeout" even when the request was sent long before.
    return new AlibabaCloudError({
      action,
      code: "Timeout",
      detail: "timed out waiting for the answer",
      retryable: true,
      outcome: "unknown",
    });
  }
  if (errno || /socket hang up|ECONNRESET|EPIPE/.test(message)) {
    return new AlibabaCloudError({
      action,
      code: "NetworkError",
      detail: `the connection failed before an answer arrived (${errno ?? "socket hang up"})`,
      retryable: true,
      outcome: "unknown",
    });
  }
  // Anything else is a bug or an environment problem; keep its text, scrubbed, and do not retry.
  return new AlibabaCloudError({
    action,
    code: "ClientError",
    detail: redact(message || String(thrown), secrets),
    retryable: false,
    outcome: "not-sent",
  });
}
