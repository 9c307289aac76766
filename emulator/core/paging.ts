// Paging for every list action: PageNumber/PageSize everywhere; the newer ECS APIs also take
// MaxResults/NextToken ("If you specify MaxResults or NextToken, PageSize and PageNumber do not
// take effect").
// NextToken is opaque: it carries the offset and a digest of the filters it was issued for.
import { createHash } from "node:crypto";
import type { ServiceError } from "./errors.js";

type IntegerReader<Name extends string> = (
  name: Name,
  fallback: number,
  min: number,
  max: number,
  error: () => ServiceError,
) => number;

/**
 * What page-number paging reads: an action's parameters (ActionParams) compile here only when its
 * contract declares PageNumber and PageSize.
 */
export interface PageNumberParams {
  readonly integer: IntegerReader<"PageNumber" | "PageSize">;
}

/** What paging by number or by token reads (the contract must declare MaxResults and NextToken too). */
export interface PagingParams {
  readonly get: (name: "MaxResults" | "NextToken") => string | undefined;
  readonly integer: IntegerReader<"PageNumber" | "PageSize" | "MaxResults">;
}

/** The errors of PageNumber/PageSize. */
export interface PageNumberErrors {
  readonly pageNumber: () => ServiceError;
  readonly pageSize: () => ServiceError;
}

/** The errors of one API's paging parameters (both styles). */
export interface PagingErrors extends PageNumberErrors {
  readonly maxResults: () => ServiceError;
  readonly nextToken: () => ServiceError;
}

/** A page request after validation. */
export interface PageRequest {
  /** Which style the caller used. */
  readonly mode: "page" | "token";
  /** First item (0-based). */
  readonly offset: number;
  /** Items per page. */
  readonly size: number;
  /** The page's number, as answered in PageNumber (echoed as asked in page mode). */
  readonly pageNumber: number;
}

function digest(filters: string): string {
  return createHash("sha256").update(filters).digest("hex").slice(0, 12);
}

/** Reads and checks the paging parameters; `filters` is a canonical text of the filter parameters. */
export function readPaging(params: PagingParams, filters: string, errors: PagingErrors, maxSize = 50): PageRequest {
  const maxResults = params.get("MaxResults");
  const token = params.get("NextToken");
  if (maxResults !== undefined || token !== undefined) {
    const size = params.integer("MaxResults", 10, 1, maxSize, errors.maxResults);
    let offset = 0;
    if (token !== undefined) {
      const decoded = decodeToken(token);
      if (!decoded || decoded.f !== digest(filters)) throw errors.nextToken();
      offset = decoded.o;
    }
    return { mode: "token", offset, size, pageNumber: Math.floor(offset / size) + 1 };
  }
  return readPageNumbers(params, errors, maxSize);
}

/** Reads and checks PageNumber (from 1, default 1) and PageSize (1..maxSize, default 10). */
export function readPageNumbers(params: PageNumberParams, errors: PageNumberErrors, maxSize: number): PageRequest {
  const pageNumber = params.integer("PageNumber", 1, 1, Number.MAX_SAFE_INTEGER, errors.pageNumber);
  const size = params.integer("PageSize", 10, 1, maxSize, errors.pageSize);
  return { mode: "page", offset: (pageNumber - 1) * size, size, pageNumber };
}

function decodeToken(token: string): { o: number; f: string } | undefined {
  try {
    const value = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as unknown;
    if (typeof value !== "object" || value === null) return undefined;
    const { o, f } = value as { o?: unknown; f?: unknown };
    if (typeof o !== "number" || !Number.isSafeInteger(o) || o < 0 || typeof f !== "string") return undefined;
    return { o, f };
  } catch {
    return undefined;
  }
}

/** The paging fields of an answer: `NextToken` only in token mode. */
export interface PagingFields {
  readonly TotalCount: number;
  readonly PageNumber: number;
  readonly PageSize: number;
  readonly NextToken?: string;
}

/** Cuts one page and the paging fields of the answer (`NextToken` only in token mode, "" at the end). */
export function takePage<T>(
  items: readonly T[],
  request: PageRequest,
  filters: string,
): { page: T[]; fields: PagingFields } {
  const page = items.slice(request.offset, request.offset + request.size);
  const fields = {
    TotalCount: items.length,
    PageNumber: request.pageNumber,
    PageSize: request.size,
  };
  if (request.mode === "page") return { page, fields };
  const next = request.offset + request.size;
  const nextToken =
    next < items.length ? Buffer.from(JSON.stringify({ o: next, f: digest(filters) })).toString("base64url") : "";
  return { page, fields: { ...fields, NextToken: nextToken } };
}

/**
 * One page of `rows` where the token is the next row's offset (the CBN grant lists): `size` rows
 * from `token`'s offset, and the token of the next page ("" on the last). A token not issued here
 * is refused with `invalid`.
 */
export function offsetTokenPage<T>(
  rows: readonly T[],
  size: number,
  token: string | undefined,
  invalid: () => Error,
): { page: T[]; nextToken: string } {
  const offset = token ? Number(token) : 0;
  if (token && !(Number.isSafeInteger(offset) && offset > 0 && String(offset) === token)) throw invalid();
  return {
    page: rows.slice(offset, offset + size),
    nextToken: offset + size < rows.length ? String(offset + size) : "",
  };
}
