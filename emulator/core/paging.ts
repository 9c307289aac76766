// The two paging styles of the newer ECS APIs: PageNumber/PageSize, or MaxResults/NextToken
// ("If you specify MaxResults or NextToken, PageSize and PageNumber do not take effect").
// NextToken is opaque: it carries the offset and a digest of the filters it was issued for.
import { createHash } from "node:crypto";
import type { ServiceError } from "./errors.js";
import type { Params } from "./params.js";

/** The errors of one API's paging parameters. */
export interface PagingErrors {
  /** Bad PageNumber. */
  readonly pageNumber: () => ServiceError;
  /** Bad PageSize. */
  readonly pageSize: () => ServiceError;
  /** Bad MaxResults. */
  readonly maxResults: () => ServiceError;
  /** Bad NextToken. */
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
}

function digest(filters: string): string {
  return createHash("sha256").update(filters).digest("hex").slice(0, 12);
}

/** Reads and checks the paging parameters; `filters` is a canonical text of the filter parameters. */
export function readPaging(params: Params, filters: string, errors: PagingErrors, maxSize = 50): PageRequest {
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
    return { mode: "token", offset, size };
  }
  const pageNumber = params.integer("PageNumber", 1, 1, Number.MAX_SAFE_INTEGER, errors.pageNumber);
  const size = params.integer("PageSize", 10, 1, maxSize, errors.pageSize);
  return { mode: "page", offset: (pageNumber - 1) * size, size };
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

/** Cuts one page and the paging fields of the response (`NextToken` only in token mode, "" at the end). */
export function takePage<T>(
  items: readonly T[],
  request: PageRequest,
  filters: string,
): { page: T[]; fields: { TotalCount: number; PageNumber: number; PageSize: number; NextToken?: string } } {
  const page = items.slice(request.offset, request.offset + request.size);
  const fields = {
    TotalCount: items.length,
    PageNumber: Math.floor(request.offset / request.size) + 1,
    PageSize: request.size,
  };
  if (request.mode === "page") return { page, fields };
  const next = request.offset + request.size;
  const nextToken =
    next < items.length ? Buffer.from(JSON.stringify({ o: next, f: digest(filters) })).toString("base64url") : "";
  return { page, fields: { ...fields, NextToken: nextToken } };
}
