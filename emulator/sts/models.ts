// The rules of STS: finding a role by ARN, whether its trust policy lets a caller (or an OIDC
// token) in, what a session may do (the role's actions narrowed by a session policy), issuing
// temporary keys that expire on the world's clock, OIDC tokens (minted by the admin surface,
// verified here), and who a caller is.
import { createHmac, randomBytes } from "node:crypto";
import type { AnswerOf } from "../../api/contract.js";
import type { AssumeRoleWithOIDC } from "../../api/sts.js";
import type { Caller } from "../core/api.js";
import type { ServiceError } from "../core/errors.js";
import { isoSeconds } from "../core/time.js";
import type { AccessKey, RoleSession, SessionPolicy } from "../world/types.js";
import type { World } from "../world/world.js";
import * as err from "./exceptions.js";
import {
  conditionsHold,
  PolicyGrammarError,
  parsePolicy,
  sessionActions,
  statementHasAction,
  statementHasPrincipal,
} from "./policy.js";
import { ROLE_NAME, roleKey } from "./seed.js";
import type { OidcProvider, PolicyStatement, RamRole } from "./types.js";

/** The ARN of a role. */
export function roleArn(uid: string, roleName: string): string {
  return `acs:ram::${uid}:role/${roleName.toLowerCase()}`;
}

/** The ARN of an OIDC identity provider. */
export function oidcProviderArn(uid: string, providerName: string): string {
  return `acs:ram::${uid}:oidc-provider/${providerName}`;
}

const ROLE_ARN = /^acs:ram::([1-9][0-9]*):role\/([^/]+)$/;
const OIDC_PROVIDER_ARN = /^acs:ram::([1-9][0-9]*):oidc-provider\/([^/]+)$/;

/** A role with the account that owns it. */
export interface FoundRole {
  readonly uid: string;
  readonly role: RamRole;
  readonly arn: string;
}

/** The role an ARN names; throws InvalidParameter.RoleArn / EntityNotExist.Role. */
export function findRole(world: World, arn: string): FoundRole {
  const match = ROLE_ARN.exec(arn);
  const uid = match?.[1];
  const name = match?.[2];
  if (!uid || !name || !ROLE_NAME.test(name)) throw err.roleArnMalformed();
  const role = world.accounts.has(uid) ? world.stores.sts.account(uid).ramRoles.get(roleKey(name)) : undefined;
  if (!role) throw err.roleNotFound();
  return { uid, role, arn: roleArn(uid, role.roleName) };
}

/** What both ways of assuming a role ask for besides the proof. */
export interface SessionRequest {
  readonly sessionName: string | undefined;
  readonly durationSeconds: string | undefined;
  readonly policy: string | undefined;
}

/** A checked session request. */
interface CheckedSession {
  readonly sessionName: string;
  readonly durationSeconds: number;
  readonly policy: SessionPolicy | undefined;
}

/** Checks RoleSessionName, DurationSeconds (against the role's maximum) and Policy. */
function checkSession(request: SessionRequest, role: RamRole, missing: (name: string) => ServiceError): CheckedSession {
  const sessionName = request.sessionName;
  if (sessionName === undefined) throw missing("RoleSessionName");
  if (!/^[A-Za-z0-9.@_-]{2,64}$/.test(sessionName)) throw err.sessionNameMalformed();
  let durationSeconds = 3600;
  if (request.durationSeconds !== undefined) {
    const raw = request.durationSeconds.trim();
    durationSeconds = /^[0-9]+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!(durationSeconds >= 900 && durationSeconds <= role.maxSessionDuration)) {
      throw err.durationOutOfRange(role.maxSessionDuration);
    }
  } else if (role.maxSessionDuration < 3600) {
    durationSeconds = role.maxSessionDuration;
  }
  let policy: SessionPolicy | undefined;
  if (request.policy !== undefined) {
    if (request.policy.length > 2048) throw err.policySize();
    try {
      policy = sessionActions(parsePolicy(request.policy));
    } catch (error) {
      if (error instanceof PolicyGrammarError) throw err.policyGrammar();
      throw error;
    }
  }
  return { sessionName, durationSeconds, policy };
}

