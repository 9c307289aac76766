import { describe, expect, it } from "vitest";
import { credentialFailureText, redact } from "../../../provider/client/redact";

describe("redact", () => {
  it("GIVEN pop-core's signed URL WHEN redacted THEN AccessKeyId, Signature, nonce and SecurityToken values are gone", () => {
    const url =
      "http://127.0.0.1:8765/?AccessKeyId=LTAI5tEmuMainAccount0001&Action=DescribeVpcs&SecurityToken=CAIS%2Bsecret-token&Signature=abc%2Bdef%3D&SignatureNonce=1234";
    const out = redact(`Specified signature is not matched, URL: ${url}`);
    expect(out).not.toContain("LTAI5tEmuMainAccount0001");
    expect(out).not.toContain("secret-token");
    expect(out).not.toContain("abc%2Bdef");
    expect(out).toContain("Action=DescribeVpcs");
    expect(out).toContain("Signature=***");
  });

  it("GIVEN a gateway's string-to-sign echo (percent-encoded twice) WHEN redacted THEN the key id is gone", () => {
    const message =
      "Specified signature is not matched with our calculation. server string to sign is:POST&%2F&AccessKeyId%3DLTAI5tEmuMainAccount0001%26Action%3DGrantInstanceToCen";
    expect(redact(message)).not.toContain("LTAI5tEmuMainAccount0001");
  });

  it("GIVEN a V3 Authorization header WHEN redacted THEN credential and signature are gone", () => {
    const header =
      "ACS3-HMAC-SHA256 Credential=LTAI5tEmuMainAccount0001,SignedHeaders=host;x-acs-date,Signature=0a1b2c3d4e";
    const out = redact(header);
    expect(out).not.toContain("LTAI5tEmuMainAccount0001");
    expect(out).not.toContain("0a1b2c3d4e");
  });

  it("GIVEN explicit secrets WHEN they appear anywhere THEN each is replaced, and short words are left alone", () => {
    expect(redact("the secret is emu-main-secret-0001!", ["emu-main-secret-0001", "abc", undefined])).toBe(
      "the secret is ***!",
    );
    expect(redact("abc stays", ["abc"])).toBe("abc stays");
  });
});

describe("credentialFailureText", () => {
  it("GIVEN a library message quoting a credentials file WHEN made safe THEN the JSON is gone and the text is short", () => {
    const message =
      'Unexpected token } in JSON at position 120: {"access_key_secret":"TOPSECRET","sts_token":"TOKEN"}\nmore';
    const safe = credentialFailureText(message);
    expect(safe).toBe("Unexpected token } in JSON at position 120: (content omitted)");
  });

  it("GIVEN secret members outside braces WHEN made safe THEN their values are scrubbed", () => {
    expect(credentialFailureText('bad answer "AccessKeySecret": "abc", "SecurityToken":"def"')).not.toMatch(/abc|def/);
  });
});
