// Handlers of the transit router grant actions: parameters in, model call, the contract's answer
// out (api/cbn.ts).
import type {
  DescribeGrantRulesToResource,
  GrantInstanceToTransitRouter,
  ModifyGrantInstanceToTransitRouter,
  RevokeInstanceFromTransitRouter,
} from "../../api/cbn.js";
import type { ActionContext, Answer } from "../core/api.js";
import { offsetTokenPage } from "../core/paging.js";
import { isoMinutes } from "../core/time.js";
import { RawNumber } from "../core/values.js";
import * as err from "./exceptions.js";
import {
  type GrantRef,
  grantToTransitRouter,
  modifyTransitRouterGrant,
  revokeFromTransitRouter,
  visibleGrantsOf,
} from "./transit-router-models.js";
import type { TransitRouterInstanceType, TransitRouterOrderType } from "./types.js";

const INSTANCE_TYPES: readonly TransitRouterInstanceType[] = ["VPC", "ExpressConnect", "VPN", "ECR"];
const ORDER_TYPES: readonly TransitRouterOrderType[] = ["PayByCenOwner", "PayByResourceOwner"];

function instanceType(value: string): TransitRouterInstanceType {
  const known = INSTANCE_TYPES.find((type) => type === value);
  if (!known) throw err.instanceTypeIllegal();
  return known;
}

function orderType(value: string | undefined): TransitRouterOrderType | undefined {
  if (value === undefined) return undefined;
  const known = ORDER_TYPES.find((type) => type === value);
  if (!known) throw err.orderTypeIllegal();
  return known;
}

function grantRef(
  ctx: ActionContext<typeof GrantInstanceToTransitRouter | typeof RevokeInstanceFromTransitRouter>,
): GrantRef {
  const p = ctx.params;
  const cenOwnerId = p.required("CenOwnerId");
  if (!/^[1-9][0-9]{0,19}$/.test(cenOwnerId)) throw err.cenAliUidIllegal();
  return {
    regionId: p.required("RegionId"),
    instanceId: p.required("InstanceId"),
    instanceType: instanceType(p.required("InstanceType")),
    cenId: p.required("CenId"),
    cenOwnerId,
  };
}

export function grantInstanceToTransitRouter(
  ctx: ActionContext<typeof GrantInstanceToTransitRouter>,
): Answer<typeof GrantInstanceToTransitRouter> {
  const ref = grantRef(ctx);
  const order = orderType(ctx.params.get("OrderType")) ?? "PayByCenOwner";
  grantToTransitRouter(ctx.world, ctx.account, ref, order, ctx.now);
  ctx.effect(`GrantInstanceToTransitRouter:${ref.cenId}:${ref.instanceId}:${ref.cenOwnerId}`);
  return {};
}

export function modifyGrantInstanceToTransitRouter(
  ctx: ActionContext<typeof ModifyGrantInstanceToTransitRouter>,
): Answer<typeof ModifyGrantInstanceToTransitRouter> {
  const p = ctx.params;
  const cenId = p.required("CenId");
  const instanceId = p.required("InstanceId");
  const order = orderType(p.required("OrderType")) as TransitRouterOrderType;
  if (modifyTransitRouterGrant(ctx.world, ctx.account, cenId, instanceId, order, ctx.now)) {
    ctx.effect(`ModifyGrantInstanceToTransitRouter:${cenId}:${instanceId}`);
  }
  return {};
}

export function revokeInstanceFromTransitRouter(
  ctx: ActionContext<typeof RevokeInstanceFromTransitRouter>,
): Answer<typeof RevokeInstanceFromTransitRouter> {
  const ref = grantRef(ctx);
  revokeFromTransitRouter(ctx.world, ctx.account, ref, ctx.now);
  ctx.effect(`RevokeInstanceFromTransitRouter:${ref.cenId}:${ref.instanceId}:${ref.cenOwnerId}`);
  return {};
}

/** The caller's grants of one network instance; an instance it does not have answers an empty list. */
export function describeGrantRulesToResource(
  ctx: ActionContext<typeof DescribeGrantRulesToResource>,
): Answer<typeof DescribeGrantRulesToResource> {
  const p = ctx.params;
  const resourceId = p.required("ResourceId");
  const type = instanceType(p.required("ProductType"));
  // Token paging: MaxResults 1 to 100 (default 10); the token is the next row's offset.
  const size = p.integer("MaxResults", 10, 1, 100, err.invalidParameter);
  const rows = visibleGrantsOf(ctx.world, ctx.account, resourceId, type, ctx.now);
  const { page, nextToken } = offsetTokenPage(rows, size, p.get("NextToken"), err.invalidParameter);
  return {
    GrantRules: page.map((row) => ({
      CenId: row.cenId,
      CenOwnerId: new RawNumber(row.cenOwnerId),
      OrderType: row.orderType,
      CreateTime: isoMinutes(row.createTime),
    })),
    TotalCount: rows.length,
    MaxResults: size,
    NextToken: nextToken,
  };
}
