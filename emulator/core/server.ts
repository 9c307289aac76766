// listen(): the only part that knows sockets. It turns HTTP requests into EmulatorRequests, writes
// EmulatorResponses back, destroys the socket when a response asks for a drop, and closes every
// open connection on stop. What to answer (also to an oversized body) is decided by the caller.
//
// A local service still meets slow and greedy clients, so the server bounds what they can hold:
// headers must arrive within `headersTimeoutMs`, a whole request within `requestTimeoutMs`, an idle
// keep-alive connection is closed after `keepAliveTimeoutMs` (a slowloris connection is gone within
// seconds), and request bodies are buffered within one budget across all requests: a body reserves
// its size before it is read, and waits (unread, so TCP holds it back) while the budget is spent.
//
// Admin requests (/__admin/...) from the network pass the AdminGuard (admin/guard.ts) before their
// body is read: every socket the emulator opens is guarded, whoever starts it (the CLI, tests,
// startEmulator), while the in-process `handle()` stays trusted.
import http from "node:http";
import type { Socket } from "node:net";
import { AdminGuard, isGuardedPath } from "../admin/guard.js";
import { splitUrl } from "./encoding.js";
import type { EmulatorRequest, EmulatorResponse } from "./http-types.js";

/** A server listening on a port. */
export interface ListeningServer {
  /** `http://<host>:<port>` */
  readonly url: string;
  /** Host it listens on. */
  readonly host: string;
  /** Port it listens on. */
  readonly port: number;
  /** Bytes of request bodies reserved now, and the most ever reserved at once. */
  bodyBudget(): { readonly reserved: number; readonly peak: number; readonly waiting: number };
  /** Stops accepting, destroys every open connection, resolves when closed. */
  close(): Promise<void>;
}

/** Largest request body accepted (4 MiB); a larger one is answered by `oversized`. */
export const MAX_BODY = 4 * 1024 * 1024;

/** Limits of the server; the defaults suit a local test service. */
export interface ServerLimits {
  /** Time to receive a request's headers. @default 5000 */
  readonly headersTimeoutMs?: number;
  /** Time to receive a whole request, body included (waiting for the body budget counts). @default 30000 */
  readonly requestTimeoutMs?: number;
  /** An idle keep-alive connection is closed after this long. @default 5000 */
  readonly keepAliveTimeoutMs?: number;
  /** Bytes of request bodies buffered at once, across all requests (at least MAX_BODY). @default 32 MiB */
  readonly maxBufferedBytes?: number;
}

/** How listen() serves: its limits, and the admin token. */
export interface ServerOptions extends ServerLimits {
  /**
   * The admin token every admin request must carry (required when `host` is not loopback).
   * @default the ALICLOUD_EMULATOR_ADMIN_TOKEN environment variable, else none
   */
  readonly adminToken?: string;
}

/** The defaults of ServerLimits. */
export const DEFAULT_LIMITS: Required<ServerLimits> = {
  headersTimeoutMs: 5_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxBufferedBytes: 32 * 1024 * 1024,
};

function headersOf(message: http.IncomingMessage): { [name: string]: string | undefined } {
  const out: { [name: string]: string | undefined } = {};
  for (const [name, value] of Object.entries(message.headers))
    out[name] = Array.isArray(value) ? value.join(", ") : value;
  return out;
}

/** Bytes reserved for bodies being read or handled; reservations that do not fit wait in order. */
class BodyBudget {
  private reserved = 0;
  private peak = 0;
  private readonly queue: { readonly bytes: number; readonly grant: () => void }[] = [];

  constructor(private readonly limit: number) {}

  /** Calls `grant` once `bytes` fit (at once when they do); returns a cancel for a waiting one. */
  acquire(bytes: number, grant: () => void): () => void {
    const entry = { bytes, grant };
    // A request without a body holds nothing: it never waits behind bodies.
    if (bytes === 0 || (this.queue.length === 0 && this.reserved + bytes <= this.limit)) {
      this.take(bytes);
      grant();
      return () => {};
    }
    this.queue.push(entry);
    return () => {
      const index = this.queue.indexOf(entry);
      if (index >= 0) this.queue.splice(index, 1);
      this.drain();
    };
  }

  /** Gives back a reservation, and grants what now fits. */
  release(bytes: number): void {
    this.reserved -= bytes;
    this.drain();
  }

  stats(): { reserved: number; peak: number; waiting: number } {
    return { reserved: this.reserved, peak: this.peak, waiting: this.queue.length };
  }

  private take(bytes: number): void {
    this.reserved += bytes;
    this.peak = Math.max(this.peak, this.reserved);
  }

  private drain(): void {
    // In order: a large body first in line is not starved by small ones behind it.
    for (let next = this.queue[0]; next && this.reserved + next.bytes <= this.limit; next = this.queue[0]) {
      this.queue.shift();
      this.take(next.bytes);
      next.grant();
    }
  }
}

