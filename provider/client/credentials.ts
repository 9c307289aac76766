// Where a call's credentials come from. First a base source, the first of: the resource's
// `profile`; stack config keys (`alicloud:accessKey`/`secretKey`/`securityToken`),
// `alicloud:assumeRoleWithOidc`, `alicloud:profile`, `alicloud:ecsRoleName`,
// `alicloud:credentialsUri`; the environment (keys, OIDC, profile, ECS role, credentials URI); the
// default chain of @alicloud/credentials. Then the stack's role (`alicloud:assumeRole`, else
// ALIBABA_CLOUD_ROLE_ARN / ALICLOUD_ASSUME_ROLE_ARN) is assumed with the base, and the resource's
// own `assumeRole` with whatever that gives. The sources themselves live beside this file:
// credential-sources.ts (static keys, the library, the session cache), sts-sessions.ts (roles),
// credential-services.ts (ECS metadata, credentials URI), cli-profiles.ts.
import {
  EXTERNAL_ID_PATTERN,
  OIDC_PROVIDER_ARN_PATTERN,
  ROLE_ARN_PATTERN,
  SESSION_NAME_PATTERN,
} from "../../api/sts.js";
import type { CredentialSource } from "./call.js";
import { profileSource } from "./cli-profiles.js";
import { ecsRoleSource, uriSource } from "./credential-services.js";
import { fromLibrary, libraryProvider, staticSource } from "./credential-sources.js";
import { credentialsLibrary } from "./libraries.js";
import { firstSet, type Settings } from "./settings.js";
import {
  defaultSessionName,
  type OidcRequest,
  oidcSource,
  type RoleRequest,
  roleSource,
  SESSION_EXPIRATION,
} from "./sts-sessions.js";

export type { CredentialSource, Credentials } from "./call.js";
export { ECS_METADATA_ENV } from "./credential-services.js";
export { forgetSessions } from "./credential-sources.js";
export { defaultSessionName, SESSION_EXPIRATION } from "./sts-sessions.js";

/** A role a resource acts through (its `assumeRole` input). */
export interface ResourceRole {
  /** `acs:ram::<uid>:role/<name>` */
  readonly roleArn: string;
  /** The session name in the role's account's audit trail; defaults to one naming the stack. */
  readonly sessionName?: string;
  /** What the role's trust policy requires as `sts:ExternalId`. */
  readonly externalId?: string;
}

/** Who acts for one call: the resource's own `profile` and `assumeRole`, and its URN (for session names). */
export interface Principal {
  /** A profile of the aliyun CLI. */
  readonly profile?: string | undefined;
  /** A role to assume on top of the stack's (or the profile's) credentials. */
  readonly assumeRole?: ResourceRole | undefined;
  /** The resource's URN: `urn:pulumi:<stack>::<project>::...`. */
  readonly owner?: string | undefined;
}

function objectConfig(settings: Settings, key: string): Record<string, unknown> | undefined {
  const raw = settings.config.get(key);
  if (raw === undefined || raw === "") return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error(`Stack config ${key} must be an object (pulumi config set --path '${key}.roleArn' <arn>)`);
  }
  // @pulumi/alicloud keeps these blocks as a list of one object; accept the object alone too.
  const entry = Array.isArray(parsed) ? parsed[0] : parsed;
  if (typeof entry !== "object" || entry === null) throw new Error(`Stack config ${key} must be an object`);
  return entry as Record<string, unknown>;
}

function textField(
  block: Record<string, unknown>,
  where: string,
  field: string,
  pattern?: RegExp,
  allowed?: string,
): string | undefined {
  const value = block[field];
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string" || (pattern && !pattern.test(value))) {
    throw new Error(`${where}.${field} must be ${allowed ?? "a string"}`);
  }
  return value;
}

function expirationField(value: unknown, where: string): number {
  if (value === undefined || value === null || value === "") return SESSION_EXPIRATION.default;
  const seconds = typeof value === "number" ? value : Number(value);
  if (!Number.isInteger(seconds) || seconds < SESSION_EXPIRATION.min || seconds > SESSION_EXPIRATION.max) {
    throw new Error(`${where} must be a whole number of seconds from 900 to 43200 (got ${JSON.stringify(value)})`);
  }
  return seconds;
}

/**
 * The stack's role: `alicloud:assumeRole`, else the environment's role ARN (unless the base source
 * already assumed that one, as the OIDC role); undefined when none.
 */
