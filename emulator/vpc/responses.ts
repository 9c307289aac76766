// VPC action handlers: parameters in, model call, the contract's answer out (api/vpc.ts, spec §5).
import type {
  DescribeGrantRulesToCen,
  DescribeVpcAttribute,
  DisableVpcClassicLink,
  EnableVpcClassicLink,
  GrantInstanceToCen,
  RevokeInstanceFromCen,
} from "../../api/vpc.js";
import { isAttached } from "../cbn/models.js";
import type { ActionContext, Answer } from "../core/api.js";
import { invalidParameter } from "../core/gateway-errors.js";
import { readPageNumbers, takePage } from "../core/paging.js";
import { isoSeconds } from "../core/time.js";
import { RawNumber } from "../core/values.js";
import * as err from "./exceptions.js";
import {
  type GrantTarget,
  grantInstance,
  revokeInstance,
  setClassicLink,
  visibleGrants,
  visibleVpc,
} from "./models.js";
import type { GrantInstanceType } from "./types.js";

const GRANT_TYPES: readonly GrantInstanceType[] = ["VPC", "VBR", "CCN"];
const PAGING = { pageNumber: () => err.invalidPaging("PageNumber"), pageSize: () => err.invalidPaging("PageSize") };

type GrantAction = typeof GrantInstanceToCen | typeof RevokeInstanceFromCen | typeof DescribeGrantRulesToCen;

function instanceType(ctx: ActionContext<GrantAction>): GrantInstanceType {
  const type = ctx.params.required("InstanceType");
  const known = GRANT_TYPES.find((t) => t === type);
  if (!known) throw err.instanceTypeInvalid();
  return known;
}

function grantTarget(ctx: ActionContext<typeof GrantInstanceToCen | typeof RevokeInstanceFromCen>): GrantTarget {
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

export function grantInstanceToCen(ctx: ActionContext<typeof GrantInstanceToCen>): Answer<typeof GrantInstanceToCen> {
  const target = grantTarget(ctx);
  if (grantInstance(ctx.world, ctx.account, target, ctx.now)) {
    ctx.effect(`GrantInstanceToCen:${target.cenId}:${target.instanceId}:${target.cenOwnerId}`);
  }
  return {};
}

export function revokeInstanceFromCen(
  ctx: ActionContext<typeof RevokeInstanceFromCen>,
): Answer<typeof RevokeInstanceFromCen> {
  const target = grantTarget(ctx);
  // Unknown in the sources (settings.revokeWhileAttached): CBN is asked, the VPC's rules stay its own.
  if (
    ctx.world.settings.revokeWhileAttached === "refuse" &&
    isAttached(ctx.world, target.cenOwnerId, target.cenId, target.instanceId, ctx.now)
  ) {
    throw err.instanceAttached();
  }
  if (revokeInstance(ctx.world, ctx.account, target, ctx.now)) {
    ctx.effect(`RevokeInstanceFromCen:${target.cenId}:${target.instanceId}:${target.cenOwnerId}`);
  }
  return {};
}

/** The grants of one network instance, paged (PageSize at most 50). */
export function describeGrantRulesToCen(
  ctx: ActionContext<typeof DescribeGrantRulesToCen>,
): Answer<typeof DescribeGrantRulesToCen> {
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

function classicLinkSwitch(
  ctx: ActionContext<typeof EnableVpcClassicLink | typeof DisableVpcClassicLink>,
  enable: boolean,
): boolean {
  const regionId = ctx.params.required("RegionId");
  const vpcId = ctx.params.required("VpcId");
  const changed = setClassicLink(ctx.world, ctx.account, regionId, vpcId, enable, ctx.now);
  if (changed) ctx.effect(`${enable ? "Enable" : "Disable"}VpcClassicLink:${vpcId}`);
  return changed;
}

export function enableVpcClassicLink(
  ctx: ActionContext<typeof EnableVpcClassicLink>,
): Answer<typeof EnableVpcClassicLink> {
  classicLinkSwitch(ctx, true);
  return {};
}

export function disableVpcClassicLink(
  ctx: ActionContext<typeof DisableVpcClassicLink>,
): Answer<typeof DisableVpcClassicLink> {
  classicLinkSwitch(ctx, false);
  return {};
}

export function describeVpcAttribute(
  ctx: ActionContext<typeof DescribeVpcAttribute>,
): Answer<typeof DescribeVpcAttribute> {
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
