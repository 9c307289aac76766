// The client layer against the emulator over HTTP: signing through pop-core, retry decisions,
// unanswered calls, big UIDs and redaction, without the Pulumi engine.
import { execFile } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { AttachClassicLinkVpc } from "../../../api/ecs";
import { DescribeGrantRulesToCen, GrantInstanceToCen } from "../../../api/vpc";
import { DEFAULT_KEYS } from "../../../emulator/index";
import { AlibabaCloudError } from "../../../provider/client/errors";
import { callAction } from "../../../provider/client/rpc";
import { makeSettings, type Settings } from "../../../provider/client/settings";
import { mainAccountEnv, useEmulator } from "../emulated";

const STS = {
  id: DEFAULT_KEYS.mainSts.accessKeyId,
  secret: DEFAULT_KEYS.mainSts.accessKeySecret,
  token: DEFAULT_KEYS.mainSts.securityToken,
};
const GRANT = {
  CenId: "cen-emuowner0000000001",
  CenOwnerId: "9300000000000007",
  InstanceId: "vpc-bp1emumainlink0000001",
  InstanceType: "VPC" as const,
};
const HANGZHOU = { region: "cn-hangzhou" };

const emulator = useEmulator();

function settings(env: Record<string, string> = {}): Settings {
  return makeSettings(undefined, {
    ...mainAccountEnv(emulator.url),
    ALICLOUD_DYNAMIC_RETRY_BASE_DELAY_MS: "10",
    ALICLOUD_DYNAMIC_RETRY_MAX_DELAY_MS: "50",
    ALICLOUD_DYNAMIC_RETRY_DEADLINE_MS: "5000",
    ...env,
  });
}

const describeGrants = (
  s: Settings,
  extra: { PageSize?: number; ResourceGroupId?: string; InstanceType?: "VPC" | "VBR" | "CCN" } = {},
) => callAction(s, HANGZHOU, DescribeGrantRulesToCen, { InstanceId: GRANT.InstanceId, InstanceType: "VPC", ...extra });

const requests = (action: string) => emulator.requests(action);

describe("callAction signs and sends through pop-core", () => {
  it("GIVEN an AccessKey pair WHEN a call is made THEN the emulator verifies the signature and answers", async () => {
    const answer = await describeGrants(settings());
    expect(answer).toMatchObject({ TotalCount: 0, CenGrantRules: { CbnGrantRule: [] } });
    expect(answer.RequestId).toMatch(/^[0-9A-F-]{36}$/);
  });

  it("GIVEN STS credentials WHEN a call is made THEN the token is sent and accepted; a wrong token is refused without retry", async () => {
    const sts = settings({
      ALIBABA_CLOUD_ACCESS_KEY_ID: STS.id,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: STS.secret,
      ALIBABA_CLOUD_SECURITY_TOKEN: STS.token,
    });
    await expect(describeGrants(sts)).resolves.toMatchObject({ TotalCount: 0 });
    const wrong = settings({
      ALIBABA_CLOUD_ACCESS_KEY_ID: STS.id,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: STS.secret,
      ALIBABA_CLOUD_SECURITY_TOKEN: "not-the-token",
    });
    const before = await requests("DescribeGrantRulesToCen");
    const error = await describeGrants(wrong).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AlibabaCloudError);
    expect((error as AlibabaCloudError).retryable).toBe(false);
    expect(await requests("DescribeGrantRulesToCen")).toBe(before + 1);
  });

  it("GIVEN a CEN owner UID above 2^53 WHEN it comes back in a response THEN it is the exact string", async () => {
    await callAction(settings(), HANGZHOU, GrantInstanceToCen, GRANT);
    const answer = await describeGrants(settings());
    expect(answer.CenGrantRules?.CbnGrantRule?.[0]?.CenOwnerId).toBe("9300000000000007");
  });

  it("GIVEN an undefined parameter WHEN sent THEN it is dropped, not sent as the word undefined", async () => {
    await expect(
      describeGrants(settings(), { PageSize: undefined, ResourceGroupId: undefined }),
    ).resolves.toMatchObject({ PageSize: 10 });
  });
});

