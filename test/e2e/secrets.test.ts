// No AccessKey secret, STS token or signature reaches the state, the stack's files or the CLI's
// output: not on success, not when the API refuses the call. And each resource's serialized
// provider stays small.
import { CenGrantRevocation } from "pulumi-alicloud-dynamic";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestStack } from "../../testing/index";
import { CEN_OWNER, type Cloud, emulatedStack, failureOf, MAIN_STS, outputCollector, startCloud, WORLD } from "./cloud";

const WRONG_SECRET = "emu-wrong-secret-on-purpose-0001";
const FORBIDDEN = [MAIN_STS.accessKeySecret, MAIN_STS.securityToken, WRONG_SECRET];

function expectNoSecrets(text: string, where: string): void {
  for (const secret of FORBIDDEN)
    expect(text.includes(secret), `${where} contains ${secret.slice(0, 6)}...`).toBe(false);
  // A signature value: anything after Signature= that is not our redaction mark.
  expect(/Signature(=|%3D)(?!\*\*\*)[A-Za-z0-9%+/]/.test(text), `${where} contains a signature`).toBe(false);
}

describe("secrets stay out of state and output", () => {
  let cloud: Cloud;
  let test: TestStack;
  let grants: string[] = [WORLD.cen];
  const output = outputCollector();

  beforeAll(async () => {
    cloud = await startCloud();
    test = await emulatedStack(
      cloud,
      async () => {
        for (const cenId of grants) {
          new CenGrantRevocation(`grant-${cenId}`, { cenId, cenOwnerId: CEN_OWNER.uid, instanceId: WORLD.vpcLinked });
        }
      },
      {
        config: {
          "alicloud:region": { value: "cn-hangzhou" },
          "alicloud:accessKey": { value: MAIN_STS.accessKeyId },
          "alicloud:secretKey": { value: MAIN_STS.accessKeySecret, secret: true },
          "alicloud:securityToken": { value: MAIN_STS.securityToken, secret: true },
        },
      },
    );
  });

  afterAll(async () => {
    await test?.dispose();
    await cloud?.close();
  });

  it("GIVEN STS credentials in secret config WHEN up THEN the grant is made and nothing secret is written", async () => {
    const result = await test.stack.up({ onOutput: output.onOutput });
    expect(result.summary.resourceChanges).toEqual({ create: 2 });
    expectNoSecrets(output.text(), "the CLI output");
    expectNoSecrets(test.exportText(), "pulumi stack export");
    expectNoSecrets(test.filesText(), "the backend and workspace files");
  });

  it("GIVEN a wrong secret WHEN the API refuses the call THEN the error is clear and still holds no secret", async () => {
    await test.stack.setConfig("alicloud:secretKey", { value: WRONG_SECRET, secret: true });
    grants = [WORLD.cen, WORLD.cen2];
    const failed = outputCollector();
    const message = await failureOf(test.stack.up({ onOutput: failed.onOutput, onError: failed.onOutput }));
    expect(message).toContain("SignatureDoesNotMatch");
    expect(message).toContain("The AccessKey secret does not match its AccessKey ID");
    expectNoSecrets(message, "the error");
    expectNoSecrets(failed.text(), "the CLI output of the failed run");
    expectNoSecrets(test.exportText(), "pulumi stack export after the failure");
    expectNoSecrets(test.filesText(), "the backend and workspace files after the failure");
  });

  it("GIVEN the serialized providers WHEN measured THEN each is a one-line require of the package, well under 2 KB", () => {
    const state = JSON.parse(test.exportText()) as {
      deployment: { resources: { type: string; inputs?: { __provider?: string } }[] };
    };
    const providers = state.deployment.resources
      .filter((r) => r.type.endsWith("CenGrantRevocation"))
      .map((r) => r.inputs?.__provider ?? "");
    expect(providers.length).toBeGreaterThan(0);
    for (const text of providers) {
      expect(text).toContain('require("pulumi-alicloud-dynamic/providers/cen-grant-revocation")');
      expect(Buffer.byteLength(text)).toBeLessThan(2048);
    }
    console.log(`__provider per CenGrantRevocation: ${Buffer.byteLength(providers[0] ?? "")} bytes`);
  });

  it("GIVEN the secret key as plain config WHEN up THEN it is refused before anything is recorded", async () => {
    const plain = await emulatedStack(
      cloud,
      async () => {
        new CenGrantRevocation("plain", { cenId: WORLD.cen, cenOwnerId: CEN_OWNER.uid, instanceId: WORLD.vpcLinked2 });
      },
      {
        config: {
          "alicloud:region": { value: "cn-hangzhou" },
          "alicloud:accessKey": { value: MAIN_STS.accessKeyId },
          "alicloud:secretKey": { value: MAIN_STS.accessKeySecret },
        },
      },
    );
    try {
      const message = await failureOf(plain.stack.up());
      expect(message).toContain("alicloud:secretKey is set in plain text");
      expect(message).toContain("pulumi config set --secret alicloud:secretKey");
      const resources = JSON.parse(plain.exportText()).deployment.resources ?? [];
      expect(resources.filter((r: { type: string }) => r.type.startsWith("pulumi-nodejs:"))).toEqual([]);
    } finally {
      await plain.dispose();
    }
  });
});
