// Credential resolution with roles, against the emulator's STS over HTTP: the stack's
// alicloud:assumeRole and the environment's role next to keys, a resource's own assumeRole,
// alicloud:assumeRoleWithOidc, CLI profiles of every role mode, the ECS metadata service and a
// credentials URI; the session cache and its renewal; the settings' checks; client timeouts; and
// the warning about unknown alicloud: keys.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GetCallerIdentity } from "../../../api/sts";
import { DEFAULT_SEED, MAIN_UID, OTHER_UID, type RunningEmulator, startEmulator } from "../../../emulator/index";
import { DEFAULT_KEYS, DEFAULT_ROLES, OTHER_ROLE_EXTERNAL_ID } from "../../../emulator/world/default-world";
import { credentialSource, defaultSessionName, forgetSessions } from "../../../provider/client/credentials";
import { callAction } from "../../../provider/client/rpc";
import { makeSettings, type Settings } from "../../../provider/client/settings";
import { warnAboutConfig } from "../../../provider/framework/check";

const HUB = DEFAULT_KEYS.hubDeployer;
const config = (values: Record<string, string>) => ({
  get: (key: string) => values[key],
  keys: () => Object.keys(values),
});
const hubConfig = { "alicloud:accessKey": HUB.accessKeyId, "alicloud:secretKey": HUB.accessKeySecret };

