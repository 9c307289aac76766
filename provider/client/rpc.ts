// The one way to call an RPC action of VPC or ECS. Every handler goes through `callRpc`, which
// resolves credentials and the endpoint, signs and sends through pop-core (POST, explicit
// timeouts), retries what is safe to retry within a deadline, and turns every failure into one
// AlibabaCloudError free of secrets. Big integers come back as exact strings.
// Must come before pop-core, whose HTTP library reads DEBUG when it loads.
import "./quiet-wire.js";
import RPCClient from "@alicloud/pop-core";
import { type CredentialSource, type Credentials, credentialSource } from "./credentials.js";
import { endpointFor } from "./endpoints.js";
import { AlibabaCloudError, classifyFailure } from "./errors.js";
import { type JsonValue, withExactNumbers } from "./numbers.js";
import { backoffDelay, sleep } from "./retry.js";
import type { Product, Settings } from "./settings.js";
import { connectionAgent } from "./transport.js";

const API_VERSION: Record<Product, string> = { vpc: "2016-04-28", ecs: "2014-05-26" };

/** A parameter value as pop-core sends it; lists become `Name.1`, `Name.2`, ... */
export type ParamValue = string | number | boolean | undefined | null | readonly string[];

/**
 * What makes it safe to send a call again after it went unanswered (the connection dropped or
 * timed out after the request left):
 * - `idempotent`: doing it twice is the same as doing it once (reads; setting a name);
 * - `client-token`: it carries a ClientToken, so the service applies it at most once;
 * - `verify`: neither; `verify` reads the live state to learn whether it took effect.
 */
export type RetrySafety = "idempotent" | "client-token" | "verify";

/** One RPC call. */
export interface RpcCall {
  /** The product whose API is called. */
  product: Product;
  /** The action, e.g. `DescribeGrantRulesToCen`. */
  action: string;
  /** The region; also sent as `RegionId` unless `params` has one. */
  region: string;
  /** The action's parameters; `undefined` and `null` are dropped. */
  params: Record<string, ParamValue>;
  /** The resource's own credential profile, if any. */
  profile?: string;
  /** What makes a retry after no answer safe. */
  safety: RetrySafety;
  /** For `verify`: whether the change is visible now. Called only after an unanswered attempt. */
  verify?: () => Promise<"applied" | "not-applied">;
  /** Codes that are transient for this action only (e.g. an instance that is Starting). */
  retryCodes?: readonly string[];
}

/** A JSON object answer, with big integers as exact strings. */
export type RpcResponse = { [key: string]: JsonValue };

const clients = new Map<string, RPCClient>();

function clientFor(endpoint: string, product: Product, source: CredentialSource): RPCClient {
  const key = `${endpoint}|${product}|${source.key}`;
  let client = clients.get(key);
  if (!client) {
    // pop-core reads credentials from `credentialsProvider` on every request, so refreshed STS
    // tokens are picked up; its typings predate that option.
    const config = { endpoint, apiVersion: API_VERSION[product], credentialsProvider: source };
    // Verbose: pop-core then also returns the HTTP status, which it does not check itself.
    client = new (RPCClient as unknown as new (config: object, verbose: boolean) => RPCClient)(config, true);
    clients.set(key, client);
  }
  return client;
}

/** Drops `undefined`/`null` (pop-core would send the word "undefined") and stringifies scalars. */
export function cleanParams(params: Record<string, ParamValue>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    out[name] = Array.isArray(value) ? [...value] : String(value);
  }
  return out;
}

/** Credentials that cannot be had are a failure of the call like any other, and never retried. */
function credentialFailure(action: string, error: unknown): AlibabaCloudError {
  return new AlibabaCloudError({
    action,
    code: "CredentialsUnavailable",
    detail: error instanceof Error ? error.message : String(error),
    retryable: false,
    outcome: "not-sent",
  });
}

