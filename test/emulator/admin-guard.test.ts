// GIVEN the emulator listening on a socket WHEN a web page, a slow client or a greedy one reaches
// it THEN the admin surface refuses what a browser could send on its own (text/plain POSTs, a
// foreign Host), asks for its token when it has one, closes slow and idle connections, bounds the
// bodies it buffers at once, and leaves no temporary state file behind.
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { AdminGuard, hostName, isLoopback } from "../../emulator/admin/guard.js";
import { rejectOversized } from "../../emulator/core/pipeline.js";
import {
  DEFAULT_LIMITS,
  type ListeningServer,
  listen,
  MAX_BODY,
  type ServerOptions,
} from "../../emulator/core/server.js";
import { AdminClient, AdminError, createEmulator, type RunningEmulator } from "../../emulator/index.js";
import { removeStaleTempFiles } from "../../emulator/world/persistence.js";
import { start } from "./helpers.js";

/** One raw HTTP exchange, with whatever headers the test wants (fetch would fix Host itself). */
function raw(
  url: string,
  method: string,
  pathName: string,
  headers: { [name: string]: string },
  body = "",
): Promise<{ status: number; json: { code?: string; message?: string; accounts?: unknown[] } }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: target.hostname,
        port: target.port,
        method,
        path: pathName,
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
      },
      (response) => {
        let text = "";
        response.on("data", (chunk: Buffer) => {
          text += chunk.toString();
        });
        response.on("end", () => resolve({ status: response.statusCode ?? 0, json: JSON.parse(text || "{}") }));
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

/** An emulator behind `listen()` with the given server options (what Emulator.listen() does, plus options). */
async function serve(options: ServerOptions): Promise<ListeningServer> {
  const emulator = createEmulator();
  return listen((request) => emulator.handle(request), rejectOversized, "127.0.0.1", 0, options);
}

/** Resolves when the socket closes, with the time it took since `since`. */
function closed(socket: net.Socket, since: number): Promise<number> {
  return new Promise((resolve) => socket.once("close", () => resolve(Date.now() - since)));
}

function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => resolve(socket));
    socket.on("error", reject);
  });
}

describe("admin surface over the network", () => {
  let emu: RunningEmulator;
  let host: string;
  beforeAll(async () => {
    emu = await start();
    host = `127.0.0.1:${emu.port}`;
  });
  afterAll(() => emu.stop());

  it("GIVEN a simple cross-origin POST (text/plain, a form, no type) WHEN it asks for a reset THEN 415 and the world is untouched", async () => {
    const body = JSON.stringify({ world: "empty" });
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const answer = await raw(emu.url, "POST", "/__admin/reset", { host, "content-type": type }, body);
      expect([answer.status, answer.json.code]).toEqual([415, "UnsupportedMediaType"]);
    }
    const untyped = await raw(emu.url, "PUT", "/__admin/clock", { host }, JSON.stringify({ offsetMs: 1 }));
    expect([untyped.status, untyped.json.code]).toEqual([415, "UnsupportedMediaType"]);
    expect((await emu.admin.world()).accounts).toHaveLength(3);
    expect((await emu.admin.clock()).offsetMs).toBe(0);
    // JSON (also with a charset) goes through; GET needs no type.
    const json = await raw(emu.url, "POST", "/__admin/counters/reset", {
      host,
      "content-type": "application/json; charset=utf-8",
    });
    expect(json.status).toBe(200);
    expect((await raw(emu.url, "GET", "/__admin/health", { host })).status).toBe(200);
  });

  it("GIVEN a Host that is not the listening address WHEN an admin request arrives THEN 403 Forbidden.Host; loopback names on the right port pass", async () => {
    const json = { "content-type": "application/json" };
    for (const foreign of ["evil.example", `evil.example:${emu.port}`, `127.0.0.1:${emu.port + 1}`, "10.0.0.5"]) {
      const answer = await raw(emu.url, "POST", "/__admin/reset", { ...json, host: foreign }, "{}");
      expect([foreign, answer.status, answer.json.code]).toEqual([foreign, 403, "Forbidden.Host"]);
    }
    for (const local of [`127.0.0.1:${emu.port}`, `localhost:${emu.port}`, `[::1]:${emu.port}`, "localhost"]) {
      const answer = await raw(emu.url, "GET", "/__admin/health", { host: local });
      expect([local, answer.status]).toEqual([local, 200]);
    }
  });

  it("GIVEN host names WHEN parsed THEN ports and brackets are stripped and loopback is recognised", () => {
    expect(["localhost:80", "[::1]:8765", "127.0.0.1", "Example.COM:1"].map(hostName)).toEqual([
      "localhost",
      "::1",
      "127.0.0.1",
      "example.com",
    ]);
    expect(["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost"].every(isLoopback)).toBe(true);
    expect(["0.0.0.0", "::", "10.0.0.1", "example.com"].some(isLoopback)).toBe(false);
  });
});

