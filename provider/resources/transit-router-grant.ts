// TransitRouterGrant: lets a CEN instance (usually another account's) whose transit routers are
// Enterprise Edition attach one of our network instances. Create = CBN GrantInstanceToTransitRouter;
// destroy = RevokeInstanceFromTransitRouter. Program side.
import type * as pulumi from "@pulumi/pulumi";
import type { TransitRouterInstanceType, TransitRouterOrderType } from "../../api/cbn.js";
import { ADOPTION_FIELDS, type AdoptionArgs, type ScopeArgs } from "../framework/common-fields.js";
import { resourceClass } from "../framework/resource.js";
import { computed, declareFields, oneOf, text, uid } from "../framework/schema.js";
import * as provider from "../providers/transit-router-grant.js";

export type { TransitRouterInstanceType, TransitRouterOrderType };

/**
 * Inputs of {@link TransitRouterGrant}. The resource acts as the network instance's owner (the
 * stack's credentials, `profile` or `assumeRole`); `regionId` is the network instance's region.
 */
export interface TransitRouterGrantArgs extends ScopeArgs, AdoptionArgs {
  /** The CEN instance allowed to attach the network instance to its transit router, e.g. `cen-7qthudw0ll6jmc1a2b`. */
  readonly cenId: pulumi.Input<string>;
  /** UID of the account that owns the CEN instance, as a string of digits (a number only if below 2^53). */
  readonly cenOwnerId: pulumi.Input<string | number>;
  /** The network instance to grant: a VPC (`vpc-...`), VBR (`vbr-...`), IPsec-VPN connection (`vco-...`) or ECR (`ecr-...`). */
  readonly instanceId: pulumi.Input<string>;
  /** The kind of network instance (`ExpressConnect` for a VBR); inferred from the `instanceId` prefix when omitted. */
  readonly instanceType?: pulumi.Input<TransitRouterInstanceType>;
  /** Who pays for the instance's traffic through the transit router; changing it updates in place. @default "PayByCenOwner" */
  readonly orderType?: pulumi.Input<TransitRouterOrderType>;
}

/** The fields of {@link TransitRouterGrant}: all but `orderType` identify the grant, so a change replaces it. */
export const TRANSIT_ROUTER_GRANT_FIELDS = declareFields<TransitRouterGrantArgs, ScopeArgs>()({
  /** The CEN instance allowed to attach the network instance. */
  cenId: text(/^cen-[a-z0-9]+$/, "a CEN instance ID such as cen-7qthudw0ll6jmc", {
    onChange: "replace",
    required: true,
  }),
  /** UID of the account that owns the CEN instance, as an exact string of digits. */
  cenOwnerId: uid({ onChange: "replace", required: true }),
  /** The network instance granted. */
  instanceId: text(
    /^(vpc|vbr|vco|ecr)-[a-z0-9]+$/,
    "a VPC, VBR, VPN connection or ECR ID (vpc-..., vbr-..., vco-..., ecr-...)",
    {
      onChange: "replace",
      required: true,
    },
  ),
  /** The kind of network instance: the one given, or the one inferred from `instanceId`. */
  instanceType: oneOf<TransitRouterInstanceType, true>(["VPC", "ExpressConnect", "VPN", "ECR"], {
    onChange: "replace",
    filled: true,
  }),
  /** Who pays for the instance's traffic through the transit router. */
  orderType: oneOf<TransitRouterOrderType, true>(["PayByCenOwner", "PayByResourceOwner"], {
    onChange: "update",
    filled: true,
  }),
  ...ADOPTION_FIELDS,
  /** When the grant was made (UTC, to the minute), as DescribeGrantRulesToResource reports it. */
  creationTime: computed<string>(),
});

/**
 * Grants a VPC, VBR, VPN connection or ECR to a CEN instance whose transit routers are Enterprise
 * Edition, usually one owned by another account, which can then attach it to its transit router.
 * Destroying the resource revokes the grant; the CEN's owner must detach the instance first.
 */
export class TransitRouterGrant extends resourceClass<TransitRouterGrantArgs, typeof TRANSIT_ROUTER_GRANT_FIELDS>({
  kind: "TransitRouterGrant",
  provider,
  fields: TRANSIT_ROUTER_GRANT_FIELDS,
}) {}
