// CenGrantRevocation: lets a CEN instance (usually another account's) attach one of our network
// instances. Create = VPC GrantInstanceToCen; destroy = RevokeInstanceFromCen. Program side.
import type * as pulumi from "@pulumi/pulumi";
import type { GrantInstanceType } from "../../api/vpc.js";
import { ADOPTION_FIELDS, type AdoptionArgs, type ScopeArgs } from "../framework/common-fields.js";
import { resourceClass } from "../framework/resource.js";
import { computed, declareFields, oneOf, text, uid } from "../framework/schema.js";
import * as provider from "../providers/cen-grant-revocation.js";

/** The kinds of network instance that can be granted to a CEN instance. */
export type NetworkInstanceType = GrantInstanceType;

/** Inputs of {@link CenGrantRevocation}. */
export interface CenGrantRevocationArgs extends ScopeArgs, AdoptionArgs {
  /** The CEN instance allowed to attach the network instance, e.g. `cen-7qthudw0ll6jmc1a2b`. */
  readonly cenId: pulumi.Input<string>;
  /** UID of the account that owns the CEN instance, as a string of digits (a number only if below 2^53). */
  readonly cenOwnerId: pulumi.Input<string | number>;
  /** The network instance to grant: a VPC (`vpc-...`), VBR (`vbr-...`) or CCN (`ccn-...`). */
  readonly instanceId: pulumi.Input<string>;
  /** The kind of network instance; inferred from the `instanceId` prefix when omitted. */
  readonly instanceType?: pulumi.Input<NetworkInstanceType>;
}

/** The fields of {@link CenGrantRevocation}: every one identifies the grant, so a change replaces it. */
export const CEN_GRANT_FIELDS = declareFields<CenGrantRevocationArgs, ScopeArgs>()({
  /** The CEN instance allowed to attach the network instance. */
  cenId: text(/^cen-[a-z0-9]+$/, "a CEN instance ID such as cen-7qthudw0ll6jmc", {
    onChange: "replace",
    required: true,
  }),
  /** UID of the account that owns the CEN instance, as an exact string of digits. */
  cenOwnerId: uid({ onChange: "replace", required: true }),
  /** The network instance granted: a VPC (`vpc-...`), VBR (`vbr-...`) or CCN (`ccn-...`). */
  instanceId: text(/^(vpc|vbr|ccn)-[a-z0-9]+$/, "a VPC, VBR or CCN ID (vpc-..., vbr-..., ccn-...)", {
    onChange: "replace",
    required: true,
  }),
  /** The kind of network instance: the one given, or the one inferred from `instanceId`. */
  instanceType: oneOf<NetworkInstanceType, true>(["VPC", "VBR", "CCN"], { onChange: "replace", filled: true }),
  ...ADOPTION_FIELDS,
  /** When the grant was made (ISO 8601, UTC), as DescribeGrantRulesToCen reports it. */
  creationTime: computed<string>(),
});

/**
 * Grants a VPC, VBR or CCN to a CEN instance, usually one owned by another account, which can then
 * attach it. Destroying the resource revokes the grant.
 */
export class CenGrantRevocation extends resourceClass<CenGrantRevocationArgs, typeof CEN_GRANT_FIELDS>({
  kind: "CenGrantRevocation",
  provider,
  fields: CEN_GRANT_FIELDS,
}) {}
