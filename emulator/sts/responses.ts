// STS action handlers: parameters in, model call, the contract's answer out (api/sts.ts).
import type { AssumeRole, AssumeRoleWithOIDC, GetCallerIdentity } from "../../api/sts.js";
import type { ActionContext, Answer } from "../core/api.js";
import type { ServiceError } from "../core/errors.js";
import { missing } from "./exceptions.js";
import * as m from "./models.js";

// STS names a missing parameter in the code itself (`MissingRoleSessionName`), the older form.
const missingParameter = (name: string): ServiceError => missing(name);

export function assumeRole(ctx: ActionContext<typeof AssumeRole>): Answer<typeof AssumeRole> {
  const p = ctx.params;
  const issued = m.assumeRole(
    ctx.world,
    ctx.caller,
    {
      roleArn: p.required("RoleArn", () => missingParameter("RoleArn")),
      sessionName: p.get("RoleSessionName"),
      durationSeconds: p.get("DurationSeconds"),
      policy: p.get("Policy"),
      externalId: p.get("ExternalId"),
    },
    missingParameter,
    ctx.now,
  );
  ctx.effect(`AssumeRole:${issued.AssumedRoleUser.Arn}`);
  return { Credentials: issued.Credentials, AssumedRoleUser: issued.AssumedRoleUser };
}

export function assumeRoleWithOidc(ctx: ActionContext<typeof AssumeRoleWithOIDC>): Answer<typeof AssumeRoleWithOIDC> {
  const p = ctx.params;
  const issued = m.assumeRoleWithOidc(
    ctx.world,
    {
      providerArn: p.required("OIDCProviderArn", () => missingParameter("OIDCProviderArn")),
      roleArn: p.required("RoleArn", () => missingParameter("RoleArn")),
      token: p.required("OIDCToken", () => missingParameter("OIDCToken")),
      sessionName: p.get("RoleSessionName"),
      durationSeconds: p.get("DurationSeconds"),
      policy: p.get("Policy"),
    },
    missingParameter,
    ctx.now,
  );
  ctx.effect(`AssumeRoleWithOIDC:${issued.AssumedRoleUser.Arn}`);
  return {
    Credentials: issued.Credentials,
    AssumedRoleUser: issued.AssumedRoleUser,
    OIDCTokenInfo: issued.OIDCTokenInfo,
  };
}

export function getCallerIdentity(ctx: ActionContext<typeof GetCallerIdentity>): Answer<typeof GetCallerIdentity> {
  return m.callerIdentity(ctx.world, ctx.caller);
}
