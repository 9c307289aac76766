// Programs in folders of their own, driven with the Pulumi CLI's commands as users type them
// (`pulumi stack init`, `config set`, `preview`, `up`, ...), against a file backend and a
// PULUMI_HOME in a temporary directory. The CLI runs programs through its Node.js language host.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { AdminClient } from "../../emulator/index";
import { type CliResult, type CliRunOptions, PulumiCli } from "../../scripts/lib/pulumi-cli";
import { repoRoot } from "../../scripts/lib/repo";
import { DEFAULT_ACCOUNTS, privateBackendEnv, type StateResource } from "../../testing/index";

export { CliError, type CliResult, describeCommand, resourceSummary } from "../../scripts/lib/pulumi-cli";
export type { StateResource };

/** The repository's root (found by its package.json: this file also runs compiled, from dist/test/e2e). */
export const REPO = repoRoot(__dirname);

/** The repository's node_modules: its dependencies and the built package, installed as users install it. */
export const REPO_MODULES = path.join(REPO, "node_modules");

/** The repository's package.json. */
export const PACKAGE = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as {
  name: string;
  version: string;
  files: string[];
};

/** The version of a dependency that the repository's package-lock.json installs. */
export function lockedVersion(name: string): string {
  const lock = JSON.parse(fs.readFileSync(path.join(REPO, "package-lock.json"), "utf8"));
  const version = lock.packages?.[`node_modules/${name}`]?.version;
  if (typeof version !== "string") throw new Error(`${name} is not in package-lock.json`);
  return version;
}

/** Runs a command to completion; rejects with its output when it fails. */
async function exec(command: string, args: string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(command, args, {
      cwd,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, npm_config_update_notifier: "false" },
    });
    return stdout;
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(" ")} failed in ${cwd}:\n${stdout}${stderr}`);
  }
}

/**
 * Packs the package from this checkout's sources into `stage`, as `npm pack` makes it (prepack:
 * an empty dist/, then the build), without touching the repository's own dist/ or node_modules,
 * which other tests and people are using: the package's sources (what package.json `files` ships
 * from dist/) are compiled into `stage/dist` with the repository's compiler options, the files npm
 * always packs are copied beside them, and `npm pack --ignore-scripts` runs there. With `version`,
 * the tarball says that version instead. Returns the tarball's path.
 */
export async function packPackage(stage: string, options: { version?: string } = {}): Promise<string> {
  const shipped = PACKAGE.files.filter((entry) => entry.startsWith("dist/")).map((entry) => entry.slice(5));
  fs.mkdirSync(stage, { recursive: true });
  const tsconfig = path.join(stage, "tsconfig.pack.json");
  fs.writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: path.join(REPO, "tsconfig.json"),
      compilerOptions: {
        rootDir: REPO,
        outDir: path.join(stage, "dist"),
        incremental: false,
        typeRoots: [path.join(REPO_MODULES, "@types")],
      },
      include: shipped.map((dir) => path.join(REPO, dir)),
    }),
  );
  await exec(process.execPath, [path.join(REPO_MODULES, "typescript", "bin", "tsc"), "-p", tsconfig], stage);
  fs.rmSync(tsconfig);
  for (const file of ["README.md", "LICENSE", "CHANGELOG.md", ...PACKAGE.files.filter((f) => !f.startsWith("dist"))]) {
    const from = path.join(REPO, file);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(stage, file), { recursive: true });
  }
  fs.writeFileSync(
    path.join(stage, "package.json"),
    `${JSON.stringify({ ...PACKAGE, version: options.version ?? PACKAGE.version }, null, 2)}\n`,
  );
  const packed = JSON.parse(
    await exec("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", stage], stage),
  );
  return path.join(stage, packed[0].filename as string);
}

/**
 * The same package under another version: the tarball unpacked into `stage`, its package.json's
 * version changed, packed again. Returns the new tarball's path.
 */
export async function repackWithVersion(tarball: string, stage: string, version: string): Promise<string> {
  fs.mkdirSync(stage, { recursive: true });
  await exec("tar", ["-xzf", tarball, "-C", stage], stage);
  const unpacked = path.join(stage, "package");
  const manifest = path.join(unpacked, "package.json");
  const pkg = JSON.parse(fs.readFileSync(manifest, "utf8"));
  fs.writeFileSync(manifest, `${JSON.stringify({ ...pkg, version }, null, 2)}\n`);
  const packed = JSON.parse(
    await exec("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", stage], unpacked),
  );
  return path.join(stage, packed[0].filename as string);
}

/**
 * `npm install`s `specs` (tarballs, `name@version`) in a user's project, exact versions saved,
 * from npm's cache when it can.
 */
export async function npmInstall(project: string, specs: string[]): Promise<void> {
  await exec("npm", ["install", "--save-exact", "--prefer-offline", "--no-audit", "--no-fund", ...specs], project);
}

/** The `tsconfig.json` of `pulumi new typescript`, as users' projects have it. */
export const USER_TSCONFIG = {
  compilerOptions: {
    strict: true,
    outDir: "bin",
    target: "es2020",
    module: "commonjs",
    moduleResolution: "node",
    sourceMap: true,
    experimentalDecorators: true,
    pretty: true,
    noFallthroughCasesInSwitch: true,
    noImplicitReturns: true,
    forceConsistentCasingInFileNames: true,
  },
  files: ["index.ts"],
};

/** Writes a user's project: Pulumi.yaml (runtime nodejs), package.json, tsconfig.json, index.ts. */
export function writeUserProject(dir: string, name: string, program: string): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${name}\nruntime: nodejs\ndescription: ${name}\n`);
  fs.writeFileSync(
    path.join(dir, "package.json"),
    `${JSON.stringify({ name, private: true, main: "index.ts" }, null, 2)}\n`,
  );
  fs.writeFileSync(path.join(dir, "tsconfig.json"), `${JSON.stringify(USER_TSCONFIG, null, 2)}\n`);
  fs.writeFileSync(path.join(dir, "index.ts"), program);
}

