// Pulumi keeps the stack's configuration in the state of the dynamic provider that serves these
// resources, encrypted only where the config value is a secret. A credential set as plain config
// would therefore land in the state in clear text: refuse it before anything is recorded.
import * as pulumi from "@pulumi/pulumi";

const CREDENTIAL_KEYS = ["alicloud:secretKey", "alicloud:securityToken"];
const OIDC_KEY = "alicloud:assumeRoleWithOidc";

// `isConfigSecret` is part of @pulumi/pulumi's runtime but not of its typings; without it (a
// future SDK), the guard cannot tell, and stays silent rather than guess.
const runtime = pulumi.runtime as unknown as { isConfigSecret?: (key: string) => boolean };

/** Throws when a credential is present in the stack config without being marked secret. */
export function refusePlaintextCredentials(): void {
  if (typeof runtime.isConfigSecret !== "function") return;
  for (const key of CREDENTIAL_KEYS) {
    if (pulumi.runtime.getConfig(key) !== undefined && !runtime.isConfigSecret(key)) {
      throw new Error(
        `Stack config ${key} is set in plain text, and would be stored unencrypted in the stack's state. ` +
          `Set it as a secret: pulumi config set --secret ${key} <value> (or use a profile or environment variables).`,
      );
    }
  }
  // An inline OIDC token is a credential too; a token file is only a path.
  const oidc = pulumi.runtime.getConfig(OIDC_KEY);
  if (oidc?.includes('"oidcToken"') && !runtime.isConfigSecret(OIDC_KEY)) {
    throw new Error(
      `Stack config ${OIDC_KEY} holds an oidcToken in plain text, and would be stored unencrypted in the stack's state. ` +
        `Set it as a secret (pulumi config set --secret --path '${OIDC_KEY}.oidcToken' <token>) or use oidcTokenFile.`,
    );
  }
}
