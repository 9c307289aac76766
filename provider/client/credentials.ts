// Where a call's credentials come from, in order: the resource's `profile` input, the stack config
// (`alicloud:accessKey`/`secretKey`/`securityToken`, or `alicloud:profile`), the environment, and
// finally the default chain of @alicloud/credentials (CLI profile, credentials file, ECS RAM role,
// OIDC, credentials URI). Resolved at call time; never written to state.
import { createHash } from "node:crypto";
import { credentialsLibrary } from "./libraries.js";
import { credentialFailureText } from "./redact.js";
import { firstSet, type Settings } from "./settings.js";

/** A key pair, with an STS token when the credentials are temporary. */
export interface Credentials {
  /** The AccessKey ID. */
  accessKeyId: string;
  /** The AccessKey secret. */
  accessKeySecret: string;
  /** The STS security token, for temporary credentials. */
  securityToken?: string;
}

/** A source of credentials in the shape pop-core accepts as its `credentialsProvider`. */
export interface CredentialSource {
  /** A stable name for this source, used to reuse clients; holds no secret. */
  readonly key: string;
  /** Where the credentials come from, in words, for error messages. */
  readonly description: string;
  /** Returns current credentials (a cached provider refreshes temporary ones itself). */
  getCredentials(): Promise<Credentials>;
}

interface ProviderLike {
  getCredentials(): Promise<{ accessKeyId: string; accessKeySecret: string; securityToken?: string }>;
}

// Providers that cache and refresh temporary credentials are kept per process: one per profile
// name, one for the default chain. They hold no configuration of ours.
const sharedProviders = new Map<string, ProviderLike>();

function shared(key: string, build: () => ProviderLike): ProviderLike {
  let provider = sharedProviders.get(key);
  if (!provider) {
    provider = build();
    sharedProviders.set(key, provider);
  }
  return provider;
}

function fromProvider(
  key: string,
  description: string,
  provider: () => ProviderLike,
  explain: (reason: string) => string = (reason) => `Could not get credentials from ${description}: ${reason}`,
): CredentialSource {
  return {
    key,
    description,
    async getCredentials() {
      let credentials: Awaited<ReturnType<ProviderLike["getCredentials"]>>;
      try {
        credentials = await provider().getCredentials();
      } catch (error) {
        // The library's message may quote a whole credentials file, secrets included.
        throw new Error(explain(credentialFailureText(error instanceof Error ? error.message : String(error))));
      }
      return {
        accessKeyId: credentials.accessKeyId,
        accessKeySecret: credentials.accessKeySecret,
        securityToken: credentials.securityToken || undefined,
      };
    },
  };
}

function staticSource(description: string, credentials: Credentials): CredentialSource {
  // Keyed by a digest of the whole key material: a changed secret must not reuse an old client.
  const digest = createHash("sha256")
    .update([credentials.accessKeyId, credentials.accessKeySecret, credentials.securityToken ?? ""].join("\n"))
    .digest("hex");
  return { key: `static:${digest}`, description, getCredentials: async () => credentials };
}

function profileSource(profile: string, origin: string): CredentialSource {
  return fromProvider(`profile:${profile}`, `the CLI profile "${profile}" (${origin}, ~/.aliyun/config.json)`, () =>
    shared(`profile:${profile}`, () =>
      credentialsLibrary().CLIProfileCredentialsProvider.builder().withProfileName(profile).build(),
    ),
  );
}

const ENV_PAIRS = [
  ["ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN"],
  ["ALICLOUD_ACCESS_KEY", "ALICLOUD_SECRET_KEY", "ALICLOUD_SECURITY_TOKEN"],
] as const;

/** Every place credentials are looked for, in order, for the error when none is found. */
export const CREDENTIAL_PLACES = [
  "the resource's profile input",
  "stack config alicloud:accessKey + alicloud:secretKey (+ alicloud:securityToken), or alicloud:profile",
  `environment ${ENV_PAIRS.map(([id, secret]) => `${id} + ${secret}`).join(", or ")}, or ALICLOUD_PROFILE`,
  "the @alicloud/credentials default chain (OIDC, ~/.aliyun/config.json, ~/.alibabacloud/credentials, ECS RAM role, credentials URI)",
];

/**
 * Picks the credential source for one call. `profile` is the resource's own input, if any.
 * Throws when a source is half-configured (a key without its secret), naming the setting.
 */
export function credentialSource(settings: Settings, profile: string | undefined): CredentialSource {
  if (profile) return profileSource(profile, "the resource's profile input");

  const accessKey = settings.config.get("alicloud:accessKey");
  const secretKey = settings.config.get("alicloud:secretKey");
  if (accessKey || secretKey) {
    if (!accessKey || !secretKey) {
      throw new Error(
        `Stack config ${accessKey ? "alicloud:secretKey" : "alicloud:accessKey"} is missing: alicloud:accessKey and alicloud:secretKey go together`,
      );
    }
    const securityToken = settings.config.get("alicloud:securityToken") || undefined;
    return staticSource("stack config alicloud:accessKey / alicloud:secretKey", {
      accessKeyId: accessKey,
      accessKeySecret: secretKey,
      securityToken,
    });
  }
  const configProfile = settings.config.get("alicloud:profile");
  if (configProfile) return profileSource(configProfile, "stack config alicloud:profile");

  for (const [idName, secretName, tokenName] of ENV_PAIRS) {
    const id = settings.env[idName];
    const secret = settings.env[secretName];
    if (id || secret) {
      if (!id || !secret) {
        throw new Error(
          `Environment variable ${id ? secretName : idName} is missing: ${idName} and ${secretName} go together`,
        );
      }
      return staticSource(`environment ${idName} / ${secretName}`, {
        accessKeyId: id,
        accessKeySecret: secret,
        securityToken: firstSet(settings, [], [tokenName]),
      });
    }
  }

  // Terraform's name for the profile; the default chain below reads ALIBABA_CLOUD_PROFILE itself.
  const envProfile = settings.env.ALICLOUD_PROFILE;
  if (envProfile) return profileSource(envProfile, "environment ALICLOUD_PROFILE");

  return fromProvider(
    "default-chain",
    "the @alicloud/credentials default chain",
    () => shared("default-chain", () => credentialsLibrary().DefaultCredentialsProvider.builder().build()),
    (reason) => `No Alibaba Cloud credentials found. Looked in: ${CREDENTIAL_PLACES.join("; ")}. (${reason})`,
  );
}
