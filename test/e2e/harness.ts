// The end-to-end harness: a stack on a private file backend in a temporary directory, driven
// through the Automation API and the real Pulumi CLI, removed with everything it wrote.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type * as auto from "@pulumi/pulumi/automation";
import { createLocalStack, type LocalStack } from "../../scripts/lib/local-stack";

export type { StateResource } from "../../scripts/lib/local-stack";

/** A stack in its own temporary directory; `dispose()` removes the stack and every file it wrote. */
export interface TestStack extends LocalStack {
  /** The temporary directory holding the backend, PULUMI_HOME and the workspace. */
  dir: string;
  dispose(): Promise<void>;
}

/** What to create. */
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
  const local = await createLocalStack({
    root: dir,
    program: options.program,
    projectName: options.projectName ?? "e2e",
    stackName: "test",
    config: options.config,
    env: options.env,
  });
  return {
    ...local,
    dir,
    async dispose() {
      try {
        await local.stack.workspace.removeStack(local.stack.name, { force: true });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
