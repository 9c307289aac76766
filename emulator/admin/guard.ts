// Who may use the admin surface over the network. The admin surface is unsigned (it is local test
// control), so a web page in the user's browser must not be able to reach it:
// - POST and PUT must say `content-type: application/json`: a page cannot send that to another
//   origin without a CORS preflight, which the emulator never grants (a "simple" text/plain or
//   form POST is refused with 415);
// - the Host header must name the address the emulator listens on (or a localhost form) and, when
//   it has a port, the port it listens on: a page that rebinds its own domain name to 127.0.0.1
//   sends its domain as Host, and is refused (403);
// - with an admin token (required when listening beyond loopback), every admin request must carry
//   it as `Authorization: Bearer <token>` (401); a request that does may use any Host (a container
//   reached by its service name).
// These checks guard the socket; the in-process `handle()` is trusted code and skips them.
import { createHash, timingSafeEqual } from "node:crypto";
import type { EmulatorRequest } from "../core/http-types.js";

/** The environment variable that gives the admin token (the CLI's --admin-token wins over it). */
export const ADMIN_TOKEN_ENV = "ALICLOUD_EMULATOR_ADMIN_TOKEN";

/**
 * Whether a path is under the guard: the admin surface, and the OIDC test-token minter (as much a
 * test control as the admin surface).
 */
export function isGuardedPath(path: string): boolean {
  return path === "/__admin" || path.startsWith("/__admin/") || path === "/__sts/oidc-token";
}

/** A refusal of the guard: HTTP status, code and message. */
export interface GuardRefusal {
  /** 401, 403 or 415. */
  readonly status: number;
  /** `Unauthorized`, `Forbidden.Host` or `UnsupportedMediaType`. */
  readonly code: string;
  /** What to do. */
  readonly message: string;
}

/** Names and addresses that always mean this machine. */
const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "::1"]);

/** Whether an address or name to listen on is loopback-only. */
export function isLoopback(host: string): boolean {
  const name = host.replace(/^\[|\]$/g, "").toLowerCase();
  return LOOPBACK_NAMES.has(name) || /^127\.\d+\.\d+\.\d+$/.test(name) || name === "::ffff:127.0.0.1";
}

/** The host name of a Host header, without its port (`[::1]:8765` -> `::1`), lower case. */
export function hostName(header: string): string {
  return splitHost(header).name;
}

/** A Host header's name (lower case) and port (undefined when it names none). */
export function splitHost(header: string): { readonly name: string; readonly port: string | undefined } {
  const value = header.trim().toLowerCase();
  if (value.startsWith("[")) {
    const close = value.indexOf("]");
    if (close < 0) return { name: value.slice(1), port: undefined };
    const rest = value.slice(close + 1);
    return { name: value.slice(1, close), port: rest.startsWith(":") ? rest.slice(1) : undefined };
  }
  const colon = value.lastIndexOf(":");
  // One colon: name:port. More: a bare IPv6 address (not valid in a Host header, but unambiguous).
  if (colon >= 0 && value.indexOf(":") === colon) return { name: value.slice(0, colon), port: value.slice(colon + 1) };
  return { name: value, port: undefined };
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

/**
 * The admin surface's checks for one listening address. `token` is required (the constructor
 * throws) when the address is not loopback-only.
 */
export class AdminGuard {
  private readonly tokenDigest: Buffer | undefined;
  private readonly listenHost: string;

  /**
   * @param listenHost the address the server listens on (`127.0.0.1`, `0.0.0.0`, a name, ...).
   * @param token the admin token, if any.
   */
  constructor(listenHost: string, token: string | undefined) {
    if (token !== undefined && token.length < 8) throw new Error("the admin token must be at least 8 characters");
    if (token === undefined && !isLoopback(listenHost)) {
      throw new Error(
        `listening on ${listenHost} exposes the admin surface (which resets and seeds the world) beyond this machine: give an admin token (--admin-token <token> or ALICLOUD_EMULATOR_ADMIN_TOKEN; adminToken in-process)`,
      );
    }
    this.listenHost = listenHost.replace(/^\[|\]$/g, "").toLowerCase();
    this.tokenDigest = token === undefined ? undefined : digest(token);
  }

  /** Whether the admin surface asks for a token. */
  get requiresToken(): boolean {
    return this.tokenDigest !== undefined;
  }

  /**
   * The refusal for an admin request, or undefined when it may go on.
   * @param request the request (its headers and method; the body is not looked at).
   * @param port the port the server listens on, which a Host header's port must be.
   */
  check(request: EmulatorRequest, port: number): GuardRefusal | undefined {
    if (this.tokenDigest) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? "");
      // Compared as digests: equal lengths, constant time, and the token's length stays private.
      if (!match?.[1] || !timingSafeEqual(digest(match[1]), this.tokenDigest)) {
        return {
          status: 401,
          code: "Unauthorized",
          message: "this emulator's admin surface needs its token: send Authorization: Bearer <token>",
        };
      }
    } else if (!this.hostAllowed(request.headers.host, port)) {
      return {
        status: 403,
        code: "Forbidden.Host",
        message: `the Host header ${JSON.stringify(request.headers.host ?? "")} does not name this emulator's address (${this.listenHost}:${port}, or localhost:${port}): refused, as a request from a web page would be`,
      };
    }
    if (request.method === "POST" || request.method === "PUT") {
      const type = (request.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
      if (type !== "application/json") {
        return {
          status: 415,
          code: "UnsupportedMediaType",
          message: "admin POST and PUT requests must send content-type: application/json (also without a body)",
        };
      }
    }
    return undefined;
  }

  private hostAllowed(header: string | undefined, port: number): boolean {
    if (header === undefined || header.trim() === "") return false;
    // Only loopback addresses get here without a token (see the constructor).
    const host = splitHost(header);
    if (host.port !== undefined && host.port !== String(port)) return false;
    return isLoopback(host.name) || host.name === this.listenHost;
  }
}