/**
 * How many bytes a request's body may take: its declared length, MAX_BODY when it is chunked,
 * 0 without a body; `oversized` when it declares more than MAX_BODY (read and dropped, not kept).
 */
function bodySize(req: http.IncomingMessage): number | "oversized" {
  const declared = req.headers["content-length"];
  if (declared !== undefined) {
    const length = Number(declared);
    if (!Number.isSafeInteger(length) || length < 0) return MAX_BODY;
    return length > MAX_BODY ? "oversized" : length;
  }
  return req.headers["transfer-encoding"] ? MAX_BODY : 0;
}

/**
 * Serves `handle` over HTTP on host:port (port 0: any free port). `handle` must never reject (the
 * emulator answers every failure itself); `oversized` answers a body over MAX_BODY (given the
 * request without its body).
 */
export function listen(
  handle: (request: EmulatorRequest) => Promise<EmulatorResponse>,
  oversized: (request: EmulatorRequest) => EmulatorResponse,
  host: string,
  port: number,
  options: ServerOptions = {},
): Promise<ListeningServer> {
  const { adminToken, ...limits } = options;
  let guard: AdminGuard;
  try {
    guard = new AdminGuard(host, adminToken);
  } catch (error) {
    return Promise.reject(error);
  }
  let listeningPort = port;
  const settings = { ...DEFAULT_LIMITS, ...limits };
  const budget = new BodyBudget(Math.max(settings.maxBufferedBytes, MAX_BODY));
  const sockets = new Set<Socket>();
  const server = http.createServer(
    {
      headersTimeout: settings.headersTimeoutMs,
      requestTimeout: settings.requestTimeoutMs,
      keepAliveTimeout: settings.keepAliveTimeoutMs,
      // How often Node looks for requests past those timeouts.
      connectionsCheckingInterval: Math.min(1_000, settings.headersTimeoutMs),
    },
    (req, res) => {
      const url = req.url ?? "/";
      const { path } = splitUrl(url);
      if (isGuardedPath(path)) {
        const refusal = guard.check(
          { method: (req.method ?? "GET").toUpperCase(), url, headers: headersOf(req), body: Buffer.alloc(0) },
          listeningPort,
        );
        if (refusal) {
          // Refused before the body is read: nothing of it is buffered, and the connection closes.
          const text = JSON.stringify({ code: refusal.code, message: refusal.message });
          res.writeHead(refusal.status, {
            "content-type": "application/json;charset=utf-8",
            "content-length": Buffer.byteLength(text),
            connection: "close",
          });
          res.end(text);
          req.resume();
          return;
        }
      }
      const size = bodySize(req);
      const reservation = size === "oversized" ? 0 : size;
      let granted = false;
      const read = (): void => {
        granted = true;
        // The body is copied into one buffer of its declared size; past MAX_BODY, bytes are counted
        // and dropped.
        let body = size === "oversized" || size === 0 ? Buffer.alloc(0) : Buffer.allocUnsafe(size);
        let received = 0;
        req.on("data", (chunk: Buffer) => {
          const end = received + chunk.length;
          if (end <= body.length) chunk.copy(body, received);
          else if (end <= MAX_BODY && size !== "oversized") {
            // More than declared (chunked, or a wrong length): grow within MAX_BODY.
            const grown = Buffer.allocUnsafe(Math.min(MAX_BODY, Math.max(end, body.length * 2)));
            body.copy(grown, 0, 0, received);
            chunk.copy(grown, received);
            body = grown;
          }
          received = end;
        });
        req.on("end", () => {
          const tooLarge = size === "oversized" || received > MAX_BODY;
          const request: EmulatorRequest = {
            method: (req.method ?? "GET").toUpperCase(),
            url: req.url ?? "/",
            headers: headersOf(req),
            body: tooLarge ? Buffer.alloc(0) : body.subarray(0, received),
          };
          const write = (response: EmulatorResponse): void => {
            if (response.drop) {
              // No answer at all: the client sees the connection reset, as when a proxy dies.
              req.socket.destroy();
              return;
            }
            res.writeHead(response.status, {
              ...response.headers,
              "content-length": Buffer.byteLength(response.body),
            });
            res.end(response.body);
          };
          if (tooLarge) write(oversized(request));
          else void handle(request).then(write);
        });
      };
      // The reservation lasts until the answer is out (or the connection is gone): the body is
      // held until then.
      const cancel = budget.acquire(reservation, read);
      res.on("close", () => {
        if (granted) budget.release(reservation);
        else cancel();
      });
    },
  );
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const address = server.address();
      const actualPort = typeof address === "object" && address ? address.port : port;
      listeningPort = actualPort;
      const urlHost = host.includes(":") ? `[${host}]` : host;
      resolve({
        url: `http://${urlHost}:${actualPort}`,
        host,
        port: actualPort,
        bodyBudget: () => budget.stats(),
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            for (const socket of sockets) socket.destroy();
            server.closeAllConnections();
          }),
      });
    });
  });
}
