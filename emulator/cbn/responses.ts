// CBN action handlers: parameters in, model call, the contract's answer out (api/cbn.ts).
import type {
  AttachCenChildInstance,
  DescribeCenAttachedChildInstanceAttribute,
  DescribeCenAttachedChildInstances,
  DescribeCenGrantRules,
  DetachCenChildInstance,
} from "../../api/cbn.js";
import type { ActionContext, Answer } from "../core/api.js";
import { offsetTokenPage, readPageNumbers, takePage } from "../core/paging.js";
import { isoMinutes } from "../core/time.js";
import { RawNumber } from "../core/values.js";
import { visibleGrantsToCen } from "../vpc/models.js";
import { ownsCen } from "./cens.js";
import * as err from "./exceptions.js";
import {
  attachChild,
  type ChildRef,
  type ChildRequest,
  detachChild,
  visibleAttachment,
  visibleAttachments,
} from "./models.js";
import type { Attachment, ChildInstanceType } from "./types.js";

const CHILD_TYPES: readonly ChildInstanceType[] = ["VPC", "VBR", "CCN"];
const PAGING = { pageNumber: err.invalidParameter, pageSize: err.invalidParameter };

type ChildAction =
  | typeof AttachCenChildInstance
  | typeof DetachCenChildInstance
  | typeof DescribeCenAttachedChildInstanceAttribute;

function childType(value: string): ChildInstanceType {
  const known = CHILD_TYPES.find((type) => type === value);
  if (!known) throw err.childTypeIllegal();
  return known;
}

/** A UID parameter (a Long: digits, kept as a string because UIDs exceed 2^53), when given. */
function uidParam(value: string | undefined): string | undefined {
  if (value !== undefined && !/^[1-9][0-9]{0,19}$/.test(value)) throw err.invalidParameter();
  return value;
}

function childRef(ctx: ActionContext<ChildAction>): ChildRef {
  const p = ctx.params;
  return {
    cenId: p.required("CenId"),
    childInstanceId: p.required("ChildInstanceId"),
    childInstanceType: childType(p.required("ChildInstanceType")),
    childInstanceRegionId: p.required("ChildInstanceRegionId"),
  };
}

function childRequest(ctx: ActionContext<typeof AttachCenChildInstance | typeof DetachCenChildInstance>): ChildRequest {
  const owner = uidParam(ctx.params.get("ChildInstanceOwnerId"));
  return { ...childRef(ctx), ...(owner === undefined ? {} : { childInstanceOwnerId: owner }) };
}

/** One attachment as both Describe actions answer it. */
type ChildInstanceAnswer = Answer<typeof DescribeCenAttachedChildInstances>["ChildInstances"]["ChildInstance"][number];

function fields(row: Attachment): ChildInstanceAnswer {
  return {
    CenId: row.cenId,
    ChildInstanceId: row.childInstanceId,
    ChildInstanceType: row.childInstanceType,
    ChildInstanceRegionId: row.childInstanceRegionId,
    ChildInstanceOwnerId: new RawNumber(row.childInstanceOwnerId),
    Status: row.status,
    ChildInstanceAttachTime: isoMinutes(row.attachTime),
  };
}

export function attachCenChildInstance(
  ctx: ActionContext<typeof AttachCenChildInstance>,
): Answer<typeof AttachCenChildInstance> {
  const request = childRequest(ctx);
  attachChild(ctx.world, ctx.account, request, ctx.now);
  ctx.effect(`AttachCenChildInstance:${request.cenId}:${request.childInstanceId}`);
  return {};
}

export function detachCenChildInstance(
  ctx: ActionContext<typeof DetachCenChildInstance>,
): Answer<typeof DetachCenChildInstance> {
  const cenOwnerId = uidParam(ctx.params.get("CenOwnerId"));
  const request = { ...childRequest(ctx), ...(cenOwnerId === undefined ? {} : { cenOwnerId }) };
  detachChild(ctx.world, ctx.account, request, ctx.now);
  ctx.effect(`DetachCenChildInstance:${request.cenId}:${request.childInstanceId}`);
  return {};
}

export function describeCenAttachedChildInstanceAttribute(
  ctx: ActionContext<typeof DescribeCenAttachedChildInstanceAttribute>,
): Answer<typeof DescribeCenAttachedChildInstanceAttribute> {
  const { attachment, name } = visibleAttachment(ctx.world, ctx.account, childRef(ctx), ctx.now);
  return { ...fields(attachment), ChildInstanceName: name };
}

export function describeCenAttachedChildInstances(
  ctx: ActionContext<typeof DescribeCenAttachedChildInstances>,
): Answer<typeof DescribeCenAttachedChildInstances> {
  const p = ctx.params;
  const cenId = p.required("CenId");
  const type = p.get("ChildInstanceType");
  const regionId = p.get("ChildInstanceRegionId");
  const paging = readPageNumbers(p, PAGING, 50);
  const rows = visibleAttachments(
    ctx.world,
    ctx.account,
    cenId,
    {
      ...(type === undefined ? {} : { childInstanceType: childType(type) }),
      ...(regionId === undefined ? {} : { childInstanceRegionId: regionId }),
    },
    ctx.now,
  );
  const { page, fields: pageFields } = takePage(rows, paging, "");
  return { ...pageFields, ChildInstances: { ChildInstance: page.map(fields) } };
}

/**
 * The grants to the caller's CEN instance (VPC GrantInstanceToCen, seen from the CEN's side);
 * another account's CEN instance, or none, answers no rules, as the page says of invalid input.
 */
export function describeGrantRulesToCen(
  ctx: ActionContext<typeof DescribeCenGrantRules>,
): Answer<typeof DescribeCenGrantRules> {
  const p = ctx.params;
  const cenId = p.required("CenId");
  const type = childType(p.required("ProductType"));
  const size = p.integer("MaxResults", 10, 1, 100, err.invalidParameter);
  const rows = ownsCen(ctx.world, ctx.account.uid, cenId)
    ? visibleGrantsToCen(ctx.world, cenId, ctx.account.uid, ctx.now).filter(({ grant }) => grant.instanceType === type)
    : [];
  const { page, nextToken } = offsetTokenPage(rows, size, p.get("NextToken"), err.invalidParameter);
  return {
    GrantRules: page.map(({ ownerUid, grant }) => ({
      CenId: grant.cenId,
      ChildInstanceId: grant.instanceId,
      ChildInstanceType: grant.instanceType,
      ChildInstanceRegionId: grant.regionId,
      ChildInstanceOwnerId: new RawNumber(ownerUid),
    })),
    TotalCount: rows.length,
    MaxResults: size,
    NextToken: nextToken,
  };
}
