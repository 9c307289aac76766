// The end-to-end harness: a Pulumi stack driven through the Automation API and the real Pulumi CLI,
// on a local file backend inside a temporary directory that is removed afterwards.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as auto from "@pulumi/pulumi/automation";

const REPO_ROOT = path.resolve(__dirname, "..", "..");

/** One resource of an exported stack, as the engine stored it. */
export interface StateResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

/** A stack in its own temporary backend; `dispose()` removes the stack and every file it wrote. */
export interface TestStack {
  stack: auto.Stack;
  /** The temporary directory holding the backend, PULUMI_HOME and the workspace. */
  dir: string;
  /** The resources in the stack's current state (from `pulumi stack export`). */
  resources(): Promise<StateResource[]>;
  /** The text of `pulumi stack export` as the CLI prints it (secrets encrypted), for secret-leak checks. */
  exportText(): string;
  /** Every file the stack's backend and workspace hold on disk, concatenated (state, history, config). */
  filesText(): string;
  dispose(): Promise<void>;
}

export interface TestStackOptions {
  /** The inline Pulumi program. */
  program: auto.PulumiFn;
  /** Project name; defaults to "e2e". */
  projectName?: string;
  /** Stack configuration, set before the first operation. */
  config?: Record<string, auto.ConfigValue>;
  /** Extra environment for the Pulumi CLI and the provider processes it starts. */
  env?: Record<string, string>;
}

/** Creates a stack whose inline program runs in this process against a private file backend. */
export async function createTestStack(options: TestStackOptions): Promise<TestStack> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pad-e2e-"));
  const backend = path.join(dir, "backend");
  const home = path.join(dir, "pulumi-home");
  const workDir = path.join(dir, "work");
  for (const d of [backend, home, workDir]) fs.mkdirSync(d);
  // The dynamic provider process starts in the workspace directory and loads the package by name.
  fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(workDir, "node_modules"), "junction");

  const envVars: Record<string, string> = {
    PULUMI_BACKEND_URL: `file://${backend}`,
    PULUMI_CONFIG_PASSPHRASE: "e2e-test-passphrase",
    PULUMI_HOME: home,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    ...options.env,
  };
  const stack = await auto.LocalWorkspace.createOrSelectStack(
    { stackName: "test", projectName: options.projectName ?? "e2e", program: options.program },
    { workDir, envVars },
  );
  if (options.config) await stack.setAllConfig(options.config);

  return {
    stack,
    dir,
    exportText() {
      // The Automation API's exportStack shows secrets in clear; the CLI's own export does not.
      return execFileSync("pulumi", ["stack", "export", "--stack", stack.name], {
        cwd: workDir,
        env: { ...process.env, ...envVars },
        encoding: "utf8",
      });
    },
    filesText() {
      const texts: string[] = [];
      const walk = (d: string) => {
        for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
          const full = path.join(d, entry.name);
          if (entry.isDirectory()) walk(full);
          else if (entry.isFile()) texts.push(fs.readFileSync(full, "utf8"));
        }
      };
      walk(backend);
      for (const entry of fs.readdirSync(workDir)) {
        if (entry.endsWith(".yaml")) texts.push(fs.readFileSync(path.join(workDir, entry), "utf8"));
      }
      return texts.join("\n");
    },
    async resources() {
      const state = await stack.exportStack();
      const deployment = state.deployment as { resources?: StateResource[] };
      return deployment.resources ?? [];
    },
    async dispose() {
      try {
        await stack.workspace.removeStack(stack.name, { force: true });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
