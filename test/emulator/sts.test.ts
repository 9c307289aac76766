// STS 2015-04-01 over HTTP with pop-core, as the provider calls it: AssumeRole (trust policies,
// ExternalId, session policies, expiry on the world's clock), AssumeRoleWithOIDC (unsigned),
// GetCallerIdentity, and the metadata / credentials-URI routes.
import RPCClient from "@alicloud/pop-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_SEED, type RunningEmulator } from "../../emulator/index.js";
import { DEFAULT_ROLES, OTHER_ROLE_EXTERNAL_ID } from "../../emulator/world/default-world.js";
import { call, expectFailure, IDS, KEYS, type Key, pop, start, VPC } from "./helpers.js";

const STS = "2015-04-01";
const HUB: Key = {
  accessKeyId: "LTAI5tEmuHubDeployer0001",
  accessKeySecret: "emu-hub-deployer-secret-0001",
};

interface Assumed {
  Credentials: { AccessKeyId: string; AccessKeySecret: string; SecurityToken: string; Expiration: string };
  AssumedRoleUser: { Arn: string; AssumedRoleId: string };
}

let emu: RunningEmulator;
beforeAll(async () => {
  // Signed requests carry the real time; a wide skew lets the world's clock move hours ahead.
  emu = await start({ seed: { ...DEFAULT_SEED, settings: { timestampSkewMs: 48 * 3_600_000 } } });
});
afterAll(() => emu.stop());
beforeEach(() => emu.emulator.reset());

const sts = (key: Key = HUB) => pop(emu.url, STS, key);
const assume = (params: Record<string, unknown>, key: Key = HUB) =>
  call<Assumed>(sts(key), "AssumeRole", { RoleSessionName: "pulumi-test", ...params }, "POST");
const asKey = (a: Assumed): Key => ({
  accessKeyId: a.Credentials.AccessKeyId,
  accessKeySecret: a.Credentials.AccessKeySecret,
  securityToken: a.Credentials.SecurityToken,
});

