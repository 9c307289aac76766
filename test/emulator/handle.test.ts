// GIVEN an emulator created without a socket WHEN requests are handed to handle() THEN it answers
// exactly as over HTTP (RPC and admin), which is what lets tests and tools skip the network.
import { describe, expect, it } from "vitest";
import { createEmulator, makeRequest, signRequestV1, startEmulator } from "../../emulator/index.js";
import { IDS, KEYS, VPC } from "./helpers.js";

describe("pure handle()", () => {
  it("GIVEN a signed GrantInstanceToCen WHEN handled without a socket THEN it succeeds and the world has the grant", async () => {
    const emulator = createEmulator();
    const encoded = signRequestV1({
      method: "POST",
      params: {
        Action: "GrantInstanceToCen",
        Version: VPC,
        RegionId: "cn-hangzhou",
        InstanceId: IDS.vpcLink1,
        InstanceType: "VPC",
        CenId: IDS.cen1,
        CenOwnerId: IDS.cenOwnerUid,
      },
      ...KEYS.main,
    });
    const answer = await emulator.handle(
      makeRequest("POST", "/", { "Content-Type": "application/x-www-form-urlencoded" }, encoded),
    );
    expect(answer.status).toBe(200);
    expect(answer.drop).toBeUndefined();
    expect(answer.headers["x-acs-request-id"]).toBe(JSON.parse(answer.body).RequestId);
    const grants = [...emulator.world().stores.vpc.region(IDS.mainUid, "cn-hangzhou").grants.values()];
    expect(grants.map((g) => [g.cenId, g.cenOwnerId])).toEqual([[IDS.cen1, IDS.cenOwnerUid]]);
    expect(emulator.counters.toData().effects).toEqual({
      [`GrantInstanceToCen:${IDS.cen1}:${IDS.vpcLink1}:${IDS.cenOwnerUid}`]: 1,
    });
  });

  it("GIVEN an unsigned request WHEN handled THEN the error envelope comes back with its status", async () => {
    const answer = await createEmulator().handle(
      makeRequest("GET", `/?Action=DescribeVpcAttribute&Version=${VPC}&RegionId=cn-hangzhou`),
    );
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ Code: "IncompleteSignature", HostId: "vpc.aliyuncs.com" });
  });

  it("GIVEN a DropBeforeAnswer fault WHEN handled THEN the answer asks the server to drop the connection", async () => {
    const emulator = createEmulator({ faults: { rules: [{ kind: "DropBeforeAnswer" }] } });
    const encoded = signRequestV1({
      method: "GET",
      params: { Action: "DescribeVpcAttribute", Version: VPC, RegionId: "cn-hangzhou", VpcId: IDS.vpcLink1 },
      ...KEYS.main,
    });
    const answer = await emulator.handle(makeRequest("GET", `/?${encoded}`));
    expect(answer.drop).toBe("before");
  });

  it("GIVEN admin paths WHEN handled THEN they answer JSON without any signature", async () => {
    const emulator = createEmulator();
    const health = await emulator.handle(makeRequest("GET", "/__admin/health"));
    expect([health.status, JSON.parse(health.body)]).toMatchObject([200, { ok: true }]);
    const seeded = await emulator.handle(
      makeRequest(
        "POST",
        "/__admin/seed",
        {},
        JSON.stringify({ accounts: [{ uid: IDS.otherUid, cens: [{ cenId: "cen-fromhandle01" }] }] }),
      ),
    );
    expect(seeded.status).toBe(200);
    expect(emulator.world().stores.cbn.account(IDS.otherUid).cens.get("cen-fromhandle01")).toEqual({
      cenId: "cen-fromhandle01",
      name: "cen-fromhandle01",
    });
  });
});

describe("the error boundary", () => {
  it("GIVEN a metadata path with a malformed percent-encoding WHEN requested over HTTP THEN 404, and the emulator goes on serving", async () => {
    const emulator = await startEmulator({ port: 0 });
    try {
      const broken = await fetch(`${emulator.url}/latest/meta-data/ram/security-credentials/%ZZ`);
      expect(broken.status).toBe(404);
      expect((await fetch(`${emulator.url}/__admin/health`)).status).toBe(200);
    } finally {
      await emulator.stop();
    }
  });

  it("GIVEN a route that throws WHEN handled THEN a 500 in that surface's shape, logged once, and the next request is served", async () => {
    const logged: string[] = [];
    const emulator = createEmulator({ log: (line) => logged.push(line) });
    const world = emulator.world.bind(emulator);
    emulator.world = () => {
      throw new Error("a bug in a route");
    };
    const metadata = await emulator.handle(makeRequest("GET", "/latest/meta-data/ram/security-credentials/"));
    expect([metadata.status, metadata.body]).toEqual([500, "Internal Server Error"]);
    const uri = await emulator.handle(makeRequest("GET", `/__sts/credentials/${IDS.mainUid}/some-role`));
    expect(uri.status).toBe(500);
    expect(JSON.parse(uri.body)).toMatchObject({ Code: "InternalError" });
    expect(logged.filter((line) => line.includes("a bug in a route"))).toHaveLength(2);
    emulator.world = world;
    expect((await emulator.handle(makeRequest("GET", "/latest/meta-data/ram/security-credentials/"))).status).toBe(200);
  });
});
