// GIVEN the package packed as `npm pack` makes it, WHEN a user's own project outside the repository
// (examples/offline-start copied out: the minimal skeleton, the README's quick start as index.ts)
// installs the tarball with npm and runs `pulumi` commands as that example's README says, THEN the grant is made and revoked in
// the emulator, and the state records each resource's provider as a small `require` of the
// package by name, never a path of the machine that ran it.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type CliSandbox,
  createCliSandbox,
  installedVersion,
  lockedVersion,
  npmInstall,
  PACKAGE,
  packPackage,
  REPO,
  resourceSummary,
  serializedProvider,
  type TestCli,
  worldObjects,
} from "./cli";
import { CEN_OWNER, type Cloud, MAIN, startCloud, WORLD, worldState } from "./cloud";

// The offline skeleton a user copies (its README), with the quick start's program in the emulator's IDs.
const SKELETON = path.join(REPO, "examples", "offline-start");

const GRANT = `${MAIN.uid}/cn-hangzhou grant ${WORLD.cen}:${WORLD.vpcLinked}:${CEN_OWNER.uid}`;

describe("a user's project that installs the packed package", () => {
  let cloud: Cloud;
  let sandbox: CliSandbox;
  let project: string;
  let cli: TestCli;
  let initial: unknown;

  beforeAll(async () => {
    cloud = await startCloud();
    initial = await worldState(cloud);
    sandbox = createCliSandbox({ prefix: "pad-consumer-", env: cloud.testEnv() });
    const tarball = await packPackage(path.join(sandbox.root, "pack"));
    project = path.join(sandbox.root, "my-network");
    fs.cpSync(SKELETON, project, { recursive: true, filter: (from) => !from.endsWith("README.md") });
    expect(fs.readdirSync(project).sort()).toEqual(["Pulumi.yaml", "index.ts", "package.json", "tsconfig.json"]);
    await npmInstall(project, [
      tarball,
      `@pulumi/pulumi@${lockedVersion("@pulumi/pulumi")}`,
      `typescript@${lockedVersion("typescript")}`,
    ]);
    cli = sandbox.cli(project);
  });
  afterAll(async () => {
    sandbox?.dispose();
    await cloud?.close();
  });

  it("GIVEN npm install of the tarball WHEN installed THEN the project holds a copy of the package (not a link) outside the repository", () => {
    expect(path.relative(REPO, project).startsWith("..")).toBe(true);
    const installed = path.join(project, "node_modules", PACKAGE.name);
    expect(fs.lstatSync(installed).isSymbolicLink()).toBe(false);
    expect(installedVersion(project)).toBe(PACKAGE.version);
    const manifest = JSON.parse(fs.readFileSync(path.join(project, "package.json"), "utf8"));
    expect(manifest.dependencies[PACKAGE.name]).toMatch(/^file:.*\.tgz$/);
  });

  it("GIVEN the quick start WHEN pulumi up THEN the grant exists, and the state's __provider is one require by package name", async () => {
    await cli.command("stack", "init", "dev");
    await cli.configure({
      "alicloud:region": "cn-hangzhou",
      "alicloud:accessKey": MAIN.accessKeyId,
      "alicloud:secretKey": { secret: MAIN.accessKeySecret },
    });
    const before = await worldObjects(cloud.admin);
    expect(before).not.toContain(GRANT);

    const up = await cli.command("up", "--yes");
    expect(resourceSummary(up)).toEqual({ create: 2 });
    expect(await worldObjects(cloud.admin)).toEqual([...before, GRANT].sort());
    const outputs = await cli.outputs();
    expect(outputs.grant).toMatchObject({
      id: `${WORLD.cen}:${WORLD.vpcLinked}:${CEN_OWNER.uid}`,
      cenOwnerId: CEN_OWNER.uid,
      instanceType: "VPC",
    });

    const exported = await cli.command("stack", "export");
    const grant = JSON.parse(exported).deployment.resources.find((r: { type: string }) =>
      r.type.endsWith(":CenGrantRevocation"),
    );
    const provider = grant.inputs.__provider as string;
    // Small, by package name, and nothing of this machine: no path, no copy of the package's code.
    expect(provider.length).toBeLessThan(512);
    expect([...provider.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual([
      "pulumi-alicloud-dynamic/providers/cen-grant-revocation",
    ]);
    expect(provider).not.toContain(sandbox.root);
    expect(provider).not.toContain(REPO);
    expect(provider).not.toMatch(/node_modules|dist\//);
    expect(provider).toBe(serializedProvider("cen-grant-revocation"));
    expect(grant.outputs.__provider).toBe(provider);
    // The state holds no trace of where the package or the project lived.
    expect(exported).not.toContain(sandbox.root);
  });

  it("GIVEN the stack WHEN pulumi destroy THEN the grant is revoked and the world is as before", async () => {
    const destroy = await cli.command("destroy", "--yes");
    expect(resourceSummary(destroy)).toEqual({ delete: 2 });
    expect(await worldObjects(cloud.admin)).not.toContain(GRANT);
    // The grant left nothing behind.
    expect(await worldState(cloud)).toEqual(initial);
    await cli.command("stack", "rm", "--yes", "dev");
  });
});
