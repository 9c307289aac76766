// GIVEN a real `pulumi up` through the CLI in a program folder, WHEN it is cut off (the CLI killed
// with SIGKILL, the dynamic provider process killed while the CLI lives, or a create giving up
// after every answer was lost), THEN the provider process starts no further change, and the
// documented recovery (docs/recovery.md, "When a run is cut off") leaves 0 objects outside the state, 0 made
// twice, every declared object present, and 0 left after `pulumi destroy`.
//
// The emulator runs in this process, so it outlives whatever is killed. Creates are made slow (a
// Latency fault on the create action) so that several are in flight when the run is cut; the cut
// comes once K objects exist in the emulator, never after a fixed sleep.
import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FaultRule } from "../../emulator/index";
import { type CliSandbox, createCliSandbox, javascriptProgram, type TestCli } from "./cli";
import { CEN_OWNER, type Cloud, changeRequests, MAIN, startCloud, WORLD } from "./cloud";
import { poll, providerProcesses, removeEmptyCheckpointAttrs, running, type Started, startCommand } from "./processes";

const RECOVER_ENV = "ALICLOUD_DYNAMIC_RECOVER_INTERRUPTED";
const RECOVER = { [RECOVER_ENV]: "true" };
const GRANTS = 30;
const ACTIVATIONS = 10;
/** How many objects exist when the run is cut: mid-flight, well short of all of them. */
const CUT_AT = 6;
/** Time the emulator spends on each create: long enough that several are in flight at the cut. */
const CREATE_LATENCY_MS = 300;
const cenId = (i: number) => `cen-crash${String(i).padStart(4, "0")}`;
/** Enterprise Edition CEN instances, for the transit router grants. */
const trCenId = (i: number) => `cen-crashtr${String(i).padStart(4, "0")}`;

/** The program; what it declares comes from the stack's `<project>:declare` config. */
const PROGRAM = `const pulumi = require("@pulumi/pulumi");
const x = require("pulumi-alicloud-dynamic");

const declare = new pulumi.Config().requireObject("declare");
for (let i = 0; i < (declare.registrations ?? 0); i++) {
  new x.ManagedInstanceRegistration(\`server-\${i}\`, { instanceId: "${WORLD.managed1}", instanceName: "crash-server" });
}
for (let i = 0; i < (declare.grants ?? 0); i++) {
  new x.CenGrantRevocation(\`grant-\${i}\`, {
    cenId: \`cen-crash\${String(i).padStart(4, "0")}\`,
    cenOwnerId: "${CEN_OWNER.uid}",
    instanceId: "${WORLD.vpcLinked}",
  });
}
for (let i = 0; i < (declare.trGrants ?? 0); i++) {
  new x.TransitRouterGrant(\`tr-grant-\${i}\`, {
    cenId: \`cen-crashtr\${String(i).padStart(4, "0")}\`,
    cenOwnerId: "${CEN_OWNER.uid}",
    instanceId: "${WORLD.vpcLinked}",
  });
}
for (let i = 0; i < (declare.links ?? 0); i++) {
  new x.ClassicLinkAttachment(\`link-\${i}\`, { instanceId: "${WORLD.classic1}", vpcId: "${WORLD.vpcLinked}" });
}
for (let i = 0; i < (declare.activations ?? 0); i++) {
  new x.ManagedInstanceActivation(\`codes-\${i}\`, { instanceCount: 2, description: \`crash test \${i}\` });
}
`;

const ownerDigest = (urn: string) => createHash("sha256").update(urn).digest("hex");

/** The figures of one scenario, for the closing table. */
interface Figures {
  scenario: string;
  /** Objects the program declares. */
  declared: number;
  /** Objects that existed in the emulator once the cut-off run was over (killed, or failed). */
  existedAtCut: number;
  /** Pending operations the cut-off run left in the state. */
  pendingAtCut: number;
  /** Objects that existed outside the state after the cut. */
  outsideAfterCut: number | string;
  /** Objects outside the state after the recovery. */
  outsideAfterRecovery: number;
  /** Objects made twice (effect counters), or resources with two live objects. */
  twice: number;
  /** Declared objects live and recorded after the recovery. */
  present: number;
  leftAfterDestroy: number;
  /** ms from the CLI's SIGKILL until its provider process had exited. */
  providerExitMs: number | string;
  /** The file backend's empty `.attrs` sidecar had to be removed (a kill during a checkpoint write). */
  attrsRepaired: boolean | string;
  recovery: string;
}
const figures: Figures[] = [];

