// How a grant to an Enterprise Edition transit router is read, made, changed and removed (CBN).
// Like the VPC grant it has no id of its own: it is named by the network instance and the CEN
// instance with its owner (Terraform's alicloud_cen_transit_router_grant_attachment writes
// `<instanceType>:<instanceId>:<cenOwnerId>:<cenId>`). Neither Grant nor Revoke takes a
// ClientToken: after an unanswered attempt, the call layer looks (`verify`) before sending again.
import {
  DescribeGrantRulesToResource,
  GrantInstanceToTransitRouter,
  ModifyGrantInstanceToTransitRouter,
  RevokeInstanceFromTransitRouter,
  type TransitRouterInstanceType,
  type TransitRouterOrderType,
} from "../../api/cbn.js";
import { codesFor } from "../client/error-handling.js";
import { uidToString } from "../client/numbers.js";
import type { Operation } from "../framework/operation.js";
import type { Inputs, ResourceSpec } from "../framework/resource-spec.js";
import { TRANSIT_ROUTER_GRANT_FIELDS } from "../resources/transit-router-grant.js";
import { inferNetworkType } from "./cen-grant-revocation.js";

type Grant = Inputs<typeof TRANSIT_ROUTER_GRANT_FIELDS>;

const TYPE_BY_PREFIX: Record<string, TransitRouterInstanceType> = {
  vpc: "VPC",
  vbr: "ExpressConnect",
  vco: "VPN",
  ecr: "ECR",
};
const PAGE_SIZE = 100;
// Terraform retries OperationFailed.TaskConflict on create (resource_alicloud_cen_transit_router_grant_attachment.go).
const TRANSIENT_CODES = codesFor("cbn", "GrantInstanceToTransitRouter", "retry");

/** The grant rule as DescribeGrantRulesToResource lists it. */
interface GrantRule {
  orderType: TransitRouterOrderType;
  creationTime: string;
}

/** The resource id, as Terraform writes it. */
export function transitRouterGrantId(grant: Pick<Grant, "instanceType" | "instanceId" | "cenOwnerId" | "cenId">) {
  return `${grant.instanceType}:${grant.instanceId}:${grant.cenOwnerId}:${grant.cenId}`;
}

/** The rule of this grant, or undefined (an instance the caller does not have lists no rules). */
async function findRule(op: Operation, grant: Grant): Promise<GrantRule | undefined> {
  let nextToken: string | undefined;
  do {
    const answer = await op.call(DescribeGrantRulesToResource, {
      ResourceId: grant.instanceId,
      ProductType: grant.instanceType,
      MaxResults: PAGE_SIZE,
      NextToken: nextToken,
    });
    for (const rule of answer.GrantRules ?? []) {
      const owner = uidToString(rule?.CenOwnerId) ?? String(rule?.CenOwnerId ?? "");
      if (rule?.CenId === grant.cenId && owner === grant.cenOwnerId) {
        return { orderType: rule.OrderType ?? "PayByCenOwner", creationTime: String(rule.CreateTime ?? "") };
      }
    }
    nextToken = answer.NextToken || undefined;
  } while (nextToken);
  return undefined;
}

const grantParams = (grant: Grant) => ({
  CenId: grant.cenId,
  CenOwnerId: grant.cenOwnerId,
  InstanceId: grant.instanceId,
  InstanceType: grant.instanceType,
});

const describe = (grant: Grant) => `the transit router grant of ${grant.instanceId} to ${grant.cenId}`;

/** TransitRouterGrant's lifecycle. */
export const transitRouterGrant: ResourceSpec<typeof TRANSIT_ROUTER_GRANT_FIELDS, GrantRule> = {
  fields: TRANSIT_ROUTER_GRANT_FIELDS,
  products: ["cbn"],

  refine(inputs, failures) {
    inferNetworkType(inputs, failures, "instanceId", "instanceType", TYPE_BY_PREFIX);
    if (inputs.orderType === undefined) inputs.orderType = "PayByCenOwner";
  },

  describe,

  probe: (op, grant) => findRule(op, grant),

  // The order type is what the service reports, once it does.
  outputs: (inputs, rule, previous) => ({
    ...inputs,
    orderType: rule?.orderType ?? inputs.orderType,
    creationTime: rule?.creationTime ?? previous?.creationTime ?? "",
    adopted: previous?.adopted ?? false,
  }),

  create: {
    style: "natural-key",
    id: transitRouterGrantId,
    existsCodes: codesFor("cbn", "GrantInstanceToTransitRouter", "exists"),
    exists: (grant) => ({
      statement: `${grant.instanceId} is already granted to the transit router of ${grant.cenId} (owner ${grant.cenOwnerId})`,
      removal: "revoke",
    }),
    async call(op, grant) {
      await op.call(
        GrantInstanceToTransitRouter,
        { ...grantParams(grant), OrderType: grant.orderType },
        {
          verify: async () => ((await findRule(op, grant)) ? "applied" : "not-applied"),
          retryCodes: TRANSIENT_CODES,
        },
      );
    },
  },

  remove: {
    async call(op, _id, grant) {
      await op.call(RevokeInstanceFromTransitRouter, grantParams(grant), {
        verify: async () => ((await findRule(op, grant)) ? "not-applied" : "applied"),
      });
    },
    // The grant, or the network instance itself, no longer exists.
    goneCodes: codesFor("cbn", "RevokeInstanceFromTransitRouter", "gone"),
    refusals: {
      "InvalidOperation.InstanceAttached": (grant) =>
        `${grant.instanceId} is still attached to the transit router of ${grant.cenId}, so the grant cannot be revoked. ` +
        `The CEN's owner must detach it first (delete its transit router attachment), then run destroy again.`,
    },
    waitUntilGone: true,
  },

  async update(op, _id, olds, news) {
    const orderType = news.orderType ?? "PayByCenOwner";
    if (orderType !== olds.orderType) {
      await op.call(ModifyGrantInstanceToTransitRouter, {
        CenId: news.cenId,
        InstanceId: news.instanceId,
        OrderType: orderType,
      });
    }
    return { ...news, orderType, creationTime: olds.creationTime, adopted: olds.adopted ?? false };
  },

  // Terraform's defaults for alicloud_cen_transit_router_grant_attachment.
  defaultTimeouts: { create: "5m", update: "5m", delete: "5m" },

  // Revoking the old grant after granting a new one with the same natural key would undo the new one.
  deleteBeforeReplace: (olds, news) =>
    olds.cenId === news.cenId && olds.instanceId === news.instanceId && olds.cenOwnerId === news.cenOwnerId,
};
