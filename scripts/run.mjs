#!/usr/bin/env node
// The one entry point behind the npm scripts. It runs on whatever Node is on PATH (20 on the
// project's machines), makes sure of Node 22, the npm dependencies and the Pulumi CLI, then runs
// the requested step under Node 22 with both on PATH.
//
//   node scripts/run.mjs test [vitest args]   lint, type-check, build, then every test
//   node scripts/run.mjs demo [--keep]        the end-to-end demo against the emulator
//   node scripts/run.mjs emulator [flags]     the local Alibaba Cloud emulator
//   node scripts/run.mjs bench [flags]        the provider benchmark against the engine's floor
//   node scripts/run.mjs bench-emulator       signed requests per second the emulator serves
//   node scripts/run.mjs build | lint         one step alone
//   node scripts/run.mjs docs                 the API reference (TypeDoc, typedoc.json) into docs/api/
//   node scripts/run.mjs exec <cmd> [args]    any command inside the toolchain's environment
import path from "node:path";
import { fileURLToPath } from "node:url";
import { say } from "./toolchain/cache.mjs";
import { ensureDependencies, installSelf } from "./toolchain/deps.mjs";
import { capture, run } from "./toolchain/exec.mjs";
import { ensureNode } from "./toolchain/node.mjs";
import { ensurePulumi } from "./toolchain/pulumi-cli.mjs";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const [command = "test", ...given] = process.argv.slice(2);
// `node scripts/run.mjs test -- <files>` means the same as without the `--` (npm strips it itself).
const rest = given[0] === "--" ? given.slice(1) : given;

const NEEDS_PULUMI = new Set(["test", "demo", "bench", "exec"]);
const KNOWN = new Set(["test", "demo", "emulator", "bench", "bench-emulator", "build", "lint", "docs", "exec"]);

async function main() {
  if (!KNOWN.has(command)) {
    throw new Error(`Unknown command "${command}". Known: ${[...KNOWN].join(", ")}.`);
  }
  const node = await ensureNode();
  const nodeVersion = capture(node, ["--version"]) ?? "unknown";
  const env = { ...process.env, PATH: [path.dirname(node), process.env.PATH].join(path.delimiter) };
  await ensureDependencies(repoRoot, env, nodeVersion.replace(/^v/, ""));

  if (NEEDS_PULUMI.has(command)) {
    const pulumi = await ensurePulumi(repoRoot);
    const front = new Set([path.dirname(node), path.dirname(pulumi.binary)]);
    // The CLI finds its Node.js language host on PATH (ours is usually beside the CLI already).
    if (pulumi.languageHost) front.add(path.dirname(pulumi.languageHost));
    env.PATH = [...front, process.env.PATH].join(path.delimiter);
    env.PULUMI_SKIP_UPDATE_CHECK = "true";
    say(`Node.js ${nodeVersion} (${node})`);
    say(`Pulumi CLI ${pulumi.version} (${pulumi.binary}; ${pulumi.source})`);
  }

  const bin = (name) => path.join(repoRoot, "node_modules", ".bin", name);
  const inRepo = { cwd: repoRoot, env };
  // One compile type-checks everything (tests and examples too) and emits the runnable JavaScript.
  const build = async () => {
    await run(node, [bin("tsc"), "-p", "tsconfig.json"], inRepo);
    installSelf(repoRoot);
  };
  const lint = () => run(node, [bin("biome"), "check", "."], inRepo);
  // The API reference from the JSDoc of provider/index.ts; any TypeDoc warning fails it (typedoc.json).
  const docs = () => run(node, [bin("typedoc")], inRepo);

  switch (command) {
    case "test":
      await lint();
      await build();
      await docs();
      await run(node, [bin("vitest"), "run", ...rest], inRepo);
      break;
    case "lint":
      await lint();
      break;
    case "build":
      await build();
      break;
    case "docs":
      await docs();
      break;
    case "demo":
      await build();
      await run(node, [path.join(repoRoot, "dist", "scripts", "demo.js"), ...rest], inRepo);
      break;
    case "emulator":
      await build();
      await run(node, [path.join(repoRoot, "dist", "emulator", "cli.js"), ...rest], inRepo);
      break;
    case "bench":
      await build();
      await run(node, [path.join(repoRoot, "dist", "scripts", "bench.js"), ...rest], inRepo);
      break;
    case "bench-emulator":
      await build();
      await run(node, [path.join(repoRoot, "dist", "scripts", "bench-emulator.js"), ...rest], inRepo);
      break;
    case "exec": {
      const [cmd, ...args] = rest;
      if (!cmd) throw new Error("usage: node scripts/run.mjs exec <command> [args...]");
      await run(cmd, args, { env });
      break;
    }
  }
}

main().catch((error) => {
  say(error instanceof Error ? error.message : String(error));
  process.exitCode = typeof error?.exitCode === "number" ? error.exitCode : 1;
});
