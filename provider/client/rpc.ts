// The one way to call an Alibaba Cloud RPC action: `callAction(settings, scope, Action, params)`,
// typed by the action's contract in api/. It resolves credentials and the endpoint, signs and
// sends through pop-core (POST, explicit timeouts), retries what the contract says is safe to
// retry within a deadline, and turns every failure into one AlibabaCloudError free of secrets.
// Big integers come back as exact strings.
import { randomUUID } from "node:crypto";
import type RPCClient from "@alicloud/pop-core";
import type { Action, AnswerOf, ParamsOf, ProductInfo, SafetyOf, WithLong } from "../../api/contract.js";
import { type CredentialSource, type Credentials, credentialSource } from "./credentials.js";
import { endpointFor } from "./endpoints.js";
import { engineGone } from "./engine-watch.js";
import { AlibabaCloudError, classifyFailure } from "./errors.js";
import { rpcClientClass } from "./libraries.js";
import { type JsonValue, withExactNumbers } from "./numbers.js";
import { backoffDelay, sleep } from "./retry.js";
import type { Settings } from "./settings.js";
import { connectionAgent } from "./transport.js";

/** A parameter value as pop-core sends it; lists become `Name.1`, `Name.2`, ... */
export type ParamValue = string | number | boolean | undefined | null | readonly unknown[];

/** Where a call goes and as whom: the region and the resource's own profile, if any. */
export interface CallScope {
  /** The region; also sent as `RegionId`. */
  readonly region: string;
  /** The resource's own CLI profile, if any. */
  readonly profile?: string;
}

/** The parameters a caller gives: the contract's, without those the call layer sets (RegionId, ClientToken). */
export type CallParams<A> = Omit<WithLong<ParamsOf<A>, string | number>, "RegionId" | "ClientToken">;

type DeepPartial<T> = T extends readonly (infer E)[]
  ? readonly DeepPartial<E>[]
  : T extends object
    ? { readonly [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/**
 * An answer as received: the contract's fields, each possibly missing (a remote answer is checked
 * where it is read, not trusted), UIDs as exact strings, and the RequestId.
 */
export type CallAnswer<A> = DeepPartial<WithLong<AnswerOf<A>, string | number>> & { readonly RequestId: string };

/** Whether an unanswered change took effect, as a `verify` function finds by looking. */
export type Verdict = "applied" | "not-applied";

/** Options of one call. A `verify` action must say how to look whether an unanswered attempt took effect. */
export type CallOptions<A> = {
  /** Codes that are transient for this action only (e.g. an instance that is Starting). */
  readonly retryCodes?: readonly string[];
  /** Epoch ms after which no retry starts (the operation's own deadline); the settings' retry deadline applies too. */
  readonly deadline?: number;
} & (SafetyOf<A> extends "verify"
  ? {
      /** Looks whether the change is visible; called only after an unanswered attempt. */ readonly verify: () => Promise<Verdict>;
    }
  : { readonly verify?: never });

/** A JSON object answer, with big integers as exact strings. */
export type RpcResponse = { [key: string]: JsonValue };

const clients = new Map<string, RPCClient>();
function clientFor(endpoint: string, product: ProductInfo, source: CredentialSource): RPCClient {
  const key = `${endpoint}|${product.version}|${source.key}`;
  let client = clients.get(key);
  if (!client) {
    // pop-core reads credentials from `credentialsProvider` on every request, so refreshed STS
    // tokens are picked up; its typings predate that option.
    const config = { endpoint, apiVersion: product.version, credentialsProvider: source };
    // Verbose: pop-core then also returns the HTTP status, which it does not check itself.
    client = new (rpcClientClass() as unknown as new (config: object, verbose: boolean) => RPCClient)(config, true);
    clients.set(key, client);
  }
  return client;
}

/**
 * Drops `undefined`/`null` (pop-core would send the word "undefined") and stringifies scalars;
 * lists stay lists, which pop-core sends as `Name.1`, `Name.2` (and `Tag.1.Key` for objects).
 */
export function cleanParams(params: Record<string, ParamValue>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
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

/**
 * Calls one RPC action; see the module comment. Throws AlibabaCloudError. A `client-token`
 * action gets one ClientToken for all its retries, so the service applies it at most once.
 */
export async function callAction<A extends Action>(
  settings: Settings,
  scope: CallScope,
  action: A,
  params: CallParams<A>,
  ...[options]: SafetyOf<A> extends "verify" ? [CallOptions<A>] : [CallOptions<A>?]
): Promise<CallAnswer<A>> {
  const { timing } = settings;
  const name = action.name;
  const started = Date.now();
  const deadline = Math.min(started + timing.retryDeadlineMs, options?.deadline ?? Number.POSITIVE_INFINITY);
  let source: CredentialSource;
  try {
    source = credentialSource(settings, scope.profile);
  } catch (error) {
    throw credentialFailure(name, error);
  }
  const endpoint = endpointFor(settings, action.product.name, scope.region, name);
  const client = clientFor(endpoint, action.product, source);
  const token = action.safety === "client-token" ? { ClientToken: randomUUID() } : {};
  const sent = cleanParams({ RegionId: scope.region, ...(params as Record<string, ParamValue>), ...token });
  // httpx applies `connectTimeout` to the idle socket for the whole request, so it must not be
  // shorter than the read timeout; the agent bounds the connection itself.
  const requestOptions = {
    method: "POST",
    connectTimeout: Math.max(timing.connectTimeoutMs, timing.readTimeoutMs),
    readTimeout: timing.readTimeoutMs,
    agent: connectionAgent(endpoint, timing.connectTimeoutMs),
  };
  const verify = (options as { verify?: () => Promise<Verdict> } | undefined)?.verify;
  let unanswered = false;

  for (let attempt = 0; ; attempt += 1) {
    if (action.safety !== "read" && engineGone()) {
      throw new Error(
        `${name} not sent: the Pulumi engine that asked for it is gone, so nothing would record its effect`,
      );
    }
    const credentials: Credentials = await source.getCredentials().catch((error: unknown) => {
      throw credentialFailure(name, error);
    });
    const secrets = [credentials.accessKeyId, credentials.accessKeySecret, credentials.securityToken];
    let failure: AlibabaCloudError;
    try {
      const answer = checkedAnswer(name, await client.request<unknown>(name, sent, requestOptions));
      return answer as CallAnswer<A>;
    } catch (thrown) {
      failure = classifyFailure(name, thrown, secrets);
    }

    const mayHaveApplied = failure.outcome === "unknown" || (failure.httpStatus ?? 0) >= 500;
    if (mayHaveApplied && action.safety !== "read") unanswered = true;
    // The change may have happened: look before sending it again.
    if (mayHaveApplied && verify && (await verify()) === "applied") return { RequestId: "" } as CallAnswer<A>;
    const retryable = failure.retryable || (options?.retryCodes?.includes(failure.code) ?? false);
    const delay = backoffDelay(attempt, { baseDelayMs: timing.retryBaseDelayMs, maxDelayMs: timing.retryMaxDelayMs });
    if (!retryable || Date.now() + delay > deadline) {
      if (!retryable && !unanswered) throw failure;
      throw failure.withContext({
        afterUnanswered: unanswered,
        hint:
          attempt > 0
            ? `Gave up after ${attempt + 1} attempts in ${Math.round((Date.now() - started) / 1000)}s`
            : undefined,
      });
    }
    settings.log?.(`${name}: ${failure.code}; retrying in ${(delay / 1000).toFixed(1)}s (attempt ${attempt + 2})`);
    await sleep(delay);
  }
}
