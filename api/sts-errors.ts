// The error codes of the STS actions (api/sts.ts), each with its evidence (api/errors.ts).
import { apiPage, errorTable, inferred, on, page } from "./errors.js";
import { STS_ACTIONS } from "./sts.js";

const ASSUME = ["AssumeRole", "AssumeRoleWithOIDC"] as const;
const OIDC = ["AssumeRoleWithOIDC"] as const;
const assumePage = apiPage("sts", "AssumeRole");
const oidcPage = apiPage("sts", "AssumeRoleWithOIDC");
/** STS troubleshooting: common errors when OSS is accessed with STS. */
const troubleshooting = page("https://www.alibabacloud.com/help/en/oss/common-errors-and-troubleshooting-of-sts");

/** Every STS code the provider may meet, by code. */
export const STS_ERRORS = errorTable(STS_ACTIONS)({
  "InvalidParameter.RoleArn": {
    meaning: "RoleArn is not acs:ram::<uid>:role/<name>",
    answers: on(ASSUME, 400),
    evidence: [assumePage, troubleshooting],
  },
  "InvalidParameter.RoleSessionName": {
    meaning: "RoleSessionName is not 2 to 64 of A-Z a-z 0-9 . @ - _",
    answers: on(ASSUME, 400),
    evidence: [assumePage],
  },
  "InvalidParameter.DurationSeconds": {
    meaning: "DurationSeconds out of range",
    answers: on(ASSUME, 400),
    evidence: [assumePage, troubleshooting],
  },
  "InvalidParameter.PolicyGrammar": {
    meaning: "the session policy is not a policy document",
    answers: on(ASSUME, 400),
    evidence: [assumePage],
  },
  "InvalidParameter.PolicySize": {
    meaning: "the session policy is too long",
    answers: on(ASSUME, 400),
    evidence: [assumePage],
  },
  "EntityNotExist.Role": {
    meaning: "no such role in the account the ARN names",
    answers: on(ASSUME, 404),
    evidence: [assumePage, troubleshooting],
  },
  NoPermission: {
    meaning: "the caller may not assume the role (a root account, no sts:AssumeRole, or not trusted)",
    answers: on(["AssumeRole"], 403),
    evidence: [assumePage, troubleshooting],
  },
  MissingRoleArn: {
    meaning: "RoleArn is missing",
    answers: on(ASSUME, 400),
    evidence: [
      inferred("STS names a missing parameter in the code itself, the older form the troubleshooting page shows"),
    ],
  },
  MissingRoleSessionName: {
    meaning: "RoleSessionName is missing",
    answers: on(ASSUME, 400),
    evidence: [
      inferred("STS names a missing parameter in the code itself, the older form the troubleshooting page shows"),
    ],
  },
  MissingOIDCProviderArn: {
    meaning: "OIDCProviderArn is missing",
    answers: on(OIDC, 400),
    evidence: [
      inferred("STS names a missing parameter in the code itself, the older form the troubleshooting page shows"),
    ],
  },
  MissingOIDCToken: {
    meaning: "OIDCToken is missing",
    answers: on(OIDC, 400),
    evidence: [
      inferred("STS names a missing parameter in the code itself, the older form the troubleshooting page shows"),
    ],
  },
  "AuthenticationFail.NoPermission": {
    meaning: "no such OIDC provider, or the role does not trust it",
    answers: on(OIDC, 401),
    evidence: [oidcPage],
  },
  "AuthenticationFail.OIDCToken.Invalid": {
    meaning: "the OIDC token is not a JWT, or its algorithm is unknown",
    answers: on(OIDC, 401),
    evidence: [oidcPage],
  },
  "AuthenticationFail.OIDCToken.InvalidSignature": {
    meaning: "the OIDC token's signature is not the provider's",
    answers: on(OIDC, 401),
    evidence: [oidcPage],
  },
  "AuthenticationFail.OIDCToken.Expired": {
    meaning: "the OIDC token is past its exp",
    answers: on(OIDC, 401),
    evidence: [oidcPage],
  },
  "AuthenticationFail.OIDCToken.IssuerNotMatch": {
    meaning: "the token's iss is not the provider's issuer",
    answers: on(OIDC, 401),
    evidence: [oidcPage],
  },
  "AuthenticationFail.OIDCToken.AudienceNotMatch": {
    meaning: "the token's aud is none of the provider's client IDs",
    answers: on(OIDC, 401),
    evidence: [oidcPage],
  },
});
