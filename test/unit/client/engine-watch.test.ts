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
    const stop = watchEngine({ host: "127.0.0.1", port }, () => {
      goneAt = Date.now();
    });
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
