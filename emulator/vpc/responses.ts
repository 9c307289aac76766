// VPC action handlers: parameters in, model call, response fields out (shapes of spec §5).
import type { ActionContext } from "../core/api.js";
import { invalidParameter } from "../core/gateway-errors.js";
import { readPageNumbers, takePage } from "../core/paging.js";
import { isoSeconds } from "../core/time.js";
import { RawNumber, type ResponseBody } from "../core/values.js";
import type { GrantInstanceType } from "../world/types.js";
import * as err from "./exceptions.js";
import {
  type GrantTarget,
  grantInstance,
  revokeInstance,
  setClassicLink,
  visibleGrants,
  visibleVpc,
} from "./models.js";

const GRANT_TYPES: readonly string[] = ["VPC", "VBR", "CCN"];
const PAGING = { pageNumber: () => err.invalidPaging("PageNumber"), pageSize: () => err.invalidPaging("PageSize") };

function instanceType(ctx: ActionContext): GrantInstanceType {
  const type = ctx.params.required("InstanceType");
  if (!GRANT_TYPES.includes(type)) throw err.instanceTypeInvalid();
  return type as GrantInstanceType;
}

function grantTarget(ctx: ActionContext): GrantTarget {
  const p = ctx.params;
  const regionId = p.required("RegionId");
  const instanceId = p.required("InstanceId");
  const type = instanceType(ctx);
  const cenId = p.required("CenId", err.missingCenId);
  const cenOwnerId = p.required("CenOwnerId");
  // A Long in the API: digits only, kept as a string because UIDs exceed 2^53.
  if (!/^[1-9][0-9]{0,19}$/.test(cenOwnerId)) throw invalidParameter("CenOwnerId");
  if (!/^cen-[a-z0-9]+$/.test(cenId)) throw err.illegalCenId(cenId, cenOwnerId);
  return { regionId, instanceId, instanceType: type, cenId, cenOwnerId };
}

/** GrantInstanceToCen. */
export function grantInstanceToCen(ctx: ActionContext): ResponseBody {
  const target = grantTarget(ctx);
  if (grantInstance(ctx.world, ctx.account, target, ctx.now)) {
    ctx.effect(`GrantInstanceToCen:${target.cenId}:${target.instanceId}:${target.cenOwnerId}`);
  }
  return {};
}

/** RevokeInstanceFromCen. */
export function revokeInstanceFromCen(ctx: ActionContext): ResponseBody {
  const target = grantTarget(ctx);
  if (revokeInstance(ctx.world, ctx.account, target, ctx.now)) {
    ctx.effect(`RevokeInstanceFromCen:${target.cenId}:${target.instanceId}:${target.cenOwnerId}`);
  }
  return {};
}

/**
 * DescribeGrantRulesToCen: the grants of one network instance, paged (PageSize at most 50). A
 * ClientToken is accepted and ignored: a poll must see the current state, not a stored answer.
 */
export function describeGrantRulesToCen(ctx: ActionContext): ResponseBody {
  const p = ctx.params;
  const regionId = p.required("RegionId");
  const instanceId = p.required("InstanceId");
  const type = instanceType(ctx);
  const paging = readPageNumbers(p, PAGING, 50);
  const grants = visibleGrants(ctx.world, ctx.account, regionId, type, instanceId, ctx.now);
  const { page, fields } = takePage(grants, paging, "");
  return {
    ...fields,
    CenGrantRules: {
      CbnGrantRule: page.map((grant) => ({
        CenInstanceId: grant.cenId,
        CenOwnerId: new RawNumber(grant.cenOwnerId),
        CreationTime: isoSeconds(grant.creationTime),
      })),
    },
  };
}

/** EnableVpcClassicLink. */
export function enableVpcClassicLink(ctx: ActionContext): ResponseBody {
  const regionId = ctx.params.required("RegionId");
  const vpcId = ctx.params.required("VpcId");
  if (setClassicLink(ctx.world, ctx.account, regionId, vpcId, true, ctx.now))
    ctx.effect(`EnableVpcClassicLink:${vpcId}`);
  return {};
}

/** DisableVpcClassicLink. */
export function disableVpcClassicLink(ctx: ActionContext): ResponseBody {
  const regionId = ctx.params.required("RegionId");
  const vpcId = ctx.params.required("VpcId");
  if (setClassicLink(ctx.world, ctx.account, regionId, vpcId, false, ctx.now))
    ctx.effect(`DisableVpcClassicLink:${vpcId}`);
  return {};
}

/** DescribeVpcAttribute. */
export function describeVpcAttribute(ctx: ActionContext): ResponseBody {
  const regionId = ctx.params.required("RegionId");
  const vpcId = ctx.params.required("VpcId");
  const vpc = visibleVpc(ctx.world, ctx.account, regionId, vpcId, ctx.now);
  return {
    VpcId: vpc.vpcId,
    RegionId: vpc.regionId,
    Status: vpc.status,
    VpcName: vpc.vpcName,
    CidrBlock: vpc.cidrBlock,
    Ipv6CidrBlock: "",
    VRouterId: `vrt-${vpc.vpcId.replace(/^vpc-/, "")}`,
    Description: vpc.description,
    IsDefault: false,
    ClassicLinkEnabled: vpc.classicLinkEnabled,
    CreationTime: isoSeconds(vpc.creationTime),
    OwnerId: new RawNumber(ctx.account.uid),
    ResourceGroupId: "",
    VSwitchIds: { VSwitchId: [] },
    UserCidrs: { UserCidr: [] },
  };
}