function stackRole(settings: Settings, owner: string | undefined, envRoleUsed: boolean): RoleRequest | undefined {
  const block = objectConfig(settings, "alicloud:assumeRole");
  if (block) {
    const where = "Stack config alicloud:assumeRole";
    const roleArn = textField(
      block,
      where,
      "roleArn",
      ROLE_ARN_PATTERN,
      "a role ARN such as acs:ram::<uid>:role/<name>",
    );
    if (!roleArn) throw new Error(`${where}.roleArn is required`);
    return {
      roleArn,
      sessionName:
        textField(block, where, "sessionName", SESSION_NAME_PATTERN, "2 to 64 of A-Z a-z 0-9 . @ - _") ??
        defaultSessionName(owner),
      durationSeconds: expirationField(block.sessionExpiration, `${where}.sessionExpiration`),
      policy: textField(block, where, "policy"),
      externalId: textField(
        block,
        where,
        "externalId",
        EXTERNAL_ID_PATTERN,
        "2 to 1224 of letters, digits and = , . @ : / - _",
      ),
      origin: "stack config alicloud:assumeRole",
    };
  }
  const roleArn = firstSet(settings, [], ["ALIBABA_CLOUD_ROLE_ARN", "ALICLOUD_ASSUME_ROLE_ARN"]);
  if (!roleArn || envRoleUsed) return undefined;
  const name = settings.env.ALIBABA_CLOUD_ROLE_ARN ? "ALIBABA_CLOUD_ROLE_ARN" : "ALICLOUD_ASSUME_ROLE_ARN";
  if (!ROLE_ARN_PATTERN.test(roleArn))
    throw new Error(`Environment variable ${name} must be a role ARN such as acs:ram::<uid>:role/<name>`);
  const sessionName = firstSet(settings, [], ["ALIBABA_CLOUD_ROLE_SESSION_NAME", "ALICLOUD_ASSUME_ROLE_SESSION_NAME"]);
  if (sessionName && !SESSION_NAME_PATTERN.test(sessionName)) {
    throw new Error("Environment variable ALIBABA_CLOUD_ROLE_SESSION_NAME must be 2 to 64 of A-Z a-z 0-9 . @ - _");
  }
  return {
    roleArn,
    sessionName: sessionName ?? defaultSessionName(owner),
    durationSeconds: expirationField(
      settings.env.ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION,
      "Environment variable ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION",
    ),
    origin: `environment ${name}`,
  };
}

function configOidc(settings: Settings, owner: string | undefined): OidcRequest | undefined {
  const block = objectConfig(settings, "alicloud:assumeRoleWithOidc");
  if (!block) return undefined;
  const where = "Stack config alicloud:assumeRoleWithOidc";
  const roleArn = textField(block, where, "roleArn", ROLE_ARN_PATTERN, "a role ARN such as acs:ram::<uid>:role/<name>");
  const providerArn = textField(
    block,
    where,
    "oidcProviderArn",
    OIDC_PROVIDER_ARN_PATTERN,
    "an OIDC provider ARN such as acs:ram::<uid>:oidc-provider/<name>",
  );
  if (!roleArn) throw new Error(`${where}.roleArn is required`);
  if (!providerArn) throw new Error(`${where}.oidcProviderArn is required`);
  const value = textField(block, where, "oidcToken");
  const file = textField(block, where, "oidcTokenFile") ?? settings.env.ALIBABA_CLOUD_OIDC_TOKEN_FILE;
  if (!value && !file) throw new Error(`${where} needs oidcToken or oidcTokenFile (or ALIBABA_CLOUD_OIDC_TOKEN_FILE)`);
  return {
    roleArn,
    providerArn,
    token: value ? { value } : { file: file as string },
    sessionName:
      textField(block, where, "roleSessionName", SESSION_NAME_PATTERN, "2 to 64 of A-Z a-z 0-9 . @ - _") ??
      defaultSessionName(owner),
    durationSeconds: expirationField(block.sessionExpiration, `${where}.sessionExpiration`),
    policy: textField(block, where, "policy"),
    origin: "stack config alicloud:assumeRoleWithOidc",
  };
}

function envOidc(settings: Settings, owner: string | undefined): OidcRequest | undefined {
  const providerArn = settings.env.ALIBABA_CLOUD_OIDC_PROVIDER_ARN;
  const file = settings.env.ALIBABA_CLOUD_OIDC_TOKEN_FILE;
  const roleArn = settings.env.ALIBABA_CLOUD_ROLE_ARN;
  if (!providerArn && !file) return undefined;
  if (!providerArn || !file || !roleArn) {
    throw new Error(
      "Environment variables ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN and ALIBABA_CLOUD_OIDC_TOKEN_FILE go together",
    );
  }
  const sessionName = settings.env.ALIBABA_CLOUD_ROLE_SESSION_NAME;
  return {
    roleArn,
    providerArn,
    token: { file },
    sessionName: sessionName && SESSION_NAME_PATTERN.test(sessionName) ? sessionName : defaultSessionName(owner),
    durationSeconds: SESSION_EXPIRATION.default,
    origin: "environment ALIBABA_CLOUD_OIDC_PROVIDER_ARN / ALIBABA_CLOUD_OIDC_TOKEN_FILE",
  };
}

const ENV_PAIRS = [
  ["ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN"],
  ["ALICLOUD_ACCESS_KEY", "ALICLOUD_SECRET_KEY", "ALICLOUD_SECURITY_TOKEN"],
] as const;

