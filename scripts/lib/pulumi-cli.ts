// The Pulumi CLI as a user types it: `pulumi <command>` in a program folder, as a child process,
// with what it prints captured (and optionally passed on as it comes). Used by the demo and the
// end-to-end tests that run programs through the CLI instead of the Automation API.
import { spawn } from "node:child_process";

/** How one command ended. */
export interface CliResult {
  /** The exit code (a signal counts as 1). */
  code: number;
  stdout: string;
  stderr: string;
}

/** A command that is still running. */
export interface RunningCli {
  /** Resolves once it exits, whatever its exit code. */
  done: Promise<CliResult>;
  /** Everything it printed so far, stdout and stderr interleaved. */
  output(): string;
  /** Interrupts it (SIGINT, as Ctrl-C would). */
  interrupt(): void;
}

/** Options of one command. */
export interface CliRunOptions {
  /** Extra environment for this command only. */
  env?: Record<string, string>;
  /** Written to its standard input (e.g. a secret value for `pulumi config set --secret`). */
  input?: string;
  /** Receives its output as it comes. */
  onOutput?: (chunk: string) => void;
}

/** A command that exited with a non-zero code. */
export class CliError extends Error {
  readonly result: CliResult;

  constructor(args: readonly string[], result: CliResult) {
    super(`${describeCommand(args)} exited with ${result.code}:\n${result.stdout}\n${result.stderr}`.trimEnd());
    this.name = "CliError";
    this.result = result;
  }
}

/** The command line as a user would type it: `pulumi up --yes`, arguments quoted where needed. */
export function describeCommand(args: readonly string[]): string {
  const quote = (arg: string) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);
  return ["pulumi", ...args].map(quote).join(" ");
}

/** The Pulumi CLI in one program folder, with one environment (backend, passphrase, PULUMI_HOME, ...). */
export class PulumiCli {
  /**
   * @param cwd the program folder (where Pulumi.yaml is).
   * @param env the whole environment of every command; `pulumi` is looked up on its PATH.
   * @param extraArgs appended to every command (the tests add `--non-interactive`).
   */
  constructor(
    readonly cwd: string,
    readonly env: NodeJS.ProcessEnv,
    readonly extraArgs: readonly string[] = [],
  ) {}

  /** Starts `pulumi <args>`. */
  start(args: readonly string[], options: CliRunOptions = {}): RunningCli {
    const child = spawn("pulumi", [...args, ...this.extraArgs], {
      cwd: this.cwd,
      env: { ...this.env, ...options.env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    const stdout: string[] = [];
    const stderr: string[] = [];
    const all: string[] = [];
    const collect = (into: string[]) => (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      into.push(text);
      all.push(text);
      options.onOutput?.(text);
    };
    child.stdout.on("data", collect(stdout));
    child.stderr.on("data", collect(stderr));
    child.stdin.end(options.input ?? "");
    const done = new Promise<CliResult>((resolve, reject) => {
      child.once("error", reject);
      child.once("close", (code) => resolve({ code: code ?? 1, stdout: stdout.join(""), stderr: stderr.join("") }));
    });
    return {
      done,
      output: () => all.join(""),
      interrupt: () => {
        if (child.exitCode === null) child.kill("SIGINT");
      },
    };
  }

  /** Runs `pulumi <args>` to completion, whatever its exit code. */
  run(args: readonly string[], options: CliRunOptions = {}): Promise<CliResult> {
    return this.start(args, options).done;
  }

  /** Runs `pulumi <args>`, which must succeed; returns its standard output. */
  async ok(args: readonly string[], options: CliRunOptions = {}): Promise<string> {
    const result = await this.run(args, options);
    if (result.code !== 0) throw new CliError(args, result);
    return result.stdout;
  }
}

const OPERATIONS: Record<string, string> = {
  created: "create",
  "to create": "create",
  updated: "update",
  "to update": "update",
  deleted: "delete",
  "to delete": "delete",
  replaced: "replace",
  "to replace": "replace",
  "created replacement": "create-replacement",
  "deleted original": "delete-replaced",
  unchanged: "same",
  imported: "import",
  "to import": "import",
  read: "read",
  "to read": "read",
};

/**
 * The `Resources:` summary the CLI prints at the end of preview, up, refresh and destroy, as
 * `{ create: 4, same: 1 }` (the operation names of the Automation API's change summaries; the
 * stack itself counts, as there).
 */
export function resourceSummary(output: string): Record<string, number> {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: colour codes, should any be printed
  const text = output.replace(/\u001b\[[0-9;]*m/g, "");
  const at = text.lastIndexOf("\nResources:");
  if (at < 0) throw new Error(`No "Resources:" summary in the CLI's output:\n${output}`);
  const summary: Record<string, number> = {};
  for (const line of text
    .slice(at + "\nResources:".length)
    .split("\n")
    .slice(1)) {
    if (!line.trim()) break;
    // With changes, the unchanged ones are counted after them: "2 changes. 2 unchanged".
    const unchanged = /^\s+\d+ changes?\. (\d+) unchanged\s*$/.exec(line);
    if (unchanged) {
      summary.same = (summary.same ?? 0) + Number(unchanged[1]);
      continue;
    }
    const match = /^\s+(?:[+~\-±]+|\+-)?\s*(\d+) ([a-z ]+?)\s*$/.exec(line);
    if (!match) continue;
    const operation = OPERATIONS[match[2] as string];
    if (!operation) throw new Error(`Unknown line in the CLI's summary: "${line.trim()}"`);
    summary[operation] = (summary[operation] ?? 0) + Number(match[1]);
  }
  return summary;
}

/** The summary as one phrase: `4 create, 1 same`, or `no changes`. */
export function describeSummary(summary: Record<string, number>): string {
  const parts = Object.entries(summary).map(([operation, n]) => `${n} ${operation}`);
  return parts.length ? parts.join(", ") : "no changes";
}
