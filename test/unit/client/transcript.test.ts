// The calls the provider records for the live suite's transcripts (provider/client/transcript.ts):
// what is kept, what never gets in.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { STS } from "../../../api/sts";
import {
  type RecordedCall,
  recordCall,
  scrub,
  signerDigest,
  TRANSCRIPT_ENV,
} from "../../../provider/client/transcript";

describe("scrub", () => {
  it("GIVEN an AssumeRole answer WHEN scrubbed THEN the secret and token are redacted, the key id digested, the session name removed", () => {
    const answer = {
      RequestId: "r-1",
      Credentials: {
        AccessKeyId: "STS.abc",
        AccessKeySecret: "s3cr3t",
        SecurityToken: "t0k3n",
        Expiration: "2026-01-01T00:00:00Z",
      },
      AssumedRoleUser: { Arn: "acs:ram::1234567890123456:role/x/my-session", AssumedRoleId: "3:my-session" },
      NextToken: "page-2",
    };
    expect(scrub(answer, ["my-session"])).toEqual({
      RequestId: "r-1",
      Credentials: {
        AccessKeyId: signerDigest("STS.abc"),
        AccessKeySecret: "<redacted>",
        SecurityToken: "<redacted>",
        Expiration: "2026-01-01T00:00:00Z",
      },
      AssumedRoleUser: { Arn: "acs:ram::1234567890123456:role/x/<session>", AssumedRoleId: "3:<session>" },
      NextToken: "page-2",
    });
  });

  it("GIVEN a CreateActivation answer WHEN scrubbed THEN the activation code is redacted", () => {
    expect(scrub({ ActivationId: "A-1", ActivationCode: "a-code" })).toEqual({
      ActivationId: "A-1",
      ActivationCode: "<redacted>",
    });
  });
});

describe("recordCall", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pad-transcript-"));
  const file = path.join(dir, "calls.jsonl");
  const env = { [TRANSCRIPT_ENV]: file };
  const params = { RegionId: "cn-hangzhou", RoleArn: "acs:ram::1:role/x", RoleSessionName: "sess-1" };

  const key = { accessKeyId: "LTAI-key" };

  it("GIVEN no transcript variable WHEN a call is answered THEN nothing is written anywhere", () => {
    const append = vi.spyOn(fs, "appendFileSync");
    try {
      recordCall({}, STS, "AssumeRole", key, params, [{ RequestId: "r" }, { response: { statusCode: 200 } }]);
      expect(append).not.toHaveBeenCalled();
    } finally {
      append.mockRestore();
    }
  });

  it("GIVEN a transcript that cannot be written WHEN a call is answered THEN recording neither throws nor writes", () => {
    const unwritable = { [TRANSCRIPT_ENV]: path.join(dir, "no-such-folder", "calls.jsonl") };
    expect(() =>
      recordCall(unwritable, STS, "AssumeRole", key, params, [{ RequestId: "r" }, { response: { statusCode: 200 } }]),
    ).not.toThrow();
    expect(fs.existsSync(path.dirname(unwritable[TRANSCRIPT_ENV]))).toBe(false);
  });

  it("GIVEN a SignatureDoesNotMatch answer echoing the string to sign WHEN recorded THEN neither the key id, nor the secret, nor the STS token is written", () => {
    const file2 = path.join(dir, "signature.jsonl");
    const sts = { accessKeyId: "STS.NUabcdefgh", accessKeySecret: "secret-value-1", securityToken: "CAIStoken12345" };
    const echoed = `Specified signature is not matched with our calculation. server string to sign is:POST&%2F&AccessKeyId%3D${sts.accessKeyId}%26SecurityToken%3D${sts.securityToken}%26Action%3DGrantInstanceToCen`;
    recordCall(
      { [TRANSCRIPT_ENV]: file2 },
      STS,
      "AssumeRole",
      sts,
      { RegionId: "cn-hangzhou" },
      {
        data: {
          RequestId: "r3",
          Code: "SignatureDoesNotMatch",
          Message: echoed,
          Recommend: `see ${sts.securityToken}`,
        },
        entry: { response: { statusCode: 400 } },
      },
    );
    const text = fs.readFileSync(file2, "utf8");
    for (const secret of Object.values(sts)) expect(text).not.toContain(secret);
    expect((JSON.parse(text) as RecordedCall).code).toBe("SignatureDoesNotMatch");
  });

  it("GIVEN fields named like secrets in other spellings WHEN scrubbed THEN each is redacted, paging and idempotency tokens kept", () => {
    expect(
      scrub({ sts_token: "a", SessionToken: "b", Credential: "c", PrivateKey: "d", NextToken: "n", ClientToken: "t" }),
    ).toEqual({
      sts_token: "<redacted>",
      SessionToken: "<redacted>",
      Credential: "<redacted>",
      PrivateKey: "<redacted>",
      NextToken: "n",
      ClientToken: "t",
    });
  });

  it("GIVEN a transcript WHEN an answer and an error answer come, and a call gets none THEN two lines, without the key, secret or session", () => {
    recordCall(env, STS, "AssumeRole", key, params, [
      { RequestId: "r", Credentials: { AccessKeyId: "STS.k", AccessKeySecret: "sec", SecurityToken: "tok" } },
      { response: { statusCode: 200 } },
    ]);
    recordCall(env, STS, "AssumeRole", key, params, {
      data: { RequestId: "r2", Code: "NoPermission", Message: "denied for sess-1" },
      entry: { response: { statusCode: 403 } },
    });
    recordCall(env, STS, "AssumeRole", key, params, Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }));
    const text = fs.readFileSync(file, "utf8");
    for (const secret of ["LTAI-key", 'sec"', 'tok"', "sess-1", "STS.k"]) expect(text).not.toContain(secret);
    const calls = text
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as RecordedCall);
    expect(calls.map((c) => [c.action, c.product, c.version, c.signer, c.status, c.code ?? null])).toEqual([
      ["AssumeRole", "sts", "2015-04-01", signerDigest("LTAI-key"), 200, null],
      ["AssumeRole", "sts", "2015-04-01", signerDigest("LTAI-key"), 403, "NoPermission"],
    ]);
    expect(calls[0]?.params.RoleSessionName).toBe("<session>");
    expect((calls[1]?.body as { Message: string } | undefined)?.Message).toBe("denied for <session>");
  });

  it("GIVEN a session name sent in an earlier call WHEN a later answer names it THEN it is hidden there too, and not inside longer names", () => {
    const file3 = path.join(dir, "later.jsonl");
    const sent = path.join(dir, "sent.jsonl");
    recordCall({ [TRANSCRIPT_ENV]: sent }, STS, "AssumeRole", key, params, [
      { RequestId: "r" },
      { response: { statusCode: 200 } },
    ]);
    recordCall({ [TRANSCRIPT_ENV]: file3 }, STS, "GetCallerIdentity", key, { RegionId: "cn-hangzhou" }, [
      { RequestId: "r4", Arn: "acs:ram::1:assumed-role/x/sess-1", Other: "sess-10 and xsess-1" },
      { response: { statusCode: 200 } },
    ]);
    const body = (JSON.parse(fs.readFileSync(file3, "utf8")) as RecordedCall).body as { Arn: string; Other: string };
    expect(body).toMatchObject({ Arn: "acs:ram::1:assumed-role/x/<session>", Other: "sess-10 and xsess-1" });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