/** Every place credentials are looked for, in order, for the error when none is found. */
export const CREDENTIAL_PLACES = [
  "the resource's profile input",
  "stack config alicloud:accessKey + alicloud:secretKey (+ alicloud:securityToken), alicloud:assumeRoleWithOidc, alicloud:profile, alicloud:ecsRoleName or alicloud:credentialsUri",
  `environment ${ENV_PAIRS.map(([id, secret]) => `${id} + ${secret}`).join(", or ")}, ALIBABA_CLOUD_OIDC_PROVIDER_ARN + ALIBABA_CLOUD_OIDC_TOKEN_FILE, ALICLOUD_PROFILE, ALIBABA_CLOUD_ECS_METADATA or ALIBABA_CLOUD_CREDENTIALS_URI`,
  "the @alicloud/credentials default chain (~/.aliyun/config.json, ~/.alibabacloud/credentials, ECS RAM role)",
];

/** The base source (before any role is assumed), and whether it already used the environment's role ARN. */
function baseSource(settings: Settings, who: Principal): { source: CredentialSource; usedEnvRole: boolean } {
  const plain = (source: CredentialSource) => ({ source, usedEnvRole: false });
  if (who.profile) return plain(profileSource(settings, who.profile, "the resource's profile input", who.owner));

  const accessKey = settings.config.get("alicloud:accessKey");
  const secretKey = settings.config.get("alicloud:secretKey");
  if (accessKey || secretKey) {
    if (!accessKey || !secretKey) {
      throw new Error(
        `Stack config ${accessKey ? "alicloud:secretKey" : "alicloud:accessKey"} is missing: alicloud:accessKey and alicloud:secretKey go together`,
      );
    }
    return plain(
      staticSource("stack config alicloud:accessKey / alicloud:secretKey", {
        accessKeyId: accessKey,
        accessKeySecret: secretKey,
        securityToken: settings.config.get("alicloud:securityToken") || undefined,
      }),
    );
  }
  const oidc = configOidc(settings, who.owner);
  if (oidc) return plain(oidcSource(settings, oidc));
  const configProfile = settings.config.get("alicloud:profile");
  if (configProfile) return plain(profileSource(settings, configProfile, "stack config alicloud:profile", who.owner));
  const ecsRole = settings.config.get("alicloud:ecsRoleName");
  if (ecsRole) return plain(ecsRoleSource(settings, ecsRole, "stack config alicloud:ecsRoleName"));
  const uri = settings.config.get("alicloud:credentialsUri");
  if (uri) return plain(uriSource(settings, uri, "stack config alicloud:credentialsUri"));

  for (const [idName, secretName, tokenName] of ENV_PAIRS) {
    const id = settings.env[idName];
    const secret = settings.env[secretName];
    if (id || secret) {
      if (!id || !secret) {
        throw new Error(
          `Environment variable ${id ? secretName : idName} is missing: ${idName} and ${secretName} go together`,
        );
      }
      return plain(
        staticSource(`environment ${idName} / ${secretName}`, {
          accessKeyId: id,
          accessKeySecret: secret,
          securityToken: firstSet(settings, [], [tokenName]),
        }),
      );
    }
  }
  const envOidcRequest = envOidc(settings, who.owner);
  if (envOidcRequest) return { source: oidcSource(settings, envOidcRequest), usedEnvRole: true };
  // Terraform's name for the profile; the default chain below reads ALIBABA_CLOUD_PROFILE itself.
  const envProfile = settings.env.ALICLOUD_PROFILE;
  if (envProfile) return plain(profileSource(settings, envProfile, "environment ALICLOUD_PROFILE", who.owner));
  const envEcsRole = settings.env.ALIBABA_CLOUD_ECS_METADATA;
  if (envEcsRole) return plain(ecsRoleSource(settings, envEcsRole, "environment ALIBABA_CLOUD_ECS_METADATA"));
  const envUri = settings.env.ALIBABA_CLOUD_CREDENTIALS_URI;
  if (envUri) return plain(uriSource(settings, envUri, "environment ALIBABA_CLOUD_CREDENTIALS_URI"));

  return plain(
    fromLibrary(
      "default-chain",
      "the @alicloud/credentials default chain",
      () => libraryProvider("default-chain", () => credentialsLibrary().DefaultCredentialsProvider.builder().build()),
      (reason) => `No Alibaba Cloud credentials found. Looked in: ${CREDENTIAL_PLACES.join("; ")}. (${reason})`,
    ),
  );
}

/**
 * Picks the credential source for one call (see the module comment). Throws when a setting is
 * half-given or malformed, naming it; nothing is fetched until `getCredentials`.
 */
export function credentialSource(settings: Settings, who: Principal = {}): CredentialSource {
  const { source: base, usedEnvRole } = baseSource(settings, who);
  let source = base;
  // A role ARN in the environment next to OIDC settings is the OIDC role, already assumed.
  const role = stackRole(settings, who.owner, usedEnvRole);
  if (role) source = roleSource(settings, source, role);
  if (who.assumeRole) {
    source = roleSource(settings, source, {
      roleArn: who.assumeRole.roleArn,
      sessionName: who.assumeRole.sessionName ?? defaultSessionName(who.owner),
      durationSeconds: SESSION_EXPIRATION.default,
      externalId: who.assumeRole.externalId,
      origin: "the resource's assumeRole input",
    });
  }
  return source;
}
