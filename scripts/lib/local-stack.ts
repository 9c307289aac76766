// A Pulumi stack driven through the Automation API and the real Pulumi CLI, with everything it
// writes (file backend, PULUMI_HOME, workspace) under one directory. Used by the end-to-end
// tests, the demo and the benchmark.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import * as auto from "@pulumi/pulumi/automation";

/** The repository's root: the nearest folder up from `from` whose package.json is this package's. */
export function repoRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, "utf8")).name === "pulumi-alicloud-dynamic") {
      return dir;
    }
    if (path.dirname(dir) === dir) throw new Error(`No pulumi-alicloud-dynamic package.json above ${from}`);
  }
}

/** One resource of an exported stack, as the engine stored it. */
export interface StateResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

/** What to create. */
export interface LocalStackOptions {
  /** The directory that holds the backend, PULUMI_HOME and the workspace; created when missing. */
  root: string;
  /** The inline Pulumi program. */
  program: auto.PulumiFn;
  /** The project name (also the namespace of the program's own config). */
  projectName: string;
  /** The stack name. */
  stackName: string;
  /** Stack configuration, set before the first operation. */
  config?: Record<string, auto.ConfigValue>;
  /** Extra environment for the Pulumi CLI and the provider processes it starts. */
  env?: Record<string, string>;
}

/** A stack on a local file backend. */
export interface LocalStack {
  /** The Automation API stack. */
  stack: auto.Stack;
  /** The workspace directory (Pulumi.yaml, stack config), where provider processes start. */
  workDir: string;
  /** The environment the CLI runs with: backend, passphrase, PULUMI_HOME and the extras. */
  envVars: Record<string, string>;
  /** The text of `pulumi stack export` as the CLI prints it (secrets encrypted). */
  exportText(): string;
  /** Every file of the backend and the workspace's YAML files, concatenated. */
  filesText(): string;
  /** The resources in the stack's current state. */
  resources(): Promise<StateResource[]>;
}

/** Creates (or selects) a stack whose inline program runs in this process. */
export async function createLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const backend = path.join(options.root, "backend");
  const home = path.join(options.root, "pulumi-home");
  const workDir = path.join(options.root, "workspace");
  for (const dir of [backend, home, workDir]) fs.mkdirSync(dir, { recursive: true });
  // The dynamic provider process starts in the workspace and loads the package by name from there.
  const modules = path.join(workDir, "node_modules");
  if (!fs.existsSync(modules)) fs.symlinkSync(path.join(repoRoot(), "node_modules"), modules, "junction");

  const envVars: Record<string, string> = {
    PULUMI_BACKEND_URL: `file://${backend}`,
    PULUMI_CONFIG_PASSPHRASE: "local-stack-passphrase",
    PULUMI_HOME: home,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    // No instance metadata service here: the default credential chain must not wait for one.
    ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
    ...options.env,
  };
  const stack = await auto.LocalWorkspace.createOrSelectStack(
    { stackName: options.stackName, projectName: options.projectName, program: options.program },
    { workDir, envVars },
  );
  if (options.config) await stack.setAllConfig(options.config);

  return {
    stack,
    workDir,
    envVars,
    exportText() {
      // The Automation API's exportStack shows secrets in clear; the CLI's own export does not.
      return execFileSync("pulumi", ["stack", "export", "--stack", stack.name], {
        cwd: workDir,
        env: { ...process.env, ...envVars },
        encoding: "utf8",
        maxBuffer: 256 * 1024 * 1024,
      });
    },
    filesText() {
      const texts: string[] = [];
      const walk = (dir: string) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
          const full = path.join(dir, entry.name);
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
      return (state.deployment as { resources?: StateResource[] }).resources ?? [];
    },
  };
}
