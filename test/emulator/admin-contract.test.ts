// GIVEN the admin surface's published contract (emulator/schema: openapi.json, the JSON Schemas)
// WHEN tests wait on it, reset and seed worlds and send bad bodies THEN health says what is served,
// reset never empties the world by accident, every body is checked against the shipped schema with
// errors that name the field, and the OpenAPI document lists exactly the routes served.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PRODUCTS } from "../../api/index.js";
import { ADMIN_ROUTES } from "../../emulator/admin/routes.js";
import { AdminError, DEFAULT_SEED, type RunningEmulator, type WorldSeed } from "../../emulator/index.js";
import { ADMIN_API_VERSION, DOCUMENTS, documentedRoutes, SCHEMAS, seedIssues } from "../../emulator/schema/index.js";
import type { SeedLists } from "../../emulator/world/seed-types.js";
import { IDS, start } from "./helpers.js";

const ROOT = path.resolve(__dirname, "..", "..");
const SEEDED: WorldSeed = {
  accounts: [{ uid: "5555666677778888", accessKeys: [{ accessKeyId: "LTAI5tSolo", accessKeySecret: "solo" }] }],
};

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await start({ seed: SEEDED });
});
afterAll(() => emu.stop());
beforeEach(() => emu.admin.reset());

async function refusal(promise: Promise<unknown>): Promise<AdminError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AdminError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

/** Checks an answer against the schema its operation documents, every object closed. */
function expectDocumented(schema: string, value: unknown): void {
  expect(SCHEMAS.validate(schema, value, { closed: true })).toEqual([]);
}

describe("GET /__admin/health", () => {
  it("GIVEN a running emulator WHEN asked for health THEN it names the package version, the admin API version, every product with its API version and actions, and the accounts", async () => {
    const health = await emu.admin.health();
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };
    expect(health.version).toBe(manifest.version);
    expect(health.adminApiVersion).toBe(ADMIN_API_VERSION);
    expect(health.accounts).toEqual(["5555666677778888"]);
    const served = Object.fromEntries(health.products.map((p) => [p.name, p.version]));
    expect(served).toMatchObject({ vpc: "2016-04-28", ecs: "2014-05-26" });
    for (const { info } of Object.values(PRODUCTS)) expect(served[info.name]).toBe(info.version);
    const vpc = health.products.find((p) => p.name === "vpc");
    expect(vpc?.actions).toEqual(expect.arrayContaining(["GrantInstanceToCen", "RevokeInstanceFromCen"]));
    expectDocumented("admin.schema.json#/$defs/Health", health);
  });
});

describe("POST /__admin/reset", () => {
  it("GIVEN an emulator started with a seed WHEN reset with {} or no body THEN the start world is back, never an empty one", async () => {
    await emu.admin.seed({ accounts: [{ uid: IDS.otherUid }] });
    expect((await emu.admin.health()).accounts).toHaveLength(2);
    await emu.admin.reset({});
    expect((await emu.admin.health()).accounts).toEqual(["5555666677778888"]);
    await emu.admin.seed({ accounts: [{ uid: IDS.otherUid }] });
    await emu.admin.reset();
    expect((await emu.admin.health()).accounts).toEqual(["5555666677778888"]);
  });

  it("GIVEN worlds asked for by name WHEN reset THEN default is the documented default world and empty has no account", async () => {
    await emu.admin.reset({ world: "default" });
    expect((await emu.admin.health()).accounts).toEqual(DEFAULT_SEED.accounts?.map((a) => a.uid));
    await emu.admin.reset({ world: "empty" });
    expect((await emu.admin.health()).accounts).toEqual([]);
    const seeded = await emu.admin.reset({ accounts: [{ uid: IDS.mainUid }] });
    expect(seeded).toEqual({ ok: true });
    expect((await emu.admin.health()).accounts).toEqual([IDS.mainUid]);
  });

  it("GIVEN a name with a seed, or an unknown name WHEN reset THEN 400 naming the field, and the world is unchanged", async () => {
    await emu.admin.reset({ world: "empty" });
    const both = await refusal(emu.admin.reset({ world: "default", accounts: [{ uid: IDS.mainUid }] }));
    expect([both.status, both.code]).toEqual([400, "InvalidBody"]);
    expect(both.message).toMatch(/world names a whole world/);
    const unknown = await refusal(emu.admin.reset({ world: "mars" as "empty" }));
    expect([unknown.status, unknown.code]).toEqual([400, "InvalidSeed"]);
    expect(unknown.errors).toEqual([{ path: "world", message: 'must be one of "default", "empty"' }]);
    expect((await emu.admin.health()).accounts).toEqual([]);
  });
});

