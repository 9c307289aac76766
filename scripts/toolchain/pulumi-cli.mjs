// @ts-check
// The real Pulumi CLI. A `pulumi` already on PATH is used as it is; otherwise the CLI is compiled
// with the machine's Go from the Go module proxy (no download site is needed) and cached by version.
// The proxy does not serve the official Node.js language host, so a CLI built that way (or any CLI
// found without one) gets ours, scripts/pulumi-cli/language-nodejs, built and cached beside it.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cacheRoot, elapsed, say } from "./cache.mjs";
import { capture } from "./exec.mjs";

const MODULE_DIR = fileURLToPath(new URL("../pulumi-cli/", import.meta.url));
const CLI_PACKAGE = "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi";
const LAUNCHER = "pulumi-resource-pulumi-nodejs";
const LANGUAGE_HOST = "pulumi-language-nodejs";
const LANGUAGE_HOST_PACKAGE = "./language-nodejs";
const VERSION_FLAG = "github.com/pulumi/pulumi/sdk/v3/go/common/version.Version";
/** @param {string} name */
const exe = (name) => (process.platform === "win32" ? `${name}.exe` : name);

/**
 * The Pulumi CLI to use, as ensurePulumi finds or builds it.
 * @typedef {object} PulumiCli
 * @property {string} binary the `pulumi` executable
 * @property {string} version what it reports, e.g. "v3.270.0"
 * @property {string} source where it came from, in words
 * @property {string | undefined} languageHost the pulumi-language-nodejs it will run, if any
 */

/**
 * Where the language host's sources and the Go toolchain live; the defaults are this repository's
 * scripts/pulumi-cli and this process's PATH.
 * @typedef {object} GoModuleOptions
 * @property {string} [moduleDir] the Go module folder (go.mod, go.sum, language-nodejs/)
 * @property {string} [searchPath] the PATH on which `go` is looked up
 */

/**
 * The Pulumi version pinned by scripts/pulumi-cli/go.mod (pkg/v3 and sdk/v3 move together).
 * @param {string} [moduleDir] the Go module folder; this repository's by default
 * @returns {string} e.g. "v3.270.0"
 */
export function pinnedPulumiVersion(moduleDir = MODULE_DIR) {
  const gomod = fs.readFileSync(path.join(moduleDir, "go.mod"), "utf8");
  const match = /github\.com\/pulumi\/pulumi\/pkg\/v3 (v\d+\.\d+\.\d+)/.exec(gomod);
  if (!match?.[1]) throw new Error(`${path.join(moduleDir, "go.mod")} does not pin github.com/pulumi/pulumi/pkg/v3`);
  return match[1];
}

/**
 * The first executable file called `name` in one of the folders of `searchPath`.
 * @param {string} name
 * @param {string | undefined} searchPath a PATH-style list of folders
 * @returns {string | undefined}
 */
