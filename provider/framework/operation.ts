// One create, read, update or delete as the provider process runs it: the settings, where the
// object lives and as whom to act, and the operation's deadline (from the resource's
// customTimeouts). Every call and every wait of the operation goes through here, so each is bounded
// by that deadline and its expiry is reported the same way.
import type { Action, ProductName, SafetyOf } from "../../api/contract.js";
import type { HandledActionName } from "../client/error-handling.js";
import { AlibabaCloudError } from "../client/errors.js";
import { type CallAnswer, type CallOptions, type CallParams, type CallScope, callAction } from "../client/rpc.js";
import type { Settings } from "../client/settings.js";
import { type WaitOptions, WaitTimeoutError, waitUntil } from "./waiting.js";

/** The operations Pulumi's customTimeouts can bound. */
export type TimedOperation = "create" | "update" | "delete";

/** The resource's customTimeouts as the program gave them (`"5m"`, `"90s"`, `"1h"`). */
export interface Timeouts {
  readonly create?: string;
  readonly update?: string;
  readonly delete?: string;
}

/** A deadline set by customTimeouts, with what the user wrote, for the error when it runs out. */
export interface Deadline {
  /** Epoch ms. */
  readonly at: number;
  /** Which timeout it came from. */
  readonly operation: TimedOperation;
  /** The timeout as written, e.g. `5m`. */
  readonly written: string;
}

/** Thrown when an operation's customTimeouts ran out. */
export class OperationTimeoutError extends Error {
  constructor(deadline: Deadline, what: string) {
    super(
      `The ${deadline.operation} timeout (customTimeouts.${deadline.operation} = ${deadline.written}) ran out ${what}. ` +
        `Raise customTimeouts.${deadline.operation} on the resource if it needs longer.`,
    );
    this.name = "OperationTimeoutError";
  }
}

const UNITS_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds of a Go-style duration (`1h30m`, `90s`, `5m`), or undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== text) return undefined;
  return parts.reduce((sum, [, n, unit]) => sum + Number(n) * (UNITS_MS[unit ?? "s"] ?? 0), 0);
}

/** The deadline of `operation` starting now, when the resource's customTimeouts bound it. */
export function deadlineOf(timeouts: Timeouts | undefined, operation: TimedOperation): Deadline | undefined {
  const written = timeouts?.[operation];
  const ms = written === undefined ? undefined : parseDuration(written);
  return ms === undefined || written === undefined ? undefined : { at: Date.now() + ms, operation, written };
}

/** One operation's context; see the module comment. */
export class Operation {
  /** When retries of the operation's calls stop without customTimeouts (epoch ms), if the resource says. */
  private readonly retryUntil: number | undefined;

  constructor(
    /** The provider process's settings. */
    readonly settings: Settings,
    /** Where the object lives and as whom to act. */
    readonly scope: CallScope,
    /** The products the resource declares it calls; an action of another is a defect of the resource. */
    private readonly products: readonly ProductName[],
    /** When customTimeouts end the operation, if they do. */
    readonly deadline?: Deadline,
    /**
     * How long the resource retries this operation's calls by default (Terraform's timeouts for
     * it). customTimeouts replace it, shorter or longer; a retry deadline the stack sets replaces it too.
     */
    defaultRetryMs?: number,
  ) {
    const own = defaultRetryMs !== undefined && !settings.retryDeadlineSet;
    this.retryUntil = own ? Date.now() + Math.max(defaultRetryMs, settings.timing.retryDeadlineMs) : undefined;
  }

  /** Writes a progress line to the Pulumi log. */
  log(message: string): void {
    this.settings.log?.(message);
  }

  /**
   * Calls an action in the operation's scope, retrying until the operation's customTimeouts
   * deadline, else the resource's default window, else the settings' retry deadline. Only the
   * actions whose codes client/error-handling.ts handles can be called.
   */
  async call<A extends Action & { readonly name: HandledActionName }>(
    action: A,
    params: CallParams<A>,
    ...options: SafetyOf<A> extends "verify" ? [CallOptions<A>] : [CallOptions<A>?]
  ): Promise<CallAnswer<A>> {
    if (!this.products.includes(action.product.name)) {
      // Preview warns about the declared products left on a public endpoint: a product missing
      // there would be called on Alibaba Cloud's public endpoint unannounced.
      throw new Error(
        `${action.name} is an action of ${action.product.name}, and the resource's products are ${this.products.join(", ")}: add "${action.product.name}" to them`,
      );
    }
    const given = options[0] as CallOptions<A> | undefined;
    const withDeadline = { ...given, deadline: this.deadline?.at ?? this.retryUntil } as CallOptions<A>;
    try {
      return await (callAction as (...args: unknown[]) => Promise<CallAnswer<A>>)(
        this.settings,
        this.scope,
        action,
        params,
        withDeadline,
      );
    } catch (error) {
      throw this.expired() && error instanceof AlibabaCloudError && error.retryable
        ? new OperationTimeoutError(this.deadline as Deadline, `while ${action.name} kept failing (${error.message})`)
        : error;
    }
  }

  /**
   * Probes until `probe` returns a value, within the wait's own timeout and the operation's
   * deadline. Throws WaitTimeoutError when the former runs out, OperationTimeoutError for the latter.
   */
  async waitFor<T>(options: Omit<WaitOptions, "log">, probe: () => Promise<T | undefined>): Promise<T> {
    const left = this.deadline ? Math.max(0, this.deadline.at - Date.now()) : Number.POSITIVE_INFINITY;
    const bounded = left < options.timeoutMs;
    try {
      return await waitUntil(
        { ...options, timeoutMs: Math.min(options.timeoutMs, left), log: this.settings.log },
        probe,
      );
    } catch (error) {
      if (bounded && error instanceof WaitTimeoutError && this.deadline) {
        throw new OperationTimeoutError(this.deadline, `waiting for ${options.what}`);
      }
      throw error;
    }
  }

  /** Whether the operation's deadline has passed. */
  expired(): boolean {
    return this.deadline !== undefined && Date.now() >= this.deadline.at;
  }
}
