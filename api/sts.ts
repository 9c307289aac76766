// STS 2015-04-01: temporary credentials for a RAM role (AssumeRole, AssumeRoleWithOIDC) and the
// caller's identity (GetCallerIdentity). The provider calls these to resolve credentials; the
// emulator serves them with RAM roles per account.
import { action, type ProductInfo } from "./contract.js";

/** STS, served on `sts.<region>.aliyuncs.com` and the central `sts.aliyuncs.com`. */
export const STS: ProductInfo<"sts"> = {
  name: "sts",
  code: "Sts",
  version: "2015-04-01",
  host: "sts.aliyuncs.com",
  // The central endpoint answers for every region (the default of the Terraform provider and the SDKs).
  endpoint: { perRegion: false },
};

/** Role ARNs as RAM writes them: `acs:ram::<uid>:role/<name>`. */
export const ROLE_ARN_PATTERN = /^acs:ram::[0-9]+:role\/[A-Za-z0-9.-]{1,64}$/;
/** Session names STS accepts: 2 to 64 of `A-Z a-z 0-9 . @ - _`. */
export const SESSION_NAME_PATTERN = /^[A-Za-z0-9.@_-]{2,64}$/;
/** ExternalIds STS accepts: 2 to 1224 of letters, digits and `= , . @ : / - _`. */
export const EXTERNAL_ID_PATTERN = /^[A-Za-z0-9=,.@:/_-]{2,1224}$/;
/** OIDC provider ARNs: `acs:ram::<uid>:oidc-provider/<name>`. */
export const OIDC_PROVIDER_ARN_PATTERN = /^acs:ram::[0-9]+:oidc-provider\/[A-Za-z0-9.-]{1,128}$/;

/** Temporary credentials as STS issues them. */
export interface StsCredentials {
  /** `STS.`... */
  readonly AccessKeyId: string;
  readonly AccessKeySecret: string;
  /** Must accompany the AccessKeyId on every call. */
  readonly SecurityToken: string;
  /** When the credentials stop working (`YYYY-MM-DDTHH:mm:ssZ`, UTC). */
  readonly Expiration: string;
}

/** The role session the credentials act as. */
export interface AssumedRoleUser {
  /** `acs:ram::<uid>:role/<roleName>/<sessionName>` */
  readonly Arn: string;
  /** `<roleId>:<sessionName>` */
  readonly AssumedRoleId: string;
}

/** What both ways of assuming a role take besides the caller's proof. */
export interface RoleSessionParams {
  /** Not a parameter of STS; the client layer sends it on every call, and STS ignores it. */
  readonly RegionId: string;
  /** `acs:ram::<uid>:role/<roleName>` */
  readonly RoleArn: string;
  /** 2 to 64 of `A-Z a-z 0-9 . @ - _`; shows in the role's account's audit trail. */
  readonly RoleSessionName: string;
  /** 900 up to the role's maximum session duration. @default 3600 */
  readonly DurationSeconds?: number;
  /** A session policy (JSON) that narrows what the session may do. */
  readonly Policy?: string;
}

/** Assumes a RAM role with the caller's credentials (a RAM user or a role session, not a root account). */
export const AssumeRole = action<
  RoleSessionParams & {
    /** What the role's trust policy requires in `sts:ExternalId`, when it does. */
    readonly ExternalId?: string;
  },
  { readonly Credentials: StsCredentials; readonly AssumedRoleUser: AssumedRoleUser }
>()(STS, "AssumeRole", "idempotent");

/** Assumes a RAM role with a token from an OIDC identity provider; an anonymous (unsigned) call. */
export const AssumeRoleWithOIDC = action<
  RoleSessionParams & {
    /** `acs:ram::<uid>:oidc-provider/<name>` */
    readonly OIDCProviderArn: string;
    /** The identity provider's JWT. */
    readonly OIDCToken: string;
  },
  {
    readonly Credentials: StsCredentials;
    readonly AssumedRoleUser: AssumedRoleUser;
    readonly OIDCTokenInfo: {
      readonly Subject: string;
      readonly Issuer: string;
      /** The token's audiences, comma-separated. */
      readonly ClientIds: string;
      readonly ExpirationTime: string;
      readonly IssuanceTime: string;
    };
  }
>()(STS, "AssumeRoleWithOIDC", "idempotent");

/** Who the caller is. */
export const GetCallerIdentity = action<
  { readonly RegionId: string },
  {
    readonly AccountId: string;
    /** `acs:ram::<uid>:root`, `...:user/<name>` or `...:assumed-role/<roleName>/<sessionName>`. */
    readonly Arn: string;
    readonly IdentityType: "Account" | "RAMUser" | "AssumedRoleUser";
    readonly PrincipalId: string;
    /** The account's or RAM user's ID; absent for a role session. */
    readonly UserId?: string;
    /** The role's ID, for a role session. */
    readonly RoleId?: string;
  }
>()(STS, "GetCallerIdentity", "read");

/** Every action of STS the repository uses. */
export const STS_ACTIONS = { AssumeRole, AssumeRoleWithOIDC, GetCallerIdentity } as const;