describe("an up cut off, then the documented recovery", () => {
  let cloud: Cloud;
  let sandbox: CliSandbox;

  beforeAll(async () => {
    cloud = await startCloud();
    sandbox = createCliSandbox({ prefix: "pad-crash-", env: cloud.testEnv() });
  });

  afterAll(async () => {
    if (figures.length) console.table(figures);
    sandbox?.dispose();
    await cloud?.close();
  });

  /** A program folder with stack `dev` declaring `declare`, and a fresh world with the CENs it grants to. */
  async function program(name: string, declare: Record<string, number>): Promise<TestCli> {
    const cli = await javascriptProgram(sandbox, name, PROGRAM, { [`${name}:declare`]: JSON.stringify(declare) });
    await cloud.admin.reset();
    await cloud.admin.seed({
      accounts: [
        {
          uid: CEN_OWNER.uid,
          cens: [
            ...Array.from({ length: GRANTS }, (_, i) => ({ cenId: cenId(i) })),
            ...Array.from({ length: GRANTS }, (_, i) => ({
              cenId: trCenId(i),
              transitRouterEdition: "Enterprise" as const,
            })),
          ],
        },
      ],
    });
    return cli;
  }

  const counters = () => cloud.admin.counters();

  /** Effects applied per object whose effect key starts with `prefix` (`GrantInstanceToCen:`). */
  async function effectsOf(prefix: string): Promise<Record<string, number>> {
    const { effects } = await counters();
    return Object.fromEntries(Object.entries(effects).filter(([key]) => key.startsWith(prefix)));
  }

  interface WorldView {
    accounts: {
      uid: string;
      transitRouterGrants?: { cenId: string; instanceId: string; instanceType: string; cenOwnerId: string }[];
      regions: Record<
        string,
        {
          grants: { cenId: string; instanceId: string; cenOwnerId: string }[];
          classicLinks: { instanceId: string; vpcId: string }[];
          activations: { activationId: string; tags?: { key: string; value: string }[] }[];
          managedInstances: { instanceId: string; instanceName: string }[];
        }
      >;
    }[];
  }

  /** What main has in cn-hangzhou: grants and links by resource id, activations with their owner tag. */
  async function cloudObjects() {
    const world = (await cloud.admin.world()) as unknown as WorldView;
    const main = world.accounts.find((a) => a.uid === MAIN.uid);
    const hz = main?.regions["cn-hangzhou"];
    return {
      trGrants: (main?.transitRouterGrants ?? []).map(
        (g) => `${g.instanceType}:${g.instanceId}:${g.cenOwnerId}:${g.cenId}`,
      ),
      grants: (hz?.grants ?? []).map((g) => `${g.cenId}:${g.instanceId}:${g.cenOwnerId}`),
      links: (hz?.classicLinks ?? []).map((l) => `${l.instanceId}:${l.vpcId}`),
      activations: (hz?.activations ?? []).map((a) => ({
        id: a.activationId,
        owner: a.tags?.find((t) => t.key === "pulumi:owner")?.value,
      })),
      managed: hz?.managedInstances ?? [],
    };
  }

  /** The state's resources of one kind: id and URN. */
  async function recorded(cli: TestCli, kind: string): Promise<{ id: string; urn: string }[]> {
    return (await cli.resources())
      .filter((r) => r.type === `pulumi-nodejs:dynamic/alicloud:${kind}`)
      .map((r) => ({ id: r.id as string, urn: r.urn }));
  }

  async function pendingOperations(cli: TestCli): Promise<number> {
    const state = (await cli.exportState()) as unknown as { deployment: { pending_operations?: unknown[] } };
    return state.deployment.pending_operations?.length ?? 0;
  }

  /** Counts for objects named by their inputs (grants, links): outside the state, made twice, present. */
  async function keyedCounts(cli: TestCli, kind: string, live: string[], effectPrefix: string) {
    const inState = new Set((await recorded(cli, kind)).map((r) => r.id));
    const effects = await effectsOf(effectPrefix);
    return {
      outside: live.filter((id) => !inState.has(id)).length,
      twice: Object.values(effects).filter((n) => n > 1).length,
      present: live.filter((id) => inState.has(id)).length,
    };
  }

  /**
   * Counts for activations, whose ids the service assigns: a live activation carrying an owner tag
   * that is not in the state is outside it; a resource with two live activations has one twice.
   */
  async function activationCounts(cli: TestCli) {
    const inState = await recorded(cli, "ManagedInstanceActivation");
    const live = (await cloudObjects()).activations.filter((a) => a.owner !== undefined);
    const ids = new Set(inState.map((r) => r.id));
    const perOwner = new Map<string, number>();
    for (const a of live) perOwner.set(a.owner as string, (perOwner.get(a.owner as string) ?? 0) + 1);
    return {
      outside: live.filter((a) => !ids.has(a.id)).length,
      twice: [...perOwner.values()].filter((n) => n > 1).length,
      present: inState.filter((r) => live.some((a) => a.id === r.id && a.owner === ownerDigest(r.urn))).length,
    };
  }

  /**
   * Starts `pulumi up`, waits until `cutAt` effects whose key starts with `effectPrefix` exist, and
   * returns the running CLI with the provider processes it started.
   */
  /**
   * Starts `up` and returns once `cutAt` creates of `action` took effect while at least one more
   * is in flight (received, not applied yet): the moment a cut leaves objects outside the state,
   * whatever the machine's load.
   */
  async function upUntil(cli: TestCli, action: string, cutAt: number) {
    const up = startCommand(cli, ["up", "--yes", "--skip-preview"]);
    let ended: string | undefined;
    void up.done.then(({ code, output }) => {
      ended = `up ended (exit ${code}) before the cut:\n${output.slice(-3000)}`;
    });
    await poll(
      `${cutAt} ${action} effects, and one more in flight`,
      async () => {
        if (ended) throw new Error(ended);
        const applied = Object.keys(await effectsOf(`${action}:`)).length;
        const received = (await counters()).requests[action] ?? 0;
        return { applied, inFlight: received - applied };
      },
      ({ applied, inFlight }) => applied >= cutAt && inFlight > 0,
    );
    const providers = providerProcesses(up.child.pid as number);
    expect(providers.length, "the dynamic provider process, found by its argv").toBeGreaterThan(0);
    return { up, providers };
  }

  /** SIGKILLs the CLI; returns the ms until every provider process it started had exited. */
  async function killCli(up: Started, providers: number[]): Promise<number> {
    const killedAt = performance.now();
    up.child.kill("SIGKILL");
    await poll(
      "the provider processes to exit",
      () => providers.some(running),
      (any) => !any,
      30_000,
    );
    const exitMs = Math.round(performance.now() - killedAt);
    await up.done;
    return exitMs;
  }

  /**
   * Asserts that no request that changes anything reaches the emulator after the provider exited
   * (those sent before may still be applied), and that some were sent before (`action`).
   */
  async function noFurtherChanges(action: string): Promise<void> {
    const atExit = await changeRequests(cloud);
    expect(atExit[action] ?? 0).toBeGreaterThan(0);
    await sleep(CREATE_LATENCY_MS + 1500);
    expect(await changeRequests(cloud), "change requests after the provider exited").toEqual(atExit);
  }

  /** The killed CLI's lock blocks every update until `pulumi cancel`. */
  async function expectLocked(cli: TestCli): Promise<void> {
    const locked = await cli.attempt(["up", "--yes"]);
    expect(locked.code).not.toBe(0);
    expect(locked.stdout + locked.stderr).toMatch(/the stack is currently locked by 1 lock/);
  }

  async function up(cli: TestCli, env: Record<string, string> = {}): Promise<string> {
    const result = await cli.attempt(["up", "--yes", "--skip-preview"], { env });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    return result.stdout;
  }

  it("GIVEN up creating 30 grants WHEN the pulumi CLI is killed THEN its provider exits at once and starts nothing more; cancel + up with the recover variable records each grant once; destroy leaves none", async () => {
    const project = "cli-killed";
    const cli = await program(project, { grants: GRANTS });
    await cloud.admin.setFaults({
      rules: [{ kind: "Latency", action: "GrantInstanceToCen", latencyMs: CREATE_LATENCY_MS } satisfies FaultRule],
    });
    const { up: cut, providers } = await upUntil(cli, "GrantInstanceToCen", CUT_AT);
    const exitMs = await killCli(cut, providers);
    expect(exitMs, "ms from the CLI's SIGKILL to its provider's exit").toBeLessThan(2000);
    await noFurtherChanges("GrantInstanceToCen");
    await cloud.admin.clearFaults();
    const made = (await cloudObjects()).grants;
    expect(made.length).toBeGreaterThanOrEqual(CUT_AT);
    expect(made.length).toBeLessThan(GRANTS);

    const attrsRepaired = await removeEmptyCheckpointAttrs(cli, project);
    await expectLocked(cli);
    const afterCut = await keyedCounts(cli, "CenGrantRevocation", made, "GrantInstanceToCen:");
    expect(afterCut.outside, "grants made by the killed run but not recorded").toBeGreaterThan(0);
    const pendingAtCut = await pendingOperations(cli);
    expect(pendingAtCut).toBeGreaterThan(0);

    // The recovery: two commands.
    await cli.command("cancel", "--yes");
    const recovery = await up(cli, RECOVER);
    expect(recovery).toContain("pending operations from previous deployment");
    const counts = await keyedCounts(cli, "CenGrantRevocation", (await cloudObjects()).grants, "GrantInstanceToCen:");
    expect(counts).toEqual({ outside: 0, twice: 0, present: GRANTS });

    // Housekeeping, not recovery: the killed run's pending creates stay in the state (the engine
    // warns about them on each update) until cleared; they hold no object.
    expect(await pendingOperations(cli)).toBeGreaterThan(0);
    await cli.command("refresh", "--clear-pending-creates", "--yes");
    expect(await pendingOperations(cli)).toBe(0);
    expect(await up(cli)).not.toContain("pending operations");

    await cli.command("destroy", "--yes");
    const left = (await cloudObjects()).grants.length;
    expect(left).toBe(0);
    figures.push({
      scenario: "a. CLI SIGKILLed, 30 grants",
      declared: GRANTS,
      existedAtCut: made.length,
      pendingAtCut,
      outsideAfterCut: afterCut.outside,
      outsideAfterRecovery: counts.outside,
      twice: counts.twice,
      present: counts.present,
      leftAfterDestroy: left,
      providerExitMs: exitMs,
      attrsRepaired,
      recovery: `pulumi cancel --yes; ${RECOVER_ENV}=true pulumi up --yes`,
    });
  });

  it("GIVEN the CLI killed during up of 30 grants WHEN the engine's own refresh --import-pending-creates is tried first, with each grant's id THEN it records none of them (Pulumi 3.274), and the documented recovery still records each once", async () => {
    const project = "cli-killed-import";
    const cli = await program(project, { grants: GRANTS });
    await cloud.admin.setFaults({
      rules: [{ kind: "Latency", action: "GrantInstanceToCen", latencyMs: CREATE_LATENCY_MS } satisfies FaultRule],
    });
    const { up: cut, providers } = await upUntil(cli, "GrantInstanceToCen", CUT_AT);
    const exitMs = await killCli(cut, providers);
    await sleep(CREATE_LATENCY_MS + 500);
    await cloud.admin.clearFaults();
    const made = (await cloudObjects()).grants;
    const attrsRepaired = await removeEmptyCheckpointAttrs(cli, project);
    await cli.command("cancel", "--yes");
    const afterCut = await keyedCounts(cli, "CenGrantRevocation", made, "GrantInstanceToCen:");
    expect(afterCut.outside).toBeGreaterThan(0);

    // Each pending create named with the id its object has: a grant's id is its inputs
    // (<cenId>:<instanceId>:<cenOwnerId>), the flag takes URN and id as two entries.
    const state = (await cli.exportState()) as unknown as {
      deployment: { pending_operations?: { resource: { urn: string; inputs: Record<string, string> } }[] };
    };
    const pending = state.deployment.pending_operations ?? [];
    expect(pending.length).toBeGreaterThan(0);
    const pairs = pending.flatMap(({ resource: { urn, inputs } }) => [
      "--import-pending-creates",
      urn,
      "--import-pending-creates",
      `${inputs.cenId}:${inputs.instanceId}:${inputs.cenOwnerId}`,
    ]);
    const describesBefore = (await counters()).requests.DescribeGrantRulesToCen ?? 0;
    await cli.command("refresh", "--yes", "--skip-preview", ...pairs);
    // The engine turns them into pending imports, then drops them without a read: only the
    // recorded grants were looked at, and the rest stay outside the state.
    const describes = ((await counters()).requests.DescribeGrantRulesToCen ?? 0) - describesBefore;
    const inState = (await recorded(cli, "CenGrantRevocation")).length;
    expect(describes).toBe(inState);
    expect(await pendingOperations(cli)).toBe(0);
    const afterImport = await keyedCounts(cli, "CenGrantRevocation", made, "GrantInstanceToCen:");
    expect(afterImport.outside).toBe(afterCut.outside);

    await up(cli, RECOVER);
    const counts = await keyedCounts(cli, "CenGrantRevocation", (await cloudObjects()).grants, "GrantInstanceToCen:");
    expect(counts).toEqual({ outside: 0, twice: 0, present: GRANTS });
    await cli.command("destroy", "--yes");
    const left = (await cloudObjects()).grants.length;
    expect(left).toBe(0);
    figures.push({
      scenario: "e. CLI SIGKILLed, 30 grants, engine import tried first",
      declared: GRANTS,
      existedAtCut: made.length,
      pendingAtCut: pending.length,
      outsideAfterCut: afterCut.outside,
      outsideAfterRecovery: counts.outside,
      twice: counts.twice,
      present: counts.present,
      leftAfterDestroy: left,
      providerExitMs: exitMs,
      attrsRepaired,
      recovery: `pulumi cancel --yes; (refresh --import-pending-creates: none recorded); ${RECOVER_ENV}=true pulumi up --yes`,
    });
  });

  /**
   * Scenario b: `up` creating GRANTS objects of `kind` (named by their inputs, made by `action`)
   * has its dynamic provider process killed mid-flight. A plain up then refuses each unrecorded
   * object with its id and the recovery command; up with the recover variable records each once;
   * destroy leaves none.
   */
  async function providerKilled(
    scenario: string,
    project: string,
    declare: Record<string, number>,
    kind: string,
    action: string,
    live: () => Promise<string[]>,
  ): Promise<void> {
    const cli = await program(project, declare);
    await cloud.admin.setFaults({
      rules: [{ kind: "Latency", action, latencyMs: CREATE_LATENCY_MS } satisfies FaultRule],
    });
    const { up: cut, providers } = await upUntil(cli, action, CUT_AT);
    for (const pid of providers) process.kill(pid, "SIGKILL");
    const failed = await cut.done;
    expect(failed.code, failed.output).not.toBe(0);
    // In-flight creates land after the provider is gone, as a real service would still apply them.
    await sleep(CREATE_LATENCY_MS + 500);
    await cloud.admin.clearFaults();
    const made = await live();
    const afterCut = await keyedCounts(cli, kind, made, `${action}:`);
    expect(afterCut.outside, "objects made by the killed provider but not recorded").toBeGreaterThan(0);
    // A failed create leaves no pending operation: nothing in the state points at these objects.
    expect(await pendingOperations(cli)).toBe(0);

    const plain = await cli.attempt(["up", "--yes", "--skip-preview"]);
    expect(plain.code).not.toBe(0);
    const inState = new Set((await recorded(cli, kind)).map((r) => r.id));
    const unrecorded = made.filter((id) => !inState.has(id));
    const shown = plain.stdout + plain.stderr;
    expect(shown).toContain(`${RECOVER_ENV}=true pulumi up --yes`);
    expect(unrecorded.filter((id) => shown.includes(`(id ${id})`)).length).toBeGreaterThan(0);

    await up(cli, RECOVER);
    const counts = await keyedCounts(cli, kind, await live(), `${action}:`);
    expect(counts).toEqual({ outside: 0, twice: 0, present: GRANTS });

    await cli.command("destroy", "--yes");
    const left = (await live()).length;
    expect(left).toBe(0);
    figures.push({
      scenario,
      declared: GRANTS,
      existedAtCut: made.length,
      pendingAtCut: 0,
      outsideAfterCut: afterCut.outside,
      outsideAfterRecovery: counts.outside,
      twice: counts.twice,
      present: counts.present,
      leftAfterDestroy: left,
      providerExitMs: "(killed)",
      attrsRepaired: "n/a",
      recovery: `${RECOVER_ENV}=true pulumi up --yes`,
    });
  }

  it("GIVEN up creating 30 grants WHEN the dynamic provider process is killed THEN up fails; a plain up refuses each unrecorded grant with its id and the command; up with the recover variable records each once", async () => {
    await providerKilled(
      "b. provider SIGKILLed, 30 grants",
      "provider-killed",
      { grants: GRANTS },
      "CenGrantRevocation",
      "GrantInstanceToCen",
      async () => (await cloudObjects()).grants,
    );
  });

  it("GIVEN up creating 30 transit router grants WHEN the dynamic provider process is killed THEN a plain up refuses each unrecorded grant with its id and the command; up with the recover variable records each once; destroy leaves none", async () => {
    await providerKilled(
      "b2. provider SIGKILLed, 30 transit router grants",
      "tr-provider-killed",
      { trGrants: GRANTS },
      "TransitRouterGrant",
      "GrantInstanceToTransitRouter",
      async () => (await cloudObjects()).trGrants,
    );
  });

  it("GIVEN every answer of each kind's create lost until the call gives up WHEN up THEN the grant and the link are recorded, the activation fails with nothing left, the registration fails recording the server it found; the next up completes; destroy leaves none", async () => {
    const project = "answers-lost";
    const cli = await program(project, { grants: 1, links: 1, activations: 1, registrations: 1 });
    // The registration's create renames the server: ModifyManagedInstance is its one change.
    const lost = ["GrantInstanceToCen", "AttachClassicLinkVpc", "CreateActivation", "ModifyManagedInstance"];
    await cloud.admin.setFaults({
      rules: lost.map((action): FaultRule => ({ kind: "DropAfterEffect", action, rate: 1 })),
    });
    const first = await cli.attempt(["up", "--yes", "--skip-preview", "--continue-on-error"], {
      env: { ALICLOUD_DYNAMIC_RETRY_DEADLINE_MS: "1500" },
    });
    await cloud.admin.clearFaults();
    expect(first.code).not.toBe(0);
    expect(first.stdout + first.stderr).toContain(
      "its code is known to nobody, so what it made was looked for by this resource's owner tag and deleted",
    );
    const { faults } = await counters();
    expect(faults.DropAfterEffect).toBeGreaterThanOrEqual(lost.length * 2);

    const objects = await cloudObjects();
    const grant = await keyedCounts(cli, "CenGrantRevocation", objects.grants, "GrantInstanceToCen:");
    const link = await keyedCounts(cli, "ClassicLinkAttachment", objects.links, "AttachClassicLinkVpc:");
    const activation = await activationCounts(cli);
    expect({ grant, link }).toEqual({
      grant: { outside: 0, twice: 0, present: 1 },
      link: { outside: 0, twice: 0, present: 1 },
    });
    expect(activation).toEqual({ outside: 0, twice: 0, present: 0 });
    expect(Object.keys(await effectsOf("CreateActivation:"))).toHaveLength(1);
    // The server existed before (registered by its agent): the create found it, and recorded it
    // when its rename failed; the next up renames it.
    expect((await recorded(cli, "ManagedInstanceRegistration")).map((r) => r.id)).toEqual([WORLD.managed1]);

    await up(cli);
    expect(await activationCounts(cli)).toEqual({ outside: 0, twice: 0, present: 1 });
    expect((await recorded(cli, "ManagedInstanceRegistration")).map((r) => r.id)).toEqual([WORLD.managed1]);
    expect((await cloudObjects()).managed.find((m) => m.instanceId === WORLD.managed1)?.instanceName).toBe(
      "crash-server",
    );
    await cli.command("destroy", "--yes");
    const after = await cloudObjects();
    const left =
      after.grants.length +
      after.links.length +
      after.activations.filter((a) => a.owner).length +
      after.managed.filter((m) => m.instanceId === WORLD.managed1).length;
    expect(left).toBe(0);
    const registration = { outside: 0, twice: 0, present: 0 };
    // What existed once the run was over: the grant, the link, no activation; the server was there before.
    for (const [kind, c, existed, outcome] of [
      ["CenGrantRevocation", grant, objects.grants.length, "recorded"],
      ["ClassicLinkAttachment", link, objects.links.length, "recorded"],
      [
        "ManagedInstanceActivation",
        activation,
        objects.activations.filter((a) => a.owner).length,
        "failed, none left; next up made it",
      ],
      ["ManagedInstanceRegistration", registration, 0, "failed, nothing recorded; next up recorded it"],
    ] as const) {
      figures.push({
        scenario: `c. answers lost: ${kind} (${outcome})`,
        declared: 1,
        existedAtCut: existed,
        pendingAtCut: 0,
        outsideAfterCut: c.outside,
        outsideAfterRecovery: 0,
        twice: c.twice,
        present: 1,
        leftAfterDestroy: 0,
        providerExitMs: "n/a",
        attrsRepaired: "n/a",
        recovery: c.present === 0 ? "pulumi up --yes" : "none",
      });
    }
  });

  it("GIVEN up creating 10 activations and renaming a registered server WHEN the CLI is killed THEN cancel + the recovery up deletes the orphaned activations and records each resource once; destroy leaves none", async () => {
    const project = "activations-cut";
    const cli = await program(project, { registrations: 1, activations: ACTIVATIONS });
    await cloud.admin.setFaults({
      rules: [
        { kind: "Latency", action: "CreateActivation", latencyMs: CREATE_LATENCY_MS },
        { kind: "Latency", action: "ModifyManagedInstance", latencyMs: 1000 },
      ],
    });
    const { up: cut, providers } = await upUntil(cli, "CreateActivation", CUT_AT / 2);
    const exitMs = await killCli(cut, providers);
    expect(exitMs).toBeLessThan(2000);
    await noFurtherChanges("CreateActivation");
    await cloud.admin.clearFaults();

    const attrsRepaired = await removeEmptyCheckpointAttrs(cli, project);
    await expectLocked(cli);
    const orphans = await activationCounts(cli);
    expect(orphans.outside, "activations made by the killed run but not recorded").toBeGreaterThan(0);
    const existedAtCut = (await cloudObjects()).activations.filter((a) => a.owner).length;
    const pendingAtCut = await pendingOperations(cli);

    await cli.command("cancel", "--yes");
    const recovery = await up(cli, RECOVER);
    expect(recovery).toMatch(/Deleted \S+ \(activation[^)]*\), made by this resource in a run that was cut off/);
    const counts = await activationCounts(cli);
    expect(counts).toEqual({ outside: 0, twice: 0, present: ACTIVATIONS });
    const server = (await cloudObjects()).managed.find((m) => m.instanceId === WORLD.managed1);
    expect(server?.instanceName).toBe("crash-server");
    expect(await recorded(cli, "ManagedInstanceRegistration")).toHaveLength(1);

    await cli.command("destroy", "--yes");
    const after = await cloudObjects();
    const left =
      after.activations.filter((a) => a.owner).length +
      after.managed.filter((m) => m.instanceId === WORLD.managed1).length;
    expect(left).toBe(0);
    figures.push({
      scenario: "d. CLI SIGKILLed, 10 activations + 1 registration",
      declared: ACTIVATIONS + 1,
      existedAtCut,
      pendingAtCut,
      outsideAfterCut: orphans.outside,
      outsideAfterRecovery: counts.outside,
      twice: counts.twice,
      present: counts.present + 1,
      leftAfterDestroy: left,
      providerExitMs: exitMs,
      attrsRepaired,
      recovery: `pulumi cancel --yes; ${RECOVER_ENV}=true pulumi up --yes`,
    });
  });
});
