// The shape of an Alibaba Cloud RPC action as both sides of this repository see it: the provider
// calls it, the emulator serves it. One declaration per action (parameters, answer, retry safety)
// means a renamed parameter or answer field fails to compile on both sides at once.
//
// Types only, plus the small records that name products and actions: nothing here does I/O.

/** The products the repository calls and emulates, by the name used in code. */
export type ProductName = "vpc" | "ecs" | "cbn" | "sts";

/** What identifies a product on the wire. */
export interface ProductInfo<Name extends ProductName = ProductName> {
  /** The name used in code and in endpoint overrides (`alicloud:endpoints`). */
  readonly name: Name;
  /** The product code in Alibaba's error `Recommend` links and endpoint tables (`Vpc`, `Ecs`). */
  readonly code: string;
  /** The API version that selects the product on a shared endpoint. */
  readonly version: string;
  /** The central host, reported as `HostId` in error answers. */
  readonly host: string;
  /**
   * Where the public endpoint is: the central host for every region, or a host per region
   * (`<name>.<region>.aliyuncs.com`); `centralActions` are answered by the central host only.
   */
  readonly endpoint: { readonly perRegion: boolean; readonly centralActions?: readonly string[] };
}

/**
 * What makes it safe to send a call again after it went unanswered (the connection dropped or
 * timed out after the request left):
 * - `read`: it changes nothing;
 * - `idempotent`: doing it twice is the same as doing it once (setting a name, disabling);
 * - `client-token`: it takes a `ClientToken`, so the service applies it at most once;
 * - `verify`: none of these; the caller must say how to look whether it took effect.
 */
export type RetrySafety = "read" | "idempotent" | "client-token" | "verify";

declare const LONG: unique symbol;
/**
 * An integer the wire carries as bare JSON digits, possibly above 2^53 (account UIDs). A marker:
 * each side decides what it holds ({@link WithLong}).
 */
export interface Long {
  readonly [LONG]: true;
}

/** `T` with every {@link Long} replaced by `L` (the provider reads strings, the emulator writes raw digits). */
export type WithLong<T, L> = T extends Long
  ? L
  : T extends readonly (infer E)[]
    ? WithLong<E, L>[]
    : T extends object
      ? { [K in keyof T]: WithLong<T[K], L> }
      : T;

/** A tag as RPC APIs take it (`Tag.N.Key`, `Tag.N.Value`). */
export interface TagParam {
  /** The key. */
  readonly Key: string;
  /** The value (may be empty). */
  readonly Value?: string;
}

/** A parameter value: a scalar, a repeat list (`Name.N`), or tags (`Tag.N.Key`). */
export type ParamType = string | number | boolean | Long | readonly string[] | readonly TagParam[];

/** The parameters every action takes besides its own. */
export interface CommonParams {
  /** The region the call is about; the central VPC endpoint needs it too. */
  readonly RegionId: string;
}

/** What the parameters of one action must look like: the common ones, and only {@link ParamType} values. */
export type ParamsShape<P> = CommonParams & { readonly [K in keyof P]: ParamType | undefined };

/** One RPC action: its name, product and retry safety; its parameters and answer as type arguments. */
export interface Action<
  Name extends string = string,
  Params extends CommonParams = CommonParams,
  Answer extends object = object,
  Safety extends RetrySafety = RetrySafety,
> {
  /** The action name, case-sensitive (`GrantInstanceToCen`). */
  readonly name: Name;
  /** The product that serves it. */
  readonly product: ProductInfo;
  /** What makes a retry after no answer safe. */
  readonly safety: Safety;
  /** Phantom: the parameters (never set at run time). */
  readonly params?: Params;
  /** Phantom: the answer's fields besides `RequestId` (never set at run time). */
  readonly answer?: Answer;
}

/** The parameters of an action. */
export type ParamsOf<A> = A extends Action<string, infer P, object, RetrySafety> ? P : never;
/** The answer of an action, `RequestId` aside. */
export type AnswerOf<A> = A extends Action<string, CommonParams, infer R, RetrySafety> ? R : never;
/** The retry safety of an action. */
export type SafetyOf<A> = A extends Action<string, CommonParams, object, infer S> ? S : never;

/**
 * Declares an action. A `client-token` action must declare a `ClientToken` parameter; the
 * compiler refuses one that does not.
 */
export function action<Params extends ParamsShape<Params>, Answer extends object = Record<never, never>>() {
  return <Name extends string, Safety extends RetrySafety>(
    product: ProductInfo,
    name: Name,
    safety: Safety extends "client-token" ? ("ClientToken" extends keyof Params ? Safety : never) : Safety,
  ): Action<Name, Params, Answer, Safety> => ({ name, product, safety });
}
