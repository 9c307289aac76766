// The world core's records: regions, resource groups and AccessKeys. Product records live with
// their product (vpc/types.ts, ecs/types.ts, cbn/types.ts, sts/types.ts).

/** A region and the world flags that shape how it answers. */
export interface Region {
  /** e.g. `cn-hangzhou` */
  readonly regionId: string;
  /** Cloud Assistant APIs are available here (else `RegionId.ApiNotSupported`). */
  readonly cloudAssistant: boolean;
  /** Cloud Assistant dispatch is degraded here: its APIs answer `InternalError.Dispatch`. */
  readonly dispatchDegraded: boolean;
  /** The region still has a classic network (else ClassicLink cannot be enabled). */
  readonly classicNetwork: boolean;
}

/** A resource group of an account. */
export interface ResourceGroup {
  /** `rg-...` */
  readonly id: string;
  /** `OK` or a transitional status (anything else refuses use: InvalidStatus.ResourceGroup). */
  readonly status: string;
}

/** What kind of identity an AccessKey belongs to. */
export type PrincipalKind = "root" | "sts" | "subUser";

/** An AccessKey pair and the identity behind it. */
export interface AccessKey {
  /** The AccessKey ID. */
  readonly accessKeyId: string;
  /** Its secret (never shown by the admin world view). */
  readonly accessKeySecret: string;
  /** The identity behind it. */
  readonly kind: PrincipalKind;
  /** Disabled keys answer InvalidAccessKeyId.Inactive. */
  readonly disabled: boolean;
  /** For `sts`: the token that must accompany the key. */
  readonly securityToken?: string;
  /** For `sts`: expiry, if any (world ms; ISO 8601 in the admin world view). */
  readonly expiration?: number;
  /** For `subUser`: the RAM user name. */
  readonly subUserName?: string;
  /** For `subUser`, and `sts` keys of a role session: action-name patterns (`*` wildcard) it may call. */
  readonly allowedActions?: readonly string[];
  /** For `sts`: the role session it acts as (STS issued it; seeded STS keys may have none). */
  readonly session?: RoleSession;
  /** For `sts`: the session policy given when the role was assumed, narrowing `allowedActions`. */
  readonly sessionPolicy?: SessionPolicy;
}

/** The role session an STS key acts as. */
export interface RoleSession {
  /** The role's name. */
  readonly roleName: string;
  /** `acs:ram::<uid>:role/<roleName>` */
  readonly roleArn: string;
  /** The role's ID. */
  readonly roleId: string;
  /** The session's name. */
  readonly sessionName: string;
}

/** What a session policy leaves a session: action patterns allowed, and those denied. */
export interface SessionPolicy {
  /** Action patterns allowed. */
  readonly allow: readonly string[];
  /** Action patterns denied. */
  readonly deny: readonly string[];
}