export function findOnPath(name, searchPath) {
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
 * Returns `{ binary, version, source, languageHost }` for the Pulumi CLI to use, building it on first
 * use. `languageHost` is the pulumi-language-nodejs the CLI will run (undefined if there is none);
 * its folder must be on PATH. `repoRoot` is where node_modules/@pulumi/pulumi provides the dynamic
 * provider launcher.
 * @param {string} repoRoot
 * @returns {Promise<PulumiCli>}
 */
export async function ensurePulumi(repoRoot) {
  const version = pinnedPulumiVersion();
  const dir = path.join(cacheRoot(), "pulumi", version);
  const onPath = findOnPath("pulumi", process.env.PATH);
  // The CLI this toolchain built, however it is reached, is not "theirs": it is checked and rebuilt below.
  const installedAt = onPath && path.dirname(fs.realpathSync(onPath));
  if (onPath && installedAt !== realFolder(dir)) {
    const found = { binary: onPath, version: capture(onPath, ["version"]) ?? "unknown", source: "PATH" };
    // The CLI looks for its language host on PATH, then beside its own (resolved) executable.
    const theirs = findOnPath(LANGUAGE_HOST, process.env.PATH) ?? findOnPath(LANGUAGE_HOST, installedAt);
    return { ...found, languageHost: theirs ?? (await ensureLanguageHost(version, dir)) };
  }

  const binary = path.join(dir, exe("pulumi"));
  if (capture(binary, ["version"]) !== version) {
    await buildPulumi(version, dir);
  }
  const languageHost = await ensureLanguageHost(version, dir);
  installLauncher(repoRoot, dir);
  return { binary, version, source: `built from Go modules, cached in ${dir}`, languageHost };
}

/**
 * @param {string} dir
 * @returns {string}
 */
function realFolder(dir) {
  try {
    return fs.realpathSync(dir);
  } catch {
    return dir;
  }
}

/**
 * Copies the dynamic provider launcher that ships in @pulumi/pulumi next to the CLI, where the engine looks for plugins.
 * @param {string} repoRoot
 * @param {string} dir
 * @returns {void}
 */
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

/**
 * @param {string} version
 * @param {string} dir
 * @returns {Promise<void>}
 */
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
  try {
    await goBuild(go, `the Pulumi CLI ${version}`, CLI_PACKAGE, path.join(staging, exe("pulumi")), version, MODULE_DIR);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  const built = capture(path.join(staging, exe("pulumi")), ["version"]);
  if (built !== version) throw new Error(`The built Pulumi CLI reports ${built ?? "nothing"}, expected ${version}.`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  fs.renameSync(staging, dir);
}

/**
 * Our Node.js language host in `dir`, rebuilt whenever its Go sources, the module's pins or the
 * Pulumi version change: a stamp beside it records the hash of what it was built from. Undefined
 * when there is none and no Go to build it (Automation API inline programs need no language host).
 * @param {string} version
 * @param {string} dir
 * @param {GoModuleOptions} [options]
 * @returns {Promise<string | undefined>}
 */
export async function ensureLanguageHost(version, dir, options = {}) {
  const moduleDir = options.moduleDir ?? MODULE_DIR;
  const binary = path.join(dir, exe(LANGUAGE_HOST));
  const stamp = `${binary}.stamp`;
  const wanted = languageHostFingerprint(version, moduleDir);
  const current = fs.existsSync(stamp) ? fs.readFileSync(stamp, "utf8").trim() : "";
  if (current === wanted && fs.existsSync(binary)) return binary;

  const go = findOnPath("go", options.searchPath ?? process.env.PATH);
  if (!go) {
    const outcome = fs.existsSync(binary)
      ? "using the one built from older sources"
      : "the CLI cannot run Node.js program folders (inline Automation API programs still work)";
    say(`No Go toolchain to build the Node.js language host ${LANGUAGE_HOST}: ${outcome}.`);
    return fs.existsSync(binary) ? binary : undefined;
  }
  say(`Building the Node.js language host (scripts/pulumi-cli/language-nodejs) into ${dir}.`);
  const staging = `${dir}.${LANGUAGE_HOST}-partial-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  try {
    await goBuild(
      go,
      "the Node.js language host",
      LANGUAGE_HOST_PACKAGE,
      path.join(staging, exe(LANGUAGE_HOST)),
      version,
      moduleDir,
    );
    fs.mkdirSync(dir, { recursive: true });
    fs.renameSync(path.join(staging, exe(LANGUAGE_HOST)), binary);
    // The stamp goes last: an interrupted install is rebuilt next time.
    fs.writeFileSync(path.join(staging, "stamp"), `${wanted}\n`);
    fs.renameSync(path.join(staging, "stamp"), stamp);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return binary;
}

/**
 * The hash of what the language host is built from: the Pulumi version, the platform, go.mod,
 * go.sum and the host's .go sources (their names and contents).
 * @param {string} version
 * @param {string} [moduleDir] the Go module folder; this repository's by default
 * @returns {string}
 */
export function languageHostFingerprint(version, moduleDir = MODULE_DIR) {
  const hash = createHash("sha256").update(`${version}\n${process.platform}-${process.arch}\n`);
  const sourceDir = path.join(moduleDir, LANGUAGE_HOST_PACKAGE);
  const sources = fs
    .readdirSync(sourceDir)
    .filter((name) => name.endsWith(".go"))
    .sort()
    .map((name) => path.join(sourceDir, name));
  for (const file of [path.join(moduleDir, "go.mod"), path.join(moduleDir, "go.sum"), ...sources]) {
    hash.update(`${path.relative(moduleDir, file)}\n`).update(fs.readFileSync(file));
  }
  return hash.digest("hex");
}

/**
 * `go build`s one package of the Go module in `moduleDir` (scripts/pulumi-cli) into `output`,
 * reporting progress while it takes long.
 * @param {string} go the `go` executable
 * @param {string} what the thing built, in words
 * @param {string} pkg the package, as `go build` takes it
 * @param {string} output
 * @param {string} version stamped into the binary as Pulumi's version
 * @param {string} moduleDir
 * @returns {Promise<void>}
 */
async function goBuild(go, what, pkg, output, version, moduleDir) {
  const started = Date.now();
  let compiled = 0;
  let downloaded = 0;
  /** @type {string[]} */
  const tail = [];
  const child = spawn(
    go,
    ["build", "-v", "-trimpath", "-o", output, "-ldflags", `-s -w -X ${VERSION_FLAG}=${version}`, pkg],
    {
      cwd: moduleDir,
      // CGO off: a static binary that needs no C toolchain. readonly: go.sum is the pinned truth.
      env: { ...process.env, CGO_ENABLED: "0", GOFLAGS: "-mod=readonly" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  /** @param {Buffer} chunk */
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
      `  still building ${what}: ${downloaded} modules downloaded, ${compiled} packages compiled, ${elapsed(Date.now() - started)} elapsed`,
    );
  }, 15_000);
  /** @type {number | null} */
  const code = await new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", resolve);
  }).finally(() => clearInterval(ticker));
  if (code !== 0) {
    throw new Error(`Building ${what} failed (go exit code ${code}). Last lines:\n${tail.join("\n")}`);
  }
  say(`Built ${what} in ${elapsed(Date.now() - started)} (${compiled} packages).`);
}