describe("callAction retries what is safe to retry", () => {
  it("GIVEN throttling and a proxy's HTML page WHEN an idempotent call is made THEN it is retried until it succeeds", async () => {
    await emulator.admin.setFaults({
      rules: [
        { kind: "Throttling.User", action: "DescribeGrantRulesToCen", count: 2 },
        { kind: "BadGateway", action: "DescribeGrantRulesToCen", count: 1 },
      ],
    });
    await expect(describeGrants(settings())).resolves.toMatchObject({ TotalCount: 0 });
    expect(await requests("DescribeGrantRulesToCen")).toBe(4);
  });

  it("GIVEN an error that means the input is wrong WHEN a call is made THEN it is not retried", async () => {
    // A type the contract does not allow, sent anyway, so that the service refuses the input.
    const error = await describeGrants(settings(), { InstanceType: "NAT" as "VPC" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AlibabaCloudError);
    expect((error as AlibabaCloudError).retryable).toBe(false);
    expect(await requests("DescribeGrantRulesToCen")).toBe(1);
  });

  it("GIVEN throttling that never ends WHEN the deadline passes THEN the last error says how many attempts were made", async () => {
    await emulator.admin.setFaults({ rules: [{ kind: "Throttling", rate: 1 }] });
    const error = (await describeGrants(settings({ ALICLOUD_DYNAMIC_RETRY_DEADLINE_MS: "400" })).catch(
      (e: unknown) => e,
    )) as AlibabaCloudError;
    expect(error.code).toBe("Throttling");
    expect(error.message).toMatch(/Gave up after \d+ attempts/);
  });

  it("GIVEN an answer slower than the read timeout WHEN an idempotent call is made THEN it times out and is retried", async () => {
    await emulator.admin.setFaults({
      rules: [{ kind: "Latency", latencyMs: 1500, action: "DescribeGrantRulesToCen", count: 1 }],
    });
    await expect(describeGrants(settings({ ALICLOUD_DYNAMIC_READ_TIMEOUT_MS: "300" }))).resolves.toMatchObject({
      TotalCount: 0,
    });
    expect(await requests("DescribeGrantRulesToCen")).toBe(2);
  });

  it("GIVEN an answer slower than the connect timeout but within the read timeout WHEN called THEN it succeeds once", async () => {
    await emulator.admin.setFaults({
      rules: [{ kind: "Latency", latencyMs: 600, action: "DescribeGrantRulesToCen", count: 1 }],
    });
    const slowButFine = settings({
      ALICLOUD_DYNAMIC_CONNECT_TIMEOUT_MS: "200",
      ALICLOUD_DYNAMIC_READ_TIMEOUT_MS: "3000",
    });
    await expect(describeGrants(slowButFine)).resolves.toMatchObject({ TotalCount: 0 });
    expect(await requests("DescribeGrantRulesToCen")).toBe(1);
  });

  it("GIVEN a ClientToken WHEN the change is applied but the answer lost THEN the retry replays it: granted once", async () => {
    await emulator.admin.setFaults({ rules: [{ kind: "DropAfterEffect", action: "GrantInstanceToCen", count: 1 }] });
    // One ClientToken for every attempt of the call: the retry replays the first answer.
    await callAction(settings(), HANGZHOU, GrantInstanceToCen, GRANT);
    expect(await requests("GrantInstanceToCen")).toBe(2);
    const effects = (await emulator.admin.counters()).effects;
    expect(effects[`GrantInstanceToCen:${GRANT.CenId}:${GRANT.InstanceId}:${GRANT.CenOwnerId}`]).toBe(1);
  });

  const attach = (verify: () => Promise<"applied" | "not-applied">) =>
    callAction(
      settings(),
      HANGZHOU,
      AttachClassicLinkVpc,
      { InstanceId: "i-bp1emuclassic000001", VpcId: "vpc-bp1emumainlink0000001" },
      { verify },
    );

  it("GIVEN no ClientToken WHEN the change is applied but the answer lost THEN verify sees it and nothing is sent again", async () => {
    await emulator.admin.setFaults({ rules: [{ kind: "DropAfterEffect", action: "AttachClassicLinkVpc", count: 1 }] });
    let verified = 0;
    await attach(async () => {
      verified += 1;
      return "applied";
    });
    expect(verified).toBe(1);
    expect(await requests("AttachClassicLinkVpc")).toBe(1);
  });

  it("GIVEN no ClientToken WHEN the connection drops before anything happened THEN verify says so and the call is sent again", async () => {
    await emulator.admin.setFaults({ rules: [{ kind: "DropBeforeAnswer", action: "AttachClassicLinkVpc", count: 1 }] });
    await attach(async () => "not-applied");
    expect(await requests("AttachClassicLinkVpc")).toBe(2);
    expect(
      (await emulator.admin.counters()).effects["AttachClassicLinkVpc:i-bp1emuclassic000001:vpc-bp1emumainlink0000001"],
    ).toBe(1);
  });
});

describe("callAction refuses answers that are not the API's", () => {
  /** A stand-in for a proxy in front of the endpoint, answering `status` with `body`. */
  async function proxy(status: number, body: string): Promise<{ url: string; close: () => void }> {
    const server = http.createServer((_req, res) =>
      res.writeHead(status, { "content-type": "application/json" }).end(body),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
  }

  it("GIVEN a 502 with a JSON body but no Code WHEN called THEN it is a retryable InvalidResponse, not a success", async () => {
    const bad = await proxy(502, '{"message":"bad gateway"}');
    try {
      const error = (await describeGrants(
        settings({ ALICLOUD_ENDPOINT: bad.url, ALICLOUD_DYNAMIC_RETRY_DEADLINE_MS: "200" }),
      ).catch((e: unknown) => e)) as AlibabaCloudError;
      expect(error).toMatchObject({ code: "InvalidResponse", httpStatus: 502, retryable: true, outcome: "unknown" });
    } finally {
      bad.close();
    }
  });

  it("GIVEN a 200 without a RequestId WHEN called THEN it is an InvalidResponse: a Describe must not read as empty", async () => {
    const bad = await proxy(200, "{}");
    try {
      const error = (await describeGrants(
        settings({ ALICLOUD_ENDPOINT: bad.url, ALICLOUD_DYNAMIC_RETRY_DEADLINE_MS: "200" }),
      ).catch((e: unknown) => e)) as AlibabaCloudError;
      expect(error.code).toBe("InvalidResponse");
    } finally {
      bad.close();
    }
  });
});

describe("callAction keeps secrets out of its errors and logs", () => {
  it("GIVEN STS credentials with a wrong secret WHEN the gateway echoes the string to sign THEN the error holds no key id, token or nonce", async () => {
    const wrong = settings({
      ALIBABA_CLOUD_ACCESS_KEY_ID: STS.id,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: "a-wrong-secret-value",
      ALIBABA_CLOUD_SECURITY_TOKEN: STS.token,
    });
    const error = (await describeGrants(wrong).catch((e: unknown) => e)) as AlibabaCloudError;
    expect(error.code).toBe("SignatureDoesNotMatch");
    for (const text of [error.message, error.stack ?? "", JSON.stringify(error)]) {
      expect(text).not.toContain(STS.id);
      expect(text).not.toContain(STS.token);
      expect(text).not.toMatch(/SignatureNonce(=|%3D|%253D)[^*]/);
    }
  });

  it("GIVEN DEBUG=* WHEN the built client calls THEN httpx's wire log, with the signed body, stays silent", async () => {
    const dist = path.resolve(__dirname, "..", "..", "..", "dist", "provider", "client");
    const script = `
      const { callAction } = require(${JSON.stringify(path.join(dist, "rpc.js"))});
      const { DescribeGrantRulesToCen } = require(${JSON.stringify(path.join(dist, "..", "..", "api", "vpc.js"))});
      const { makeSettings } = require(${JSON.stringify(path.join(dist, "settings.js"))});
      const s = makeSettings(undefined, { ALICLOUD_ENDPOINT: process.argv[1], ALIBABA_CLOUD_ACCESS_KEY_ID: "${STS.id}", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "${STS.secret}", ALIBABA_CLOUD_SECURITY_TOKEN: "${STS.token}" });
      callAction(s, { region: "cn-hangzhou" }, DescribeGrantRulesToCen, { InstanceId: "${GRANT.InstanceId}", InstanceType: "VPC" })
        .then((a) => console.log("answered", a.TotalCount));`;
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ["-e", script, emulator.url], {
      env: { ...process.env, DEBUG: "*" },
    });
    expect(stdout).toContain("answered 0");
    expect(stderr).not.toContain(STS.token);
    expect(stderr).not.toContain("Signature=");
  });
});
