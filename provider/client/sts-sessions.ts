// Temporary credentials from STS: a role assumed with other credentials (AssumeRole) or with an
// OIDC token (AssumeRoleWithOIDC, sent unsigned). The STS calls go through this package's own
// client, so that they reach whatever STS endpoint is configured (the library's role providers
// insist on https).
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { AssumeRole, AssumeRoleWithOIDC, STS } from "../../api/sts.js";
import { type CredentialSource, sendAction } from "./call.js";
import { digest, issued, sessionSource } from "./credential-sources.js";
import { type Endpoint, resolveEndpoint } from "./endpoints.js";
import { AlibabaCloudError, classifyFailure } from "./errors.js";
import { credentialFailureText, redact } from "./redact.js";
import { firstSet, type Settings } from "./settings.js";

/** Everything STS takes for AssumeRole, besides the caller's credentials. */
export interface RoleRequest {
  readonly roleArn: string;
  readonly sessionName: string;
  readonly durationSeconds: number;
  readonly policy?: string | undefined;
  readonly externalId?: string | undefined;
  /** Where the settings came from, for errors (`stack config alicloud:assumeRole`). */
  readonly origin: string;
  /** An STS endpoint of the profile's own (`sts_endpoint` / `sts_region`). */
  readonly endpoint?: string | undefined;
}

/** What AssumeRoleWithOIDC takes. */
export interface OidcRequest {
  readonly roleArn: string;
  readonly providerArn: string;
  /** The token itself, or a file holding it (read at each renewal: tokens are rotated). */
  readonly token: { readonly value: string } | { readonly file: string };
  readonly sessionName: string;
  readonly durationSeconds: number;
  readonly policy?: string | undefined;
  readonly origin: string;
  readonly endpoint?: string | undefined;
}

/**
 * The default session name: `pulumi-<project>-<stack>` from the resource's URN, so that the role's
 * account sees which stack acted; `pulumi-alicloud-dynamic` when there is no URN.
 */
export function defaultSessionName(owner: string | undefined): string {
  const match = owner ? /^urn:pulumi:([^:]+)::([^:]+)::/.exec(owner) : null;
  if (!match?.[1] || !match[2]) return "pulumi-alicloud-dynamic";
  const clean = (text: string) => text.replace(/[^A-Za-z0-9.@_-]+/g, "-");
  return `pulumi-${clean(match[2])}-${clean(match[1])}`.slice(0, 64);
}

/** The allowed range of `sessionExpiration`, seconds. */
export const SESSION_EXPIRATION = { min: 900, max: 43200, default: 3600 } as const;

/** The account a role ARN names. */
function accountOf(roleArn: string): string {
  return /^acs:ram::([0-9]+):/.exec(roleArn)?.[1] ?? "unknown";
}

function stsHint(code: string): string {
  if (code === "NoPermission") {
    return "Check that the role's trust policy names the calling account, RAM user or role (with the ExternalId it requires, if any), that the caller may call sts:AssumeRole, and that the caller is not a root account's AccessKey";
  }
  if (code === "EntityNotExist.Role") return "Check the roleArn: no such role exists in that account";
  if (code.startsWith("InvalidParameter")) return "Check the role settings named above";
  if (code.startsWith("AuthenticationFail"))
    return "Check the OIDC provider ARN and the token (issuer, audience, expiry, subject)";
  return "";
}

/** One error naming the role, its account, where the settings came from and what the service said. */
function roleFailure(roleArn: string, how: string, origin: string, error: unknown, secrets: readonly string[]): Error {
  const said =
    error instanceof AlibabaCloudError
      ? `${error.code}: ${error.detail}${error.requestId ? ` (RequestId: ${error.requestId})` : ""}`
      : credentialFailureText(error instanceof Error ? error.message : String(error));
  const hint = error instanceof AlibabaCloudError ? stsHint(error.code) : "";
  return new Error(
    redact(
      `Could not assume the RAM role ${roleArn} (account ${accountOf(roleArn)}) ${how}, as ${origin} asks: ${said}${hint ? `. ${hint}` : ""}`,
      secrets,
    ),
  );
}

