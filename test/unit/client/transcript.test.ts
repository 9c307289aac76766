// The calls the provider records for the live suite's transcripts (provider/client/transcript.ts):
// what is kept, what never gets in.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
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

  it("GIVEN no transcript variable WHEN a call is answered THEN nothing is written", () => {
    recordCall({}, STS, "AssumeRole", "LTAI-key", params, [{ RequestId: "r" }, { response: { statusCode: 200 } }]);
    expect(fs.existsSync(file)).toBe(false);
  });

  it("GIVEN a transcript WHEN an answer and an error answer come, and a call gets none THEN two lines, without the key, secret or session", () => {
    recordCall(env, STS, "AssumeRole", "LTAI-key", params, [
      { RequestId: "r", Credentials: { AccessKeyId: "STS.k", AccessKeySecret: "sec", SecurityToken: "tok" } },
      { response: { statusCode: 200 } },
    ]);
    recordCall(env, STS, "AssumeRole", "LTAI-key", params, {
      data: { RequestId: "r2", Code: "NoPermission", Message: "denied for sess-1" },
      entry: { response: { statusCode: 403 } },
    });
    recordCall(
      env,
      STS,
      "AssumeRole",
      "LTAI-key",
      params,
      Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }),
    );
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
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
