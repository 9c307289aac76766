import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { credentialSource } from "../../../provider/client/credentials";
import { makeSettings } from "../../../provider/client/settings";

const config = (values: Record<string, string>) => ({ get: (key: string) => values[key] });
const home = fs.mkdtempSync(path.join(os.tmpdir(), "pad-cred-home-"));
fs.mkdirSync(path.join(home, ".aliyun"));
fs.writeFileSync(
  path.join(home, ".aliyun", "config.json"),
  JSON.stringify({
    current: "team-a",
    profiles: [
      { name: "team-a", mode: "AK", access_key_id: "AK-PROFILE-A", access_key_secret: "secret-profile-a" },
      {
        name: "team-b-sts",
        mode: "StsToken",
        access_key_id: "STS.PROFILE-B",
        access_key_secret: "secret-b",
        sts_token: "token-profile-b",
      },
    ],
  }),
);
// The CLI profile provider reads ~/.aliyun/config.json from the home directory.
const originalHome = process.env.HOME;
process.env.HOME = home;
afterAll(() => {
  process.env.HOME = originalHome;
  fs.rmSync(home, { recursive: true, force: true });
});

const envKeys = { ALIBABA_CLOUD_ACCESS_KEY_ID: "AK-ENV", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "secret-env" };
const configKeys = {
  "alicloud:accessKey": "AK-CONFIG",
  "alicloud:secretKey": "secret-config",
  "alicloud:securityToken": "token-config",
};

describe("credential resolution order", () => {
  it("GIVEN a resource profile WHEN config and environment also have keys THEN the profile wins", async () => {
    const source = credentialSource(makeSettings(config(configKeys), envKeys), { profile: "team-b-sts" });
    expect(await source.getCredentials()).toEqual({
      accessKeyId: "STS.PROFILE-B",
      accessKeySecret: "secret-b",
      securityToken: "token-profile-b",
    });
  });

  it("GIVEN stack config keys WHEN the environment also has keys THEN config wins, token included", async () => {
    const source = credentialSource(makeSettings(config(configKeys), envKeys), undefined);
    expect(await source.getCredentials()).toEqual({
      accessKeyId: "AK-CONFIG",
      accessKeySecret: "secret-config",
      securityToken: "token-config",
    });
  });

  it("GIVEN alicloud:profile in config WHEN there are no config keys THEN that profile is used", async () => {
    const source = credentialSource(makeSettings(config({ "alicloud:profile": "team-a" }), envKeys), undefined);
    expect((await source.getCredentials()).accessKeyId).toBe("AK-PROFILE-A");
  });

  it("GIVEN only the environment WHEN resolved THEN ALIBABA_CLOUD_* wins over ALICLOUD_*", async () => {
    const env = { ...envKeys, ALICLOUD_ACCESS_KEY: "AK-TF", ALICLOUD_SECRET_KEY: "secret-tf" };
    expect((await credentialSource(makeSettings(undefined, env), undefined).getCredentials()).accessKeyId).toBe(
      "AK-ENV",
    );
    const tf = { ALICLOUD_ACCESS_KEY: "AK-TF", ALICLOUD_SECRET_KEY: "secret-tf", ALICLOUD_SECURITY_TOKEN: "tf-token" };
    expect(await credentialSource(makeSettings(undefined, tf), undefined).getCredentials()).toEqual({
      accessKeyId: "AK-TF",
      accessKeySecret: "secret-tf",
      securityToken: "tf-token",
    });
  });

  it("GIVEN nothing but the CLI's current profile WHEN resolved THEN the default chain finds it", async () => {
    const source = credentialSource(makeSettings(undefined, {}), undefined);
    expect((await source.getCredentials()).accessKeyId).toBe("AK-PROFILE-A");
  });

  it("GIVEN half a key pair WHEN resolved THEN the error names the missing setting before any call", () => {
    expect(() => credentialSource(makeSettings(config({ "alicloud:accessKey": "AK" }), {}), undefined)).toThrow(
      /alicloud:secretKey is missing/,
    );
    expect(() => credentialSource(makeSettings(undefined, { ALICLOUD_SECRET_KEY: "s" }), undefined)).toThrow(
      /ALICLOUD_ACCESS_KEY is missing/,
    );
  });

  it("GIVEN an unknown profile WHEN credentials are fetched THEN the error names the profile", async () => {
    const source = credentialSource(makeSettings(config(configKeys), envKeys), { profile: "no-such-profile" });
    await expect(source.getCredentials()).rejects.toThrow(/no-such-profile/);
  });

  it("GIVEN ALICLOUD_PROFILE WHEN there are no keys THEN that profile is used", async () => {
    const source = credentialSource(makeSettings(undefined, { ALICLOUD_PROFILE: "team-b-sts" }), undefined);
    expect((await source.getCredentials()).securityToken).toBe("token-profile-b");
  });

  it("GIVEN a malformed config.json holding a secret WHEN a profile is read THEN the error does not quote the file", async () => {
    const broken = fs.mkdtempSync(path.join(os.tmpdir(), "pad-cred-broken-"));
    fs.mkdirSync(path.join(broken, ".aliyun"));
    fs.writeFileSync(
      path.join(broken, ".aliyun", "config.json"),
      '{"current":"x","profiles":[{"name":"broken","mode":"AK","access_key_id":"AK-BROKEN","access_key_secret":"TOPSECRETVALUE123",}]}',
    );
    process.env.HOME = broken;
    try {
      const error = (await credentialSource(makeSettings(undefined, {}), { profile: "broken" })
        .getCredentials()
        .catch((e: unknown) => e)) as Error;
      expect(error).toBeInstanceOf(Error);
      expect(error.message).toContain('the CLI profile "broken"');
      expect(error.message).not.toContain("TOPSECRETVALUE123");
      expect(error.message).not.toContain("AK-BROKEN");
    } finally {
      process.env.HOME = home;
      fs.rmSync(broken, { recursive: true, force: true });
    }
  });
});