/** The version of the package installed in a project's node_modules. */
export function installedVersion(project: string): string {
  const file = path.join(project, "node_modules", PACKAGE.name, "package.json");
  return (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version;
}

/**
 * The `__provider` Pulumi records for a resource whose provider module was loaded from
 * node_modules: the module's exports, required by package name (docs/versioning.md, "Versioning and
 * compatibility"). Exactly what @pulumi/pulumi's closure serializer writes for it today.
 */
export function serializedProvider(module: string): string {
  return [
    "exports.handler = __f0;",
    `const provider = require("${PACKAGE.name}/providers/${module}");`,
    "",
    "function __f0() {",
    "  return (function() {",
    "    with({ this: undefined, arguments: undefined }) {",
    "",
    "return () => provider;",
    "",
    "    }",
    "  }).apply(undefined, undefined).apply(this, arguments);",
    "}",
    "",
  ].join("\n");
}

/** An exported stack (`pulumi stack export`). */
export interface ExportedStack {
  version: number;
  deployment: {
    secrets_providers?: { type: string };
    resources?: StateResource[];
  };
}

/** The Pulumi CLI in one program folder, every command `--non-interactive`. */
export class TestCli extends PulumiCli {
  constructor(cwd: string, env: NodeJS.ProcessEnv) {
    super(cwd, env, ["--non-interactive"]);
  }

  /** Runs `pulumi <args>`, which must succeed; returns its standard output. */
  command(...args: string[]): Promise<string> {
    return this.ok(args);
  }

  /** Runs `pulumi <args>` whatever its exit code. */
  attempt(args: string[], options?: CliRunOptions): Promise<CliResult> {
    return this.run(args, options);
  }

  /** `pulumi stack export` (secrets stay encrypted unless `--show-secrets`). */
  async exportState(...flags: string[]): Promise<ExportedStack> {
    return JSON.parse(await this.command("stack", "export", ...flags)) as ExportedStack;
  }

  /** The resources of the stack's current state. */
  async resources(): Promise<StateResource[]> {
    return (await this.exportState()).deployment.resources ?? [];
  }

  /** The resources the package manages (dynamic resources), by their Pulumi name. */
  async managed(): Promise<Record<string, StateResource>> {
    const resources = (await this.resources()).filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"));
    return Object.fromEntries(resources.map((r) => [r.urn.split("::").pop() as string, r]));
  }

  /** `pulumi stack output --json [flags]`. */
  async outputs(...flags: string[]): Promise<Record<string, unknown>> {
    return JSON.parse(await this.command("stack", "output", "--json", ...flags)) as Record<string, unknown>;
  }

  /** `pulumi config set` for each entry; `{ secret }` values with `--secret`. */
  async configure(config: Record<string, string | { secret: string }>): Promise<void> {
    for (const [key, value] of Object.entries(config)) {
      if (typeof value === "string") await this.command("config", "set", key, value);
      else await this.command("config", "set", "--secret", key, value.secret);
    }
  }
}

/** A temporary directory with a file backend and a PULUMI_HOME, and the CLI's environment for them. */
export interface CliSandbox {
  /** The temporary directory. */
  root: string;
  /** The environment of every command: this process's, the backend, passphrase and PULUMI_HOME, the extras. */
  env: NodeJS.ProcessEnv;
  /** The CLI in `programDir`, with this sandbox's environment and `env` on top. */
  cli(programDir: string, env?: Record<string, string>): TestCli;
  /** Removes the directory and everything in it. */
  dispose(): void;
}

/** What a sandbox starts with. */
export interface CliSandboxOptions {
  /** Prefix of the temporary directory's name. */
  prefix?: string;
  /** PULUMI_CONFIG_PASSPHRASE (the passphrase secrets provider's key). */
  passphrase?: string;
  /** Extra environment for every command (and the provider processes the engine starts). */
  env?: Record<string, string>;
}

/** Creates a sandbox in the system's temporary directory, outside the repository. */
export function createCliSandbox(options: CliSandboxOptions = {}): CliSandbox {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), options.prefix ?? "pad-cli-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...privateBackendEnv(root, options.passphrase ?? "cli-sandbox-passphrase"),
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    ...options.env,
  };
  return {
    root,
    env,
    cli: (programDir, extra = {}) => new TestCli(programDir, { ...env, ...extra }),
    dispose: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

/** Links `programDir/node_modules` to `nodeModules` (which stands in for an `npm install` there). */
export function linkNodeModules(programDir: string, nodeModules: string = REPO_MODULES): void {
  fs.symlinkSync(nodeModules, path.join(programDir, "node_modules"), "dir");
}

/**
 * A JavaScript program folder `name` under the sandbox (Pulumi.yaml, package.json, index.js holding
 * `source`, the repository's node_modules linked) with stack `dev` on main's keys in cn-hangzhou,
 * plus `config`.
 */
export async function javascriptProgram(
  sandbox: CliSandbox,
  name: string,
  source: string,
  config: Record<string, string | { secret: string }> = {},
): Promise<TestCli> {
  const dir = path.join(sandbox.root, name);
  fs.mkdirSync(dir);
  fs.writeFileSync(
    path.join(dir, "Pulumi.yaml"),
    `name: ${name}\nruntime:\n  name: nodejs\n  options:\n    typescript: false\n`,
  );
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name, private: true, main: "index.js" }));
  fs.writeFileSync(path.join(dir, "index.js"), source);
  linkNodeModules(dir);
  const cli = sandbox.cli(dir);
  await cli.command("stack", "init", "dev");
  await cli.configure({
    "alicloud:region": "cn-hangzhou",
    "alicloud:accessKey": DEFAULT_ACCOUNTS.main.accessKeyId,
    "alicloud:secretKey": { secret: DEFAULT_ACCOUNTS.main.accessKeySecret },
    ...config,
  });
  return cli;
}

