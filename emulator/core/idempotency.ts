// ClientToken idempotency (spec §4.3). Scope: account + action + token. A token first seen is
// "processing" until its action finishes; success stores the result for replay, failure releases
// the token (a retry runs again). Same token + different parameters: IdempotentParameterMismatch.
import { compareText } from "./encoding.js";
import { idempotentParameterMismatch, lastTokenProcessing } from "./gateway-errors.js";
import { fromStored, type StoredValue, toStored } from "./json.js";
import type { ResponseBody } from "./values.js";

/**
 * Common parameters, left out of the fingerprint: they are about routing, authentication and
 * rendering, not about the call. V1 sends Action and Version as parameters while V3 sends them as
 * headers, so they must stay out for a V1 retry and a V3 retry to match; the scope key already
 * holds the account and the action.
 */
const COMMON_PARAMS = new Set([
  "Action",
  "Version",
  "Signature",
  "SignatureNonce",
  "SignatureMethod",
  "SignatureVersion",
  "SignatureType",
  "Timestamp",
  "AccessKeyId",
  "SecurityToken",
  "Format",
]);

/** A canonical text of the call's own parameters. */
export function fingerprint(params: Iterable<[string, string]>): string {
  const kept: Array<[string, string]> = [];
  for (const pair of params) if (!COMMON_PARAMS.has(pair[0])) kept.push(pair);
  kept.sort((a, b) => compareText(a[0], b[0]));
  return JSON.stringify(kept);
}

/** A remembered token, as persisted. */
export interface TokenRecordData {
  /** Scope key (account, action, token). */
  readonly key: string;
  /** Fingerprint of the first request. */
  readonly fingerprint: string;
  /** The first successful result (without RequestId). */
  readonly result: StoredValue;
  /** When the token is forgotten (world ms). */
  readonly expiresAt: number;
}

interface TokenRecord {
  fingerprint: string;
  state: "processing" | "done";
  result?: ResponseBody;
  expiresAt: number;
}

/** The outcome of presenting a token. */
export type TokenClaim =
  | { readonly kind: "new"; readonly key: string }
  | { readonly kind: "replay"; readonly result: ResponseBody };

/** The ClientToken store. */
export class TokenStore {
  private readonly records = new Map<string, TokenRecord>();

  /**
   * Presents a token: a new one is reserved ("processing"); a known one replays or is refused.
   * @throws ServiceError IdempotentParameterMismatch or LastTokenProcessing.
   */
  claim(uid: string, action: string, token: string, print: string, now: number, ttlMs: number): TokenClaim {
    this.prune(now);
    const key = `${uid}\n${action}\n${token}`;
    const record = this.records.get(key);
    if (record && record.expiresAt > now) {
      if (record.fingerprint !== print) throw idempotentParameterMismatch();
      if (record.state === "processing" || !record.result) throw lastTokenProcessing();
      return { kind: "replay", result: record.result };
    }
    this.records.delete(key);
    this.records.set(key, { fingerprint: print, state: "processing", expiresAt: now + ttlMs });
    return { kind: "new", key };
  }

  /** The action succeeded: remember its result for replays. */
  complete(key: string, result: ResponseBody): void {
    const record = this.records.get(key);
    if (record) {
      record.state = "done";
      record.result = result;
    }
  }

  /** The action failed: forget the token so that a retry runs again. */
  release(key: string): void {
    this.records.delete(key);
  }

  /** Forgets every token. */
  clear(): void {
    this.records.clear();
  }

  /** Completed tokens, for persistence. */
  toData(): TokenRecordData[] {
    const out: TokenRecordData[] = [];
    for (const [key, record] of this.records) {
      if (record.state === "done" && record.result) {
        out.push({
          key,
          fingerprint: record.fingerprint,
          result: toStored(record.result),
          expiresAt: record.expiresAt,
        });
      }
    }
    return out;
  }

  /** Restores tokens saved by toData. */
  load(data: readonly TokenRecordData[]): void {
    this.records.clear();
    for (const item of data) {
      this.records.set(item.key, {
        fingerprint: item.fingerprint,
        state: "done",
        result: fromStored(item.result) as ResponseBody,
        expiresAt: item.expiresAt,
      });
    }
  }

  private prune(now: number): void {
    for (const [key, record] of this.records) {
      if (record.expiresAt > now) break;
      if (record.state === "done") this.records.delete(key);
    }
  }
}
