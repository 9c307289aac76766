// A user's Pulumi program under test: a stack driven through the Automation API (LocalWorkspace)
// on a private file backend and PULUMI_HOME in a temporary folder (or a kept `rootDir`), with the
// local cloud's environment, so that nothing touches the user's own Pulumi login, state or cloud
// account; and what Pulumi stored, read back for assertions (state resources, export, files).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as auto from "@pulumi/pulumi/automation";
import type { LocalAccount, LocalCloud } from "./local-cloud.js";

/** A stack config value: text, or a secret (stored encrypted with the stack's passphrase). */
export type TestConfigValue = string | { readonly value: string; readonly secret?: boolean };

/** What createTestStack creates: a project folder (Pulumi.yaml) or an inline program. */
export interface TestStackOptions {
  /** The local cloud the program runs against (its `env(account)`). @default none: only `env` */
  readonly cloud?: LocalCloud;
  /**
   * The folder holding the program's Pulumi.yaml (its dependencies installed there). The stack's
   * config file (`Pulumi.<stack>.yaml`) is written there while the stack lives and removed by
   * `dispose()`.
   */
  readonly workDir?: string;
  /** An inline program instead of a folder (it runs in this process). */
  readonly program?: auto.PulumiFn;
  /** The project name of an inline program. @default "test" */
  readonly projectName?: string;
  /** @default a unique name (`test-<random>`), so that parallel tests never share a stack */
  readonly stackName?: string;
  /** The account the program signs as; `null`: its own config or CLI profile. @default DEFAULT_ACCOUNTS.main */
  readonly account?: LocalAccount | null;
  /** Stack configuration (`aws:region`-style keys, or the project's own). */
  readonly config?: { readonly [key: string]: TestConfigValue };
  /** Extra environment for the Pulumi CLI and the provider processes it starts. */
  readonly env?: { readonly [name: string]: string };
  /** Receives everything the Pulumi CLI prints. @default nothing */
  readonly onOutput?: (text: string) => void;
  /**
   * The folder for the backend, PULUMI_HOME and an inline program's workspace (created when
   * missing), kept by `dispose()` with the stack in it: a stack that outlives the process. @default a temporary folder
   */
  readonly rootDir?: string;
  /** The passphrase of the stack's secrets. @default a fixed test passphrase */
  readonly passphrase?: string;
}

/** One resource of the stack's state, as the engine stored it. */
export interface StateResource {
  /** Its URN. */
  readonly urn: string;
  /** Its type token. */
  readonly type: string;
  /** Its ID (custom resources). */
  readonly id?: string;
  /** Its inputs. */
  readonly inputs?: { readonly [name: string]: unknown };
  /** Its outputs. */
  readonly outputs?: { readonly [name: string]: unknown };
}

/** A stack of the program under test. */
export interface TestStack {
  /** The Automation API stack, for anything the methods below do not cover. */
  readonly stack: auto.Stack;
  /** The stack's name. */
  readonly name: string;
  /** The folder holding the backend (`backend/`), PULUMI_HOME (`pulumi-home/`) and an inline program's workspace. */
  readonly rootDir: string;
  /** The folder the CLI runs in: the project folder, or an inline program's workspace. */
  readonly workDir: string;
  /** The environment the Pulumi CLI runs with: backend, passphrase, PULUMI_HOME, the cloud's and `env`. */
  readonly envVars: { readonly [name: string]: string };
  /** `pulumi up`: creates and updates; rejects when the update fails. */
  up(): Promise<auto.UpResult>;
  /** `pulumi preview`: what `up` would do. */
  preview(): Promise<auto.PreviewResult>;
  /** `pulumi refresh`: reads every resource back from the cloud. */
  refresh(): Promise<auto.RefreshResult>;
  /** `pulumi destroy`: deletes every resource of the stack. */
  destroy(): Promise<auto.DestroyResult>;
  /** The stack outputs as plain values (secrets included, in clear). */
  outputs(): Promise<{ [name: string]: unknown }>;
  /** The resources of the stack's current state. */
  resources(): Promise<StateResource[]>;
  /** The text `pulumi stack export` prints (secrets encrypted, as the backend holds them). */
  exportText(): string;
  /** Every file of the backend and the stack's YAML files in `workDir`, concatenated: to check that no secret leaks. */
  filesText(): string;
  /** Removes the stack (not its resources: destroy first) and every temporary file it wrote; with a given `rootDir`, leaves both. */
  dispose(): Promise<void>;
}

/**
 * The environment that keeps the Pulumi CLI to `rootDir`: a file backend in `backend/` and
 * PULUMI_HOME in `pulumi-home/` (both made when missing), the passphrase of its secrets, no update
 * check. For running `pulumi` commands yourself beside {@link createTestStack}.
 */
export function privateBackendEnv(rootDir: string, passphrase?: string): { [name: string]: string } {
  const backend = path.join(rootDir, "backend");
  const home = path.join(rootDir, "pulumi-home");
  for (const dir of [backend, home]) fs.mkdirSync(dir, { recursive: true });
  return {
    PULUMI_BACKEND_URL: `file://${backend}`,
    // The passphrase of this private backend only: it guards nothing beyond the test.
    PULUMI_CONFIG_PASSPHRASE: passphrase ?? "pulumi-alicloud-dynamic-testing",
    PULUMI_HOME: home,
    PULUMI_SKIP_UPDATE_CHECK: "true",
  };
}