/** Whether a trust policy lets in a principal of `kind` named one of `principals`, given the conditions' context. */
function trusts(
  statements: readonly PolicyStatement[],
  kind: string,
  principals: readonly string[],
  context: { readonly [key: string]: string | readonly string[] | undefined },
): boolean {
  const applies = (s: PolicyStatement) =>
    (statementHasAction(s, "sts:AssumeRole") || statementHasAction(s, "sts:AssumeRoleWithOIDC")) &&
    statementHasPrincipal(s, kind, principals) &&
    conditionsHold(s, context);
  if (statements.some((s) => s.Effect === "Deny" && applies(s))) return false;
  return statements.some((s) => s.Effect === "Allow" && applies(s));
}

/** The RAM principals a caller counts as in a trust policy. */
function principalsOf(world: World, caller: Caller): string[] {
  const root = `acs:ram::${caller.uid}:root`;
  const key = world.keys.get(caller.accessKeyId)?.key;
  if (key?.subUserName) return [root, `acs:ram::${caller.uid}:user/${key.subUserName}`];
  if (key?.session) return [root, roleArn(caller.uid, key.session.roleName)];
  return [root];
}

function randomText(length: number, alphabet: string): string {
  const bytes = randomBytes(length);
  let out = "";
  for (const byte of bytes) out += alphabet[byte % alphabet.length];
  return out;
}

const ALNUM = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz123456789";

/** Credentials and the session as the answers show them. */
export interface IssuedSession {
  readonly Credentials: {
    readonly AccessKeyId: string;
    readonly AccessKeySecret: string;
    readonly SecurityToken: string;
    readonly Expiration: string;
  };
  readonly AssumedRoleUser: { readonly Arn: string; readonly AssumedRoleId: string };
}

/**
 * Issues temporary keys for a session of `found`: they authenticate as the role's account, may
 * call the role's actions narrowed by the session policy, and stop working at the expiration
 * (world clock).
 */
export function issueSession(
  world: World,
  found: FoundRole,
  session: { readonly sessionName: string; readonly durationSeconds: number; readonly policy?: SessionPolicy },
  now: number,
): IssuedSession {
  const expiration = Math.floor(now / 1000) * 1000 + session.durationSeconds * 1000;
  const roleSession: RoleSession = {
    roleName: found.role.roleName,
    roleArn: found.arn,
    roleId: found.role.roleId,
    sessionName: session.sessionName,
  };
  const key: AccessKey = {
    accessKeyId: `STS.${randomText(25, ALNUM)}`,
    accessKeySecret: randomText(44, ALNUM),
    kind: "sts",
    disabled: false,
    securityToken: `CAIS${randomBytes(240).toString("base64")}`,
    expiration,
    allowedActions: [...found.role.allowedActions],
    session: roleSession,
    ...(session.policy ? { sessionPolicy: session.policy } : {}),
  };
  world.addKey(found.uid, key);
  world.touch();
  return {
    Credentials: {
      AccessKeyId: key.accessKeyId,
      AccessKeySecret: key.accessKeySecret,
      SecurityToken: key.securityToken ?? "",
      Expiration: isoSeconds(expiration),
    },
    AssumedRoleUser: {
      Arn: `${found.arn}/${session.sessionName}`,
      AssumedRoleId: `${found.role.roleId}:${session.sessionName}`,
    },
  };
}

/** AssumeRole: the caller (a RAM user or a role session) must hold sts:AssumeRole and be trusted. */
export function assumeRole(
  world: World,
  caller: Caller,
  request: SessionRequest & { readonly roleArn: string; readonly externalId: string | undefined },
  missing: (name: string) => ServiceError,
  now: number,
): IssuedSession {
  const found = findRole(world, request.roleArn);
  const session = checkSession(request, found.role, missing);
  const externalId = request.externalId;
  if (externalId !== undefined && !/^[\w+=,.@:/-]{2,1224}$/.test(externalId)) throw err.externalIdMalformed();
  if (caller.kind === "root") throw err.rootMayNotAssume();
  const trusted = trusts(found.role.trustPolicy.Statement, "RAM", principalsOf(world, caller), {
    "sts:ExternalId": externalId,
  });
  if (!trusted) throw err.notTrusted();
  return issueSession(world, found, session, now);
}

// The key that "signs" an OIDC provider's tokens: HMAC over a fixed emulator secret, the header
// says RS256 as real identity providers do. Only this emulator can tell a real token from a fake.
const OIDC_SIGNING_SECRET = "pulumi-alicloud-dynamic-emulator-oidc-v1";

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString("base64url");
}

function signToken(providerArn: string, signingInput: string): string {
  return createHmac("sha256", `${OIDC_SIGNING_SECRET}|${providerArn}`).update(signingInput).digest("base64url");
}

