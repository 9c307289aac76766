// ECS ClassicLink action handlers (spec §6).
import type { ActionContext } from "../core/api.js";
import type { ResponseBody } from "../core/values.js";
import { attach, classicRegion, detach, visibleLinks } from "./classiclink-models.js";
import * as err from "./exceptions.js";

/** Reads RegionId, InstanceId and VpcId as Attach and Detach take them. */
function linkParams(ctx: ActionContext): { regionId: string; instanceId: string; vpcId: string } {
  const p = ctx.params;
  const instanceId = p.get("InstanceId");
  const vpcId = p.get("VpcId");
  if (instanceId === undefined && vpcId === undefined) throw err.bothEmpty();
  const regionId = p.required("RegionId");
  classicRegion(ctx.world, ctx.account, regionId, err.clRegionNotFound);
  return { regionId, instanceId: p.required("InstanceId"), vpcId: p.required("VpcId") };
}

/** AttachClassicLinkVpc. */
export function attachClassicLinkVpc(ctx: ActionContext): ResponseBody {
  const { regionId, instanceId, vpcId } = linkParams(ctx);
  if (attach(ctx.world, ctx.account, regionId, instanceId, vpcId, ctx.now)) {
    ctx.effect(`AttachClassicLinkVpc:${instanceId}:${vpcId}`);
  }
  return {};
}

/** DetachClassicLinkVpc. */
export function detachClassicLinkVpc(ctx: ActionContext): ResponseBody {
  const { regionId, instanceId, vpcId } = linkParams(ctx);
  detach(ctx.world, ctx.account, regionId, instanceId, vpcId, ctx.now);
  ctx.effect(`DetachClassicLinkVpc:${instanceId}:${vpcId}`);
  return {};
}

/** DescribeClassicLinkInstances: InstanceId is a comma-separated list (up to 100); paged. */
export function describeClassicLinkInstances(ctx: ActionContext): ResponseBody {
  const p = ctx.params;
  const regionId = p.required("RegionId");
  classicRegion(ctx.world, ctx.account, regionId, err.describeRegionNotFound, err.describeRegionNotFound);
  const idText = p.get("InstanceId");
  const vpcId = p.get("VpcId");
  if (idText === undefined && vpcId === undefined) throw err.bothEmpty();
  const ids =
    idText === undefined
      ? []
      : idText
          .split(",")
          .map((id) => id.trim())
          .filter((id) => id !== "");
  if (ids.length > 100) throw err.tooManyIds();
  const pageNumber = p.integer("PageNumber", 1, 1, Number.MAX_SAFE_INTEGER, err.clPageNumber);
  const pageSize = p.integer("PageSize", 10, 1, 100, err.clPageSize);
  const links = visibleLinks(ctx.world, ctx.account, regionId, ids, vpcId, ctx.now);
  const page = links.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
  return {
    PageSize: pageSize,
    PageNumber: pageNumber,
    TotalCount: links.length,
    Links: { Link: page.map((link) => ({ VpcId: link.vpcId, InstanceId: link.instanceId })) },
  };
}