/**
 * Copies a program folder's files (not its node_modules, nor stack config files) to `target`
 * and links node_modules there. Returns `target`.
 */
export function copyProgram(source: string, target: string, nodeModules: string = REPO_MODULES): string {
  fs.cpSync(source, target, {
    recursive: true,
    filter: (from) => !/^(node_modules|Pulumi\..+\.yaml)$/.test(path.basename(from)) || from === source,
  });
  linkNodeModules(target, nodeModules);
  return target;
}

interface WorldView {
  accounts: {
    uid: string;
    regions: Record<
      string,
      {
        grants: { cenId: string; instanceId: string; cenOwnerId: string }[];
        classicLinks: { instanceId: string; vpcId: string }[];
        activations: { activationId: string; disabled: boolean }[];
        managedInstances: { instanceId: string; instanceName: string }[];
      }
    >;
  }[];
}

/**
 * The objects the package's resources create, adopt or change, as the emulator holds them, one
 * line each, sorted: `grant <cenId>:<instanceId>:<cenOwnerId>`, `link <instanceId>:<vpcId>`,
 * `activation <id>`, `managed <mi-id> <name>`, each prefixed with its account and region.
 */
export async function worldObjects(admin: AdminClient): Promise<string[]> {
  const world = (await admin.world()) as unknown as WorldView;
  const lines: string[] = [];
  for (const account of world.accounts) {
    for (const [regionId, region] of Object.entries(account.regions)) {
      const at = `${account.uid}/${regionId}`;
      for (const g of region.grants) lines.push(`${at} grant ${g.cenId}:${g.instanceId}:${g.cenOwnerId}`);
      for (const l of region.classicLinks) lines.push(`${at} link ${l.instanceId}:${l.vpcId}`);
      for (const a of region.activations)
        lines.push(`${at} activation ${a.activationId}${a.disabled ? " disabled" : ""}`);
      for (const m of region.managedInstances) lines.push(`${at} managed ${m.instanceId} ${m.instanceName}`);
    }
  }
  return lines.sort();
}

/** Lines in `after` that are not in `before`, and lines of `before` gone from `after`. */
export function objectChanges(before: string[], after: string[]): { added: string[]; removed: string[] } {
  return {
    added: after.filter((line) => !before.includes(line)),
    removed: before.filter((line) => !after.includes(line)),
  };
}
