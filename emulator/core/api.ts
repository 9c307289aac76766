// What a product registers: its actions, each a handler that takes parameters in and returns a
// plain object or throws ServiceError. Handlers never see HTTP.
import type { Account, World } from "../world/world.js";
import type { ServiceError } from "./errors.js";
import type { Params } from "./params.js";
import type { ResponseBody } from "./values.js";

/** Who is calling. */
export interface Caller {
  /** Account UID. */
  readonly uid: string;
  /** The AccessKeyId used. */
  readonly accessKeyId: string;
  /** Identity kind. */
  readonly kind: "root" | "sts" | "subUser";
  /** For sub-users: allowed action patterns. */
  readonly allowedActions?: readonly string[];
}

/** Everything a handler may use. */
export interface ActionContext {
  /** The action's name. */
  readonly action: string;
  /** Request parameters. */
  readonly params: Params;
  /** The world. */
  readonly world: World;
  /** The caller's account. */
  readonly account: Account;
  /** The caller. */
  readonly caller: Caller;
  /** World time of the request (ms). */
  readonly now: number;
  /** Records a state change actually applied (counted only if the action succeeds). */
  effect(key: string): void;
}

/** An action handler. */
export type ActionHandler = (ctx: ActionContext) => ResponseBody;

/** One action of a product. */
export interface ApiSpec {
  /** Action name (case-sensitive). */
  readonly action: string;
  /**
   * Whether the action honours ClientToken idempotency. Only for actions that change something:
   * a read that replayed a stored answer would hide the current state from a poll.
   */
  readonly clientToken: boolean;
  /** The refusal of a RAM sub-user without permission. @default the gateway's Forbidden.RAM */
  readonly subUserDenied?: () => ServiceError;
  /** The refusal when the account is barred from the action. @default the gateway's Forbidden.RiskControl */
  readonly accountBlocked?: () => ServiceError;
  /** The handler. */
  readonly handler: ActionHandler;
}

/** A product: one API version on the shared endpoint. */
export interface Product {
  /** Product code used in `Recommend` links (`Vpc`, `Ecs`). */
  readonly code: string;
  /** API version that selects it. */
  readonly version: string;
  /** HostId reported in error answers. */
  readonly hostId: string;
  /** Actions by name. */
  readonly apis: ReadonlyMap<string, ApiSpec>;
}

/** Builds a product from a list of actions; refuses a Describe action that claims ClientToken. */
export function defineProduct(code: string, version: string, hostId: string, apis: readonly ApiSpec[]): Product {
  for (const api of apis) {
    if (api.clientToken && api.action.startsWith("Describe")) {
      throw new Error(`${api.action} is a read: a ClientToken must never replay its answer`);
    }
  }
  return { code, version, hostId, apis: new Map(apis.map((api) => [api.action, api])) };
}

/** True when a pattern such as `Describe*` matches the action name. */
export function actionMatches(pattern: string, action: string): boolean {
  if (!pattern.includes("*")) return pattern === action;
  const regex = new RegExp(`^${pattern.split("*").map(escapeRegex).join(".*")}$`);
  return regex.test(action);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
