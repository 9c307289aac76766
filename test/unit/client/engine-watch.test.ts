// The provider process's watch on its engine: once the engine's port refuses connections, the
// process stops (here: the callback runs) and makes no further change.
import net from "node:net";
import { describe, expect, it } from "vitest";
import { engineAddress, watchEngine } from "../../../provider/client/engine-watch";

describe("engine watch", () => {
  it("GIVEN Pulumi's dynamic provider command line WHEN parsed THEN the engine address is found; other processes have none", () => {
    const node = "/usr/bin/node";
    const script = "/x/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js";
    expect(engineAddress([node, script, "127.0.0.1:41234"])).toEqual({ host: "127.0.0.1", port: 41234 });
    expect(engineAddress([node, script, "[::1]:41234"])).toEqual({ host: "::1", port: 41234 });
    expect(engineAddress([node, "/x/vitest.mjs", "127.0.0.1:41234"])).toBeUndefined();
    expect(engineAddress([node, script])).toBeUndefined();
  });

  it("GIVEN a live engine WHEN it goes away THEN the watch notices within a few seconds, and not before", async () => {
    const server = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as net.AddressInfo;
    let goneAt: number | undefined;
    // The port alone (this test's stdin is not the engine's pipe).
    const stop = watchEngine(
      { host: "127.0.0.1", port },
      () => {
        goneAt = Date.now();
      },
      false,
    );
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(goneAt).toBeUndefined();
    const closedAt = Date.now();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    for (let i = 0; i < 50 && goneAt === undefined; i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    stop?.();
    expect(goneAt).toBeDefined();
    expect((goneAt ?? 0) - closedAt).toBeLessThan(4000);
  });
});

describe("engine watch in a process", () => {
  it("GIVEN a provider process WHEN the pipe the CLI holds on its stdin closes THEN it exits at once", async () => {
    const { spawn } = await import("node:child_process");
    const path = await import("node:path");
    const module = path.resolve(__dirname, "..", "..", "..", "dist", "provider", "client", "engine-watch.js");
    // A port that answers, so only stdin can say the engine is gone.
    const server = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as net.AddressInfo;
    const child = spawn(
      process.execPath,
      [
        "-e",
        `require(${JSON.stringify(module)}).watchEngine({ host: "127.0.0.1", port: ${port} }); setInterval(() => {}, 1000);`,
      ],
      { stdio: ["pipe", "ignore", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += String(chunk);
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const closedAt = Date.now();
    child.stdin.end();
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    server.close();
    expect(code).toBe(1);
    expect(Date.now() - closedAt).toBeLessThan(900);
    expect(stderr).toContain("engine that started this provider is gone");
  });
});