describe("admin token", () => {
  const servers: ListeningServer[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
  });

  it("GIVEN an admin token WHEN admin requests come without it, with a wrong one or with it THEN 401, 401, and 200 from any Host", async () => {
    const token = "tok-0123456789abcdef";
    const server = await serve({ adminToken: token });
    servers.push(server);
    const host = `127.0.0.1:${server.port}`;
    const none = await raw(server.url, "GET", "/__admin/world", { host });
    expect([none.status, none.json.code]).toEqual([401, "Unauthorized"]);
    expect(none.json.message).not.toContain(token);
    const wrong = await raw(server.url, "GET", "/__admin/world", {
      host,
      authorization: "Bearer tok-0123456789abcdeX",
    });
    expect(wrong.status).toBe(401);
    const right = await raw(server.url, "GET", "/__admin/health", {
      host: "emulator.internal:1234",
      authorization: `Bearer ${token}`,
    });
    expect(right.status).toBe(200);
    await expect(new AdminClient(server.url).world()).rejects.toMatchObject({ status: 401 });
    expect((await new AdminClient(server.url, { token }).health()).ok).toBe(true);
    // The token does not waive the JSON rule.
    const plain = await raw(
      server.url,
      "POST",
      "/__admin/reset",
      { host, authorization: `Bearer ${token}`, "content-type": "text/plain" },
      "{}",
    );
    expect(plain.status).toBe(415);
  });

  it("GIVEN an address beyond loopback WHEN listening without a token THEN it refuses to start, naming --admin-token; with one it serves", async () => {
    const emulator = createEmulator();
    await expect(listen((r) => emulator.handle(r), rejectOversized, "0.0.0.0", 0, {})).rejects.toThrow(
      /admin token \(--admin-token/,
    );
    expect(() => new AdminGuard("127.0.0.1", "short")).toThrow(/at least 8 characters/);
    const server = await listen((r) => emulator.handle(r), rejectOversized, "0.0.0.0", 0, {
      adminToken: "tok-beyond-loopback",
    });
    servers.push(server);
    const client = new AdminClient(`http://127.0.0.1:${server.port}`, { token: "tok-beyond-loopback" });
    expect((await client.health()).accounts).toHaveLength(3);
    await expect(new AdminClient(`http://127.0.0.1:${server.port}`).health()).rejects.toBeInstanceOf(AdminError);
  });
});

