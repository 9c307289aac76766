// The records behind STS: each account's RAM roles (with the trust policy that says who may assume
// them), its OIDC identity providers, and the roles attached to its ECS instances (what the
// instance metadata service hands out); and how the admin world view shows them (RowView).
import type { RowView } from "../world/table-spec.js";

/** A policy document as RAM keeps it: `{"Version":"1","Statement":[...]}`, checked when seeded. */
export interface PolicyDocument {
  /** The policy language version (`1`). */
  readonly Version: string;
  /** Its statements. */
  readonly Statement: readonly PolicyStatement[];
}

/** One statement of a trust policy or a session policy. */
export interface PolicyStatement {
  /** Whether it allows or denies. */
  readonly Effect: "Allow" | "Deny";
  /** `sts:AssumeRole`, `vpc:Describe*`, `*`: one or a list. */
  readonly Action: string | readonly string[];
  /** Trust policies: who (`RAM`: `acs:ram::<uid>:root` / `...:user/<name>` / `...:role/<name>`; `Service`; `Federated`). */
  readonly Principal?: { readonly [kind: string]: string | readonly string[] };
  /** Session policies: what (`*` only; the emulator does not scope by resource). */
  readonly Resource?: string | readonly string[];
  /** `{ StringEquals: { "sts:ExternalId": "..." } }`, `{ StringLike: { "oidc:sub": "repo:*" } }`. */
  readonly Condition?: { readonly [operator: string]: { readonly [key: string]: string | readonly string[] } };
}

/** A RAM role of an account. */
export interface RamRole {
  /** As created (1 to 64 letters, digits, `.` and `-`). */
  readonly roleName: string;
  /** A stable digit string. */
  readonly roleId: string;
  /** Who may assume it. */
  readonly trustPolicy: PolicyDocument;
  /** Longest session, seconds (3600 to 43200). */
  readonly maxSessionDuration: number;
  /** What its sessions may call: action-name patterns (`*` wildcard), as a sub-user's. */
  readonly allowedActions: readonly string[];
  /** Its description. */
  readonly description: string;
  /** When it was made (world ms; ISO 8601 in the admin world view). */
  readonly createDate: number;
}

/** An OIDC identity provider registered in an account. */
export interface OidcProvider {
  /** Its name. */
  readonly providerName: string;
  /** The `iss` its tokens carry. */
  readonly issuerUrl: string;
  /** The audiences (`aud`) accepted. */
  readonly clientIds: readonly string[];
  /** When it was registered (world ms; ISO 8601 in the admin world view). */
  readonly createDate: number;
}

/** A RAM role attached to an ECS instance: the metadata service hands out its credentials. */
export interface InstanceRamRole {
  /** The ECS instance (`i-...`). */
  readonly instanceId: string;
  /** The RAM role attached to it. */
  readonly roleName: string;
}

/** A RAM role as the admin world view shows it. */
export type RamRoleView = RowView<RamRole, "createDate">;

/** An OIDC identity provider as the admin world view shows it. */
export type OidcProviderView = RowView<OidcProvider, "createDate">;

/** A role attached to an ECS instance as the admin world view shows it. */
export type InstanceRamRoleView = RowView<InstanceRamRole>;