let emu: RunningEmulator;
let dir: string;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, seed: { ...DEFAULT_SEED, settings: { timestampSkewMs: 48 * 3_600_000 } } });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "pad-cred-roles-"));
});
afterAll(async () => {
  await emu.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => forgetSessions());
afterEach(() => vi.useRealTimers());

const env = (extra: Record<string, string> = {}) => ({
  ALICLOUD_ENDPOINT: emu.url,
  ALICLOUD_DYNAMIC_RETRY_BASE_DELAY_MS: "10",
  ALICLOUD_DYNAMIC_RETRY_DEADLINE_MS: "3000",
  ...extra,
});

/** Who the settings act as, by the service's answer. */
async function whoAmI(settings: Settings, who: Parameters<typeof credentialSource>[1] = {}): Promise<string> {
  const answer = await callAction(settings, { region: "cn-hangzhou", ...who }, GetCallerIdentity, {});
  return String(answer.Arn);
}

const assumed = (roleArn: string, session: string) => `${roleArn.replace(":role/", ":assumed-role/")}/${session}`;
const counted = async (key: string) => (await emu.admin.counters()).effects[key] ?? 0;

describe("the stack's role", () => {
  it("GIVEN keys and alicloud:assumeRole WHEN calls are made THEN they act as the role, through one cached session", async () => {
    const settings = makeSettings(
      config({
        ...hubConfig,
        "alicloud:assumeRole": JSON.stringify({ roleArn: DEFAULT_ROLES.mainCenGranter, sessionName: "unit-cache" }),
      }),
      env(),
    );
    const key = `AssumeRole:${DEFAULT_ROLES.mainCenGranter}/unit-cache`;
    const before = await counted(key);
    expect(await whoAmI(settings)).toBe(assumed(DEFAULT_ROLES.mainCenGranter, "unit-cache"));
    expect(await whoAmI(settings)).toBe(assumed(DEFAULT_ROLES.mainCenGranter, "unit-cache"));
    expect((await counted(key)) - before).toBe(1);
  });

  it("GIVEN @pulumi/alicloud's list-of-one shape WHEN read THEN it is accepted too", async () => {
    const settings = makeSettings(
      config({
        ...hubConfig,
        "alicloud:assumeRole": JSON.stringify([{ roleArn: DEFAULT_ROLES.mainCenGranter, sessionName: "as-list" }]),
      }),
      env(),
    );
    expect(await whoAmI(settings)).toBe(assumed(DEFAULT_ROLES.mainCenGranter, "as-list"));
  });

  it("GIVEN a 15-minute session WHEN 80% of it has passed THEN the next call renews it first", async () => {
    const settings = makeSettings(
      config({
        ...hubConfig,
        "alicloud:assumeRole": JSON.stringify({
          roleArn: DEFAULT_ROLES.mainCenGranter,
          sessionName: "unit-renew",
          sessionExpiration: 900,
        }),
      }),
      env(),
    );
    const key = `AssumeRole:${DEFAULT_ROLES.mainCenGranter}/unit-renew`;
    const before = await counted(key);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    await whoAmI(settings);
    vi.setSystemTime(Date.now() + 700_000);
    await whoAmI(settings);
    expect((await counted(key)) - before).toBe(1);
    vi.setSystemTime(Date.now() + 30_000);
    await whoAmI(settings);
    expect((await counted(key)) - before).toBe(2);
  });

  it("GIVEN ALIBABA_CLOUD_ROLE_ARN next to access-key variables WHEN resolved THEN the role is assumed with them", async () => {
    const settings = makeSettings(
      config({}),
      env({
        ALIBABA_CLOUD_ACCESS_KEY_ID: HUB.accessKeyId,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: HUB.accessKeySecret,
        ALIBABA_CLOUD_ROLE_ARN: DEFAULT_ROLES.mainCenGranter,
        ALIBABA_CLOUD_ROLE_SESSION_NAME: "from-env",
      }),
    );
    expect(await whoAmI(settings)).toBe(assumed(DEFAULT_ROLES.mainCenGranter, "from-env"));
  });

  it("GIVEN no session name WHEN the resource has a URN THEN the session is named after project and stack", async () => {
    expect(defaultSessionName("urn:pulumi:prod::network-hub::pulumi-nodejs:dynamic:Resource::grant")).toBe(
      "pulumi-network-hub-prod",
    );
    expect(defaultSessionName("urn:pulumi:a b::x/y::t::n")).toBe("pulumi-x-y-a-b");
    expect(defaultSessionName(undefined)).toBe("pulumi-alicloud-dynamic");
    const settings = makeSettings(
      config({ ...hubConfig, "alicloud:assumeRole": JSON.stringify({ roleArn: DEFAULT_ROLES.mainCenGranter }) }),
      env(),
    );
    const owner = "urn:pulumi:dev::hub::pulumi-nodejs:dynamic:Resource::grant";
    expect(await whoAmI(settings, { owner })).toBe(assumed(DEFAULT_ROLES.mainCenGranter, "pulumi-hub-dev"));
  });

  it("GIVEN malformed role settings WHEN resolved THEN the error names the setting, before any call", () => {
    const bad = (block: unknown) => () =>
      credentialSource(makeSettings(config({ ...hubConfig, "alicloud:assumeRole": JSON.stringify(block) }), env()));
    expect(bad({ sessionName: "x1" })).toThrow("alicloud:assumeRole.roleArn is required");
    expect(bad({ roleArn: "arn:aws:iam::1:role/x" })).toThrow("alicloud:assumeRole.roleArn must be a role ARN");
    expect(bad({ roleArn: DEFAULT_ROLES.mainCenGranter, sessionExpiration: 899 })).toThrow(
      "alicloud:assumeRole.sessionExpiration must be a whole number of seconds from 900 to 43200",
    );
    expect(bad({ roleArn: DEFAULT_ROLES.mainCenGranter, sessionExpiration: 43201 })).toThrow(/900 to 43200/);
    expect(bad({ roleArn: DEFAULT_ROLES.mainCenGranter, sessionName: "no spaces" })).toThrow(
      "alicloud:assumeRole.sessionName",
    );
    expect(() =>
      credentialSource(makeSettings(config({ ...hubConfig, "alicloud:assumeRole": "{oops" }), env())),
    ).toThrow("Stack config alicloud:assumeRole must be an object");
    expect(() =>
      credentialSource(
        makeSettings(
          config({}),
          env({
            ALIBABA_CLOUD_ACCESS_KEY_ID: "a",
            ALIBABA_CLOUD_ACCESS_KEY_SECRET: "b",
            ALIBABA_CLOUD_ROLE_ARN: "nope",
          }),
        ),
      ),
    ).toThrow("ALIBABA_CLOUD_ROLE_ARN must be a role ARN");
  });

  it("GIVEN a role that does not trust the caller WHEN assumed THEN the error names role, account and origin, and holds no secret", async () => {
    const settings = makeSettings(
      config({ ...hubConfig, "alicloud:assumeRole": JSON.stringify({ roleArn: DEFAULT_ROLES.otherCenGranter }) }),
      env(),
    );
    const error = (await whoAmI(settings).catch((e: unknown) => e)) as Error;
    expect(error.message).toContain(
      `Could not assume the RAM role ${DEFAULT_ROLES.otherCenGranter} (account ${OTHER_UID})`,
    );
    expect(error.message).toContain("as stack config alicloud:assumeRole asks: NoPermission");
    expect(error.message).toContain("ExternalId");
    expect(error.message).not.toContain(HUB.accessKeySecret);
    expect(error.message).not.toMatch(/Signature=(?!\*)/);
  });
});

describe("a resource's own role", () => {
  it("GIVEN assumeRole with an ExternalId WHEN called THEN the stack's keys assume the other account's role", async () => {
    const settings = makeSettings(config(hubConfig), env());
    const assumeRole = {
      roleArn: DEFAULT_ROLES.otherCenGranter,
      externalId: OTHER_ROLE_EXTERNAL_ID,
      sessionName: "spoke",
    };
    expect(await whoAmI(settings, { assumeRole })).toBe(assumed(DEFAULT_ROLES.otherCenGranter, "spoke"));
    // The same stack without the input acts as itself.
    expect(await whoAmI(settings)).toBe(`acs:ram::${DEFAULT_SEED.accounts?.[1]?.uid}:user/hub-deployer`);
  });
});

describe("OIDC", () => {
  async function tokenFile(subject: string): Promise<string> {
    const answer = await fetch(`${emu.url}/__sts/oidc-token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ providerArn: DEFAULT_ROLES.oidcProvider, subject }),
    });
    const file = path.join(dir, `token-${subject.replace(/\W/g, "-")}`);
    fs.writeFileSync(file, ((await answer.json()) as { token: string }).token);
    return file;
  }

  it("GIVEN alicloud:assumeRoleWithOidc with a token file WHEN called THEN main's CI role acts", async () => {
    const file = await tokenFile("ci:unit");
    const block = {
      roleArn: DEFAULT_ROLES.mainCiDeployer,
      oidcProviderArn: DEFAULT_ROLES.oidcProvider,
      oidcTokenFile: file,
      roleSessionName: "oidc-unit",
    };
    const settings = makeSettings(config({ "alicloud:assumeRoleWithOidc": JSON.stringify(block) }), env());
    expect(await whoAmI(settings)).toBe(assumed(DEFAULT_ROLES.mainCiDeployer, "oidc-unit"));
  });

  it("GIVEN the OIDC environment variables WHEN there are no keys THEN the same exchange runs", async () => {
    const file = await tokenFile("ci:env");
    const settings = makeSettings(
      config({}),
      env({
        ALIBABA_CLOUD_ROLE_ARN: DEFAULT_ROLES.mainCiDeployer,
        ALIBABA_CLOUD_OIDC_PROVIDER_ARN: DEFAULT_ROLES.oidcProvider,
        ALIBABA_CLOUD_OIDC_TOKEN_FILE: file,
        ALIBABA_CLOUD_ROLE_SESSION_NAME: "oidc-env",
      }),
    );
    expect(await whoAmI(settings)).toBe(assumed(DEFAULT_ROLES.mainCiDeployer, "oidc-env"));
  });

  it("GIVEN a token the role does not accept WHEN exchanged THEN the error names the role and holds no token", async () => {
    const file = await tokenFile("human:alice");
    const token = fs.readFileSync(file, "utf8");
    const block = {
      roleArn: DEFAULT_ROLES.mainCiDeployer,
      oidcProviderArn: DEFAULT_ROLES.oidcProvider,
      oidcTokenFile: file,
    };
    const settings = makeSettings(config({ "alicloud:assumeRoleWithOidc": JSON.stringify(block) }), env());
    const error = (await whoAmI(settings).catch((e: unknown) => e)) as Error;
    expect(error.message).toContain(
      `Could not assume the RAM role ${DEFAULT_ROLES.mainCiDeployer} (account ${MAIN_UID})`,
    );
    expect(error.message).toContain("AuthenticationFail.NoPermission");
    expect(error.message).not.toContain(token.slice(0, 40));
  });
});

describe("CLI profiles, the metadata service and credentials URIs", () => {
  let file: string;
  beforeAll(async () => {
    const answer = await fetch(`${emu.url}/__sts/oidc-token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ providerArn: DEFAULT_ROLES.oidcProvider, subject: "ci:profile" }),
    });
    const tokenPath = path.join(dir, "profile-token");
    fs.writeFileSync(tokenPath, ((await answer.json()) as { token: string }).token);
    file = path.join(dir, "config.json");
    fs.writeFileSync(
      file,
      JSON.stringify({
        current: "hub",
        profiles: [
          { name: "hub", mode: "AK", access_key_id: HUB.accessKeyId, access_key_secret: HUB.accessKeySecret },
          {
            name: "hub-as-main",
            mode: "RamRoleArn",
            access_key_id: HUB.accessKeyId,
            access_key_secret: HUB.accessKeySecret,
            ram_role_arn: DEFAULT_ROLES.mainCenGranter,
            ram_session_name: "profile-role",
            expired_seconds: 900,
          },
          {
            name: "chained",
            mode: "ChainableRamRoleArn",
            source_profile: "hub",
            ram_role_arn: DEFAULT_ROLES.otherCenGranter,
            ram_session_name: "chained",
            external_id: OTHER_ROLE_EXTERNAL_ID,
          },
          {
            name: "ci",
            mode: "OIDC",
            ram_role_arn: DEFAULT_ROLES.mainCiDeployer,
            oidc_provider_arn: DEFAULT_ROLES.oidcProvider,
            oidc_token_file: tokenPath,
            ram_session_name: "profile-oidc",
          },
          { name: "on-ecs", mode: "EcsRamRole", ram_role_name: "ecs-instance" },
          {
            name: "loop",
            mode: "ChainableRamRoleArn",
            source_profile: "loop",
            ram_role_arn: DEFAULT_ROLES.mainCenGranter,
          },
        ],
      }),
    );
  });

  const viaProfile = (profile: string) =>
    whoAmI(
      makeSettings(
        config({ "alicloud:sharedCredentialsFile": file }),
        env({ ALICLOUD_DYNAMIC_ECS_METADATA_ENDPOINT: emu.url }),
      ),
      { profile },
    );

  it("GIVEN profiles of modes RamRoleArn, ChainableRamRoleArn, OIDC and EcsRamRole WHEN named THEN each acts as its role", async () => {
    expect(await viaProfile("hub-as-main")).toBe(assumed(DEFAULT_ROLES.mainCenGranter, "profile-role"));
    expect(await viaProfile("chained")).toBe(assumed(DEFAULT_ROLES.otherCenGranter, "chained"));
    expect(await viaProfile("ci")).toBe(assumed(DEFAULT_ROLES.mainCiDeployer, "profile-oidc"));
    expect(await viaProfile("on-ecs")).toBe(`acs:ram::${MAIN_UID}:assumed-role/ecs-instance/i-bp1emuvpcnet0000001`);
  });

  it("GIVEN a profile chained to itself or missing WHEN used THEN the error names it", async () => {
    await expect(viaProfile("loop")).rejects.toThrow(/source_profile "loop" leads back to itself/);
    await expect(viaProfile("absent")).rejects.toThrow(/no profile named "absent"/);
  });

  it("GIVEN alicloud:ecsRoleName and alicloud:credentialsUri WHEN resolved THEN the metadata service and the URI give sessions", async () => {
    const ecs = makeSettings(
      config({ "alicloud:ecsRoleName": "ecs-instance" }),
      env({ ALICLOUD_DYNAMIC_ECS_METADATA_ENDPOINT: emu.url }),
    );
    expect(await whoAmI(ecs)).toContain(":assumed-role/ecs-instance/");
    const uri = makeSettings(
      config({ "alicloud:credentialsUri": `${emu.url}/__sts/credentials/${MAIN_UID}/cen-granter` }),
      env(),
    );
    expect(await whoAmI(uri)).toBe(assumed(DEFAULT_ROLES.mainCenGranter, "credentials-uri"));
    const missing = makeSettings(
      config({ "alicloud:credentialsUri": `${emu.url}/__sts/credentials/${MAIN_UID}/nope?token=abc` }),
      env(),
    );
    const error = (await whoAmI(missing).catch((e: unknown) => e)) as Error;
    expect(error.message).toContain("HTTP 404");
    expect(error.message).not.toContain("token=abc");
  });
});

