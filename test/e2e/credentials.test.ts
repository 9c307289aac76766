// Every way of acting through a RAM role, end to end through the Pulumi engine against the
// emulator's STS: the stack's alicloud:assumeRole, a role in the environment next to keys, a
// resource's own assumeRole (the central-account pattern), CLI profiles of modes RamRoleArn and
// OIDC, alicloud:assumeRoleWithOidc, a trust policy that refuses, and a session that expires during an
// up. After each, no credential of any kind is in the state, the stack's files or the output.
import fs from "node:fs";
import path from "node:path";
import { CenGrantRevocation } from "pulumi-alicloud-dynamic";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SEED } from "../../emulator/index";
import { DEFAULT_KEYS, DEFAULT_ROLES, OTHER_ROLE_EXTERNAL_ID } from "../../emulator/world/default-world";
import type { TestStack } from "../../testing/index";
import {
  type Account,
  accountConfig,
  CEN_OWNER,
  type Cloud,
  effects,
  emulatedStack,
  failureOf,
  grantsOn,
  MAIN,
  OTHER,
  outputCollector,
  startCloud,
  WORLD,
} from "./cloud";

const HUB = DEFAULT_KEYS.hubDeployer;
const REGION = { "alicloud:region": { value: "cn-hangzhou" } };
const HUB_CONFIG = accountConfig({ uid: CEN_OWNER.uid, ...HUB });
const SESSION = "pulumi-e2e-test";

let cloud: Cloud;
beforeAll(async () => {
  cloud = await startCloud();
  // Signed requests carry the real time: a wide skew lets the world's clock move past a session.
  cloud.emulator.emulator.reset({ ...DEFAULT_SEED, settings: { timestampSkewMs: 48 * 3_600_000 } });
});
afterAll(() => cloud?.close());

/** Every secret the world knows: permanent secrets, and every STS key and token (issued ones included). */
function worldSecrets(): string[] {
  const out: string[] = [];
  for (const { key } of cloud.emulator.emulator.world().keys.values()) {
    out.push(key.accessKeySecret);
    if (key.securityToken) out.push(key.securityToken);
    if (key.session) out.push(key.accessKeyId);
  }
  return out;
}

function expectNoCredentials(texts: Record<string, string>): void {
  const secrets = worldSecrets();
  for (const [where, text] of Object.entries(texts)) {
    for (const secret of secrets) {
      expect(text.includes(secret), `${where} contains ${secret.slice(0, 6)}...`).toBe(false);
    }
    expect(/Signature(=|%3D)(?!\*\*\*)[A-Za-z0-9%+/]/.test(text), `${where} contains a signature`).toBe(false);
  }
}

/** The CEN instances a VPC is granted to, as its owner sees them. */
async function grantsOnVpc(owner: Account, vpcId: string): Promise<string[]> {
  return (await grantsOn(cloud, owner, vpcId)).map((grant) => grant.cenId);
}

/** Runs up, checks what the test says, checks no credential leaked, then destroys. */
async function upAndDown(test: TestStack, check: (output: string) => Promise<void>): Promise<void> {
  const output = outputCollector();
  try {
    await test.stack.up({ onOutput: output.onOutput });
    await check(output.text());
    expectNoCredentials({ output: output.text(), state: test.exportText(), files: test.filesText() });
    await test.stack.destroy({ onOutput: output.onOutput });
  } finally {
    await test.dispose();
  }
}

