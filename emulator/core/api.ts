// What a product registers: its api/ contract, and one handler per action of the contract. A
// handler reads the parameters its contract declares and returns the contract's answer (UIDs as
// RawNumber), or throws ServiceError. Handlers never see HTTP.
import type { Action, AnswerOf, ParamsOf, ProductInfo, WithLong } from "../../api/contract.js";
import type { Account, World } from "../world/world.js";
import type { ServiceError } from "./errors.js";
import { ActionParams, type Params } from "./params.js";
import type { RawNumber, ResponseBody } from "./values.js";
import { wildcard } from "./wildcard.js";

/** Who is calling. */
export interface Caller {
  /** The account's UID. */
  readonly uid: string;
  /** The AccessKeyId used. */
  readonly accessKeyId: string;
  /** `anonymous`: an unsigned call of an action that takes one (AssumeRoleWithOIDC); uid and key are empty. */
  readonly kind: "root" | "sts" | "subUser" | "anonymous";
  /** For sub-users and role sessions: the action patterns they may call. */
  readonly allowedActions?: readonly string[];
  /** For role sessions: what the session policy allows and denies (`vpc:Grant*` or bare action patterns). */
  readonly sessionPolicy?: { readonly allow: readonly string[]; readonly deny: readonly string[] };
}

/** What every action runs with, whatever its contract. */
export interface CallScope {
  readonly world: World;
  /** The caller's account. */
  readonly account: Account;
  readonly caller: Caller;
  /** World time of the request (ms). */
  readonly now: number;
  /** Records a state change actually applied (counted only once it is saved). */
  effect(key: string): void;
}

/** A call as the protocol hands it over: the request's raw parameters. */
export interface RawCall extends CallScope {
  readonly params: Params;
}

/** What a handler of action `A` gets: its parameters, read by the names its contract declares. */
export interface ActionContext<A extends Action> extends CallScope {
  readonly params: ActionParams<ParamsOf<A>>;
}

/** An answer with no fields: `{}` and nothing else. */
type NoFields = { readonly [field: string]: never };

/**
 * The answer a handler of `A` returns: the contract's, `RequestId` aside, with every Long as a
 * RawNumber (`Long | number` takes either). `never` when the contract's answer is not something the
 * serializer can render.
 */
export type Answer<A extends Action> =
  WithLong<AnswerOf<A>, RawNumber> extends infer R extends ResponseBody
    ? keyof R extends never
      ? NoFields
      : R
    : never;

/** The handler of action `A`. */
export type Handler<A extends Action> = (ctx: ActionContext<A>) => Answer<A>;

/** How an action refuses callers, where its product documents its own codes. */
export interface Refusals {
  /** A RAM sub-user without permission. @default the gateway's Forbidden.RAM */
  readonly subUserDenied?: () => ServiceError;
  /** The account is barred from the action. @default the gateway's Forbidden.RiskControl */
  readonly accountBlocked?: () => ServiceError;
}

/** One action of a product's table: its handler, alone or with the action's own refusals. */
export type ActionEntry<A extends Action> =
  | Handler<A>
  | (Refusals & {
      readonly handler: Handler<A>;
      /** Callable without a signature (STS AssumeRoleWithOIDC); a signed call is still verified. */
      readonly anonymous?: boolean;
    });

/** A product's actions as api/ declares them, keyed by action name. */
export type ActionSet<T> = { readonly [K in keyof T]: Action<K & string> };

/** One entry per action of the contract, none more: a missing or unknown action fails to compile. */
export type HandlerTable<T extends ActionSet<T>> = {
  readonly [K in keyof T]: T[K] extends Action ? ActionEntry<T[K]> : never;
};

/** One action as the pipeline runs it. */
export interface ApiSpec extends Refusals {
  /** The action name (case-sensitive). */
  readonly action: string;
  /**
   * Whether ClientToken makes the action apply at most once: the contract's `client-token`
   * safety. Never a read's: a replayed answer would hide the current state from a poll.
   */
  readonly clientToken: boolean;
  /** Whether an unsigned call is accepted (the caller is then `anonymous`). */
  readonly anonymous: boolean;
  /** Runs the handler on a call. */
  readonly run: (call: RawCall) => ResponseBody;
}

/** A product: one API version on the shared endpoint. */
export interface Product {
  /** The product code in `Recommend` links (`Vpc`, `Ecs`). */
  readonly code: string;
  /** The API version that selects it. */
  readonly version: string;
  /** HostId reported in error answers. */
  readonly hostId: string;
  /** Actions by name. */
  readonly apis: ReadonlyMap<string, ApiSpec>;
}

function serve<A extends Action>(action: A, entry: ActionEntry<A>): ApiSpec {
  const { handler, anonymous, ...refusals } =
    typeof entry === "function" ? { handler: entry, anonymous: false } : { anonymous: false, ...entry };
  return {
    ...refusals,
    action: action.name,
    clientToken: action.safety === "client-token",
    anonymous,
    run: (call) => handler({ ...call, params: new ActionParams<ParamsOf<A>>(call.params) }),
  };
}

/**
 * Builds a product from its contract and a handler table written as an object literal (so that
 * an action the contract lacks is an excess property). Also refuses, at start, a table entry that
 * is no action and a `Describe*` action whose contract says `client-token`.
 */
export function defineProduct<T extends ActionSet<T>>(
  info: ProductInfo,
  actions: T,
  handlers: HandlerTable<T>,
): Product {
  const apis = new Map<string, ApiSpec>();
  for (const key in actions) {
    const api = serve(actions[key], handlers[key]);
    if (api.clientToken && api.action.startsWith("Describe")) {
      throw new Error(`${api.action} is a read: a ClientToken must never replay its answer`);
    }
    apis.set(api.action, api);
  }
  for (const key of Object.keys(handlers)) {
    if (!apis.has(key)) throw new Error(`${key} is not an action of ${info.code} ${info.version}`);
  }
  return { code: info.code, version: info.version, hostId: info.host, apis };
}

/**
 * Whether a session policy lets a role session call `action` of the product `code` (`Vpc`): some
 * Allow pattern matches `vpc:<Action>` (or the bare action name), and no Deny pattern does.
 */
export function sessionPolicyAllows(
  policy: { readonly allow: readonly string[]; readonly deny: readonly string[] },
  code: string,
  action: string,
): boolean {
  const qualified = `${code.toLowerCase()}:${action}`;
  const matches = (pattern: string) =>
    pattern.includes(":")
      ? actionMatches(pattern.toLowerCase(), qualified.toLowerCase())
      : actionMatches(pattern, action);
  return policy.allow.some(matches) && !policy.deny.some(matches);
}

/** True when a pattern such as `Describe*` matches the action name. */
export function actionMatches(pattern: string, action: string): boolean {
  if (!pattern.includes("*")) return pattern === action;
  return wildcard(pattern, "").test(action);
}
