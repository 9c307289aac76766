// Runs the emulator as a separate process (as `npm run emulator` does), for the demo and the
// benchmarks: one Node process, one core, its output in a log file. No pipes: a kept (detached)
// emulator must outlive this process without writing into a closed pipe.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/** A running emulator process. */
export interface EmulatorProcess {
  /** Its base URL, `http://127.0.0.1:<port>`. */
  url: string;
  /** Its process id. */
  pid: number;
  /** Stops it (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
  /** Lets this process exit while the emulator keeps running. */
  detach(): void;
}

const CLI = path.join(__dirname, "..", "..", "emulator", "cli.js");

/** Starts `dist/emulator/cli.js` with `args`, its output going to `logFile`; resolves once it listens. */
export async function startEmulatorProcess(
  args: string[],
  logFile: string,
  detached = false,
): Promise<EmulatorProcess> {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const start = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
  const log = fs.openSync(logFile, "a");
  const child = spawn(process.execPath, [CLI, "--port", "0", ...args], { stdio: ["ignore", log, log], detached });
  fs.closeSync(log);
  const exited = new Promise<void>((done) => child.once("exit", () => done()));

  // Its first line says where it listens.
  const deadline = Date.now() + 30_000;
  for (;;) {
    const text = fs.readFileSync(logFile, "utf8").slice(start);
    const url = /emulator listening on (http:\/\/\S+)/.exec(text)?.[1];
    if (url) {
      return {
        url,
        pid: child.pid ?? 0,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
          await exited;
        },
        detach() {
          child.unref();
        },
      };
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`The emulator did not start (exit code ${child.exitCode}); see ${logFile}`);
    }
    await sleep(50);
  }
}