describe("role assumption through the engine", () => {
  it("GIVEN the hub's keys and alicloud:assumeRole naming main's role WHEN up THEN the grant is made in main by a session named after the stack", async () => {
    const key = `AssumeRole:${DEFAULT_ROLES.mainCenGranter}/${SESSION}`;
    const before = await effects(cloud, key);
    const test = await emulatedStack(
      cloud,
      async () => {
        new CenGrantRevocation("grant", { cenId: WORLD.cen, cenOwnerId: CEN_OWNER.uid, instanceId: WORLD.vpcLinked });
      },
      {
        config: {
          ...HUB_CONFIG,
          "alicloud:assumeRole": {
            value: JSON.stringify({ roleArn: DEFAULT_ROLES.mainCenGranter, sessionExpiration: 900 }),
          },
          // A setting of @pulumi/alicloud that means nothing here: warned about, not ignored silently.
          "alicloud:protocol": { value: "HTTPS" },
        },
      },
    );
    await upAndDown(test, async (output) => {
      expect(output).toContain("alicloud:protocol is a setting of @pulumi/alicloud");
      expect(await grantsOnVpc(MAIN, WORLD.vpcLinked)).toContain(WORLD.cen);
      // One session for every call of the up: cached in the provider process.
      expect((await effects(cloud, key)) - before).toBe(1);
    });
    expect(await grantsOnVpc(MAIN, WORLD.vpcLinked)).not.toContain(WORLD.cen);
  });

  it("GIVEN ALIBABA_CLOUD_ROLE_ARN next to access-key variables WHEN up THEN the role is assumed with the keys, not ignored", async () => {
    const test = await emulatedStack(
      cloud,
      async () => {
        new CenGrantRevocation("grant", { cenId: WORLD.cen2, cenOwnerId: CEN_OWNER.uid, instanceId: WORLD.vpcLinked });
      },
      {
        config: REGION,
        env: {
          ALIBABA_CLOUD_ACCESS_KEY_ID: HUB.accessKeyId,
          ALIBABA_CLOUD_ACCESS_KEY_SECRET: HUB.accessKeySecret,
          ALIBABA_CLOUD_ROLE_ARN: DEFAULT_ROLES.mainCenGranter,
          ALIBABA_CLOUD_ROLE_SESSION_NAME: "env-session",
        },
      },
    );
    const key = `AssumeRole:${DEFAULT_ROLES.mainCenGranter}/env-session`;
    const before = await effects(cloud, key);
    await upAndDown(test, async () => {
      expect(await grantsOnVpc(MAIN, WORLD.vpcLinked)).toContain(WORLD.cen2);
      expect((await effects(cloud, key)) - before).toBe(1);
    });
  });

  it("GIVEN a resource's own assumeRole (another account's role, with its ExternalId) WHEN up, then its session name changes THEN the spoke's VPC is granted and the change updates in place", async () => {
    let sessionName = "spoke-other";
    const program = async () => {
      new CenGrantRevocation("spoke", {
        cenId: WORLD.cen,
        cenOwnerId: CEN_OWNER.uid,
        instanceId: WORLD.otherVpc,
        assumeRole: { roleArn: DEFAULT_ROLES.otherCenGranter, externalId: OTHER_ROLE_EXTERNAL_ID, sessionName },
      });
    };
    const test = await emulatedStack(cloud, program, { config: HUB_CONFIG });
    await upAndDown(test, async () => {
      expect(await grantsOnVpc(OTHER, WORLD.otherVpc)).toContain(WORLD.cen);
      sessionName = "spoke-other-renamed";
      const preview = await test.stack.preview();
      expect(preview.changeSummary).toEqual({ same: 1, update: 1 });
      const result = await test.stack.up();
      expect(result.summary.resourceChanges).toEqual({ same: 1, update: 1 });
      // The next read acts through the renamed session.
      await test.stack.refresh();
      expect(await effects(cloud, `AssumeRole:${DEFAULT_ROLES.otherCenGranter}/spoke-other-renamed`)).toBeGreaterThan(
        0,
      );
      // The ExternalId is an input like any other: it is in the state, but no credential is.
      expect(await grantsOnVpc(OTHER, WORLD.otherVpc)).toContain(WORLD.cen);
    });
  });

  it("GIVEN a CLI profile of mode RamRoleArn WHEN a resource names it THEN the profile's role is assumed with the profile's keys", async () => {
    const file = path.join(cloud.home, ".aliyun", "config.json");
    const config = JSON.parse(fs.readFileSync(file, "utf8")) as { profiles: object[] };
    config.profiles.push({
      name: "hub-as-main",
      mode: "RamRoleArn",
      access_key_id: HUB.accessKeyId,
      access_key_secret: HUB.accessKeySecret,
      ram_role_arn: DEFAULT_ROLES.mainCenGranter,
      ram_session_name: "profile-session",
      expired_seconds: 900,
      region_id: "cn-hangzhou",
    });
    fs.writeFileSync(file, JSON.stringify(config));
    const test = await emulatedStack(
      cloud,
      async () => {
        new CenGrantRevocation("grant", {
          cenId: WORLD.cen,
          cenOwnerId: CEN_OWNER.uid,
          instanceId: WORLD.vpcLinked2,
          profile: "hub-as-main",
        });
      },
      { config: REGION },
    );
    await upAndDown(test, async () => {
      expect(await grantsOnVpc(MAIN, WORLD.vpcLinked2)).toContain(WORLD.cen);
      expect(await effects(cloud, `AssumeRole:${DEFAULT_ROLES.mainCenGranter}/profile-session`)).toBeGreaterThan(0);
    });
  });

  it("GIVEN a CLI profile of mode OIDC WHEN it is the stack's alicloud:profile THEN its token file is exchanged for the role", async () => {
    const minted = await fetch(`${cloud.url}/__sts/oidc-token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ providerArn: DEFAULT_ROLES.oidcProvider, subject: "ci:profile-e2e" }),
    });
    const tokenFile = path.join(cloud.home, "profile-oidc-token");
    fs.writeFileSync(tokenFile, ((await minted.json()) as { token: string }).token);
    const file = path.join(cloud.home, ".aliyun", "config.json");
    const config = JSON.parse(fs.readFileSync(file, "utf8")) as { profiles: object[] };
    config.profiles.push({
      name: "ci-oidc",
      mode: "OIDC",
      ram_role_arn: DEFAULT_ROLES.mainCiDeployer,
      oidc_provider_arn: DEFAULT_ROLES.oidcProvider,
      oidc_token_file: tokenFile,
      ram_session_name: "profile-oidc",
    });
    fs.writeFileSync(file, JSON.stringify(config));
    const test = await emulatedStack(
      cloud,
      async () => {
        new CenGrantRevocation("grant", { cenId: WORLD.cen2, cenOwnerId: CEN_OWNER.uid, instanceId: WORLD.vpcPlain });
      },
      { config: { ...REGION, "alicloud:profile": { value: "ci-oidc" } } },
    );
    const key = `AssumeRoleWithOIDC:${DEFAULT_ROLES.mainCiDeployer}/profile-oidc`;
    const before = await effects(cloud, key);
    await upAndDown(test, async () => {
      expect(await grantsOnVpc(MAIN, WORLD.vpcPlain)).toContain(WORLD.cen2);
      expect((await effects(cloud, key)) - before).toBe(1);
    });
  });

  it("GIVEN alicloud:assumeRoleWithOidc with a token file WHEN up THEN main's CI role acts, unsigned exchange and all", async () => {
    const minted = await fetch(`${cloud.url}/__sts/oidc-token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ providerArn: DEFAULT_ROLES.oidcProvider, subject: "ci:pipeline-42" }),
    });
    const { token } = (await minted.json()) as { token: string };
    const tokenFile = path.join(cloud.home, "oidc-token");
    fs.writeFileSync(tokenFile, token);
    const test = await emulatedStack(
      cloud,
      async () => {
        new CenGrantRevocation("grant", { cenId: WORLD.cen2, cenOwnerId: CEN_OWNER.uid, instanceId: WORLD.vpcLinked2 });
      },
      {
        config: {
          ...REGION,
          "alicloud:assumeRoleWithOidc": {
            value: JSON.stringify({
              roleArn: DEFAULT_ROLES.mainCiDeployer,
              oidcProviderArn: DEFAULT_ROLES.oidcProvider,
              oidcTokenFile: tokenFile,
            }),
          },
        },
      },
    );
    const key = `AssumeRoleWithOIDC:${DEFAULT_ROLES.mainCiDeployer}/${SESSION}`;
    const before = await effects(cloud, key);
    await upAndDown(test, async () => {
      expect(await grantsOnVpc(MAIN, WORLD.vpcLinked2)).toContain(WORLD.cen2);
      expect((await effects(cloud, key)) - before).toBe(1);
    });
  });

  it("GIVEN alicloud:credentialsUri, then alicloud:ecsRoleName WHEN up THEN the emulator's credential services give the sessions", async () => {
    // HOME's current CLI profile signs as main too: count the sessions each service issued to tell them apart.
    const sessionsOf = (roleName: string) =>
      [...cloud.emulator.emulator.world().keys.values()].filter(({ key }) => key.session?.roleName === roleName).length;
    const program = async () => {
      new CenGrantRevocation("grant", { cenId: WORLD.cen, cenOwnerId: CEN_OWNER.uid, instanceId: WORLD.vpcPlain });
    };
    const uri = `${cloud.url}/__sts/credentials/${MAIN.uid}/cen-granter`;
    const viaUri = await emulatedStack(cloud, program, {
      config: { ...REGION, "alicloud:credentialsUri": { value: uri } },
    });
    const granterBefore = sessionsOf("cen-granter");
    await upAndDown(viaUri, async () => {
      expect(await grantsOnVpc(MAIN, WORLD.vpcPlain)).toContain(WORLD.cen);
      expect(sessionsOf("cen-granter") - granterBefore).toBe(1);
    });
    const viaMetadata = await emulatedStack(cloud, program, {
      config: { ...REGION, "alicloud:ecsRoleName": { value: "ecs-instance" } },
      env: { ALICLOUD_DYNAMIC_ECS_METADATA_ENDPOINT: cloud.url },
    });
    const instanceBefore = sessionsOf("ecs-instance");
    await upAndDown(viaMetadata, async () => {
      expect(await grantsOnVpc(MAIN, WORLD.vpcPlain)).toContain(WORLD.cen);
      expect(sessionsOf("ecs-instance") - instanceBefore).toBe(1);
    });
  });

  it("GIVEN a role whose trust policy refuses the caller WHEN up THEN a clear error names the role and the account, and nothing is created", async () => {
    const test = await emulatedStack(
      cloud,
      async () => {
        new CenGrantRevocation("refused", {
          cenId: WORLD.cen,
          cenOwnerId: CEN_OWNER.uid,
          instanceId: WORLD.otherVpc,
          // other's role requires an ExternalId, which is not given.
          assumeRole: { roleArn: DEFAULT_ROLES.otherCenGranter },
        });
      },
      { config: HUB_CONFIG },
    );
    try {
      const before = await grantsOnVpc(OTHER, WORLD.otherVpc);
      const output = outputCollector();
      const message = await failureOf(test.stack.up({ onOutput: output.onOutput, onError: output.onOutput }));
      expect(message).toContain(
        `Could not assume the RAM role ${DEFAULT_ROLES.otherCenGranter} (account ${OTHER.uid})`,
      );
      expect(message).toContain("NoPermission");
      expect(message).toContain("trust policy");
      expect(await grantsOnVpc(OTHER, WORLD.otherVpc)).toEqual(before);
      const created = (await test.resources()).filter((r) => r.type.includes("CenGrantRevocation"));
      expect(created).toEqual([]);
      expectNoCredentials({ error: message, output: output.text(), state: test.exportText() });
    } finally {
      await test.dispose();
    }
  });

  it("GIVEN a 15-minute session WHEN the world's clock passes its end during an up THEN the provider renews it and the up completes", async () => {
    const key = `AssumeRole:${DEFAULT_ROLES.mainCenGranter}/long-up`;
    const before = await effects(cloud, key);
    const test = await emulatedStack(
      cloud,
      async () => {
        const first = new CenGrantRevocation("first", {
          cenId: WORLD.cen,
          cenOwnerId: CEN_OWNER.uid,
          instanceId: WORLD.vpcLinked,
        });
        // Between the two creates, 16 minutes pass on the cloud's clock.
        const later = first.id.apply(async () => {
          await cloud.admin.setClock({ offsetMs: 16 * 60_000 });
          return WORLD.vpcLinked2;
        });
        new CenGrantRevocation("second", { cenId: WORLD.cen, cenOwnerId: CEN_OWNER.uid, instanceId: later });
      },
      {
        config: {
          ...HUB_CONFIG,
          "alicloud:assumeRole": {
            value: JSON.stringify({
              roleArn: DEFAULT_ROLES.mainCenGranter,
              sessionName: "long-up",
              sessionExpiration: 900,
            }),
          },
        },
      },
    );
    try {
      await upAndDown(test, async () => {
        expect(await grantsOnVpc(MAIN, WORLD.vpcLinked2)).toContain(WORLD.cen);
        // The first session, then its renewal once the service said it had expired.
        expect((await effects(cloud, key)) - before).toBe(2);
      });
    } finally {
      await cloud.admin.setClock({ offsetMs: 0 });
    }
  });
});
