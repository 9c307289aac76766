// The RPC pipeline, one path for every action of every product:
// parse GET/POST -> pick product and action -> verify signature -> permissions -> faults ->
// ClientToken -> dispatch -> persist -> render JSON/XML. Pure with respect to sockets: it takes an
// EmulatorRequest and answers an EmulatorResponse (which may ask for the connection to be dropped).
import { randomUUID } from "node:crypto";
import { Account, type World } from "../world/world.js";
import { type ApiSpec, actionMatches, type Caller, type Product, sessionPolicyAllows } from "./api.js";
import { authenticateV1, authenticateV3 } from "./auth.js";
import { applyChange, type ChangeHost } from "./changes.js";
import { parseForm, splitUrl } from "./encoding.js";
import { ServiceError } from "./errors.js";
import { type FaultDecision, type FaultEngine, faultError } from "./faults.js";
import * as gateway from "./gateway-errors.js";
import type { EmulatorRequest, EmulatorResponse } from "./http-types.js";
import { fingerprint, type TokenStore } from "./idempotency.js";
import type { NonceStore } from "./nonces.js";
import { Params } from "./params.js";
import { type Format, renderBadGateway, renderError, renderSuccess } from "./render.js";
import type { ResponseBody } from "./values.js";

/** What the pipeline needs from the emulator around it. */
export interface PipelineHost extends ChangeHost {
  /** The current world (replaced on reset, so always read through here). */
  world(): World;
  /** Products by API version. */
  readonly products: ReadonlyMap<string, Product>;
  readonly nonces: NonceStore;
  readonly tokens: TokenStore;
  readonly faults: FaultEngine;
  /** Receives one line per request, when set. */
  log?(line: string): void;
}

/** The caller of an unsigned call to an action that takes one (AssumeRoleWithOIDC). */
const ANONYMOUS: Caller = { uid: "", accessKeyId: "", kind: "anonymous" };
// Not part of any world: the handler of an anonymous call names the account it acts on.
const ANONYMOUS_ACCOUNT = new Account("", "anonymous");

/** A new request ID: an upper-case UUID, as the real service sends. */
export function newRequestId(): string {
  return randomUUID().toUpperCase();
}

/**
 * Refuses callers that may not call the action (a RAM sub-user's policy; a role session's role,
 * narrowed by its session policy; account blocks).
 */
function checkPermission(api: ApiSpec, product: Product, caller: Caller, account: Account): void {
  if (caller.kind === "subUser" || caller.allowedActions !== undefined) {
    const allowed = (caller.allowedActions ?? []).some((pattern) => actionMatches(pattern, api.action));
    const narrowed = !caller.sessionPolicy || sessionPolicyAllows(caller.sessionPolicy, product.code, api.action);
    if (!allowed || !narrowed) throw (api.subUserDenied ?? gateway.forbiddenRam)();
  }
  if (account.blockedActions.some((pattern) => actionMatches(pattern, api.action))) {
    throw (api.accountBlocked ?? gateway.forbiddenRiskControl)();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Everything learned about a request before dispatch. */
interface Parsed {
  format: Format;
  product?: Product;
  action?: string;
}

/** Handles one RPC request (never throws). */
export async function handleRpc(host: PipelineHost, request: EmulatorRequest): Promise<EmulatorResponse> {
  const started = Date.now();
  const requestId = newRequestId();
  const parsed: Parsed = { format: "JSON" };
  let response: EmulatorResponse;
  try {
    response = await run(host, request, requestId, parsed);
  } catch (error) {
    const product = parsed.product;
    const failure = documentedAnswer(host, error, product, parsed.action);
    const hostId = product?.hostId ?? request.headers.host ?? "127.0.0.1";
    response = renderError(parsed.format, requestId, hostId, product?.code ?? "Unknown", failure);
  }
  if (host.log) {
    const outcome = response.drop ? `dropped-${response.drop}` : String(response.status);
    const code = response.status >= 400 && !response.drop ? ` ${errorCodeOf(response)}` : "";
    host.log(`${request.method} ${parsed.action ?? "-"} ${outcome}${code} ${Date.now() - started}ms`);
  }
  return response;
}

/**
 * What a failure answers: a ServiceError as its table documents it for the action being served
 * (its HTTP status from there), anything else 500 InternalError. A ServiceError whose code no table
 * documents for that action is a defect of the emulator: logged, and answered 400
 * Emulator.UndocumentedAnswer naming the action and the code (a 4xx: no client retries a defect
 * for minutes), never the undocumented answer itself (api/errors.ts).
 */
function documentedAnswer(
  host: PipelineHost,
  error: unknown,
  product: Product | undefined,
  action: string | undefined,
) {
  if (!(error instanceof ServiceError)) {
    host.log?.(`internal error: ${(error as Error)?.stack ?? String(error)}`);
    return gateway.internalError();
  }
  // Before an action is known, only the gateway answers (common codes).
  const answer = product && action ? error.answeredBy(product.code, action) : error.answeredBy("", "");
  if (answer) return answer;
  host.log?.(`internal error: ${action ?? "-"} answered ${error.code}, which api/ does not document for it`);
  return gateway.undocumentedAnswer(action ?? "-", error.code);
}

/** The answer to an RPC request that failed outside the pipeline: Alibaba's 500 InternalError envelope. */
export function rpcInternalError(request: EmulatorRequest): EmulatorResponse {
  return renderError("JSON", newRequestId(), request.headers.host ?? "127.0.0.1", "Unknown", gateway.internalError());
}

/** The answer to a request whose body was too large: the normal JSON error envelope, 413. */
export function rejectOversized(request: EmulatorRequest): EmulatorResponse {
  const hostId = request.headers.host ?? "127.0.0.1";
  return renderError("JSON", newRequestId(), hostId, "Unknown", gateway.requestTooLarge());
}

function errorCodeOf(response: EmulatorResponse): string {
  const match = /"Code":"([^"]*)"|<Code>([^<]*)<\/Code>/.exec(response.body);
  return match?.[1] ?? match?.[2] ?? "";
}