describe("slow, idle and greedy clients", () => {
  const servers: ListeningServer[] = [];
  const sockets: net.Socket[] = [];
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy();
    for (const server of servers.splice(0)) await server.close();
  });

  it("GIVEN the default limits WHEN 100 connections send half a request and stop (slowloris) THEN every one is closed within the header timeout", async () => {
    expect(DEFAULT_LIMITS.headersTimeoutMs).toBeLessThanOrEqual(5_000);
    const emu = await start();
    try {
      const begin = Date.now();
      const open = await Promise.all(Array.from({ length: 100 }, () => connect(emu.port)));
      sockets.push(...open);
      const times = open.map((socket) => {
        // Read what the server says (its 408), so that its close reaches this side.
        socket.resume();
        socket.write("GET /__admin/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
        return closed(socket, begin);
      });
      const elapsed = await Promise.all(times);
      expect(Math.max(...elapsed)).toBeLessThan(DEFAULT_LIMITS.headersTimeoutMs + 2_500);
    } finally {
      await emu.stop();
    }
  }, 20_000);

  it("GIVEN a keep-alive connection WHEN it stays idle after an answer THEN the server closes it after the idle timeout", async () => {
    const server = await serve({ keepAliveTimeoutMs: 300, headersTimeoutMs: 2_000 });
    servers.push(server);
    const socket = await connect(server.port);
    sockets.push(socket);
    const answered = new Promise<void>((resolve) => socket.once("data", () => resolve()));
    socket.write(`GET /__admin/health HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: keep-alive\r\n\r\n`);
    await answered;
    const elapsed = await closed(socket, Date.now());
    expect(elapsed).toBeLessThan(2_000);
  });

  it("GIVEN a budget of two bodies WHEN four clients start 4 MiB bodies at once THEN two are buffered, two wait unread, and all four are answered", async () => {
    const server = await serve({ maxBufferedBytes: 2 * MAX_BODY });
    servers.push(server);
    const open = await Promise.all(Array.from({ length: 4 }, () => connect(server.port)));
    sockets.push(...open);
    const answers = open.map(
      (socket) =>
        new Promise<string>((resolve) => {
          let text = "";
          socket.on("data", (chunk: Buffer) => {
            text += chunk.toString();
          });
          socket.on("close", () => resolve(text));
        }),
    );
    for (const socket of open) {
      socket.write(
        `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${MAX_BODY}\r\nConnection: close\r\n\r\nA`,
      );
    }
    await expect
      .poll(() => server.bodyBudget(), { timeout: 5_000 })
      .toMatchObject({ reserved: 2 * MAX_BODY, waiting: 2 });
    const rest = Buffer.alloc(MAX_BODY - 1, "A");
    for (const socket of open) socket.end(rest);
    const texts = await Promise.all(answers);
    for (const text of texts) expect(text).toMatch(/^HTTP\/1\.1 4\d\d /);
    expect(server.bodyBudget()).toEqual({ reserved: 0, peak: 2 * MAX_BODY, waiting: 0 });
  }, 20_000);
});

describe("temporary state files", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "emu-tmp-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** The pid of a process that has exited. */
  function deadPid(): Promise<number> {
    const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
    return new Promise((resolve) => child.once("exit", () => resolve(child.pid ?? 0)));
  }

  it("GIVEN temp files of a killed emulator and of a live one WHEN an emulator starts on the state file THEN the dead one's is removed, the live one's kept, and none is left after changes", async () => {
    const stateFile = path.join(dir, "state.json");
    const dead = path.join(dir, `.state.json.${await deadPid()}.tmp`);
    const alive = path.join(dir, `.state.json.${process.ppid}.tmp`);
    const unrelated = path.join(dir, ".other.json.1.tmp");
    for (const file of [dead, alive, unrelated]) fs.writeFileSync(file, "{}");
    const emu = await start({ stateFile });
    try {
      expect(fs.existsSync(dead)).toBe(false);
      expect(fs.existsSync(alive)).toBe(true);
      expect(fs.existsSync(unrelated)).toBe(true);
      for (let i = 0; i < 20; i++) await emu.admin.setClock({ offsetMs: i * 1000 });
    } finally {
      await emu.stop();
    }
    expect(fs.readdirSync(dir).sort()).toEqual([".other.json.1.tmp", `.state.json.${process.ppid}.tmp`, "state.json"]);
    fs.rmSync(alive);
    expect(removeStaleTempFiles(stateFile)).toEqual([]);
  });
});
