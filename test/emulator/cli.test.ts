// GIVEN the built CLI (dist/emulator/cli.js, as `npm run emulator` runs it) WHEN started with flags
// THEN its first stdout line says where it listens, flags take effect, and SIGTERM/SIGINT stop it
// cleanly with exit 0 after flushing the state file.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterEach, describe, expect, it } from "vitest";
import { parseCli } from "../../emulator/cli.js";
import { AdminClient } from "../../emulator/index.js";
import { call, expectFailure, IDS, pop, VPC } from "./helpers.js";

const CLI = path.resolve(__dirname, "..", "..", "dist", "emulator", "cli.js");
const children: ChildProcess[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** Starts the CLI and resolves with its first stdout line. */
function launch(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ child: ChildProcess; firstLine: string; url: string }> {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npx tsc -p tsconfig.json)`);
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"], env });
  children.push(child);
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once("exit", (code) => reject(new Error(`cli exited with ${code}: ${stderr}`)));
    lines.once("line", (line) => {
      const match = /^emulator listening on (http:\/\/(?:127\.0\.0\.1|0\.0\.0\.0):\d+)$/.exec(line);
      if (match?.[1]) resolve({ child, firstLine: line, url: match[1] });
      else reject(new Error(`unexpected first line: ${line}`));
    });
  });
}

/** Runs the CLI to its end: exit code and stderr. */
async function runToExit(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<[number | null, string]> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "ignore", "pipe"], env });
  children.push(child);
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return [await exitOf(child), stderr];
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emu-cli-"));
  dirs.push(dir);
  return dir;
}

describe("CLI", () => {
  it("GIVEN --port 0 --key --fault --state WHEN started THEN the first line is the URL, the key works, the fault fires, and SIGTERM exits 0 with the state saved", async () => {
    const stateFile = path.join(tempDir(), "state.json");
    const { child, firstLine, url } = await launch([
      "--port",
      "0",
      "--quiet",
      "--state",
      stateFile,
      "--key",
      "4444333322221111:LTAI5tCliKey0001:cli-secret",
      "--fault",
      "Throttling:count=1:action=DescribeVpcAttribute",
    ]);
    expect(firstLine).toMatch(/^emulator listening on http:\/\/127\.0\.0\.1:\d+$/);
    const key = { accessKeyId: "LTAI5tCliKey0001", accessKeySecret: "cli-secret" };
    await new AdminClient(url).seed({
      accounts: [{ uid: "4444333322221111", vpcs: [{ regionId: "cn-hangzhou", vpcId: "vpc-cli00001" }] }],
    });
    await expectFailure(
      call(pop(url, VPC, key), "DescribeVpcAttribute", { RegionId: "cn-hangzhou", VpcId: "vpc-cli00001" }),
      "Throttling",
      400,
    );
    const attr = await call<{ OwnerId: { toString(): string } }>(pop(url, VPC, key), "DescribeVpcAttribute", {
      RegionId: "cn-hangzhou",
      VpcId: "vpc-cli00001",
    });
    expect(attr.OwnerId.toString()).toBe("4444333322221111");
    const exited = exitOf(child);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(fs.readFileSync(stateFile, "utf8")).toContain("vpc-cli00001");

    // The world survives a restart on the same state file.
    const again = await launch(["--port", "0", "--quiet", "--state", stateFile]);
    const kept = await call<{ VpcId: string }>(pop(again.url, VPC, key), "DescribeVpcAttribute", {
      RegionId: "cn-hangzhou",
      VpcId: "vpc-cli00001",
    });
    expect(kept.VpcId).toBe("vpc-cli00001");
    const stopped = exitOf(again.child);
    again.child.kill("SIGINT");
    expect(await stopped).toBe(0);
  });

  it("GIVEN --seed and --consistency-delay WHEN started THEN the seed is the world and Describe lags", async () => {
    const seedFile = path.join(tempDir(), "seed.json");
    fs.writeFileSync(
      seedFile,
      JSON.stringify({
        // Editors read it; the emulator ignores it.
        $schema: "../dist/emulator/schema/world-seed.schema.json",
        accounts: [
          {
            uid: IDS.mainUid,
            accessKeys: [{ accessKeyId: "LTAI5tSeeded01", accessKeySecret: "seeded" }],
            vpcs: [{ regionId: "cn-hangzhou", vpcId: "vpc-seeded01" }],
          },
        ],
      }),
    );
    const { child, url } = await launch(["--port", "0", "--quiet", "--seed", seedFile, "--consistency-delay", "60000"]);
    const world = await new AdminClient(url).world();
    expect(world.accounts.map((a) => a.uid)).toEqual([IDS.mainUid]);
    expect(world.settings.consistencyDelayMs).toBe(60000);
    const key = { accessKeyId: "LTAI5tSeeded01", accessKeySecret: "seeded" };
    await call(pop(url, VPC, key), "EnableVpcClassicLink", { RegionId: "cn-hangzhou", VpcId: "vpc-seeded01" });
    const attr = await call<{ ClassicLinkEnabled: boolean }>(pop(url, VPC, key), "DescribeVpcAttribute", {
      RegionId: "cn-hangzhou",
      VpcId: "vpc-seeded01",
    });
    expect(attr.ClassicLinkEnabled).toBe(false);
    const exited = exitOf(child);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });

  it("GIVEN --help WHEN run THEN usage is printed and it exits 0; GIVEN a bad flag THEN it exits 2", async () => {
    const help = spawn(process.execPath, [CLI, "--help"], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    help.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    expect(await exitOf(help)).toBe(0);
    expect(out).toContain("--consistency-delay <ms>");
    const bad = spawn(process.execPath, [CLI, "--port", "seventy"], { stdio: "ignore" });
    expect(await exitOf(bad)).toBe(2);
  });

  it("GIVEN a --seed file with wrong fields WHEN started THEN it exits 2 naming each field", async () => {
    const seedFile = path.join(tempDir(), "bad-seed.json");
    fs.writeFileSync(seedFile, JSON.stringify({ accounts: [{ uid: "12x", vpcs: [{ regionId: "cn-hangzhou" }] }] }));
    const [code, stderr] = await runToExit(["--port", "0", "--seed", seedFile]);
    expect(code).toBe(2);
    expect(stderr).toContain("accounts[0].uid: must match");
    expect(stderr).toContain("accounts[0].vpcs[0].vpcId: is required");
  });

  it("GIVEN --host 0.0.0.0 WHEN started without a token THEN it refuses; with --admin-token (or the variable) the admin surface asks for it", async () => {
    const env = { ...process.env };
    delete env.ALICLOUD_EMULATOR_ADMIN_TOKEN;
    const [code, stderr] = await runToExit(["--host", "0.0.0.0", "--port", "0"], env);
    expect(code).toBe(1);
    expect(stderr).toMatch(/--admin-token <token> or ALICLOUD_EMULATOR_ADMIN_TOKEN/);
    const token = "cli-admin-token-0001";
    const { child, url } = await launch(["--host", "0.0.0.0", "--port", "0", "--quiet", "--admin-token", token], env);
    const local = url.replace("0.0.0.0", "127.0.0.1");
    await expect(new AdminClient(local).health()).rejects.toMatchObject({ status: 401 });
    expect((await new AdminClient(local, { token }).health()).ok).toBe(true);
    const exited = exitOf(child);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    const viaEnv = await launch(["--port", "0", "--quiet"], { ...env, ALICLOUD_EMULATOR_ADMIN_TOKEN: token });
    const refused = await fetch(`${viaEnv.url}/__admin/health`);
    expect(refused.status).toBe(401);
    expect((await new AdminClient(viaEnv.url, { token }).health()).ok).toBe(true);
  });

  it("GIVEN flag values WHEN parsed THEN keys, faults and latency become options", () => {
    const cli = parseCli([
      "--port",
      "0",
      "--key",
      "1:AK:se:cret",
      "--fault",
      "Throttling:rate=0.2",
      "--latency",
      "30",
      "--quiet",
    ]);
    expect(cli).toMatchObject({
      port: 0,
      host: "127.0.0.1",
      quiet: true,
      keys: [{ uid: "1", accessKeyId: "AK", accessKeySecret: "se:cret" }],
      rules: [
        { kind: "Throttling", rate: 0.2 },
        { kind: "Latency", latencyMs: 30 },
      ],
    });
    expect(parseCli([]).port).toBe(8765);
    expect(() => parseCli(["--key", "nouid"])).toThrow(/--key must be/);
    expect(() => parseCli(["--fault", "Meteor"])).toThrow(/kind must be one of/);
    expect(() => parseCli(["--fault", "Throttling:rate"])).toThrow(/key=value/);
  });
});
