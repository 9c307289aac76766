// A state written by one version of the package must stay refreshable and destroyable by every
// later one (docs/versioning.md): each resource's state requires its provider
// by package name, and whichever version is installed serves it.
//
// GIVEN a stack created with the packed current version, WHEN the project installs a newer
// version, THEN refresh finds nothing changed and destroy removes every object.
// GIVEN the state that version 0.1.0 wrote (test/fixtures/v0.1.0, with the emulator world that
// matches it), WHEN it is imported into a new stack, THEN the version built from this checkout
// refreshes it without dropping or changing anything, and destroys every object it holds.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../emulator/index";
import { emulatorEnv } from "../../testing/index";
import {
  createCliSandbox,
  installedVersion,
  linkNodeModules,
  lockedVersion,
  npmInstall,
  objectChanges,
  PACKAGE,
  packPackage,
  REPO,
  repackWithVersion,
  resourceSummary,
  type StateResource,
  serializedProvider,
  type TestCli,
  worldObjects,
  writeUserProject,
} from "./cli";
import { CEN_OWNER, MAIN, WORLD } from "./cloud";

const FIXTURE = path.join(REPO, "test", "fixtures", "v0.1.0");

/** What scripts/fixtures/state-fixture.mjs recorded about the fixture. */
interface FixtureInfo {
  package: string;
  project: string;
  stack: string;
  passphrase: string;
  program: string;
  resources: { type: string; name: string; id: string; provider: string }[];
}
const fixture = JSON.parse(fs.readFileSync(path.join(FIXTURE, "fixture.json"), "utf8")) as FixtureInfo;

const HZ = `${MAIN.uid}/cn-hangzhou`;
const KEYS = {
  "alicloud:region": "cn-hangzhou",
  "alicloud:accessKey": MAIN.accessKeyId,
  "alicloud:secretKey": { secret: MAIN.accessKeySecret },
};
/** The provider module of each resource kind (the paths docs/versioning.md promises never to move). */
const MODULES: Record<string, string> = {
  CenGrantRevocation: "cen-grant-revocation",
  ClassicLinkAttachment: "classic-link-attachment",
  ManagedInstanceActivation: "managed-instance-activation",
  ManagedInstanceRegistration: "managed-instance-registration",
};

/** The objects of the emulator's world that the fixture's program creates or adopts. */
function programObjects(activationId: string): { added: string[]; removed: string[] } {
  return {
    added: [
      `${HZ} activation ${activationId}`,
      `${HZ} grant ${WORLD.cen}:${WORLD.vpcLinked}:${CEN_OWNER.uid}`,
      `${HZ} link ${WORLD.classic1}:${WORLD.vpcLinked}`,
      `${HZ} managed ${WORLD.managed1} fixture-web-01`,
    ],
    removed: [`${HZ} managed ${WORLD.managed1} web-001`],
  };
}

/** After destroy: the adopted server deregistered, nothing else left of the program. */
const DESTROYED = { added: [], removed: [`${HZ} managed ${WORLD.managed1} web-001`] };

/** The dynamic resources of a state, by name: id, inputs and outputs (the provider's part). */
type ManagedState = Record<string, Pick<StateResource, "id" | "inputs" | "outputs">>;

/** The dynamic resources of the stack, by name, secrets in clear (their ciphertexts change on every write). */
async function managedState(cli: TestCli): Promise<ManagedState> {
  const resources = (await cli.exportState("--show-secrets")).deployment.resources ?? [];
  return Object.fromEntries(
    resources
      .filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"))
      .map((r) => [r.urn.split("::").pop(), { id: r.id, inputs: r.inputs, outputs: r.outputs }]),
  );
}

/**
 * A refresh that found nothing changed: every resource kept, same id and outputs, every stored
 * input kept. (Refresh may record more inputs than the program gave: the provider's read returns
 * the inputs as the outputs show them, e.g. the adopted server's `instanceId`, a default `disabled`.)
 */
function expectUnchanged(after: ManagedState, before: ManagedState): void {
  expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
  for (const [name, resource] of Object.entries(before)) {
    expect(after[name]?.id, name).toBe(resource.id);
    expect(after[name]?.outputs, name).toEqual(resource.outputs);
    expect(after[name]?.inputs, name).toMatchObject(resource.inputs ?? {});
  }
}