/** The answer's JSON, or a failure when the HTTP status or the body is not what the API sends. */
function checkedAnswer(action: string, answer: unknown): RpcResponse {
  const [body, entry] = Array.isArray(answer) ? answer : [answer, undefined];
  const status =
    Number((entry as { response?: { statusCode?: unknown } } | undefined)?.response?.statusCode) || undefined;
  const exact = withExactNumbers(body);
  const json = typeof exact === "object" && exact !== null && !Array.isArray(exact) ? exact : undefined;
  // Every real answer carries a RequestId; an error status without a Code is a proxy, not the API.
  if (!json || typeof json.RequestId !== "string" || (status !== undefined && status >= 300)) {
    throw new AlibabaCloudError({
      action,
      code: "InvalidResponse",
      detail: `the endpoint answered${status ? ` HTTP ${status}` : ""} without an Alibaba Cloud answer (no RequestId)`,
      httpStatus: status,
      retryable: status === undefined || status >= 500,
      outcome: "unknown",
    });
  }
  return json;
}

/** Calls one RPC action; see the module comment. Throws AlibabaCloudError. */
export async function callRpc(settings: Settings, call: RpcCall): Promise<RpcResponse> {
  const { timing } = settings;
  const started = Date.now();
  const deadline = started + timing.retryDeadlineMs;
  let source: CredentialSource;
  try {
    source = credentialSource(settings, call.profile);
  } catch (error) {
    throw credentialFailure(call.action, error);
  }
  const endpoint = endpointFor(settings, call.product, call.region, call.action);
  const client = clientFor(endpoint, call.product, source);
  const params = cleanParams({ RegionId: call.region, ...call.params });
  // httpx applies `connectTimeout` to the idle socket for the whole request, so it must not be
  // shorter than the read timeout; the agent bounds the connection itself.
  const options = {
    method: "POST",
    connectTimeout: Math.max(timing.connectTimeoutMs, timing.readTimeoutMs),
    readTimeout: timing.readTimeoutMs,
    agent: connectionAgent(endpoint, timing.connectTimeoutMs),
  };

  for (let attempt = 0; ; attempt += 1) {
    const credentials: Credentials = await source.getCredentials().catch((error: unknown) => {
      throw credentialFailure(call.action, error);
    });
    const secrets = [credentials.accessKeyId, credentials.accessKeySecret, credentials.securityToken];
    let failure: AlibabaCloudError;
    try {
      return checkedAnswer(call.action, await client.request<unknown>(call.action, params, options));
    } catch (thrown) {
      failure = classifyFailure(call.action, thrown, secrets);
    }

    const mayHaveApplied = failure.outcome === "unknown" || (failure.httpStatus ?? 0) >= 500;
    if (mayHaveApplied && call.safety === "verify") {
      if (!call.verify) throw new Error(`callRpc(${call.action}): safety "verify" needs a verify function`);
      // The change may have happened: look before sending it again.
      if ((await call.verify()) === "applied") return {};
    }
    const retryable = failure.retryable || (call.retryCodes?.includes(failure.code) ?? false);
    const delay = backoffDelay(attempt, { baseDelayMs: timing.retryBaseDelayMs, maxDelayMs: timing.retryMaxDelayMs });
    if (!retryable || Date.now() + delay > deadline) {
      if (!retryable || attempt === 0) throw failure;
      throw new AlibabaCloudError({
        action: failure.action,
        code: failure.code,
        detail: failure.detail,
        requestId: failure.requestId,
        httpStatus: failure.httpStatus,
        retryable: failure.retryable,
        outcome: failure.outcome,
        hint: `Gave up after ${attempt + 1} attempts in ${Math.round((Date.now() - started) / 1000)}s`,
      });
    }
    settings.log?.(
      `${call.action}: ${failure.code}; retrying in ${(delay / 1000).toFixed(1)}s (attempt ${attempt + 2})`,
    );
    await sleep(delay);
  }
}
