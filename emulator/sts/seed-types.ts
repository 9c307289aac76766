// The STS product's part of a WorldSeed account (world/seed-types.ts): the account's RAM roles,
// its OIDC identity providers, and the roles attached to its ECS instances.

/** A RAM role of the account. */
export interface RamRoleSeed {
  /** 1 to 64 letters, digits, `.` and `-`; its ARN is `acs:ram::<uid>:role/<roleName in lower case>`. */
  readonly roleName: string;
  /**
   * Who may assume it, as RAM writes it (an object, or its JSON text): statements with
   * `"Action": "sts:AssumeRole"`, `"Principal": { "RAM": [...] | "Service": [...] | "Federated": [...] }`
   * and optional conditions (`sts:ExternalId`, `oidc:iss`, `oidc:aud`, `oidc:sub`).
   */
  readonly trustPolicy: object | string;
  /** Longest session, seconds, 3600 to 43200. @default 3600 */
  readonly maxSessionDuration?: number;
  /** What its sessions may call: action-name patterns with `*`, e.g. `Describe*`. @default ["*"] */
  readonly allowedActions?: readonly string[];
  /** @default "" */
  readonly description?: string;
}

/** An OIDC identity provider of the account. */
export interface OidcProviderSeed {
  /** Its ARN is `acs:ram::<uid>:oidc-provider/<providerName>`. */
  readonly providerName: string;
  /** The `iss` of its tokens, an https URL. */
  readonly issuerUrl: string;
  /** Audiences accepted. @default ["sts.aliyuncs.com"] */
  readonly clientIds?: readonly string[];
}

/** A role attached to one of the account's ECS instances (served by the instance metadata routes). */
export interface InstanceRamRoleSeed {
  readonly instanceId: string;
  /** A role of the same account. */
  readonly roleName: string;
}

/** The STS product's seed lists of an account: list name -> one entry. */
export interface StsSeedLists {
  readonly ramRoles: RamRoleSeed;
  readonly oidcProviders: OidcProviderSeed;
  readonly instanceRamRoles: InstanceRamRoleSeed;
}
