// The peak memory of processes this one started, directly or not (the Pulumi CLI's dynamic
// provider process, for the benchmark), sampled while an operation runs. On Linux each sample
// walks /proc from this process down and reads the matching processes' VmHWM, the kernel's own
// high-water mark of their resident memory, so a peak between two samples is not missed; only
// growth in the last interval before a process exits is. Elsewhere `ps` gives the resident size
// at each sample, and the peak is the largest seen.
import { execFile } from "node:child_process";
import fs from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";

/** The peak of the processes that matched while an operation ran. */
export interface PeakMemory {
  /** The largest peak resident memory of any one matching process, in bytes; undefined if none was seen. */
  bytes: number | undefined;
  /** How many distinct matching processes were seen. */
  processes: number;
  /** "VmHWM" (the kernel's high-water mark) or "ps RSS" (sampled resident size). */
  method: "VmHWM" | "ps RSS";
}

/** Which processes count, by their argument vector (argv[0] is the executable). */
export type ProcessMatcher = (argv: readonly string[]) => boolean;

const HAS_PROC = fs.existsSync(`/proc/${process.pid}/status`);
const HAS_CHILDREN = fs.existsSync(`/proc/${process.pid}/task/${process.pid}/children`);

function readOr(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    // The process exited between listing and reading it.
    return undefined;
  }
}

/** Every process below `root`, from each thread's `children` list, or by scanning /proc for parents. */
function descendantsOf(root: number): number[] {
  const children = new Map<number, number[]>();
  if (!HAS_CHILDREN) {
    for (const entry of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      // /proc/<pid>/stat: "pid (comm) state ppid ...", comm may hold spaces and parentheses.
      const stat = readOr(`/proc/${entry}/stat`);
      const ppid = Number(stat?.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid) children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    }
  }
  const below = (pid: number): number[] => {
    if (!HAS_CHILDREN) return children.get(pid) ?? [];
    let tasks: string[] = [];
    try {
      tasks = fs.readdirSync(`/proc/${pid}/task`);
    } catch {
      return [];
    }
    return tasks.flatMap((tid) =>
      (readOr(`/proc/${pid}/task/${tid}/children`) ?? "")
        .split(" ")
        .filter((id) => id.trim() !== "")
        .map(Number),
    );
  };
  const found: number[] = [];
  const queue = below(root);
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    found.push(pid);
    queue.push(...below(pid));
  }
  return found;
}

/** One sample from /proc: each matching descendant's VmHWM in bytes. */
function sampleProc(matches: ProcessMatcher): Map<number, number> {
  const peaks = new Map<number, number>();
  for (const pid of descendantsOf(process.pid)) {
    const argv = (readOr(`/proc/${pid}/cmdline`) ?? "").split("\0").filter((arg) => arg !== "");
    if (argv.length === 0 || !matches(argv)) continue;
    const kb = /^VmHWM:\s+(\d+) kB$/m.exec(readOr(`/proc/${pid}/status`) ?? "")?.[1];
    if (kb) peaks.set(pid, Number(kb) * 1024);
  }
  return peaks;
}

/** One sample from `ps`: each matching descendant's resident size in bytes. */
async function samplePs(matches: ProcessMatcher): Promise<Map<number, number>> {
  const { stdout } = await promisify(execFile)("ps", ["-A", "-o", "pid=,ppid=,rss=,command="]);
  const rows = stdout
    .split("\n")
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((row): row is RegExpExecArray => row !== null)
    .map((row) => ({ pid: Number(row[1]), ppid: Number(row[2]), rss: Number(row[3]) * 1024, command: row[4] ?? "" }));
  const mine = new Set([process.pid]);
  // ps lists parents before children only by accident: repeat until nothing new joins.
  for (let grew = true; grew; ) {
    grew = false;
    for (const row of rows) {
      if (!mine.has(row.pid) && mine.has(row.ppid)) {
        mine.add(row.pid);
        grew = true;
      }
    }
  }
  const peaks = new Map<number, number>();
  for (const row of rows) {
    // ps joins the arguments with spaces: split them back (paths with spaces are not expected here).
    if (row.pid !== process.pid && mine.has(row.pid) && matches(row.command.split(" "))) peaks.set(row.pid, row.rss);
  }
  return peaks;
}

/**
 * Runs `operation` while sampling, every `intervalMs`, the memory of this process's descendants
 * that `matches` accepts; returns its result and their peak.
 */
export async function withPeakMemory<T>(
  matches: ProcessMatcher,
  operation: () => Promise<T>,
  intervalMs = 100,
): Promise<{ result: T; memory: PeakMemory }> {
  const peaks = new Map<number, number>();
  const record = (sample: Map<number, number>) => {
    for (const [pid, bytes] of sample) peaks.set(pid, Math.max(bytes, peaks.get(pid) ?? 0));
  };
  let running = true;
  const sampling = (async () => {
    while (running) {
      record(HAS_PROC ? sampleProc(matches) : await samplePs(matches).catch(() => new Map<number, number>()));
      await sleep(intervalMs);
    }
  })();
  try {
    const result = await operation();
    return {
      result,
      memory: {
        bytes: peaks.size > 0 ? Math.max(...peaks.values()) : undefined,
        processes: peaks.size,
        method: HAS_PROC ? "VmHWM" : "ps RSS",
      },
    };
  } finally {
    running = false;
    await sampling;
  }
}

/** The Pulumi dynamic provider process: `node <...>/@pulumi/pulumi/cmd/dynamic-provider/index.js ...`. */
export const isDynamicProviderProcess: ProcessMatcher = (argv) =>
  argv.some((arg) => /[\\/]cmd[\\/]dynamic-provider(?:[\\/]index\.js)?$/.test(arg));