/** The OIDC provider an ARN names, with its account. */
function findProvider(world: World, arn: string): { uid: string; provider: OidcProvider; arn: string } | undefined {
  const match = OIDC_PROVIDER_ARN.exec(arn);
  const uid = match?.[1];
  const name = match?.[2];
  if (!uid || !name || !world.accounts.has(uid)) return undefined;
  const provider = world.stores.sts.account(uid).oidcProviders.get(name);
  return provider ? { uid, provider, arn: oidcProviderArn(uid, provider.providerName) } : undefined;
}

/** What the admin surface mints an OIDC token with. */
export interface TokenRequest {
  /** The provider whose token it is. */
  readonly providerArn: string;
  /** `sub`. */
  readonly subject: string;
  /** `aud`. @default the provider's first client ID */
  readonly audience?: string;
  /** `iss`. @default the provider's issuer URL */
  readonly issuer?: string;
  /** Seconds from now to `exp` (negative: already expired). @default 3600 */
  readonly expiresInSeconds?: number;
}

/** Mints a token as the provider would; undefined when there is no such provider. */
export function mintOidcToken(world: World, request: TokenRequest, now: number): string | undefined {
  const found = findProvider(world, request.providerArn);
  if (!found) return undefined;
  const iat = Math.floor(now / 1000);
  const header = base64url(
    JSON.stringify({ alg: "RS256", typ: "JWT", kid: `emulator-${found.provider.providerName}` }),
  );
  const payload = base64url(
    JSON.stringify({
      iss: request.issuer ?? found.provider.issuerUrl,
      aud: request.audience ?? found.provider.clientIds[0] ?? "sts.aliyuncs.com",
      sub: request.subject,
      iat,
      exp: iat + (request.expiresInSeconds ?? 3600),
      jti: randomText(16, ALNUM),
    }),
  );
  return `${header}.${payload}.${signToken(found.arn, `${header}.${payload}`)}`;
}

interface TokenClaims {
  readonly iss: string;
  readonly aud: readonly string[];
  readonly sub: string;
  readonly iat: number;
  readonly exp: number;
}

function decodePart(part: string): { [key: string]: unknown } {
  try {
    const value = JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as unknown;
    if (typeof value === "object" && value !== null && !Array.isArray(value))
      return value as { [key: string]: unknown };
  } catch {
    // fall through
  }
  throw err.oidcTokenInvalid();
}

/** Checks a token against its provider, in the order STS reports problems. */
function verifyToken(token: string, provider: OidcProvider, providerArn: string, now: number): TokenClaims {
  const parts = token.split(".");
  const [headerPart, payloadPart, signature] = parts;
  if (parts.length !== 3 || !headerPart || !payloadPart || !signature) throw err.oidcTokenInvalid();
  const header = decodePart(headerPart);
  const payload = decodePart(payloadPart);
  const alg = typeof header.alg === "string" ? header.alg : "";
  if (!/^(RS|ES|PS)(256|384|512)$/.test(alg)) throw err.oidcTokenAlgorithm(alg || "none");
  if (signToken(providerArn, `${headerPart}.${payloadPart}`) !== signature) throw err.oidcTokenSignature();
  const aud = typeof payload.aud === "string" ? [payload.aud] : Array.isArray(payload.aud) ? payload.aud : [];
  const claims: TokenClaims = {
    iss: typeof payload.iss === "string" ? payload.iss : "",
    aud: aud.filter((a): a is string => typeof a === "string"),
    sub: typeof payload.sub === "string" ? payload.sub : "",
    iat: typeof payload.iat === "number" ? payload.iat : 0,
    exp: typeof payload.exp === "number" ? payload.exp : 0,
  };
  if (claims.iss !== provider.issuerUrl) throw err.oidcIssuerNotMatch();
  if (!claims.aud.some((a) => provider.clientIds.includes(a))) throw err.oidcAudienceNotMatch();
  if (claims.exp * 1000 <= now) throw err.oidcTokenExpired();
  return claims;
}

/** What AssumeRoleWithOIDC answers besides the session. */
export interface OidcSession extends IssuedSession {
  readonly OIDCTokenInfo: AnswerOf<typeof AssumeRoleWithOIDC>["OIDCTokenInfo"];
}

