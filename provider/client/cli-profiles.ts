// aliyun CLI profiles (~/.aliyun/config.json, or alicloud:sharedCredentialsFile), every mode the CLI
// writes: read here so that their role modes use the same STS client and session cache as the
// stack's; modes with flows of their own (CloudSSO, OAuth, External) go to @alicloud/credentials.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { CredentialSource } from "./call.js";
import { ecsRoleSource, uriSource } from "./credential-services.js";
import { digest, fromLibrary, libraryProvider, staticSource } from "./credential-sources.js";
import { credentialsLibrary } from "./libraries.js";
import { firstSet, type Settings } from "./settings.js";
import { defaultSessionName, oidcSource, roleSource } from "./sts-sessions.js";

interface CliProfile {
  readonly name?: string;
  readonly mode?: string;
  readonly access_key_id?: string;
  readonly access_key_secret?: string;
  readonly sts_token?: string;
  readonly ram_role_arn?: string;
  readonly ram_session_name?: string;
  readonly expired_seconds?: number;
  readonly external_id?: string;
  readonly sts_endpoint?: string;
  readonly sts_region?: string;
  readonly ram_role_name?: string;
  readonly oidc_provider_arn?: string;
  readonly oidc_token_file?: string;
  readonly source_profile?: string;
  readonly credentials_uri?: string;
}

/** The aliyun CLI's config file: `alicloud:sharedCredentialsFile`, ALICLOUD_SHARED_CREDENTIALS_FILE, else ~/.aliyun/config.json. */
function cliConfigPath(settings: Settings): string {
  const given = firstSet(settings, ["alicloud:sharedCredentialsFile"], ["ALICLOUD_SHARED_CREDENTIALS_FILE"]);
  if (!given) return path.join(os.homedir(), ".aliyun", "config.json");
  return given.startsWith("~/") ? path.join(os.homedir(), given.slice(2)) : given;
}

function readCliProfiles(file: string): CliProfile[] | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  try {
    const parsed = JSON.parse(text) as { profiles?: unknown };
    return Array.isArray(parsed.profiles) ? (parsed.profiles as CliProfile[]) : [];
  } catch {
    // Never quote the file: it holds secrets.
    throw new Error(`${file} is not valid JSON`);
  }
}

/** An STS endpoint a profile names (`sts_endpoint`, else `sts_region`). */
function profileStsEndpoint(p: CliProfile): string | undefined {
  if (p.sts_endpoint) return /^https?:\/\//.test(p.sts_endpoint) ? p.sts_endpoint : `https://${p.sts_endpoint}`;
  return p.sts_region ? `https://sts.${p.sts_region}.aliyuncs.com` : undefined;
}

/** A profile's source; a profile that cannot be read fails when credentials are fetched, naming it. */
export function profileSource(
  settings: Settings,
  name: string,
  origin: string,
  owner: string | undefined,
  seen: readonly string[] = [],
): CredentialSource {
  try {
    return readProfile(settings, name, origin, owner, seen);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      key: `broken-profile:${digest(name, message)}`,
      description: `the CLI profile "${name}"`,
      getCredentials: () => Promise.reject(new Error(`Could not get credentials from ${message}`)),
    };
  }
}

function readProfile(
  settings: Settings,
  name: string,
  origin: string,
  owner: string | undefined,
  seen: readonly string[],
): CredentialSource {
  const file = cliConfigPath(settings);
  const where = `the CLI profile "${name}" (${origin}, ${file})`;
  let profiles: CliProfile[] | undefined;
  try {
    profiles = readCliProfiles(file);
  } catch (error) {
    throw new Error(`${where}: ${(error as Error).message}`);
  }
  const p = profiles?.find((candidate) => candidate.name === name);
  if (!profiles || !p) {
    // The library also knows ~/.alibabacloud/credentials-style setups; let it try the default file.
    if (profiles === undefined && file === path.join(os.homedir(), ".aliyun", "config.json")) {
      return fromLibrary(`profile:${name}`, where, () =>
        libraryProvider(`profile:${name}`, () =>
          credentialsLibrary().CLIProfileCredentialsProvider.builder().withProfileName(name).build(),
        ),
      );
    }
    throw new Error(`${where}: no profile named "${name}" in ${file}`);
  }
  const need = (field: keyof CliProfile): string => {
    const value = p[field];
    if (typeof value !== "string" || value === "") throw new Error(`${where}: mode ${p.mode} needs ${field}`);
    return value;
  };
  const duration = (): number => {
    const value = Number(p.expired_seconds ?? 3600);
    return Number.isInteger(value) && value >= 900 ? value : 3600;
  };
  const mode = p.mode ?? "AK";
  switch (mode) {
    case "AK":
      return staticSource(where, { accessKeyId: need("access_key_id"), accessKeySecret: need("access_key_secret") });
    case "StsToken":
      return staticSource(where, {
        accessKeyId: need("access_key_id"),
        accessKeySecret: need("access_key_secret"),
        securityToken: need("sts_token"),
      });
    case "RamRoleArn":
    case "ChainableRamRoleArn": {
      let base: CredentialSource;
      if (mode === "RamRoleArn") {
        base = staticSource(where, { accessKeyId: need("access_key_id"), accessKeySecret: need("access_key_secret") });
      } else {
        const source = need("source_profile");
        if (seen.includes(source) || source === name)
          throw new Error(`${where}: source_profile "${source}" leads back to itself`);
        base = profileSource(settings, source, `source_profile of "${name}"`, owner, [...seen, name]);
      }
      return roleSource(settings, base, {
        roleArn: need("ram_role_arn"),
        sessionName: p.ram_session_name || defaultSessionName(owner),
        durationSeconds: duration(),
        externalId: p.external_id || undefined,
        origin: where,
        endpoint: profileStsEndpoint(p),
      });
    }
    case "OIDC":
      return oidcSource(settings, {
        roleArn: need("ram_role_arn"),
        providerArn: need("oidc_provider_arn"),
        token: { file: need("oidc_token_file") },
        sessionName: p.ram_session_name || defaultSessionName(owner),
        durationSeconds: duration(),
        origin: where,
        endpoint: profileStsEndpoint(p),
      });
    case "EcsRamRole":
      return ecsRoleSource(settings, need("ram_role_name"), where);
    case "CredentialsURI":
      return uriSource(settings, need("credentials_uri"), where);
    default:
      // CloudSSO, OAuth, External: the library's own flows.
      return fromLibrary(`profile:${name}`, where, () =>
        libraryProvider(`profile:${name}`, () =>
          credentialsLibrary().CLIProfileCredentialsProvider.builder().withProfileName(name).build(),
        ),
      );
  }
}