describe("upgrades: a state written by one version, refreshed and destroyed by a later one", () => {
  it("GIVEN a stack created with the packed current version WHEN the project installs a newer version THEN refresh changes nothing and destroy removes every object", async () => {
    const emulator = await startEmulator({ port: 0 });
    const sandbox = createCliSandbox({ prefix: "pad-upgrade-", env: emulatorEnv(emulator.url) });
    try {
      const current = await packPackage(path.join(sandbox.root, "pack-current"));
      const newer = await repackWithVersion(current, path.join(sandbox.root, "pack-newer"), "99.0.0");
      const project = path.join(sandbox.root, "project");
      writeUserProject(project, fixture.project, fixture.program);
      await npmInstall(project, [
        current,
        `@pulumi/pulumi@${lockedVersion("@pulumi/pulumi")}`,
        `typescript@${lockedVersion("typescript")}`,
      ]);
      expect(installedVersion(project)).toBe(PACKAGE.version);
      const cli = sandbox.cli(project);

      await cli.command("stack", "init", "dev");
      await cli.configure(KEYS);
      const before = await worldObjects(emulator.admin);
      expect(resourceSummary(await cli.command("up", "--yes"))).toEqual({ create: 5 });
      const created = await managedState(cli);
      const activationId = created.activation?.id as string;
      expect(objectChanges(before, await worldObjects(emulator.admin))).toEqual(programObjects(activationId));

      // The upgrade: npm install of the newer tarball replaces the package in node_modules.
      await npmInstall(project, [newer]);
      expect(installedVersion(project)).toBe("99.0.0");

      const refresh = await cli.command("refresh", "--yes");
      expect(resourceSummary(refresh), refresh).toEqual({ same: 5 });
      expectUnchanged(await managedState(cli), created);

      const destroy = await cli.command("destroy", "--yes");
      expect(resourceSummary(destroy), destroy).toEqual({ delete: 5 });
      expect(objectChanges(before, await worldObjects(emulator.admin))).toEqual(DESTROYED);
    } finally {
      await emulator.stop();
      sandbox.dispose();
    }
  });

  describe(`GIVEN the state ${fixture.package} wrote (test/fixtures/v0.1.0)`, () => {
    let sandbox: ReturnType<typeof createCliSandbox>;
    let emulator: Awaited<ReturnType<typeof startEmulator>>;
    let cli: TestCli;
    let imported: ManagedState;

    beforeAll(async () => {
      // The fixture's world, in a copy: the emulator writes its state file after every change.
      sandbox = createCliSandbox({ prefix: "pad-fixture-", passphrase: fixture.passphrase });
      const world = path.join(sandbox.root, "world.json");
      fs.copyFileSync(path.join(FIXTURE, "world.json"), world);
      emulator = await startEmulator({ port: 0, stateFile: world });

      // A program folder of the fixture's project, the package installed as this checkout builds it.
      const project = path.join(sandbox.root, "project");
      fs.mkdirSync(project);
      fs.writeFileSync(path.join(project, "Pulumi.yaml"), `name: ${fixture.project}\nruntime: nodejs\n`);
      fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: fixture.project, private: true }));
      linkNodeModules(project);
      cli = sandbox.cli(project, emulatorEnv(emulator.url));
    });
    afterAll(async () => {
      // The emulator writes its state file once more as it stops: before the directory goes.
      await emulator?.stop();
      sandbox?.dispose();
    });

    it("WHEN imported into a new stack THEN it holds one resource of each kind, each provider a require by package name", async () => {
      expect(fixture.resources.map((r) => r.type.split(":").pop()).sort()).toEqual(Object.keys(MODULES));
      await cli.command("stack", "init", fixture.stack);
      await cli.configure(KEYS);
      await cli.command("stack", "import", "--file", path.join(FIXTURE, "state.json"));
      imported = await managedState(cli);
      expect(Object.keys(imported).sort()).toEqual(fixture.resources.map((r) => r.name).sort());
      for (const resource of fixture.resources) {
        const module = MODULES[resource.type.split(":").pop() as string] as string;
        expect(imported[resource.name]?.id).toBe(resource.id);
        expect(imported[resource.name]?.inputs?.__provider).toBe(serializedProvider(module));
      }
      const activationId = imported.activation?.id as string;
      // The world matches the state: everything the program made is there.
      const defaults = await startEmulator({ port: 0 });
      try {
        expect(objectChanges(await worldObjects(defaults.admin), await worldObjects(emulator.admin))).toEqual(
          programObjects(activationId),
        );
      } finally {
        await defaults.stop();
      }
    });

    it("WHEN refreshed with the current version THEN nothing drifts and nothing is dropped", async () => {
      const refresh = await cli.command("refresh", "--yes");
      expect(resourceSummary(refresh), refresh).toEqual({ same: 5 });
      expectUnchanged(await managedState(cli), imported);
    });

    it("WHEN destroyed with the current version THEN every object is removed from the world", async () => {
      const destroy = await cli.command("destroy", "--yes");
      expect(resourceSummary(destroy), destroy).toEqual({ delete: 5 });
      expect(await cli.resources()).toEqual([]);
      const world = await worldObjects(emulator.admin);
      const activationId = imported.activation?.id as string;
      for (const line of programObjects(activationId).added) expect(world).not.toContain(line);
      expect(world.filter((line) => line.includes(WORLD.managed1))).toEqual([]);
      // What is left is the default world without the adopted server, which destroy deregistered.
      const defaults = await startEmulator({ port: 0 });
      try {
        expect(objectChanges(await worldObjects(defaults.admin), world)).toEqual(DESTROYED);
      } finally {
        await defaults.stop();
      }
    });
  });
});