async function mintToken(subject: string, extra: Record<string, unknown> = {}): Promise<string> {
  const answer = await fetch(`${emu.url}/__sts/oidc-token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ providerArn: DEFAULT_ROLES.oidcProvider, subject, ...extra }),
  });
  expect(answer.status).toBe(200);
  return ((await answer.json()) as { token: string }).token;
}

/** An unsigned AssumeRoleWithOIDC, as @alicloud/credentials sends it. */
async function assumeWithOidc(
  params: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const query = new URLSearchParams({
    Action: "AssumeRoleWithOIDC",
    Version: STS,
    Format: "JSON",
    Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    RoleSessionName: "ci-run",
    OIDCProviderArn: DEFAULT_ROLES.oidcProvider,
    RoleArn: DEFAULT_ROLES.mainCiDeployer,
    ...params,
  });
  const answer = await fetch(`${emu.url}/`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: query.toString(),
  });
  return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
}

describe("AssumeRole", () => {
  it("GIVEN the hub's RAM user WHEN it assumes main's trusting role THEN it gets STS keys that act in main", async () => {
    const assumed = await assume({ RoleArn: DEFAULT_ROLES.mainCenGranter, DurationSeconds: 900 });
    expect(assumed.Credentials.AccessKeyId).toMatch(/^STS\./);
    expect(assumed.AssumedRoleUser.Arn).toBe(`${DEFAULT_ROLES.mainCenGranter}/pulumi-test`);
    const who = await call<{ AccountId: string; Arn: string; IdentityType: string }>(
      sts(asKey(assumed)),
      "GetCallerIdentity",
      {},
    );
    expect(who).toMatchObject({
      AccountId: IDS.mainUid,
      IdentityType: "AssumedRoleUser",
      Arn: `acs:ram::${IDS.mainUid}:assumed-role/cen-granter/pulumi-test`,
    });
    const grants = await call<{ RequestId: string }>(pop(emu.url, VPC, asKey(assumed)), "DescribeGrantRulesToCen", {
      RegionId: "cn-hangzhou",
      InstanceId: IDS.vpcLink1,
      InstanceType: "VPC",
    });
    expect(grants.RequestId).toBeTruthy();
  });

  it("GIVEN a root AccessKey WHEN it assumes a role THEN NoPermission (roots may not)", async () => {
    const error = await expectFailure(
      assume({ RoleArn: DEFAULT_ROLES.mainCenGranter }, KEYS.cenOwner),
      "NoPermission",
      403,
    );
    expect(error.data.Message).toMatch(/root/);
  });

  it("GIVEN a caller the trust policy does not name WHEN it assumes THEN NoPermission saying it is not trusted", async () => {
    // main's read-only RAM user lacks sts:AssumeRole in its own policy: the gateway refuses first.
    await expectFailure(assume({ RoleArn: DEFAULT_ROLES.otherCenGranter }, KEYS.readOnly), "NoPermission", 403);
    // A session of main's role is a RAM principal of main, which other's role does not trust.
    const mainSession = asKey(await assume({ RoleArn: DEFAULT_ROLES.mainCenGranter }));
    const noAssume = await expectFailure(
      assume({ RoleArn: DEFAULT_ROLES.otherCenGranter }, mainSession),
      "NoPermission",
      403,
    );
    expect(noAssume.data.Message).toMatch(/not authorized|not trusted/);
  });

  it("GIVEN a role requiring an ExternalId WHEN assumed without it, with a wrong one and the right one THEN only the right one works", async () => {
    const role = DEFAULT_ROLES.otherCenGranter;
    await expectFailure(assume({ RoleArn: role }), "NoPermission", 403);
    await expectFailure(assume({ RoleArn: role, ExternalId: "wrong-id" }), "NoPermission", 403);
    const assumed = await assume({ RoleArn: role, ExternalId: OTHER_ROLE_EXTERNAL_ID });
    expect(assumed.AssumedRoleUser.Arn).toContain(`acs:ram::${IDS.otherUid}:role/cen-granter`);
  });

  it("GIVEN malformed parameters WHEN assuming THEN the documented InvalidParameter codes", async () => {
    const role = DEFAULT_ROLES.mainCenGranter;
    await expectFailure(assume({ RoleArn: "acs:ram::x:role" }), "InvalidParameter.RoleArn", 400);
    await expectFailure(assume({ RoleArn: role, RoleSessionName: "a" }), "InvalidParameter.RoleSessionName", 400);
    await expectFailure(
      assume({ RoleArn: role, RoleSessionName: "bad name!" }),
      "InvalidParameter.RoleSessionName",
      400,
    );
    const tooShort = await expectFailure(
      assume({ RoleArn: role, DurationSeconds: 899 }),
      "InvalidParameter.DurationSeconds",
      400,
    );
    expect(tooShort.data.Message).toBe("The Min/Max value of DurationSeconds is 15min/1hr.");
    await expectFailure(assume({ RoleArn: role, DurationSeconds: 3601 }), "InvalidParameter.DurationSeconds", 400);
    await expectFailure(assume({ RoleArn: role, Policy: "{not json" }), "InvalidParameter.PolicyGrammar", 400);
    await expectFailure(assume({ RoleArn: `acs:ram::${IDS.mainUid}:role/no-such-role` }), "EntityNotExist.Role", 404);
    await expectFailure(call(sts(), "AssumeRole", { RoleArn: role }, "POST"), "MissingRoleSessionName", 400);
  });

  it("GIVEN a session policy allowing Describe only WHEN the session grants THEN it is refused, while Describe works", async () => {
    const policy = JSON.stringify({
      Version: "1",
      Statement: [{ Effect: "Allow", Action: "vpc:Describe*", Resource: "*" }],
    });
    const session = asKey(await assume({ RoleArn: DEFAULT_ROLES.mainCenGranter, Policy: policy }));
    const vpc = pop(emu.url, VPC, session);
    const params = { RegionId: "cn-hangzhou", InstanceId: IDS.vpcLink1, InstanceType: "VPC", CenId: IDS.cen1 };
    await call(vpc, "DescribeGrantRulesToCen", {
      RegionId: "cn-hangzhou",
      InstanceId: IDS.vpcLink1,
      InstanceType: "VPC",
    });
    const refused = await expectFailure(
      call(vpc, "GrantInstanceToCen", { ...params, CenOwnerId: IDS.cenOwnerUid }),
      "Forbidden.RAM",
      403,
    );
    expect(refused.data.Message).toBeTruthy();
  });

  it("GIVEN a 15-minute session WHEN the world's clock passes its expiry THEN InvalidSecurityToken.Expired, and a new session works", async () => {
    const session = asKey(await assume({ RoleArn: DEFAULT_ROLES.mainCenGranter, DurationSeconds: 900 }));
    await call(sts(session), "GetCallerIdentity", {});
    await emu.admin.setClock({ offsetMs: 901_000 });
    await expectFailure(call(sts(session), "GetCallerIdentity", {}), "InvalidSecurityToken.Expired", 400);
    const renewed = asKey(await assume({ RoleArn: DEFAULT_ROLES.mainCenGranter, DurationSeconds: 900 }));
    await call(sts(renewed), "GetCallerIdentity", {});
  });
});

describe("AssumeRoleWithOIDC", () => {
  it("GIVEN a token of the provider with a ci: subject WHEN sent unsigned THEN STS keys of main's ci-deployer role", async () => {
    const answer = await assumeWithOidc({ OIDCToken: await mintToken("ci:deploy-main") });
    expect(answer.status).toBe(200);
    const body = answer.body as unknown as Assumed & { OIDCTokenInfo: { Subject: string } };
    expect(body.OIDCTokenInfo.Subject).toBe("ci:deploy-main");
    const who = await call<{ Arn: string }>(sts(asKey(body)), "GetCallerIdentity", {});
    expect(who.Arn).toBe(`acs:ram::${IDS.mainUid}:assumed-role/ci-deployer/ci-run`);
  });

  it("GIVEN bad tokens WHEN sent THEN the AuthenticationFail.* codes", async () => {
    const cases: [Record<string, string>, string][] = [
      [{ OIDCToken: "not-a-jwt" }, "AuthenticationFail.OIDCToken.Invalid"],
      [{ OIDCToken: `${(await mintToken("ci:x")).slice(0, -4)}AAAA` }, "AuthenticationFail.OIDCToken.InvalidSignature"],
      [{ OIDCToken: await mintToken("ci:x", { expiresInSeconds: -10 }) }, "AuthenticationFail.OIDCToken.Expired"],
      [
        { OIDCToken: await mintToken("ci:x", { issuer: "https://elsewhere.example" }) },
        "AuthenticationFail.OIDCToken.IssuerNotMatch",
      ],
      [
        { OIDCToken: await mintToken("ci:x", { audience: "someone-else" }) },
        "AuthenticationFail.OIDCToken.AudienceNotMatch",
      ],
      [{ OIDCToken: await mintToken("human:alice") }, "AuthenticationFail.NoPermission"],
      [
        { OIDCToken: await mintToken("ci:x"), OIDCProviderArn: `acs:ram::${IDS.mainUid}:oidc-provider/none` },
        "AuthenticationFail.NoPermission",
      ],
    ];
    for (const [params, code] of cases) {
      const answer = await assumeWithOidc(params);
      expect({ status: answer.status, code: answer.body.Code }).toEqual({ status: 401, code });
    }
  });

  it("GIVEN an unsigned call WHEN the action is not AssumeRoleWithOIDC THEN the signature is required", async () => {
    const answer = await fetch(`${emu.url}/?Action=GetCallerIdentity&Version=${STS}&Format=JSON`);
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(((await answer.json()) as { Code: string }).Code).toBe("IncompleteSignature");
  });
});

describe("GetCallerIdentity", () => {
  it("GIVEN a root key and a RAM user's key WHEN asked THEN Account and RAMUser identities", async () => {
    const root = await call<{ IdentityType: string; AccountId: string }>(sts(KEYS.main), "GetCallerIdentity", {});
    expect(root).toMatchObject({ IdentityType: "Account", AccountId: IDS.mainUid });
    const user = await call<{ IdentityType: string; Arn: string }>(sts(HUB), "GetCallerIdentity", {});
    expect(user).toMatchObject({ IdentityType: "RAMUser", Arn: `acs:ram::${IDS.cenOwnerUid}:user/hub-deployer` });
  });
});

describe("instance metadata and credentials URI", () => {
  it("GIVEN the role attached to an instance WHEN the metadata paths are read THEN it is listed and its session works", async () => {
    const listing = await fetch(`${emu.url}/latest/meta-data/ram/security-credentials/`);
    expect((await listing.text()).split("\n")).toContain("ecs-instance");
    const answer = await fetch(`${emu.url}/latest/meta-data/ram/security-credentials/ecs-instance`);
    const body = (await answer.json()) as Record<string, string>;
    expect(body.Code).toBe("Success");
    const client = new RPCClient({
      endpoint: emu.url,
      apiVersion: STS,
      accessKeyId: body.AccessKeyId ?? "",
      accessKeySecret: body.AccessKeySecret ?? "",
      securityToken: body.SecurityToken ?? "",
    });
    const who = await call<{ Arn: string }>(client, "GetCallerIdentity", {});
    expect(who.Arn).toBe(`acs:ram::${IDS.mainUid}:assumed-role/ecs-instance/${IDS.vpcInstance}`);
    expect((await fetch(`${emu.url}/latest/meta-data/ram/security-credentials/nope`)).status).toBe(404);
  });

  it("GIVEN a credentials URI of a role WHEN read THEN the @alicloud/credentials shape with an expiry one hour on", async () => {
    const answer = await fetch(`${emu.url}/__sts/credentials/${IDS.mainUid}/cen-granter`);
    const body = (await answer.json()) as Record<string, string>;
    expect(body).toMatchObject({ Code: "Success" });
    expect(Date.parse(body.Expiration ?? "") - Date.now()).toBeGreaterThan(3_000_000);
    expect((await fetch(`${emu.url}/__sts/credentials/${IDS.mainUid}/nope`)).status).toBe(404);
  });
});
