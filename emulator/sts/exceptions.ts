// STS 2015-04-01 error answers with Alibaba's texts (the AssumeRole reference page and the STS
// troubleshooting page, "common errors when you access OSS by using STS"); codes, statuses and
// evidence are in api/sts-errors.ts.
import { STS_ERRORS } from "../../api/sts-errors.js";
import { productErrors, type ServiceError } from "../core/errors.js";
import { invalidParameter } from "../core/gateway-errors.js";

const define = productErrors("sts", STS_ERRORS);

/** RoleArn is not `acs:ram::<uid>:role/<name>`. */
export const roleArnMalformed = define("InvalidParameter.RoleArn", "The parameter RoleArn is wrongly formed.");

/** RoleSessionName outside 2 to 64 of `A-Z a-z 0-9 . @ - _`. */
export const sessionNameMalformed = define(
  "InvalidParameter.RoleSessionName",
  "The parameter RoleSessionName is wrongly formed.",
);

/** DurationSeconds below 900 or above the role's maximum session duration. */
export const durationOutOfRange = define("InvalidParameter.DurationSeconds", (maxSeconds: number) => {
  const max = maxSeconds % 3600 === 0 ? `${maxSeconds / 3600}hr` : `${maxSeconds}s`;
  return `The Min/Max value of DurationSeconds is 15min/${max}.`;
});

/** The session policy is not a policy document. */
export const policyGrammar = define(
  "InvalidParameter.PolicyGrammar",
  "The parameter Policy has not passed grammar check.",
);

/** The session policy is too long (the emulator allows 2048 characters, as the current SDK does). */
export const policySize = define("InvalidParameter.PolicySize", "The size of Policy must be smaller than 2048 bytes.");

/** ExternalId outside 2 to 1224 of letters, digits and `= , . @ : / - _` (no source names a code: the gateway's). */
export const externalIdMalformed = () => invalidParameter("ExternalId");

/** No such role in the account the ARN names. */
export const roleNotFound = define("EntityNotExist.Role", "The specified Role not exists.");

/** A root account's AccessKey may not assume roles. */
export const rootMayNotAssume = define("NoPermission", "Roles may not be assumed by root accounts.");

/** The caller lacks sts:AssumeRole in its own policies (the gateway's refusal for STS). */
export const notAuthorized = define(
  "NoPermission",
  "You are not authorized to do this action. You should be authorized by RAM.",
);

/** The role's trust policy does not let the caller in (or its ExternalId condition fails). */
export const notTrusted = define(
  "NoPermission",
  "No permission perform sts:AssumeRole on this Role. Maybe this role is not trusted by you, or maybe you are not authorized to perform sts:AssumeRole.",
);

/** An OIDC token or provider that does not let the caller in. */
const oidc = define;

/** No OIDC provider with that ARN. */
export const oidcProviderNotFound = oidc("AuthenticationFail.NoPermission", "No such OIDC Provider registered.");
/** The role does not trust the OIDC provider, or a condition on iss/aud/sub fails. */
export const oidcNoPermission = oidc("AuthenticationFail.NoPermission", "There is no permission");
/** Not three base64url parts of JSON. */
export const oidcTokenInvalid = oidc(
  "AuthenticationFail.OIDCToken.Invalid",
  "The Jwt content is invalid that cannot be recognized.",
);
/** The token's algorithm is not one OIDC providers sign with. */
export const oidcTokenAlgorithm = define(
  "AuthenticationFail.OIDCToken.Invalid",
  (alg: string) => `The algorithm ${alg} that be specified in Jwt header is unknown.`,
);
/** The token's signature is not the provider's. */
export const oidcTokenSignature = oidc(
  "AuthenticationFail.OIDCToken.InvalidSignature",
  "OIDC token validate failed: invalid signature.",
);
/** The token is past its `exp`. */
export const oidcTokenExpired = oidc("AuthenticationFail.OIDCToken.Expired", "This JsonWebToken is expired.");
/** The token's `iss` is not the provider's issuer. */
export const oidcIssuerNotMatch = oidc(
  "AuthenticationFail.OIDCToken.IssuerNotMatch",
  "The issuer in the OIDC Token doesn't match the OIDC Provider registered.",
);
/** The token's `aud` is none of the provider's client IDs. */
export const oidcAudienceNotMatch = oidc("AuthenticationFail.OIDCToken.AudienceNotMatch", "Invalid audience.");

const missingAnswers = {
  RoleArn: define("MissingRoleArn", "RoleArn is mandatory for this action."),
  RoleSessionName: define("MissingRoleSessionName", "RoleSessionName is mandatory for this action."),
  OIDCProviderArn: define("MissingOIDCProviderArn", "OIDCProviderArn is mandatory for this action."),
  OIDCToken: define("MissingOIDCToken", "OIDCToken is mandatory for this action."),
};
/** A required parameter is missing: STS names it in the code itself (`MissingRoleSessionName`), the older form. */
export function missing(name: string): ServiceError {
  const answer = missingAnswers[name as keyof typeof missingAnswers];
  if (!answer) throw new Error(`no STS code for a missing ${name}`);
  return answer();
}