async function run(
  host: PipelineHost,
  request: EmulatorRequest,
  requestId: string,
  parsed: Parsed,
): Promise<EmulatorResponse> {
  const { path, query } = splitUrl(request.url);
  const values = parseForm(query);
  const queryPairs = [...values];
  const contentType = request.headers["content-type"] ?? "";
  if (
    request.method === "POST" &&
    (contentType === "" || contentType.startsWith("application/x-www-form-urlencoded"))
  ) {
    parseForm(request.body.toString("utf8"), values);
  }
  const isV3 = (request.headers.authorization ?? "").trimStart().startsWith("ACS3-");
  const format = (values.get("Format") ?? "JSON").toUpperCase();
  if (format !== "JSON" && format !== "XML") throw gateway.invalidFormat();
  parsed.format = format;
  if (request.method !== "GET" && request.method !== "POST") throw gateway.unsupportedHttpMethod();
  if (path !== "/") throw gateway.apiNotFound();

  const action = isV3 ? request.headers["x-acs-action"] : values.get("Action");
  const version = isV3 ? request.headers["x-acs-version"] : values.get("Version");
  if (!action) throw gateway.missingParameter(isV3 ? "x-acs-action" : "Action");
  parsed.action = action;
  host.counters.request(action);
  if (!version) throw gateway.missingParameter(isV3 ? "x-acs-version" : "Version");
  const product = host.products.get(version);
  if (!product) throw gateway.invalidActionOrVersion();
  parsed.product = product;
  const api = product.apis.get(action);
  if (!api) throw gateway.apiNotFound();

  const world = host.world();
  // An action callable without a signature (AssumeRoleWithOIDC) still verifies one that is sent.
  const unsigned = !isV3 && !values.has("Signature") && !values.has("AccessKeyId");
  let caller: Caller;
  let account: Account;
  if (api.anonymous && unsigned) {
    caller = ANONYMOUS;
    account = ANONYMOUS_ACCOUNT;
  } else {
    caller = isV3
      ? authenticateV3(
          { method: request.method, path, query: queryPairs, headers: request.headers, body: request.body },
          world,
          host.nonces,
        )
      : authenticateV1(request.method, values, world, host.nonces);
    account = world.ensureAccount(caller.uid);
    checkPermission(api, product, caller, account);
  }

  const decision = host.faults.decide(action, (kind) => host.counters.fault(kind));
  if (decision.kind !== undefined && decision.kind !== "DropAfterEffect") {
    // The action will not run: a Latency that fired with the fault still delays its answer.
    if (decision.latencyMs > 0) await sleep(decision.latencyMs);
    if (decision.kind === "BadGateway") return renderBadGateway();
    if (decision.kind === "DropBeforeAnswer") return { status: 0, headers: {}, body: "", drop: "before" };
    throw faultError(decision.kind) ?? gateway.internalError();
  }

  const params = new Params(values);
  const body = await dispatch(host, api, params, caller, account, decision);
  const answer = renderSuccess(format, action, requestId, body);
  return decision.kind === "DropAfterEffect" ? { ...answer, drop: "after" } : answer;
}

/** ClientToken handling around the handler, then the handler itself. */
async function dispatch(
  host: PipelineHost,
  api: ApiSpec,
  params: Params,
  caller: Caller,
  account: Account,
  decision: FaultDecision,
): Promise<ResponseBody> {
  const token = api.clientToken ? params.get("ClientToken") : undefined;
  if (token !== undefined && (token.length > 64 || !/^[\x20-\x7e]+$/.test(token))) {
    throw gateway.invalidParameter("ClientToken");
  }
  const world = host.world();
  let tokenKey: string | undefined;
  if (token !== undefined) {
    const claim = host.tokens.claim(
      caller.uid,
      api.action,
      token,
      fingerprint(params.entries()),
      world.now(),
      world.settings.clientTokenTtlMs,
    );
    if (claim.kind === "replay") return claim.result;
    tokenKey = claim.key;
  }
  try {
    // Latency (a fault, or the world's slow processing) is time spent processing: a request with
    // the same token meanwhile gets LastTokenProcessing.
    const delay = decision.latencyMs + world.settings.processingMs;
    if (delay > 0) await sleep(delay);
    const current = host.world();
    const acting = account === ANONYMOUS_ACCOUNT ? account : current.ensureAccount(account.uid);
    const scope = { world: current, account: acting, caller, now: current.now(), params };
    // The completed token is part of the saved state; if saving fails, persist() has put the world
    // back as it was saved and throws, the token is released below and nothing is counted.
    return applyChange(
      host,
      (effect) => api.run({ ...scope, effect }),
      (body) => {
        if (tokenKey !== undefined) host.tokens.complete(tokenKey, body);
      },
    );
  } catch (error) {
    if (tokenKey !== undefined) host.tokens.release(tokenKey);
    throw error;
  }
}