describe("bodies checked against the shipped schema", () => {
  it("GIVEN bad seeds WHEN posted THEN 400 InvalidSeed with every field named, nothing merged", async () => {
    const bad = await refusal(
      emu.admin.seed({
        accounts: [
          { uid: "12ab", vpcs: [{ regionId: "cn-hangzhou", vpcId: 7 as unknown as string }] },
          { uid: IDS.mainUid, vpcz: [] } as unknown as { uid: string },
        ],
      }),
    );
    expect([bad.status, bad.code]).toEqual([400, "InvalidSeed"]);
    expect(bad.errors.map((e) => e.path)).toEqual(["accounts[0].uid", "accounts[0].vpcs[0].vpcId", "accounts[1].vpcz"]);
    expect(bad.message).toContain("accounts[0].vpcs[0].vpcId: must be a string");
    expect(bad.message).toContain("accounts[1].vpcz: is not allowed here");
    expect((await emu.admin.health()).accounts).toEqual(["5555666677778888"]);
  });

  it("GIVEN a seed that names its schema for editors WHEN posted or reset to THEN $schema is accepted and ignored", async () => {
    const $schema = "./node_modules/pulumi-alicloud-dynamic/dist/emulator/schema/world-seed.schema.json";
    await emu.admin.seed({ $schema, accounts: [{ uid: IDS.otherUid }] } as WorldSeed);
    expect((await emu.admin.health()).accounts).toContain(IDS.otherUid);
    await emu.admin.reset({ $schema, accounts: [{ uid: IDS.mainUid }] } as WorldSeed);
    expect((await emu.admin.health()).accounts).toEqual([IDS.mainUid]);
  });

  it("GIVEN bad admin bodies WHEN posted THEN 400 InvalidBody naming the field", async () => {
    const register = await refusal(
      emu.admin.registerAgent({
        regionId: "cn-hangzhou",
        activationId: IDS.activation,
        activationCode: "x",
        intranetIp: "10.0.0.1",
      } as unknown as Parameters<RunningEmulator["admin"]["registerAgent"]>[0]),
    );
    expect([register.status, register.code]).toEqual([400, "InvalidBody"]);
    expect(register.errors).toContainEqual({ path: "hostname", message: "is required" });
    const clock = await refusal(emu.admin.setClock({ offsetMs: "soon" as unknown as number }));
    expect(clock.errors).toEqual([{ path: "offsetMs", message: "must be a number" }]);
    const status = await refusal(
      emu.admin.setInstanceStatus({ instanceId: IDS.classic1, status: "Exploded" as "Running" }),
    );
    expect(status.errors[0]?.path).toBe("status");
  });

  it("GIVEN the default world and every seed list WHEN checked against world-seed.schema.json THEN the schema knows every field", () => {
    expect(seedIssues(DEFAULT_SEED)).toEqual([]);
    expect(SCHEMAS.validate("world-seed.schema.json#/$defs/WorldSeed", DEFAULT_SEED, { closed: true })).toEqual([]);
    // Typed as every seed list: a product that adds a list fails to compile here until the schema has it.
    const lists: { readonly [K in keyof SeedLists]: true } = {
      vpcs: true,
      vbrs: true,
      ccns: true,
      grants: true,
      cens: true,
      ecsInstances: true,
      classicLinks: true,
      activations: true,
      managedInstances: true,
      ramRoles: true,
      oidcProviders: true,
      instanceRamRoles: true,
    };
    const account = (DOCUMENTS["world-seed.schema.json"] as { $defs: { AccountSeed: { properties: object } } }).$defs
      .AccountSeed.properties;
    for (const name of Object.keys(lists)) expect(Object.keys(account)).toContain(name);
  });
});

describe("the OpenAPI document", () => {
  it("GIVEN the routes served WHEN compared with openapi.json THEN every admin route is documented and every documented route is served", () => {
    expect([...ADMIN_ROUTES].sort()).toEqual(documentedRoutes().sort());
  });

  it("GIVEN GET /__admin/openapi.json and the schemas WHEN fetched THEN they are the files kept in the repository", async () => {
    const served = await emu.admin.openapi();
    const file = JSON.parse(fs.readFileSync(path.join(ROOT, "emulator", "schema", "openapi.json"), "utf8"));
    expect(served).toEqual(file);
    expect((served as { info: { version: string } }).info.version).toBe(ADMIN_API_VERSION);
    for (const name of ["world-seed.schema.json", "admin.schema.json"]) {
      const answer = await fetch(`${emu.url}/__admin/${name}`);
      expect(await answer.json()).toEqual(
        JSON.parse(fs.readFileSync(path.join(ROOT, "emulator", "schema", name), "utf8")),
      );
    }
  });

  it("GIVEN the default world with activity WHEN the answers of the GET routes are read THEN each matches the schema its operation documents", async () => {
    await emu.admin.reset({ world: "default" });
    await emu.admin.setFaults({ rules: [{ kind: "Throttling", rate: 0.5, action: "DescribeVpcAttribute" }] });
    expectDocumented("admin.schema.json#/$defs/WorldView", await emu.admin.world());
    expectDocumented("admin.schema.json#/$defs/Counters", await emu.admin.counters());
    expectDocumented("admin.schema.json#/$defs/FaultConfig", await emu.admin.faults());
    expectDocumented("admin.schema.json#/$defs/ClockState", await emu.admin.clock());
    expectDocumented("admin.schema.json#/$defs/ConsistencySetting", await emu.admin.consistency());
  });
});
