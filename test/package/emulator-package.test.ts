// GIVEN the package packed as `npm pack` makes it WHEN installed in an empty folder outside the
// repository THEN `npx alicloud-emulator --port 0` prints its first line and serves the Alibaba RPC
// APIs (driven here with pop-core, as the provider and users' scripts call them) and the admin
// contract, and the published schemas and the `./emulator` entry point resolve from that install.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import RPCClient from "@alicloud/pop-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_KEYS, MAIN_UID } from "../../emulator/index.js";
import { PACKAGE, packPackage, REPO } from "../e2e/cli";

let root: string;
let project: string;
let child: ChildProcess | undefined;
let url: string;
let firstLine: string;

/** The emulator's own process in the npx process group (Linux: read from /proc). */
function emulatorPid(group: number): number | undefined {
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Fields after the command's closing parenthesis: state, ppid, pgrp, ...
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const pgrp = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
      const command = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8");
      // node runs the command through its node_modules/.bin link (the shebang names that path).
      const emulator = /node_modules\/\.bin\/alicloud-emulator\0|dist\/emulator\/cli\.js\0/.test(command);
      if (pgrp === group && emulator) return Number(entry);
    } catch {
      // The process ended meanwhile.
    }
  }
  return undefined;
}

/** Stops the npx process group (npx, its shell, the emulator), gracefully first. */
async function stopGroup(process_: ChildProcess): Promise<number | null> {
  if (process_.exitCode !== null || process_.pid === undefined) return process_.exitCode;
  const exited = new Promise<number | null>((resolve) => process_.once("exit", (code) => resolve(code)));
  process.kill(-process_.pid, "SIGTERM");
  const timer = setTimeout(() => process_.pid !== undefined && process.kill(-process_.pid, "SIGKILL"), 10_000);
  const code = await exited;
  clearTimeout(timer);
  return code;
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "pad-emulator-pkg-"));
  const tarball = await packPackage(path.join(root, "pack"));
  project = path.join(root, "empty-folder");
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, "package.json"), `${JSON.stringify({ name: "ci-job", private: true })}\n`);
  // The emulator needs none of the peer dependencies (@pulumi/pulumi is for programs and the kit).
  await promisify(execFile)(
    "npm",
    ["install", "--prefer-offline", "--no-audit", "--no-fund", "--legacy-peer-deps", tarball],
    { cwd: project, env: { ...process.env, npm_config_update_notifier: "false" } },
  );
  const started = Date.now();
  child = spawn("npx", ["--no-install", "alicloud-emulator", "--port", "0"], {
    cwd: project,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
    env: { ...process.env, npm_config_update_notifier: "false" },
  });
  const running = child;
  firstLine = await new Promise<string>((resolve, reject) => {
    let stderr = "";
    running.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    running.once("exit", (code) => reject(new Error(`npx alicloud-emulator exited with ${code}: ${stderr}`)));
    createInterface({ input: running.stdout as NodeJS.ReadableStream }).once("line", resolve);
  });
  url = /^emulator listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(firstLine)?.[1] ?? "";
  process.stdout.write(`npx alicloud-emulator: first line after ${Date.now() - started} ms\n`);
}, 300_000);

afterAll(async () => {
  if (child) await stopGroup(child);
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe("the emulator from the packed package", () => {
  it("GIVEN an empty folder outside the repository WHEN the tarball is installed THEN it is a copy, with the command linked", () => {
    expect(path.relative(REPO, project).startsWith("..")).toBe(true);
    const installed = path.join(project, "node_modules", PACKAGE.name);
    expect(fs.lstatSync(installed).isSymbolicLink()).toBe(false);
    expect(fs.existsSync(path.join(project, "node_modules", ".bin", "alicloud-emulator"))).toBe(true);
    expect(fs.readFileSync(path.join(installed, "dist", "emulator", "cli.js"), "utf8")).toMatch(
      /^#!\/usr\/bin\/env node\n/,
    );
  });

  it("GIVEN `npx alicloud-emulator --port 0` WHEN started THEN its first line is the URL, and health names the package version and products", async () => {
    expect(firstLine).toMatch(/^emulator listening on http:\/\/127\.0\.0\.1:\d+$/);
    const health = (await (await fetch(`${url}/__admin/health`)).json()) as {
      version: string;
      products: { name: string; version: string }[];
      accounts: string[];
    };
    expect(health.version).toBe(PACKAGE.version);
    expect(health.products.map((p) => [p.name, p.version])).toEqual(
      expect.arrayContaining([
        ["vpc", "2016-04-28"],
        ["ecs", "2014-05-26"],
      ]),
    );
    expect(health.accounts).toContain(MAIN_UID);
  });

  it("GIVEN pop-core WHEN it grants, describes and revokes against the installed emulator THEN the answers are Alibaba's", async () => {
    const vpc = new RPCClient({ endpoint: url, apiVersion: "2016-04-28", ...DEFAULT_KEYS.main });
    const grant = {
      RegionId: "cn-hangzhou",
      CenId: "cen-emuowner0000000001",
      CenOwnerId: "9300000000000007",
      InstanceId: "vpc-bp1emumainlink0000001",
      InstanceType: "VPC",
    };
    const made = await vpc.request<{ RequestId: string }>("GrantInstanceToCen", grant, { method: "POST" });
    expect(made.RequestId).toMatch(/^[0-9A-F-]{36}$/);
    const listed = await vpc.request<{ TotalCount: number }>(
      "DescribeGrantRulesToCen",
      { RegionId: "cn-hangzhou", InstanceId: grant.InstanceId, InstanceType: "VPC" },
      { method: "POST" },
    );
    expect(listed.TotalCount).toBe(1);
    await vpc.request("RevokeInstanceFromCen", grant, { method: "POST" });
    await expect(
      new RPCClient({
        endpoint: url,
        apiVersion: "2016-04-28",
        accessKeyId: "LTAI5tNobody",
        accessKeySecret: "x",
      }).request("DescribeVpcAttribute", { RegionId: "cn-hangzhou", VpcId: grant.InstanceId }, { method: "POST" }),
    ).rejects.toMatchObject({ code: "InvalidAccessKeyId.NotFound" });
  });

  it("GIVEN the install WHEN its entry points are resolved THEN ./emulator, ./testing and the schema files load from it", async () => {
    const script = [
      'const emulator = require("pulumi-alicloud-dynamic/emulator");',
      'const testing = require("pulumi-alicloud-dynamic/testing");',
      'const schema = require("pulumi-alicloud-dynamic/emulator/schema/world-seed.schema.json");',
      "console.log(JSON.stringify([typeof emulator.startEmulator, typeof testing.startLocalCloud, schema.title]));",
    ].join("\n");
    // The kit loads @pulumi/pulumi/automation, a peer dependency: borrow the repository's.
    const { stdout } = await promisify(execFile)(process.execPath, ["-e", script], {
      cwd: project,
      env: { ...process.env, NODE_PATH: path.join(REPO, "node_modules") },
    });
    expect(JSON.parse(stdout)).toEqual(["function", "function", "Emulator WorldSeed"]);
  });

  it("GIVEN the running command WHEN the emulator is sent SIGTERM THEN it stops and npx exits 0", async () => {
    const running = child as ChildProcess;
    const pid = emulatorPid(running.pid as number);
    expect(pid).toBeDefined();
    const exited = new Promise<number | null>((resolve) => running.once("exit", (code) => resolve(code)));
    process.kill(pid as number, "SIGTERM");
    expect(await exited).toBe(0);
    child = undefined;
  });
});
