// Sending one RPC action with credentials already chosen: signs and sends through pop-core (POST,
// explicit timeouts), retries what the contract says is safe to retry within a deadline, renews
// expired temporary credentials once, and turns every failure into one AlibabaCloudError free of
// secrets. Big integers come back as exact strings. `callAction` (rpc.ts) picks the credentials and
// the endpoint; role assumption (credentials.ts) sends its STS calls through here directly.
import { randomUUID } from "node:crypto";
import type RPCClient from "@alicloud/pop-core";
import type { Action, AnswerOf, ParamsOf, ProductInfo, SafetyOf, WithLong } from "../../api/contract.js";
import { engineGone } from "./engine-watch.js";
import { AlibabaCloudError, classifyFailure } from "./errors.js";
import { rpcClientClass } from "./libraries.js";
import { type JsonValue, withExactNumbers } from "./numbers.js";
import { backoffDelay, sleep } from "./retry.js";
import type { Settings } from "./settings.js";
import { recordCall } from "./transcript.js";
import { connectionAgent } from "./transport.js";

/** A parameter value as pop-core sends it; lists become `Name.1`, `Name.2`, ... */
export type ParamValue = string | number | boolean | undefined | null | readonly unknown[];

/** A key pair, with an STS token when the credentials are temporary. */
export interface Credentials {
  /** The AccessKey ID. */
  accessKeyId: string;
  /** The AccessKey secret. */
  accessKeySecret: string;
  /** The STS security token, for temporary credentials. */
  securityToken?: string;
}

/** A source of credentials in the shape pop-core accepts as its `credentialsProvider`. */
export interface CredentialSource {
  /** A stable name for this source, used to reuse clients; holds no secret. */
  readonly key: string;
  /** Where the credentials come from, in words, for error messages. */
  readonly description: string;
  /** Returns current credentials (temporary ones are renewed before they expire). */
  getCredentials(): Promise<Credentials>;
  /** Forgets cached temporary credentials (the service said they expired); absent for static ones. */
  invalidate?(): void;
}

/** Where one call goes, and with which credentials. */
export interface CallTarget {
  /** The region; also sent as `RegionId`. */
  readonly region: string;
  /** The endpoint URL. */
  readonly endpoint: string;
  /** Where the endpoint came from, named when it cannot be reached. */
  readonly endpointSetting?: string;
  /** The credentials to sign with. */
  readonly source: CredentialSource;
}

// What the service answers when temporary credentials have run out (also when its clock and ours
// disagree): the source renews them and the call is sent again, once.
const EXPIRED_TOKEN_CODES = new Set(["InvalidSecurityToken.Expired", "SecurityTokenExpired"]);

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
  /**
   * Epoch ms after which no retry starts: the operation's window (its customTimeouts, or the
   * resource's default). Without it, the settings' retry deadline from the call's start.
   */
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
export function credentialFailure(action: string, error: unknown): AlibabaCloudError {
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
 * Sends one RPC action to `target`; see the module comment. Throws AlibabaCloudError. A
 * `client-token` action gets one ClientToken for all its retries, so the service applies it at most once.
 */
export async function sendAction<A extends Action>(
  settings: Settings,
  target: CallTarget,
  action: A,
  params: CallParams<A>,
  ...[options]: SafetyOf<A> extends "verify" ? [CallOptions<A>] : [CallOptions<A>?]
): Promise<CallAnswer<A>> {
  const { timing } = settings;
  const name = action.name;
  const started = Date.now();
  const deadline = options?.deadline ?? started + timing.retryDeadlineMs;
  const { source, endpoint } = target;
  const client = clientFor(endpoint, action.product, source);
  const token = action.safety === "client-token" ? { ClientToken: randomUUID() } : {};
  const sent = cleanParams({ RegionId: target.region, ...(params as Record<string, ParamValue>), ...token });
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
  let renewed = false;

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
      const raw = await client.request<unknown>(name, sent, requestOptions);
      recordCall(settings.env, action.product, name, credentials, sent, raw);
      const answer = checkedAnswer(name, raw);
      return answer as CallAnswer<A>;
    } catch (thrown) {
      recordCall(settings.env, action.product, name, credentials, sent, thrown);
      failure = classifyFailure(name, thrown, secrets, { url: endpoint, setting: target.endpointSetting });
    }

    if (EXPIRED_TOKEN_CODES.has(failure.code) && source.invalidate && !renewed) {
      renewed = true;
      source.invalidate();
      settings.log?.(`${name}: the temporary credentials of ${source.description} expired; renewing them`);
      attempt -= 1;
      continue;
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
