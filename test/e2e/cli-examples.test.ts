// GIVEN each example of examples/ (and the repository's root Pulumi.yaml, which runs the quick
// start) in a program folder, WHEN a user drives it with the Pulumi CLI's commands (stack init,
// config set, preview, up, refresh, up again, destroy) against the emulator, THEN the CLI's
// Node.js language host runs the program, the package installed in node_modules serves every
// resource, and the emulator's world shows the effects after up and is back as before after
// destroy (the adopted servers deregistered, as destroy does).
import fs from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_KEYS } from "../../emulator/index";
import type { RunningCli } from "../../scripts/lib/pulumi-cli";
import {
  type CliSandbox,
  copyProgram,
  createCliSandbox,
  objectChanges,
  REPO,
  resourceSummary,
  type TestCli,
  worldObjects,
} from "./cli";
import { CEN_OWNER, type Cloud, MAIN, OTHER, startCloud, WORLD, worldState } from "./cloud";

const HZ = `${MAIN.uid}/cn-hangzhou`;
const KEYS = {
  "alicloud:region": "cn-hangzhou",
  "alicloud:accessKey": MAIN.accessKeyId,
  "alicloud:secretKey": { secret: MAIN.accessKeySecret },
};

describe("the examples through the Pulumi CLI", () => {
  let cloud: Cloud;
  let sandbox: CliSandbox;

  beforeAll(async () => {
    cloud = await startCloud();
    sandbox = createCliSandbox({ prefix: "pad-cli-examples-", env: cloud.testEnv() });
  });
  afterAll(async () => {
    sandbox?.dispose();
    await cloud?.close();
  });
  // Each example starts from the default world (the quick start deregisters a default server).
  beforeEach(async () => {
    await cloud.admin.reset();
  });

  /** The hub's CEN attachments in the emulator's world: `<cenId>:<childInstanceId> <owner UID> <status>`. */
  async function hubAttachments(): Promise<string[]> {
    const world = (await cloud.admin.world()) as unknown as {
      accounts: {
        uid: string;
        cenAttachments?: { cenId: string; childInstanceId: string; childInstanceOwnerId: string; status: string }[];
      }[];
    };
    const hub = world.accounts.find((account) => account.uid === CEN_OWNER.uid);
    // Sorted: the attachments are made in parallel, in no fixed order.
    return (hub?.cenAttachments ?? [])
      .map((a) => `${a.cenId}:${a.childInstanceId} ${a.childInstanceOwnerId} ${a.status}`)
      .sort();
  }

  /** The grants examples/cross-account-cen makes, as worldObjects lists them. */
  const spokeGrants = () =>
    [
      `${HZ} grant ${WORLD.cen}:${WORLD.vpcLinked}:${CEN_OWNER.uid}`,
      `${OTHER.uid}/cn-hangzhou grant ${WORLD.cen}:${WORLD.otherVpc}:${CEN_OWNER.uid}`,
    ].sort();

  /** Its attachments, as hubAttachments lists them. */
  const hubAttached = () =>
    [
      `${WORLD.cen}:${WORLD.vpcLinked} ${MAIN.uid} Attached`,
      `${WORLD.cen}:${WORLD.otherVpc} ${OTHER.uid} Attached`,
    ].sort();

  /** The example's folder copied out of the repository, node_modules linked to the repository's. */
  function exampleFolder(name: string, copy = name): TestCli {
    return sandbox.cli(copyProgram(path.join(REPO, "examples", name), path.join(sandbox.root, copy)));
  }

  /**
   * stack init, config set, preview (changes nothing), up (creates `count` resources, the stack
   * included), with `duringUp` run while up runs; returns up's standard output.
   */
  async function initAndUp(
    cli: TestCli,
    stack: string,
    config: Record<string, string | { secret: string }>,
    count: number,
    duringUp?: (up: RunningCli) => Promise<void>,
  ): Promise<string> {
    await cli.command("stack", "init", stack);
    await cli.configure(config);
    const before = await worldState(cloud);
    const preview = await cli.command("preview");
    expect(resourceSummary(preview)).toEqual({ create: count });
    expect(await worldState(cloud), "preview changed the world").toEqual(before);

    const up = cli.start(["up", "--yes"]);
    const [result] = await Promise.all([up.done, duringUp?.(up)]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(resourceSummary(result.stdout)).toEqual({ create: count });
    return result.stdout;
  }

  /** refresh and a second up find nothing to change; destroy deletes everything. */
  async function refreshUpAgainDestroy(cli: TestCli, count: number): Promise<void> {
    const refresh = await cli.command("refresh", "--yes");
    expect(resourceSummary(refresh), refresh).toEqual({ same: count });
    const again = await cli.command("up", "--yes");
    expect(resourceSummary(again), again).toEqual({ same: count });
    expect(again).not.toMatch(/\b(created|updated|replaced|deleted)\b/);
    const destroy = await cli.command("destroy", "--yes");
    expect(resourceSummary(destroy), destroy).toEqual({ delete: count });
    expect(await cli.resources()).toEqual([]);
  }

  /** The quick start's effects, whichever folder runs it. */
  async function quickstartLifecycle(cli: TestCli, stack: string): Promise<void> {
    const before = await worldObjects(cloud.admin);
    const up = await initAndUp(cli, stack, KEYS, 4);
    expect(up).toMatch(new RegExp(`grantId\\s*: "${WORLD.cen}:${WORLD.vpcLinked}:${CEN_OWNER.uid}"`));
    expect(objectChanges(before, await worldObjects(cloud.admin))).toEqual({
      added: [
        `${HZ} grant ${WORLD.cen}:${WORLD.vpcLinked}:${CEN_OWNER.uid}`,
        `${HZ} link ${WORLD.classic1}:${WORLD.vpcLinked}`,
        `${HZ} managed ${WORLD.managed1} build-server-01`,
      ],
      removed: [`${HZ} managed ${WORLD.managed1} web-001`],
    });
    const state = await cli.managed();
    expect(Object.keys(state).sort()).toEqual(["build-server", "legacy-web-link", "vpc-to-partner-cen"]);
    expect(state["build-server"]?.id).toBe(WORLD.managed1);

    await refreshUpAgainDestroy(cli, 4);
    // The grant and the link are gone; the adopted server is deregistered.
    expect(objectChanges(before, await worldObjects(cloud.admin))).toEqual({
      added: [],
      removed: [`${HZ} managed ${WORLD.managed1} web-001`],
    });
  }

  it("GIVEN examples/quickstart WHEN driven by the CLI THEN a grant, a link and an adopted, renamed server come and go", async () => {
    await quickstartLifecycle(exampleFolder("quickstart"), "dev");
  });

  it("GIVEN the repository's root Pulumi.yaml WHEN driven by the CLI from the root THEN it runs the quick start", async () => {
    // In place, as the README says: a stack name of its own, its config file removed afterwards.
    const stack = `cli-root-${process.pid}`;
    const cli = sandbox.cli(REPO);
    try {
      await quickstartLifecycle(cli, stack);
      await cli.command("stack", "rm", "--yes", stack);
      expect(fs.existsSync(path.join(REPO, `Pulumi.${stack}.yaml`))).toBe(false);
    } finally {
      await cli.attempt(["stack", "rm", "--yes", "--force", stack]);
      fs.rmSync(path.join(REPO, `Pulumi.${stack}.yaml`), { force: true });
    }
  });

  it("GIVEN examples/cross-account-cen WHEN driven by the CLI THEN each account grants its own VPC through its CLI profile, and the hub attaches both", async () => {
    const cli = exampleFolder("cross-account-cen");
    const world = await worldState(cloud);
    const before = await worldObjects(cloud.admin);
    // No stack credentials: each resource signs with its own profile of ~/.aliyun/config.json.
    const up = await initAndUp(cli, "dev", { "alicloud:region": "cn-hangzhou" }, 5);
    expect(up).toMatch(new RegExp(`hubCen\\s*: "${WORLD.cen}"`));
    expect(objectChanges(before, await worldObjects(cloud.admin))).toEqual({
      added: spokeGrants(),
      removed: [],
    });
    // The attachments are the hub's, each naming the VPC's owner.
    expect(await hubAttachments()).toEqual(hubAttached());
    await refreshUpAgainDestroy(cli, 5);
    expect(await hubAttachments()).toEqual([]);
    expect(await worldState(cloud)).toEqual(world);
  });

  it("GIVEN examples/cross-account-cen with central: true WHEN driven by the CLI with the hub's keys alone THEN each grant is made by a session of the spoke's role, and the hub attaches both", async () => {
    const cli = exampleFolder("cross-account-cen", "cross-account-cen-central");
    const before = await worldObjects(cloud.admin);
    const hub = DEFAULT_KEYS.hubDeployer;
    const up = await initAndUp(
      cli,
      "central",
      {
        "alicloud:region": "cn-hangzhou",
        "alicloud:accessKey": hub.accessKeyId,
        "alicloud:secretKey": { secret: hub.accessKeySecret },
        central: "true",
      },
      5,
    );
    expect(up).toMatch(new RegExp(`hubCen\\s*: "${WORLD.cen}"`));
    expect(objectChanges(before, await worldObjects(cloud.admin))).toEqual({
      added: spokeGrants(),
      removed: [],
    });
    // The spokes' roles were assumed, once per role: the grants signed as their sessions.
    expect((await cloud.admin.counters()).requests.AssumeRole ?? 0).toBeGreaterThanOrEqual(2);
    expect(await hubAttachments()).toEqual(hubAttached());
    await refreshUpAgainDestroy(cli, 5);
    expect(await hubAttachments()).toEqual([]);
    // Every object is gone again (the world differs only by the STS keys the sessions were given).
    expect(objectChanges(before, await worldObjects(cloud.admin))).toEqual({ added: [], removed: [] });
  });

  it("GIVEN examples/cross-account-cen with edition: enterprise WHEN driven by the CLI THEN each account grants its own VPC to the hub's transit router through its CLI profile; destroy revokes both", async () => {
    const cli = exampleFolder("cross-account-cen", "cross-account-cen-enterprise");
    const world = await worldState(cloud);
    const trGrants = async () => {
      const view = await cloud.admin.world();
      return view.accounts
        .flatMap((account) =>
          (account.transitRouterGrants ?? []).map((g) => `${account.uid} ${g.cenId}:${g.instanceId}`),
        )
        .sort();
    };
    const up = await initAndUp(cli, "enterprise", { "alicloud:region": "cn-hangzhou", edition: "enterprise" }, 3);
    expect(up).toMatch(new RegExp(`hubCen\\s*: "${WORLD.cenEnterprise}"`));
    expect(await trGrants()).toEqual(
      [
        `${MAIN.uid} ${WORLD.cenEnterprise}:${WORLD.vpcLinked}`,
        `${OTHER.uid} ${WORLD.cenEnterprise}:${WORLD.otherVpc}`,
      ].sort(),
    );
    await refreshUpAgainDestroy(cli, 3);
    expect(await trGrants()).toEqual([]);
    expect(await worldState(cloud)).toEqual(world);
  });

  it("GIVEN examples/hybrid-servers WHEN the agents register while up waits THEN both are adopted and named; destroy deregisters them and deletes the activation", async () => {
    const cli = exampleFolder("hybrid-servers");
    const world = await worldState(cloud);
    const before = await worldObjects(cloud.admin);
    const registered: string[] = [];

    // What the operator of the servers does while `pulumi up` waits (examples/hybrid-servers/README.md):
    // read the activation's id and code, run the agent's --register on each server.
    const playTheAgents = async (up: RunningCli) => {
      // The registrations wait for their servers: the CLI says so.
      for (const hostname of ["db-01", "db-02"]) {
        await until(up, () => new RegExp(`waiting for a server with hostname ${hostname}\\b`).test(up.output()));
      }
      const { activationId, activationCode } = await activationFromCheckpoint(cli);
      expect(await worldObjects(cloud.admin)).toContain(`${HZ} activation ${activationId}`);
      for (const [i, hostname] of ["db-01", "db-02"].entries()) {
        const answer = await cloud.admin.registerAgent({
          regionId: "cn-hangzhou",
          activationId,
          activationCode,
          hostname,
          intranetIp: `10.1.0.${i + 1}`,
        });
        registered.push(answer.instanceId);
      }
    };
    const up = await initAndUp(cli, "dev", { ...KEYS, registrationWaitSeconds: "120" }, 4, playTheAgents);
    expect(up).toMatch(/activationCode\s*: \[secret\]/);

    const outputs = await cli.outputs("--show-secrets");
    expect(outputs.managedInstances).toEqual(registered);
    expect(objectChanges(before, await worldObjects(cloud.admin))).toEqual({
      added: [
        `${HZ} activation ${outputs.activationId}`,
        `${HZ} managed ${registered[0]} hybrid-db-primary`,
        `${HZ} managed ${registered[1]} hybrid-db-replica`,
      ].sort(),
      removed: [],
    });

    await refreshUpAgainDestroy(cli, 4);
    expect(await worldState(cloud)).toEqual(world);
  });

  it("GIVEN examples/classic-migration WHEN driven by the CLI THEN the three classic instances are linked, then unlinked", async () => {
    const cli = exampleFolder("classic-migration");
    const world = await worldState(cloud);
    const before = await worldObjects(cloud.admin);
    await initAndUp(cli, "dev", KEYS, 4);
    expect(objectChanges(before, await worldObjects(cloud.admin))).toEqual({
      added: [WORLD.classic1, WORLD.classic2, WORLD.classic3].map((i) => `${HZ} link ${i}:${WORLD.vpcLinked2}`),
      removed: [],
    });
    await refreshUpAgainDestroy(cli, 4);
    expect(await worldState(cloud)).toEqual(world);
  });
});

/** Waits until `condition` holds while `command` runs; fails with its output if it ends first. */
async function until(command: RunningCli, condition: () => boolean | Promise<boolean>): Promise<void> {
  let ended = false;
  void command.done.then(() => {
    ended = true;
  });
  for (;;) {
    if (await condition()) return;
    if (ended) throw new Error(`The command ended while waited on:\n${command.output()}`);
    await sleep(100);
  }
}

/**
 * The activation's id and code, read as an operator can while `pulumi up` still runs: from the
 * stack's checkpoint (`pulumi stack export --show-secrets`). Stack outputs (`pulumi stack
 * output`) are only recorded once the whole program has completed, after the registrations.
 */
async function activationFromCheckpoint(cli: TestCli): Promise<{ activationId: string; activationCode: string }> {
  const state = await cli.exportState("--show-secrets");
  const activation = state.deployment.resources?.find((r) => r.type.endsWith(":ManagedInstanceActivation"));
  const outputs = activation?.outputs ?? {};
  const code = outputs.activationCode as string | { plaintext: string } | undefined;
  const activationCode = typeof code === "object" ? (JSON.parse(code.plaintext) as string) : code;
  if (typeof outputs.activationId !== "string" || typeof activationCode !== "string") {
    throw new Error(`No activation with its code in the checkpoint: ${JSON.stringify(activation)}`);
  }
  return { activationId: outputs.activationId, activationCode };
}
