// The provider process outliving its engine: when the `pulumi` CLI is killed, Pulumi's dynamic
// provider process lives on (its launcher is a shell that waits for it) and would go on making
// the changes it was asked for, which nobody will record. Two signs that the engine is gone: the
// pipe the CLI holds on the process's stdin ends (at once), and the engine's gRPC address, the
// process's first argument, refuses connections (within seconds: a fallback). On either, the
// process exits before it starts anything new.
import net from "node:net";

/** How often the engine is looked for. */
const INTERVAL_MS = 1000;

let gone = false;

/** Whether the engine that started this process has gone away. */
export function engineGone(): boolean {
  return gone;
}

/** The engine address this process was started with, when it is Pulumi's dynamic provider. */
export function engineAddress(argv: readonly string[] = process.argv): { host: string; port: number } | undefined {
  if (!/dynamic-provider/.test(argv[1] ?? "")) return undefined;
  const match = /^(?<host>[\w.-]+|\[[0-9a-f:]+\]):(?<port>\d{1,5})$/i.exec(argv[2] ?? "");
  if (!match?.groups) return undefined;
  return { host: (match.groups.host ?? "").replace(/^\[|\]$/g, ""), port: Number(match.groups.port) };
}

/**
 * Watches the engine (when this is a dynamic provider process) and calls `onGone` once it no
 * longer accepts connections; by default the process then exits at once.
 */
export function watchEngine(
  address = engineAddress(),
  onGone: () => void = () => process.exit(1),
  watchStdin = true,
): (() => void) | undefined {
  if (!address) return undefined;
  let refusals = 0;
  const stop = () => {
    if (gone) return;
    gone = true;
    clearInterval(timer);
    // Nobody reads the pipes any more: a write must not fail the exit.
    process.stderr.on("error", () => undefined);
    process.stderr.write("The Pulumi engine that started this provider is gone: stopping, with no further changes.\n");
    onGone();
  };
  if (watchStdin) {
    process.stdin.once("end", stop);
    process.stdin.once("close", stop);
    process.stdin.resume();
    (process.stdin as { unref?: () => void }).unref?.();
  }
  const timer = setInterval(() => {
    const socket = net.connect(address);
    socket.setTimeout(INTERVAL_MS);
    socket.once("connect", () => {
      refusals = 0;
      socket.destroy();
    });
    socket.once("timeout", () => socket.destroy());
    socket.once("error", (error: NodeJS.ErrnoException) => {
      socket.destroy();
      // Refused twice running: the engine's port is closed, not merely busy.
      if (error.code !== "ECONNREFUSED" || ++refusals < 2 || gone) return;
      gone = true;
      clearInterval(timer);
      process.stderr.write(
        "The Pulumi engine that started this provider is gone: stopping, with no further changes.\n",
      );
      onGone();
    });
  }, INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
