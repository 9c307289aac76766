// Credentials from plain-HTTP services: the ECS instance metadata service (an instance's RAM role)
// and a credentials URI (the format @alicloud/credentials reads).
import type { CredentialSource, Credentials } from "./call.js";
import { digest, issued, sessionSource } from "./credential-sources.js";
import { credentialFailureText } from "./redact.js";
import type { Settings } from "./settings.js";

/** The ECS metadata service; the environment variable points it elsewhere (the emulator, tests). */
export const ECS_METADATA_ENV = "ALICLOUD_DYNAMIC_ECS_METADATA_ENDPOINT";

async function getJson(
  settings: Settings,
  url: string,
  headers: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    headers,
    signal: AbortSignal.timeout(settings.timing.connectTimeoutMs + settings.timing.readTimeoutMs),
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  try {
    return JSON.parse(await response.text()) as Record<string, unknown>;
  } catch {
    throw new Error("the answer is not JSON");
  }
}

/** Credentials as the metadata service and credentials URIs give them. */
function fromServiceAnswer(body: Record<string, unknown>): {
  credentials: Credentials;
  expiration: string | undefined;
} {
  if (body.Code !== undefined && body.Code !== "Success")
    throw new Error(`the service answered Code ${String(body.Code)}`);
  const credentials = issued(body as Parameters<typeof issued>[0]);
  return { credentials, expiration: typeof body.Expiration === "string" ? body.Expiration : undefined };
}

export function ecsRoleSource(settings: Settings, roleName: string, origin: string): CredentialSource {
  const base = (settings.env[ECS_METADATA_ENV] || "http://100.100.100.200").replace(/\/+$/, "");
  const description = `the ECS instance RAM role ${roleName} (${origin})`;
  return sessionSource(`ecs:${digest(base, roleName)}`, description, async () => {
    try {
      // IMDSv2 when the service offers it; the role path answers without a token otherwise.
      const headers: Record<string, string> = {};
      try {
        const token = await fetch(`${base}/latest/api/token`, {
          method: "PUT",
          headers: { "X-aliyun-ecs-metadata-token-ttl-seconds": "21600" },
          signal: AbortSignal.timeout(settings.timing.connectTimeoutMs),
        });
        if (token.ok) headers["X-aliyun-ecs-metadata-token"] = await token.text();
      } catch {
        // IMDSv1
      }
      const body = await getJson(
        settings,
        `${base}/latest/meta-data/ram/security-credentials/${encodeURIComponent(roleName)}`,
        headers,
      );
      return { ...fromServiceAnswer(body), lifetimeSeconds: 3600 };
    } catch (error) {
      throw new Error(
        `Could not get credentials from ${description}: ${credentialFailureText((error as Error).message)}`,
      );
    }
  });
}

export function uriSource(settings: Settings, uri: string, origin: string): CredentialSource {
  // The URI may carry a token of its own in its query: only its origin and path are shown.
  let shownUri = "the credentials URI";
  try {
    const parsed = new URL(uri);
    shownUri = `${parsed.origin}${parsed.pathname}`;
  } catch {
    throw new Error(`${origin} is not a URL`);
  }
  const description = `the credentials URI ${shownUri} (${origin})`;
  return sessionSource(`uri:${digest(uri)}`, description, async () => {
    try {
      return { ...fromServiceAnswer(await getJson(settings, uri)), lifetimeSeconds: 3600 };
    } catch (error) {
      throw new Error(
        `Could not get credentials from ${description}: ${credentialFailureText((error as Error).message)}`,
      );
    }
  });
}