export function roleSource(settings: Settings, base: CredentialSource, role: RoleRequest): CredentialSource {
  const region = stsRegion(settings);
  const sts: Endpoint = role.endpoint
    ? { url: role.endpoint, setting: "the profile's sts_endpoint" }
    : resolveEndpoint(settings, "sts", region, AssumeRole.name);
  const endpoint = sts.url;
  const key = `role:${digest(base.key, role.roleArn, role.sessionName, role.durationSeconds, role.policy, role.externalId, endpoint)}`;
  const description = `the role ${role.roleArn} assumed with ${base.description}`;
  return sessionSource(key, description, async () => {
    try {
      const answer = await sendAction(
        settings,
        { region, source: base, endpoint, endpointSetting: sts.setting },
        AssumeRole,
        {
          RoleArn: role.roleArn,
          RoleSessionName: role.sessionName,
          DurationSeconds: role.durationSeconds,
          ...(role.policy ? { Policy: role.policy } : {}),
          ...(role.externalId ? { ExternalId: role.externalId } : {}),
        },
      );
      return {
        credentials: issued(answer.Credentials),
        expiration: answer.Credentials?.Expiration,
        lifetimeSeconds: role.durationSeconds,
      };
    } catch (error) {
      throw roleFailure(role.roleArn, `with ${base.description}`, role.origin, error, []);
    }
  });
}

/** The region STS calls name (STS ignores it; the endpoint decides). */
function stsRegion(settings: Settings): string {
  return (
    firstSet(settings, ["alicloud:region"], ["ALIBABA_CLOUD_STS_REGION", "ALIBABA_CLOUD_REGION", "ALICLOUD_REGION"]) ??
    "cn-hangzhou"
  );
}

function oidcToken(request: OidcRequest): string {
  if ("value" in request.token) return request.token.value;
  try {
    return fs.readFileSync(request.token.file, "utf8").trim();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
    throw new Error(`the OIDC token file ${request.token.file} cannot be read (${code})`);
  }
}

export function oidcSource(settings: Settings, request: OidcRequest): CredentialSource {
  const sts: Endpoint = request.endpoint
    ? { url: request.endpoint, setting: "the profile's sts_endpoint" }
    : resolveEndpoint(settings, "sts", stsRegion(settings), AssumeRoleWithOIDC.name);
  const endpoint = sts.url;
  const tokenKey = "value" in request.token ? digest(request.token.value) : `file:${request.token.file}`;
  const key = `oidc:${digest(request.roleArn, request.providerArn, tokenKey, request.sessionName, request.durationSeconds, request.policy, endpoint)}`;
  const description = `the role ${request.roleArn} assumed with an OIDC token of ${request.providerArn}`;
  return sessionSource(key, description, async () => {
    let token = "";
    try {
      token = oidcToken(request);
      const answer = await unsignedCall(settings, sts, AssumeRoleWithOIDC.name, {
        RoleArn: request.roleArn,
        OIDCProviderArn: request.providerArn,
        OIDCToken: token,
        RoleSessionName: request.sessionName,
        DurationSeconds: String(request.durationSeconds),
        ...(request.policy ? { Policy: request.policy } : {}),
      });
      const credentials = answer.Credentials as Parameters<typeof issued>[0];
      return {
        credentials: issued(credentials),
        expiration: (answer.Credentials as { Expiration?: string } | undefined)?.Expiration,
        lifetimeSeconds: request.durationSeconds,
      };
    } catch (error) {
      throw roleFailure(request.roleArn, `with an OIDC token of ${request.providerArn}`, request.origin, error, [
        token,
      ]);
    }
  });
}

/**
 * An STS call that takes no signature (AssumeRoleWithOIDC: the token is the proof). pop-core signs
 * every request, so this one is sent as a plain form POST.
 */
async function unsignedCall(
  settings: Settings,
  sts: Endpoint,
  action: string,
  params: Record<string, string>,
): Promise<Record<string, unknown>> {
  const form = new URLSearchParams({
    Action: action,
    Version: STS.version,
    Format: "JSON",
    Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    SignatureNonce: randomUUID(),
    ...params,
  });
  let response: Response;
  try {
    response = await fetch(`${sts.url}/`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: form.toString(),
      signal: AbortSignal.timeout(settings.timing.connectTimeoutMs + settings.timing.readTimeoutMs),
    });
  } catch (error) {
    // fetch reports the socket's failure as its cause; the classifier names host and setting.
    const cause = (error as { cause?: unknown }).cause;
    const failure = classifyFailure(action, cause ?? error, [], sts);
    throw failure.code === "ClientError"
      ? new AlibabaCloudError({
          action,
          code: "NetworkError",
          detail: `${sts.url} (from ${sts.setting}) could not be reached (${(error as Error).name})`,
          retryable: true,
          outcome: "unknown",
        })
      : failure;
  }
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // judged below
  }
  if (response.ok && body.RequestId && !body.Code) return body;
  throw new AlibabaCloudError({
    action,
    code: typeof body.Code === "string" ? body.Code : "InvalidResponse",
    detail: typeof body.Message === "string" ? body.Message : `HTTP ${response.status} without an Alibaba Cloud answer`,
    requestId: typeof body.RequestId === "string" ? body.RequestId : undefined,
    httpStatus: response.status,
    retryable: response.status >= 500,
    outcome: "answered",
  });
}