/** The node_modules folder @pulumi/pulumi was loaded from (an inline program's provider loads the package there). */
function modulesFolder(): string {
  const entry = require.resolve("@pulumi/pulumi");
  const marker = `${path.sep}node_modules${path.sep}`;
  const at = entry.lastIndexOf(marker);
  if (at < 0) throw new Error(`@pulumi/pulumi was not loaded from a node_modules folder (${entry})`);
  return entry.slice(0, at + marker.length - 1);
}

/**
 * An inline program runs in this process, where @pulumi/pulumi (3.270) never closes its channels
 * to the engine and shares grpc-js's process-wide subchannel pool. After a failed update, the
 * program's late call to the closed monitor leaves a subchannel retrying that port; an engine
 * later given the same port inherits it, and the program's first call fails with "14 UNAVAILABLE:
 * No connection established. Last error: null". A pool per channel (a documented grpc-js option,
 * set on the SDK's own client options, read at each channel's creation) keeps runs apart.
 */
function ownSubchannelPools(): void {
  const automation = require.resolve("@pulumi/pulumi/automation");
  const settings: { grpcClientOptions?: Record<string, unknown> } = require(
    path.join(path.dirname(automation), "..", "runtime", "settings"),
  );
  if (settings.grpcClientOptions) settings.grpcClientOptions["grpc.use_local_subchannel_pool"] = 1;
}

function configMap(config: TestStackOptions["config"]): auto.ConfigMap {
  const out: auto.ConfigMap = {};
  for (const [key, value] of Object.entries(config ?? {})) {
    out[key] = typeof value === "string" ? { value } : { value: value.value, secret: value.secret ?? false };
  }
  return out;
}

/**
 * Creates a stack of a Pulumi program against a local cloud: a project folder (`workDir`, run by
 * the Pulumi CLI as `pulumi up` runs it) or an inline `program`. Needs the `pulumi` CLI on PATH.
 */
export async function createTestStack(options: TestStackOptions): Promise<TestStack> {
  if ((options.workDir === undefined) === (options.program === undefined)) {
    throw new Error("createTestStack needs exactly one of workDir (a folder with Pulumi.yaml) and program");
  }
  const keepRoot = options.rootDir !== undefined;
  const root = keepRoot
    ? path.resolve(options.rootDir as string)
    : fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-test-stack-"));
  const backend = path.join(root, "backend");
  const envVars: { [name: string]: string } = {
    ...privateBackendEnv(root, options.passphrase),
    ...options.cloud?.env(options.account),
    ...options.env,
  };
  const stackName = options.stackName ?? `test-${Math.random().toString(36).slice(2, 10)}`;
  const removeRoot = () => {
    if (!keepRoot) fs.rmSync(root, { recursive: true, force: true });
  };
  let stack: auto.Stack;
  let workDir: string;
  try {
    if (options.workDir !== undefined) {
      workDir = path.resolve(options.workDir);
      if (!fs.existsSync(path.join(workDir, "Pulumi.yaml"))) throw new Error(`${workDir} has no Pulumi.yaml`);
      stack = await auto.LocalWorkspace.createOrSelectStack({ stackName, workDir }, { envVars });
    } else {
      ownSubchannelPools();
      // An inline program's provider processes start in the workspace and load the package by
      // name from there: give it the node_modules this process uses.
      workDir = path.join(root, "workspace");
      fs.mkdirSync(workDir, { recursive: true });
      const modules = path.join(workDir, "node_modules");
      if (!fs.existsSync(modules)) fs.symlinkSync(modulesFolder(), modules, "junction");
      stack = await auto.LocalWorkspace.createOrSelectStack(
        { stackName, projectName: options.projectName ?? "test", program: options.program as auto.PulumiFn },
        { workDir, envVars },
      );
    }
    if (options.config) await stack.setAllConfig(configMap(options.config));
  } catch (error) {
    removeRoot();
    throw error;
  }
  const output = options.onOutput ? { onOutput: options.onOutput } : {};
  return {
    stack,
    name: stackName,
    rootDir: root,
    workDir,
    envVars,
    up: () => stack.up(output),
    preview: () => stack.preview(output),
    refresh: () => stack.refresh(output),
    destroy: () => stack.destroy(output),
    async outputs() {
      const values = await stack.outputs();
      return Object.fromEntries(Object.entries(values).map(([name, output]) => [name, output.value]));
    },
    async resources() {
      const state = await stack.exportStack();
      return (state.deployment as { resources?: StateResource[] }).resources ?? [];
    },
    exportText() {
      // The Automation API's exportStack shows secrets in clear; the CLI's own export does not.
      return execFileSync("pulumi", ["stack", "export", "--stack", stackName], {
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
        if (/^Pulumi(\..+)?\.yaml$/.test(entry)) texts.push(fs.readFileSync(path.join(workDir, entry), "utf8"));
      }
      return texts.join("\n");
    },
    async dispose() {
      if (keepRoot) return;
      try {
        // Removes the stack's config file from the project folder too.
        await stack.workspace.removeStack(stackName, { force: true });
      } finally {
        removeRoot();
      }
    },
  };
}
