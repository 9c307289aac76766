// The plain-HTTP doors to temporary credentials that are not RPC actions, served on the emulator's
// port beside it:
// - the ECS instance metadata service's RAM role paths (what `ecsRoleName` reads on an instance):
//   `GET /latest/meta-data/ram/security-credentials/` lists the attached roles, `.../<roleName>`
//   answers a session of that role (IMDSv2 tokens from `PUT /latest/api/token` are accepted, not
//   required);
// - a credentials URI (what `credentialsUri` reads): `GET /__sts/credentials/<uid>/<roleName>`;
// - OIDC tokens of an account's identity provider, for tests and demos:
//   `POST /__sts/oidc-token` with a TokenRequest body answers `{ "token": "..." }`.
// Sessions last one hour on the world's clock, like those the metadata service hands out.
import { randomUUID } from "node:crypto";
import { applyChange, type ChangeHost } from "../core/changes.js";
import type { EmulatorRequest, EmulatorResponse } from "../core/http-types.js";
import { isoSeconds } from "../core/time.js";
import type { World } from "../world/world.js";
import {
  attachedRole,
  attachedRoleNames,
  type IssuedSession,
  mintOidcToken,
  serviceSession,
  type TokenRequest,
} from "./models.js";

/** What the routes need from the emulator. */
export interface StsRouteHost extends ChangeHost {
  world(): World;
}

const METADATA_ROLES = "/latest/meta-data/ram/security-credentials/";
const CREDENTIALS_URI = /^\/__sts\/credentials\/([1-9][0-9]*)\/([A-Za-z0-9.-]{1,64})$/;
const SESSION_SECONDS = 3600;

/** Whether a path is one of these routes (the emulator's dispatch asks first). */
export function isStsRoute(path: string): boolean {
  return path === "/latest/api/token" || path.startsWith("/latest/meta-data/") || path.startsWith("/__sts/");
}

function reply(status: number, body: string | object): EmulatorResponse {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const type = typeof body === "string" ? "text/plain" : "application/json";
  return { status, headers: { "content-type": `${type}; charset=utf-8` }, body: text };
}

/** The answer shape both the metadata service and a credentials URI use. */
function credentialsBody(issued: IssuedSession, now: number): object {
  return {
    Code: "Success",
    AccessKeyId: issued.Credentials.AccessKeyId,
    AccessKeySecret: issued.Credentials.AccessKeySecret,
    SecurityToken: issued.Credentials.SecurityToken,
    Expiration: issued.Credentials.Expiration,
    LastUpdated: isoSeconds(now),
  };
}

function issue(host: StsRouteHost, uid: string, roleName: string, sessionName: string): EmulatorResponse {
  const world = host.world();
  const now = world.now();
  const issued = applyChange(host, () => serviceSession(world, uid, roleName, sessionName, SESSION_SECONDS, now));
  if (!issued) return reply(404, { Code: "NotFound", Message: `no role ${roleName} in account ${uid}` });
  return reply(200, credentialsBody(issued, now));
}

function parseTokenRequest(body: Buffer): TokenRequest | undefined {
  try {
    const value = JSON.parse(body.toString("utf8")) as Partial<TokenRequest>;
    if (typeof value?.providerArn !== "string" || typeof value.subject !== "string") return undefined;
    return value as TokenRequest;
  } catch {
    return undefined;
  }
}

/** Answers one request to these routes. */
export function handleStsRoute(host: StsRouteHost, request: EmulatorRequest, path: string): EmulatorResponse {
  if (path === "/latest/api/token") {
    if (request.method !== "PUT") return reply(405, "method not allowed");
    return reply(200, randomUUID());
  }
  if (path === METADATA_ROLES || path === METADATA_ROLES.slice(0, -1)) {
    return reply(200, attachedRoleNames(host.world()).join("\n"));
  }
  if (path.startsWith(METADATA_ROLES)) {
    let roleName: string;
    try {
      roleName = decodeURIComponent(path.slice(METADATA_ROLES.length));
    } catch {
      // A malformed percent-encoding (`%ZZ`) names no role.
      return reply(404, "Not Found");
    }
    const attached = attachedRole(host.world(), roleName);
    if (!attached) return reply(404, "Not Found");
    return issue(host, attached.uid, roleName, attached.instanceId);
  }
  const uri = CREDENTIALS_URI.exec(path);
  if (uri?.[1] && uri[2]) {
    if (request.method !== "GET") return reply(405, { Code: "MethodNotAllowed", Message: "use GET" });
    return issue(host, uri[1], uri[2], "credentials-uri");
  }
  if (path === "/__sts/oidc-token") {
    if (request.method !== "POST") return reply(405, { Code: "MethodNotAllowed", Message: "use POST" });
    const tokenRequest = parseTokenRequest(request.body);
    if (!tokenRequest) {
      return reply(400, { Code: "InvalidBody", Message: "give a JSON object with providerArn and subject" });
    }
    const world = host.world();
    const token = mintOidcToken(world, tokenRequest, world.now());
    if (!token) return reply(404, { Code: "NotFound", Message: `no OIDC provider ${tokenRequest.providerArn}` });
    return reply(200, { token });
  }
  return reply(404, { Code: "NotFound", Message: `no route ${path}` });
}
