// ECS ClassicLink action handlers: parameters in, model call, the contract's answer out
// (api/ecs.ts, spec §6).
import type { AttachClassicLinkVpc, DescribeClassicLinkInstances, DetachClassicLinkVpc } from "../../api/ecs.js";
import type { ActionContext, Answer } from "../core/api.js";
import { readPageNumbers, takePage } from "../core/paging.js";
import { attach, classicRegion, detach, visibleLinks } from "./classiclink-models.js";
import * as err from "./exceptions.js";

/**
 * Reads RegionId, InstanceId and VpcId as Attach and Detach take them; `unknownRegion` is the
 * action's answer to a well-formed region the world does not have.
 */
function linkParams(
  ctx: ActionContext<typeof AttachClassicLinkVpc | typeof DetachClassicLinkVpc>,
  unknownRegion: () => Error,
): { regionId: string; instanceId: string; vpcId: string } {
  const p = ctx.params;
  const instanceId = p.get("InstanceId");
  const vpcId = p.get("VpcId");
  if (instanceId === undefined && vpcId === undefined) throw err.bothEmpty();
  const regionId = p.required("RegionId");
  classicRegion(ctx.world, ctx.account, regionId, unknownRegion);
  return { regionId, instanceId: p.required("InstanceId"), vpcId: p.required("VpcId") };
}

export function attachClassicLinkVpc(
  ctx: ActionContext<typeof AttachClassicLinkVpc>,
): Answer<typeof AttachClassicLinkVpc> {
  const { regionId, instanceId, vpcId } = linkParams(ctx, err.clRegionNotFound);
  if (attach(ctx.world, ctx.account, regionId, instanceId, vpcId, ctx.now)) {
    ctx.effect(`AttachClassicLinkVpc:${instanceId}:${vpcId}`);
  }
  return {};
}

export function detachClassicLinkVpc(
  ctx: ActionContext<typeof DetachClassicLinkVpc>,
): Answer<typeof DetachClassicLinkVpc> {
  // Detach's page lists no InvalidRegionId.NotFound: an unknown region is Malformed there.
  const { regionId, instanceId, vpcId } = linkParams(ctx, err.regionMalformed);
  detach(ctx.world, ctx.account, regionId, instanceId, vpcId, ctx.now);
  ctx.effect(`DetachClassicLinkVpc:${instanceId}:${vpcId}`);
  return {};
}

/** InstanceId is a comma-separated list (up to 100); paged. */
export function describeClassicLinkInstances(
  ctx: ActionContext<typeof DescribeClassicLinkInstances>,
): Answer<typeof DescribeClassicLinkInstances> {
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
  const paging = readPageNumbers(p, { pageNumber: err.clPageNumber, pageSize: err.clPageSize }, 100);
  const links = visibleLinks(ctx.world, ctx.account, regionId, ids, vpcId, ctx.now);
  const { page, fields } = takePage(links, paging, "");
  return {
    ...fields,
    Links: { Link: page.map((link) => ({ VpcId: link.vpcId, InstanceId: link.instanceId })) },
  };
}
