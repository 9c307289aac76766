// Percent-encoding, canonical query strings and form parsing shared by both signature versions.

/**
 * RFC 3986 percent-encoding as Alibaba's signatures use it: only `A-Z a-z 0-9 - _ . ~` stay as
 * they are; everything else (UTF-8 bytes) becomes `%XY` with upper-case hex; space is `%20`.
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Orders strings by UTF-16 code units (not locale): what pop-core, the Java samples and the V3 document sort by. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `name=value&...` sorted by name (stable for repeated names), names and values RFC 3986-encoded. */
export function canonicalQuery(pairs: Iterable<readonly [string, string]>): string {
  return [...pairs]
    .sort((a, b) => compareText(a[0], b[0]))
    .map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`)
    .join("&");
}

/**
 * Parses `a=1&b=2` (query string or x-www-form-urlencoded body) into ordered pairs.
 * `+` means space, as in HTML forms; a repeated name keeps its last value.
 */
export function parseForm(text: string, into: Map<string, string> = new Map()): Map<string, string> {
  if (text.length === 0) return into;
  for (const [name, value] of new URLSearchParams(text)) into.set(name, value);
  return into;
}

/** Splits a request target into its path and raw query string. */
export function splitUrl(url: string): { path: string; query: string } {
  const mark = url.indexOf("?");
  return mark < 0 ? { path: url, query: "" } : { path: url.slice(0, mark), query: url.slice(mark + 1) };
}
