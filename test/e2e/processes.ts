// The processes behind a `pulumi` command, for tests that cut a run off: a command started as a
// child so that it can be killed, the dynamic provider processes it started, found through /proc,
// and the repair a kill can make necessary in a file backend.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { TestCli } from "./cli";

/** One process as /proc shows it. */
interface Proc {
  ppid: number;
  state: string;
  argv: string[];
}

function proc(pid: number): Proc | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // "<pid> (<comm>) <state> <ppid> ...": the command name may hold spaces and parentheses.
    const [state = "", ppid = "0"] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
    return { ppid: Number(ppid), state, argv };
  } catch {
    return undefined;
  }
}

/** Whether a process still runs (a zombie has exited). */
export function running(pid: number): boolean {
  const p = proc(pid);
  return p !== undefined && p.state !== "Z";
}

/**
 * The dynamic provider processes below a CLI: `node .../cmd/dynamic-provider/index.js <engine
 * address>` (Pulumi's launcher, a shell, sits between the CLI and each).
 */
export function providerProcesses(cliPid: number): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const p = proc(pid);
    if (!p || !/cmd[\\/]dynamic-provider[\\/]index\.js$/.test(p.argv[1] ?? "")) continue;
    for (let up = p.ppid, depth = 0; up > 1 && depth < 4; up = proc(up)?.ppid ?? 0, depth += 1) {
      if (up === cliPid) {
        found.push(pid);
        break;
      }
    }
  }
  return found;
}

/** A CLI command started as a child of this process, so that it can be killed. */
export interface Started {
  child: ChildProcess;
  done: Promise<{ code: number | null; output: string }>;
}

/** Starts `pulumi <args> --non-interactive` in the CLI's folder and environment. */
export function startCommand(cli: TestCli, args: string[], env: Record<string, string> = {}): Started {
  const child = spawn("pulumi", [...args, "--non-interactive"], {
    cwd: cli.cwd,
    env: { ...cli.env, ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const chunks: string[] = [];
  child.stdout?.on("data", (chunk: Buffer) => chunks.push(chunk.toString("utf8")));
  child.stderr?.on("data", (chunk: Buffer) => chunks.push(chunk.toString("utf8")));
  child.stdin?.end();
  const done = new Promise<{ code: number | null; output: string }>((resolve) =>
    child.once("close", (code) => resolve({ code, output: chunks.join("") })),
  );
  return { child, done };
}

/** Polls `value` until `until` holds; fails after `timeoutMs`. */
export async function poll<T>(
  what: string,
  value: () => Promise<T> | T,
  until: (v: T) => boolean,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await value();
    if (until(v)) return v;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what} (last: ${JSON.stringify(v)})`);
    await sleep(10);
  }
}

/**
 * A CLI killed while the file backend writes a checkpoint can leave the checkpoint's `.attrs`
 * sidecar empty (gocloud's fileblob truncates it, then writes it, outside the atomic rename of
 * the checkpoint itself): then every command fails with "failed to load checkpoint: EOF" until
 * that empty file is removed. Does so, after checking that symptom; returns whether it was needed.
 */
export async function removeEmptyCheckpointAttrs(cli: TestCli, project: string, stack = "dev"): Promise<boolean> {
  const backend = (cli.env.PULUMI_BACKEND_URL as string).replace(/^file:\/\//, "");
  const attrs = path.join(backend, ".pulumi", "stacks", project, `${stack}.json.attrs`);
  if (!fs.existsSync(attrs) || fs.statSync(attrs).size > 0) return false;
  const broken = await cli.attempt(["stack", "export"]);
  if (!broken.stderr.includes("failed to load checkpoint: EOF")) {
    throw new Error(`an empty ${attrs} without the symptom it causes:\n${broken.stdout}${broken.stderr}`);
  }
  fs.rmSync(attrs);
  return true;
}
