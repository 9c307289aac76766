// The emulator's own view of an HTTP exchange, so that `handle()` never needs a socket.

/** One HTTP request as `handle()` receives it. */
export interface EmulatorRequest {
  /** HTTP method, upper case (`GET`, `POST`, ...). */
  readonly method: string;
  /** The request target as sent: path plus optional `?query` (e.g. `/?Action=...`). */
  readonly url: string;
  /** Headers with lower-case names (as Node's `IncomingMessage.headers` gives them). */
  readonly headers: { readonly [name: string]: string | undefined };
  /** The raw body (empty for GET). */
  readonly body: Buffer;
}

/** What `handle()` answers; `drop` asks the server to destroy the socket instead of answering. */
export interface EmulatorResponse {
  /** HTTP status code. */
  readonly status: number;
  /** Response headers (lower-case names). */
  readonly headers: { readonly [name: string]: string };
  /** Response body text. */
  readonly body: string;
  /**
   * `before`: destroy the connection, nothing happened; `after`: the action took effect and was
   * saved, then the connection is destroyed without an answer.
   */
  readonly drop?: "before" | "after";
}

/** Builds an EmulatorRequest from parts, for tests and in-process callers. */
export function makeRequest(
  method: string,
  url: string,
  headers: { readonly [name: string]: string | undefined } = {},
  body: string | Buffer = "",
): EmulatorRequest {
  const lower: { [name: string]: string | undefined } = {};
  for (const [name, value] of Object.entries(headers)) lower[name.toLowerCase()] = value;
  return {
    method: method.toUpperCase(),
    url,
    headers: lower,
    body: typeof body === "string" ? Buffer.from(body) : body,
  };
}
