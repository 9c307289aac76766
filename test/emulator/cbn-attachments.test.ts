// GIVEN the default world WHEN the CBN attach actions run over HTTP (pop-core, and the official
// OpenAPI client with its V3 signature) THEN a CEN owner attaches its own network instances, and
// another account's only once that account granted it; attachments pass through Attaching and
// Detaching when tasks take time; each refusal comes from a real situation.
import * as OpenApi from "@alicloud/openapi-client";
import * as Util from "@alicloud/tea-util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator/index.js";
import { call, expectFailure, IDS, KEYS, pop, start, VPC } from "./helpers.js";

const CBN = "2017-09-12";
/** A CEN instance of main's own (seeded per test), to attach main's instances without a grant. */
const OWN_CEN = "cen-emumainown000001";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await start();
});
afterAll(() => emu.stop());
beforeEach(async () => {
  await emu.admin.reset();
  await emu.admin.seed({ accounts: [{ uid: IDS.mainUid, cens: [{ cenId: OWN_CEN }] }] });
});

const child = (overrides: Record<string, string> = {}) => ({
  RegionId: "cn-hangzhou",
  CenId: OWN_CEN,
  ChildInstanceId: IDS.vpcLink1,
  ChildInstanceType: "VPC",
  ChildInstanceRegionId: "cn-hangzhou",
  ...overrides,
});
/** main's VPC as the hub (cenOwner) attaches it to its CEN instance. */
const crossAccount = (overrides: Record<string, string> = {}) =>
  child({ CenId: IDS.cen1, ChildInstanceOwnerId: IDS.mainUid, ...overrides });

interface Attribute {
  CenId: string;
  ChildInstanceId: string;
  ChildInstanceType: string;
  ChildInstanceRegionId: string;
  ChildInstanceOwnerId: { toString(): string };
  ChildInstanceName: string;
  Status: string;
  ChildInstanceAttachTime: string;
}
interface Listing {
  TotalCount: number;
  PageNumber: number;
  PageSize: number;
  ChildInstances: { ChildInstance: Array<{ ChildInstanceId: string; Status: string }> };
}

const attribute = (key = KEYS.main, params = child()) => {
  const { ChildInstanceOwnerId: _owner, ...describe } = params as Record<string, string>;
  return call<Attribute>(pop(emu.url, CBN, key), "DescribeCenAttachedChildInstanceAttribute", describe);
};

