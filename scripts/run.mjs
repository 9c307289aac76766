#!/usr/bin/env node
// @ts-check
// The one entry point behind the npm scripts. It runs on whatever Node is on PATH (20 on the
// project's machines), makes sure of Node 22, the npm dependencies and the Pulumi CLI, then runs
// the requested step under Node 22 with both on PATH.
//
//   node scripts/run.mjs test [vitest args]   lint, type-check and build, docs, then every test
//   node scripts/run.mjs demo [--keep]        the end-to-end demo against the emulator
//   node scripts/run.mjs emulator [flags]     the local Alibaba Cloud emulator
//   node scripts/run.mjs bench [flags]        the provider benchmark against the engine's floor
//   node scripts/run.mjs bench-emulator       signed requests per second the emulator serves
//   node scripts/run.mjs soak [flags]         generated sequences checked against a model, for minutes
//   node scripts/run.mjs build | lint         one step alone (lint also type-checks the toolchain's .mjs)
//   node scripts/run.mjs docs                 the API reference (TypeDoc) into docs/api/, docs/error-codes.md
//   node scripts/run.mjs test-live            the live acceptance suite (docs/live-suite.md; asks twice)
//   node scripts/run.mjs sweep-live [--yes]   what earlier live runs left, removed with --yes
//   node scripts/run.mjs parity <transcript>  a live run's transcript replayed against the emulator
//   node scripts/run.mjs exec <cmd> [args]    any command inside the toolchain's environment
import path from "node:path";
import { fileURLToPath } from "node:url";
import { say } from "./toolchain/cache.mjs";
import { parseCommandLine } from "./toolchain/commands.mjs";
import { ensureDependencies, installSelf } from "./toolchain/deps.mjs";
import { capture, run } from "./toolchain/exec.mjs";
import { ensureNode } from "./toolchain/node.mjs";
import { ensurePulumi } from "./toolchain/pulumi-cli.mjs";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

async function main() {
  const { steps: plan, rest, needsPulumi } = parseCommandLine(process.argv.slice(2));
  const node = await ensureNode();
  const nodeVersion = capture(node, ["--version"]) ?? "unknown";
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env, PATH: [path.dirname(node), process.env.PATH].join(path.delimiter) };
  await ensureDependencies(repoRoot, env, nodeVersion.replace(/^v/, ""));

  if (needsPulumi) {
    const pulumi = await ensurePulumi(repoRoot);
    const front = new Set([path.dirname(node), path.dirname(pulumi.binary)]);
    // The CLI finds its Node.js language host on PATH (ours is usually beside the CLI already).
    if (pulumi.languageHost) front.add(path.dirname(pulumi.languageHost));
    env.PATH = [...front, process.env.PATH].join(path.delimiter);
    env.PULUMI_SKIP_UPDATE_CHECK = "true";
    say(`Node.js ${nodeVersion} (${node})`);
    say(`Pulumi CLI ${pulumi.version} (${pulumi.binary}; ${pulumi.source})`);
  }

  /** @param {string} name */
  const bin = (name) => path.join(repoRoot, "node_modules", ".bin", name);
  /** @param {string} name a compiled program under dist/ */
  const program = (name) => path.join(repoRoot, "dist", name);
  const inRepo = { cwd: repoRoot, env };
  // Every step a plan (toolchain/commands.mjs) may name: one missing here fails the toolchain's type-check.
  /** @type {Record<import("./toolchain/commands.mjs").Step, () => Promise<void>>} */
  const steps = {
    biome: () => run(node, [bin("biome"), "check", "."], inRepo),
    // One compile type-checks everything else (tests and examples too) and emits the runnable JavaScript.
    tsc: async () => {
      await run(node, [bin("tsc"), "-p", "tsconfig.json"], inRepo);
      installSelf(repoRoot);
    },
    // The toolchain's own .mjs files (plain JavaScript, run before Node 22 is there) and their tests.
    "tsc-toolchain": () => run(node, [bin("tsc"), "-p", "tsconfig.toolchain.json"], inRepo),
    // The API reference from the JSDoc of provider/index.ts; any TypeDoc warning fails it (typedoc.json).
    typedoc: () => run(node, [bin("typedoc")], inRepo),
    // docs/error-codes.md from the error tables (api/*-errors.ts) and what each side does with them.
    "error-codes": () => run(node, [program("scripts/error-codes.js")], inRepo),
    vitest: () => run(node, [bin("vitest"), "run", ...rest], inRepo),
    demo: () => run(node, [program("scripts/demo.js"), ...rest], inRepo),
    emulator: () => run(node, [program("emulator/cli.js"), ...rest], inRepo),
    bench: () => run(node, [program("scripts/bench.js"), ...rest], inRepo),
    "bench-emulator": () => run(node, [program("scripts/bench-emulator.js"), ...rest], inRepo),
    soak: () => run(node, [program("scripts/soak.js"), ...rest], inRepo),
    // The live suite, sweeper and parity run in the current folder, not forced to the repository's:
    // through `npm run` that is the package root (npm runs scripts there), so their .live/ folder and
    // relative paths resolve from it; run.mjs called directly keeps the caller's folder.
    "test-live": () => run(node, [program("scripts/live/suite.js"), ...rest], { env }),
    "sweep-live": () => run(node, [program("scripts/live/sweep.js"), ...rest], { env }),
    parity: () => run(node, [program("scripts/live/parity.js"), ...rest], { env }),
    exec: async () => {
      const [cmd, ...args] = rest;
      if (!cmd) throw new Error("usage: node scripts/run.mjs exec <command> [args...]");
      await run(cmd, args, { env });
    },
  };
  for (const step of plan) await steps[step]();
}

main().catch((error) => {
  say(error instanceof Error ? error.message : String(error));
  process.exitCode = typeof error?.exitCode === "number" ? error.exitCode : 1;
});
