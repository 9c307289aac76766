// The real Pulumi CLI. A `pulumi` already on PATH is used as it is; otherwise the CLI is compiled
// with the machine's Go from the Go module proxy (no download site is needed) and cached by version.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cacheRoot, elapsed, say } from "./cache.mjs";
import { capture } from "./exec.mjs";

const MODULE_DIR = fileURLToPath(new URL("../pulumi-cli/", import.meta.url));
const CLI_PACKAGE = "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi";
const LAUNCHER = "pulumi-resource-pulumi-nodejs";
const exe = (name) => (process.platform === "win32" ? `${name}.exe` : name);

/** The Pulumi version pinned by scripts/pulumi-cli/go.mod (pkg/v3 and sdk/v3 move together). */
export function pinnedPulumiVersion() {
  const gomod = fs.readFileSync(path.join(MODULE_DIR, "go.mod"), "utf8");
  const match = /github\.com\/pulumi\/pulumi\/pkg\/v3 (v\d+\.\d+\.\d+)/.exec(gomod);
  if (!match) throw new Error("scripts/pulumi-cli/go.mod does not pin github.com/pulumi/pulumi/pkg/v3");
  return match[1];
}

function findOnPath(name, searchPath) {
  for (const dir of (searchPath ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, exe(name));
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * Returns `{ binary, version, source }` for the Pulumi CLI to use, building it on first use.
 * `repoRoot` is where node_modules/@pulumi/pulumi provides the dynamic provider launcher.
 */
export async function ensurePulumi(repoRoot) {
  const onPath = findOnPath("pulumi", process.env.PATH);
  if (onPath) {
    return { binary: onPath, version: capture(onPath, ["version"]) ?? "unknown", source: "PATH" };
  }

  const version = pinnedPulumiVersion();
  const dir = path.join(cacheRoot(), "pulumi", version);
  const binary = path.join(dir, exe("pulumi"));
  if (capture(binary, ["version"]) !== version) {
    await buildPulumi(version, dir);
  }
  installLauncher(repoRoot, dir);
  return { binary, version, source: `built from Go modules, cached in ${dir}` };
}

/** Copies the dynamic provider launcher that ships in @pulumi/pulumi next to the CLI, where the engine looks for plugins. */
function installLauncher(repoRoot, dir) {
  const from = path.join(repoRoot, "node_modules", "@pulumi", "pulumi", LAUNCHER);
  const names = process.platform === "win32" ? [`${LAUNCHER}.cmd`] : [LAUNCHER];
  for (const name of names) {
    const source = path.join(path.dirname(from), name);
    const target = path.join(dir, name);
    const wanted = fs.readFileSync(source);
    if (!fs.existsSync(target) || !fs.readFileSync(target).equals(wanted)) {
      fs.writeFileSync(`${target}.tmp`, wanted, { mode: 0o755 });
      fs.renameSync(`${target}.tmp`, target);
    }
  }
}

async function buildPulumi(version, dir) {
  const go = findOnPath("go", process.env.PATH);
  if (!go) {
    throw new Error(
      "No `pulumi` on PATH and no Go toolchain to build it. Install the Pulumi CLI (https://www.pulumi.com/docs/install/) or Go 1.26+.",
    );
  }
  const staging = `${dir}.partial-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  say(
    `No pulumi on PATH: building the Pulumi CLI ${version} from the Go module proxy (first run only, a few minutes).`,
  );
  say(`It is cached in ${dir}; later runs start at once.`);

  const started = Date.now();
  let compiled = 0;
  let downloaded = 0;
  const tail = [];
  const child = spawn(
    go,
    [
      "build",
      "-v",
      "-trimpath",
      "-o",
      path.join(staging, exe("pulumi")),
      "-ldflags",
      `-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=${version}`,
      CLI_PACKAGE,
    ],
    {
      cwd: MODULE_DIR,
      // CGO off: a static binary that needs no C toolchain. readonly: go.sum is the pinned truth.
      env: { ...process.env, CGO_ENABLED: "0", GOFLAGS: "-mod=readonly" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const onLine = (chunk) => {
    for (const line of chunk.toString().split("\n")) {
      if (!line.trim()) continue;
      if (line.startsWith("go: downloading")) downloaded += 1;
      else compiled += 1;
      tail.push(line);
      if (tail.length > 40) tail.shift();
    }
  };
  child.stdout.on("data", onLine);
  child.stderr.on("data", onLine);
  const ticker = setInterval(() => {
    say(
      `  still building the Pulumi CLI: ${downloaded} modules downloaded, ${compiled} packages compiled, ${elapsed(Date.now() - started)} elapsed`,
    );
  }, 15_000);
  const code = await new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", resolve);
  }).finally(() => clearInterval(ticker));
  if (code !== 0) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw new Error(`Building the Pulumi CLI failed (go exit code ${code}). Last lines:\n${tail.join("\n")}`);
  }
  const built = capture(path.join(staging, exe("pulumi")), ["version"]);
  if (built !== version) throw new Error(`The built Pulumi CLI reports ${built ?? "nothing"}, expected ${version}.`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  fs.renameSync(staging, dir);
  say(`Built the Pulumi CLI ${version} in ${elapsed(Date.now() - started)} (${compiled} packages).`);
}