describe("one account's own network instances", () => {
  it("GIVEN main's CEN and VPC WHEN attach, describe, list, detach THEN it is attached with the VPC's name, listed, then gone", async () => {
    const cbn = pop(emu.url, CBN);
    const attached = await call<{ RequestId: string }>(cbn, "AttachCenChildInstance", child(), "POST");
    expect(Object.keys(attached)).toEqual(["RequestId"]);

    const found = await attribute();
    expect(found).toMatchObject({
      CenId: OWN_CEN,
      ChildInstanceId: IDS.vpcLink1,
      ChildInstanceType: "VPC",
      ChildInstanceRegionId: "cn-hangzhou",
      ChildInstanceName: "emu-main-link-1",
      Status: "Attached",
    });
    expect(found.ChildInstanceOwnerId.toString()).toBe(IDS.mainUid);
    // UTC to the minute, as the SDK models document it.
    expect(found.ChildInstanceAttachTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\dZ$/);

    await call(cbn, "AttachCenChildInstance", child({ ChildInstanceId: IDS.vbr, ChildInstanceType: "VBR" }), "POST");
    const listed = await call<Listing>(cbn, "DescribeCenAttachedChildInstances", {
      RegionId: "cn-hangzhou",
      CenId: OWN_CEN,
    });
    expect(listed.TotalCount).toBe(2);
    expect(listed.ChildInstances.ChildInstance.map((c) => [c.ChildInstanceId, c.Status])).toEqual([
      [IDS.vpcLink1, "Attached"],
      [IDS.vbr, "Attached"],
    ]);
    const vbrsOnly = await call<Listing>(cbn, "DescribeCenAttachedChildInstances", {
      RegionId: "cn-hangzhou",
      CenId: OWN_CEN,
      ChildInstanceType: "VBR",
    });
    expect(vbrsOnly.ChildInstances.ChildInstance.map((c) => c.ChildInstanceId)).toEqual([IDS.vbr]);

    await call(cbn, "DetachCenChildInstance", child(), "POST");
    // Attached no more, though the VPC exists: the attribute call says so with its own code.
    await expectFailure(attribute(), "ParameterError", 404);
    const counters = await emu.admin.counters();
    expect(counters.effects).toMatchObject({
      [`AttachCenChildInstance:${OWN_CEN}:${IDS.vpcLink1}`]: 1,
      [`DetachCenChildInstance:${OWN_CEN}:${IDS.vpcLink1}`]: 1,
    });
  });

  it("GIVEN the official OpenAPI client (V3 signature) WHEN it attaches and describes THEN the emulator serves it unchanged", async () => {
    const client = new OpenApi.default(
      new OpenApi.Config({
        accessKeyId: KEYS.main.accessKeyId,
        accessKeySecret: KEYS.main.accessKeySecret,
        endpoint: emu.url.replace(/^http:\/\//, ""),
        protocol: "http",
      }),
    );
    // What the generated @alicloud/cbn20170912 client sends for each action.
    const rpc = (action: string) =>
      new OpenApi.Params({
        action,
        version: CBN,
        protocol: "HTTPS",
        pathname: "/",
        method: "POST",
        authType: "AK",
        style: "RPC",
        reqBodyType: "formData",
        bodyType: "json",
      });
    const query = (params: Record<string, string>) => new OpenApi.OpenApiRequest({ query: params });
    const runtime = new Util.RuntimeOptions({});
    const { RegionId: _region, ...params } = child();
    await client.callApi(rpc("AttachCenChildInstance"), query(params), runtime);
    const answer = (await client.callApi(rpc("DescribeCenAttachedChildInstanceAttribute"), query(params), runtime)) as {
      statusCode: number;
      body: { Status: string; ChildInstanceName: string };
    };
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toMatchObject({ Status: "Attached", ChildInstanceName: "emu-main-link-1" });
    const refused = client.callApi(rpc("AttachCenChildInstance"), query(params), runtime);
    await expect(refused).rejects.toMatchObject({ code: "InvalidOperation.ChildInstanceAlreadyAttached" });
  });
});

describe("another account's network instance", () => {
  it("GIVEN main's VPC not granted WHEN the hub attaches it THEN 409 Forbbiden.AttachChildInstanceAcrossUid; once granted it attaches", async () => {
    const hub = pop(emu.url, CBN, KEYS.cenOwner);
    const error = await expectFailure(
      call(hub, "AttachCenChildInstance", crossAccount(), "POST"),
      "Forbbiden.AttachChildInstanceAcrossUid",
      409,
    );
    expect(error.data.Message).toBe("Operation is invalid because the child-instance is not authorized to CEN.");

    // A grant to another CEN instance of the same hub is not a grant to this one.
    const vpc = pop(emu.url, VPC);
    const grant = {
      RegionId: "cn-hangzhou",
      InstanceId: IDS.vpcLink1,
      InstanceType: "VPC",
      CenOwnerId: IDS.cenOwnerUid,
    };
    await call(vpc, "GrantInstanceToCen", { ...grant, CenId: IDS.cen2 });
    await expectFailure(
      call(hub, "AttachCenChildInstance", crossAccount(), "POST"),
      "Forbbiden.AttachChildInstanceAcrossUid",
      409,
    );

    await call(vpc, "GrantInstanceToCen", { ...grant, CenId: IDS.cen1 });
    await call(hub, "AttachCenChildInstance", crossAccount(), "POST");
    const found = await attribute(KEYS.cenOwner, crossAccount());
    expect(found.Status).toBe("Attached");
    // The owner's UID stays exact, and the name is the owner's VPC's.
    expect(found.ChildInstanceOwnerId.toString()).toBe(IDS.mainUid);
    expect(found.ChildInstanceName).toBe("emu-main-link-1");

    // The attachment is the hub's: main sees no CEN instance of that id.
    await expectFailure(attribute(KEYS.main, crossAccount()), "ParameterIllegal.CenInstanceId", 400);
    // A network instance attaches to one CEN instance at a time.
    await call(vpc, "GrantInstanceToCen", { ...grant, CenId: IDS.cen1, InstanceId: IDS.vpcLink2 });
    await expectFailure(
      call(hub, "AttachCenChildInstance", crossAccount({ CenId: IDS.cen2 }), "POST"),
      "InvalidOperation.ChildInstanceAlreadyAttached",
      409,
    );
  });

  it("GIVEN an attachment across accounts WHEN the VPC's owner detaches it naming the CEN's owner THEN it is gone", async () => {
    await call(pop(emu.url, VPC), "GrantInstanceToCen", {
      RegionId: "cn-hangzhou",
      InstanceId: IDS.vpcLink1,
      InstanceType: "VPC",
      CenId: IDS.cen1,
      CenOwnerId: IDS.cenOwnerUid,
    });
    await call(pop(emu.url, CBN, KEYS.cenOwner), "AttachCenChildInstance", crossAccount(), "POST");
    // A third account is neither side of it.
    await expectFailure(
      call(
        pop(emu.url, CBN, KEYS.other),
        "DetachCenChildInstance",
        crossAccount({ CenOwnerId: IDS.cenOwnerUid }),
        "POST",
      ),
      "ParameterInstanceId",
      400,
    );
    await call(pop(emu.url, CBN), "DetachCenChildInstance", crossAccount({ CenOwnerId: IDS.cenOwnerUid }), "POST");
    await expectFailure(attribute(KEYS.cenOwner, crossAccount()), "ParameterError", 404);
  });
});

describe("attach and detach take time when tasks do", () => {
  it("GIVEN tasks of a minute WHEN attach, then detach THEN Attaching, then Attached, then Detaching, then gone; nothing else runs meanwhile", async () => {
    await emu.admin.seed({ settings: { taskDurationMs: 60_000 } });
    const cbn = pop(emu.url, CBN);
    await call(cbn, "AttachCenChildInstance", child(), "POST");
    expect((await attribute()).Status).toBe("Attaching");
    // The CEN instance is busy with that attach; the VPC itself too.
    await expectFailure(
      call(cbn, "AttachCenChildInstance", child({ ChildInstanceId: IDS.vbr, ChildInstanceType: "VBR" }), "POST"),
      "InvalidOperation.CenInstanceStatus",
      409,
    );
    await expectFailure(
      call(cbn, "DetachCenChildInstance", child(), "POST"),
      "InvalidOperation.ChildInstanceStatus",
      409,
    );

    await emu.admin.setClock({ offsetMs: 61_000 });
    expect((await attribute()).Status).toBe("Attached");
    await call(cbn, "DetachCenChildInstance", child(), "POST");
    expect((await attribute()).Status).toBe("Detaching");
    await emu.admin.setClock({ offsetMs: 122_000 });
    await expectFailure(attribute(), "ParameterError", 404);
  });
});

describe("refusals, each from a real situation", () => {
  it("GIVEN wrong parameters WHEN attaching THEN each is refused with CBN's code", async () => {
    const cbn = pop(emu.url, CBN);
    const attach = (overrides: Record<string, string>) => call(cbn, "AttachCenChildInstance", child(overrides), "POST");
    await expectFailure(attach({ ChildInstanceType: "VPN" }), "ParameterIllegal.ChildInstanceType", 400);
    await expectFailure(attach({ ChildInstanceRegionId: "cn-nowhere" }), "IllegalParam.RegionId", 400);
    // The hub's CEN instance is not main's to attach to.
    await expectFailure(attach({ CenId: IDS.cen1 }), "ParameterIllegal.CenInstanceId", 400);
    await expectFailure(attach({ ChildInstanceId: "vpc-bp1nosuchvpc000000001" }), "ParameterInstanceId", 400);
    await expectFailure(attach({ ChildInstanceOwnerId: "4000000000000001" }), "Bid.NotFound", 404);
    await expectFailure(attach({ ChildInstanceOwnerId: "12ab" }), "InvalidParameter", 400);
  });

  it("GIVEN nothing attached WHEN detaching or describing THEN ParameterInstanceId, and ParameterError for an existing VPC", async () => {
    const cbn = pop(emu.url, CBN);
    await expectFailure(call(cbn, "DetachCenChildInstance", child(), "POST"), "ParameterInstanceId", 400);
    await expectFailure(attribute(), "ParameterError", 404);
    await expectFailure(
      attribute(KEYS.main, child({ ChildInstanceId: "vpc-bp1nosuchvpc000000001" })),
      "ParameterInstanceId",
      400,
    );
  });
});

describe("the CEN owner's view of the grants (CBN DescribeGrantRulesToCen)", () => {
  it("GIVEN main's VPC granted to the hub's CEN WHEN the hub lists its grants THEN it is there with its owner; another account sees none", async () => {
    await call(pop(emu.url, VPC), "GrantInstanceToCen", {
      RegionId: "cn-hangzhou",
      CenId: IDS.cen1,
      CenOwnerId: IDS.cenOwnerUid,
      InstanceId: IDS.vpcLink1,
      InstanceType: "VPC",
    });
    const list = (key = KEYS.cenOwner, type = "VPC") =>
      call<{
        GrantRules: { ChildInstanceId: string; ChildInstanceOwnerId: { toFixed(): string } }[];
        TotalCount: number;
      }>(pop(emu.url, CBN, key), "DescribeGrantRulesToCen", {
        RegionId: "cn-hangzhou",
        CenId: IDS.cen1,
        ProductType: type,
      });
    const seen = await list();
    expect(seen.TotalCount).toBe(1);
    expect(seen.GrantRules.map((r) => [r.ChildInstanceId, r.ChildInstanceOwnerId.toFixed()])).toEqual([
      [IDS.vpcLink1, IDS.mainUid],
    ]);
    expect((await list(KEYS.cenOwner, "VBR")).TotalCount).toBe(0);
    // Not the caller's CEN instance: no rules, as the page says of invalid input.
    expect((await list(KEYS.main)).GrantRules).toEqual([]);
  });
});
