// Connections for pop-core. Its HTTP library (httpx) uses the "connect timeout" as an idle timeout
// over the whole request, so a slow answer would look like a failed connection. We give each
// endpoint a keep-alive agent that times out the connection itself, and let httpx's timeouts
// cover the wait for the answer.
import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import type { Socket } from "node:net";
import { CONNECT_TIMEOUT_CODE } from "./errors.js";

const agents = new Map<string, HttpAgent>();

type CreateConnection = (options: object, callback?: (error: Error | null, socket: Socket) => void) => Socket;

/** A keep-alive agent for `endpoint` whose new connections fail with ECONNECTTIMEOUT after `connectTimeoutMs`. */
export function connectionAgent(endpoint: string, connectTimeoutMs: number): HttpAgent {
  const secure = endpoint.startsWith("https://");
  const key = `${new URL(endpoint).origin}|${connectTimeoutMs}`;
  let agent = agents.get(key);
  if (agent) return agent;
  agent = secure
    ? new HttpsAgent({ keepAlive: true, keepAliveMsecs: 3000 })
    : new HttpAgent({ keepAlive: true, keepAliveMsecs: 3000 });
  const holder = agent as unknown as { createConnection: CreateConnection };
  const open = holder.createConnection.bind(agent);
  holder.createConnection = (options, callback) => {
    const socket = open(options, callback);
    const timer = setTimeout(() => {
      socket.destroy(
        Object.assign(new Error(`connecting took longer than ${connectTimeoutMs} ms`), { code: CONNECT_TIMEOUT_CODE }),
      );
    }, connectTimeoutMs);
    socket.once(secure ? "secureConnect" : "connect", () => clearTimeout(timer));
    socket.once("close", () => clearTimeout(timer));
    return socket;
  };
  agents.set(key, agent);
  return agent;
}