/** AssumeRoleWithOIDC: the token must be the provider's, valid, and the role must trust the provider. */
export function assumeRoleWithOidc(
  world: World,
  request: SessionRequest & { readonly roleArn: string; readonly providerArn: string; readonly token: string },
  missing: (name: string) => ServiceError,
  now: number,
): OidcSession {
  const provider = findProvider(world, request.providerArn);
  if (!provider) throw err.oidcProviderNotFound();
  const found = findRole(world, request.roleArn);
  const session = checkSession(request, found.role, missing);
  if (request.token.length < 4 || request.token.length > 20000) throw err.oidcTokenInvalid();
  const claims = verifyToken(request.token, provider.provider, provider.arn, now);
  const trusted = trusts(found.role.trustPolicy.Statement, "Federated", [provider.arn], {
    "oidc:iss": claims.iss,
    "oidc:aud": claims.aud,
    "oidc:sub": claims.sub,
  });
  if (!trusted) throw err.oidcNoPermission();
  return {
    ...issueSession(world, found, session, now),
    OIDCTokenInfo: {
      Subject: claims.sub,
      Issuer: claims.iss,
      ClientIds: claims.aud.join(","),
      ExpirationTime: isoSeconds(claims.exp * 1000),
      IssuanceTime: isoSeconds(claims.iat * 1000),
    },
  };
}

/** A session of a role attached to an ECS instance, or of a role a credentials URI serves; undefined when no such role. */
export function serviceSession(
  world: World,
  uid: string,
  roleName: string,
  sessionName: string,
  durationSeconds: number,
  now: number,
): IssuedSession | undefined {
  if (!world.accounts.has(uid)) return undefined;
  const role = world.stores.sts.account(uid).ramRoles.get(roleKey(roleName));
  if (!role) return undefined;
  const found = { uid, role, arn: roleArn(uid, role.roleName) };
  return issueSession(world, found, { sessionName, durationSeconds }, now);
}

/** The instance and account a role is attached to, by role name; undefined when none is. */
export function attachedRole(world: World, roleName: string): { uid: string; instanceId: string } | undefined {
  for (const account of world.accounts.values()) {
    for (const attachment of world.stores.sts.account(account.uid).instanceRamRoles.values()) {
      if (attachment.roleName.toLowerCase() === roleName.toLowerCase()) {
        return { uid: account.uid, instanceId: attachment.instanceId };
      }
    }
  }
  return undefined;
}

/** The names of every role attached to an instance (what the metadata service lists). */
export function attachedRoleNames(world: World): string[] {
  const names: string[] = [];
  for (const account of world.accounts.values()) {
    for (const attachment of world.stores.sts.account(account.uid).instanceRamRoles.values()) {
      names.push(attachment.roleName);
    }
  }
  return names;
}

/** A stable digit string for a RAM user (its UserId). */
function userIdOf(uid: string, name: string): string {
  const hex = createHmac("sha256", uid).update(name).digest("hex").slice(0, 14);
  return `2${BigInt(`0x${hex}`).toString().padStart(15, "0").slice(0, 15)}`;
}

/** Who the caller is, as GetCallerIdentity answers. */
export function callerIdentity(
  world: World,
  caller: Caller,
): {
  AccountId: string;
  Arn: string;
  IdentityType: "Account" | "RAMUser" | "AssumedRoleUser";
  PrincipalId: string;
  UserId?: string;
  RoleId?: string;
} {
  const key = world.keys.get(caller.accessKeyId)?.key;
  if (key?.subUserName) {
    const userId = userIdOf(caller.uid, key.subUserName);
    return {
      AccountId: caller.uid,
      Arn: `acs:ram::${caller.uid}:user/${key.subUserName}`,
      IdentityType: "RAMUser",
      PrincipalId: userId,
      UserId: userId,
    };
  }
  if (key?.kind === "sts") {
    // A seeded STS key names no role: it reads as a session of a role called "seeded".
    const session = key.session ?? { roleName: "seeded", roleId: "300000000000000000", sessionName: key.accessKeyId };
    return {
      AccountId: caller.uid,
      Arn: `acs:ram::${caller.uid}:assumed-role/${session.roleName.toLowerCase()}/${session.sessionName}`,
      IdentityType: "AssumedRoleUser",
      PrincipalId: `${session.roleId}:${session.sessionName}`,
      RoleId: session.roleId,
    };
  }
  return {
    AccountId: caller.uid,
    Arn: `acs:ram::${caller.uid}:root`,
    IdentityType: "Account",
    PrincipalId: caller.uid,
    UserId: caller.uid,
  };
}