describe("client settings from stack config", () => {
  it("GIVEN clientConnectTimeout / clientReadTimeout (ms) and maxRetryTimeout (s) WHEN read THEN the timing follows, over the environment", () => {
    const settings = makeSettings(
      config({
        "alicloud:clientConnectTimeout": "1234",
        "alicloud:clientReadTimeout": "5678",
        "alicloud:maxRetryTimeout": "7",
      }),
      { ALICLOUD_DYNAMIC_CONNECT_TIMEOUT_MS: "99" },
    );
    expect(settings.timing).toMatchObject({ connectTimeoutMs: 1234, readTimeoutMs: 5678, retryDeadlineMs: 7000 });
    expect(makeSettings(config({ "alicloud:clientReadTimeout": "0" }), {}).timing.readTimeoutMs).toBe(20_000);
    expect(() => makeSettings(config({ "alicloud:maxRetryTimeout": "soon" }), {})).toThrow(
      'Stack config alicloud:maxRetryTimeout must be a number of seconds (got "soon")',
    );
  });

  it("GIVEN alicloud:stsEndpoint WHEN an STS call is made THEN it goes there, ahead of ALICLOUD_ENDPOINT", async () => {
    const settings = makeSettings(
      config({
        ...hubConfig,
        "alicloud:stsEndpoint": "http://127.0.0.1:9",
        "alicloud:assumeRole": JSON.stringify({ roleArn: DEFAULT_ROLES.mainCenGranter }),
      }),
      env({ ALICLOUD_DYNAMIC_CONNECT_TIMEOUT_MS: "200", ALICLOUD_DYNAMIC_RETRY_DEADLINE_MS: "300" }),
    );
    const error = (await whoAmI(settings).catch((e: unknown) => e)) as Error;
    expect(error.message).toContain("Could not assume the RAM role");
    expect(error.message).toMatch(/ECONNREFUSED|connect/i);
  });

  it("GIVEN alicloud: keys that are unknown or unused here WHEN checked THEN one warning each, once", () => {
    const lines: string[] = [];
    const settings = makeSettings(
      config({
        "alicloud:region": "cn-hangzhou",
        "alicloud:protocol": "HTTPS",
        "alicloud:acessKey": "typo",
        "other:key": "x",
      }),
      {},
      (line) => lines.push(line),
    );
    warnAboutConfig(settings);
    warnAboutConfig(settings);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(
      "alicloud:protocol is a setting of @pulumi/alicloud that pulumi-alicloud-dynamic does not use",
    );
    expect(lines[1]).toContain("alicloud:acessKey is not a setting pulumi-alicloud-dynamic knows");
  });
});
