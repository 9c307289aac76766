// listen(): the only part that knows sockets. It turns HTTP requests into EmulatorRequests, writes
// EmulatorResponses back, destroys the socket when a response asks for a drop, and closes every
// open connection on stop. What to answer (also to an oversized body) is decided by the caller.
import http from "node:http";
import type { Socket } from "node:net";
import type { EmulatorRequest, EmulatorResponse } from "./http-types.js";

/** A server listening on a port. */
export interface ListeningServer {
  /** `http://<host>:<port>` */
  readonly url: string;
  /** Host it listens on. */
  readonly host: string;
  /** Port it listens on. */
  readonly port: number;
  /** Stops accepting, destroys every open connection, resolves when closed. */
  close(): Promise<void>;
}

/** Largest request body accepted (4 MiB); a larger one is answered by `oversized`. */
export const MAX_BODY = 4 * 1024 * 1024;

function headersOf(message: http.IncomingMessage): { [name: string]: string | undefined } {
  const out: { [name: string]: string | undefined } = {};
  for (const [name, value] of Object.entries(message.headers))
    out[name] = Array.isArray(value) ? value.join(", ") : value;
  return out;
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
): Promise<ListeningServer> {
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on("end", () => {
      const request: EmulatorRequest = {
        method: (req.method ?? "GET").toUpperCase(),
        url: req.url ?? "/",
        headers: headersOf(req),
        body: size > MAX_BODY ? Buffer.alloc(0) : chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks),
      };
      const write = (response: EmulatorResponse): void => {
        if (response.drop) {
          // No answer at all: the client sees the connection reset, as when a proxy dies.
          req.socket.destroy();
          return;
        }
        res.writeHead(response.status, { ...response.headers, "content-length": Buffer.byteLength(response.body) });
        res.end(response.body);
      };
      if (size > MAX_BODY) write(oversized(request));
      else void handle(request).then(write);
    });
  });
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
      const urlHost = host.includes(":") ? `[${host}]` : host;
      resolve({
        url: `http://${urlHost}:${actualPort}`,
        host,
        port: actualPort,
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
