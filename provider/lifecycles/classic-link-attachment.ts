// How a ClassicLink link is read, made and removed. An instance links to one VPC at a time; the
// link is named `<instanceId>:<vpcId>`. Neither call takes a ClientToken: after an unanswered
// attempt, the call layer looks (`verify`) before sending it again.
import { AttachClassicLinkVpc, DescribeClassicLinkInstances, DetachClassicLinkVpc } from "../../api/ecs.js";
import { codesFor } from "../client/error-handling.js";
import { AlibabaCloudError } from "../client/errors.js";
import type { Operation } from "../framework/operation.js";
import { Blocked, type Inputs, type ResourceSpec } from "../framework/resource-spec.js";
import { CLASSIC_LINK_FIELDS } from "../resources/classic-link-attachment.js";

type Link = Inputs<typeof CLASSIC_LINK_FIELDS>;

// An instance that is Starting or Stopping, or briefly locked, will accept the call in a moment.
const ATTACH_TRANSIENT = codesFor("ecs", "AttachClassicLinkVpc", "retry");
const DETACH_TRANSIENT = codesFor("ecs", "DetachClassicLinkVpc", "retry");

/** The resource id: `<instanceId>:<vpcId>`. */
export function linkId(link: Pick<Link, "instanceId" | "vpcId">): string {
  return `${link.instanceId}:${link.vpcId}`;
}

/** The VPC the instance is linked to, or undefined; Blocked when the instance does not exist. */
async function linkedVpc(op: Operation, link: Link): Promise<string | undefined> {
  try {
    const answer = await op.call(DescribeClassicLinkInstances, {
      InstanceId: link.instanceId,
      PageNumber: "1",
      PageSize: "100",
    });
    const found = (answer.Links?.Link ?? []).find((l) => l?.InstanceId === link.instanceId);
    return found?.VpcId;
  } catch (error) {
    if (error instanceof AlibabaCloudError && error.code === "InvalidInstanceId.NotFound") {
      throw new Blocked(`ECS instance ${link.instanceId} was not found in ${link.regionId} for these credentials`);
    }
    throw error;
  }
}

const describe = (link: Link) => `the link of ${link.instanceId} to ${link.vpcId}`;
const linkParams = (link: Link) => ({ InstanceId: link.instanceId, VpcId: link.vpcId });

/** ClassicLinkAttachment's lifecycle. */
export const classicLinkAttachment: ResourceSpec<typeof CLASSIC_LINK_FIELDS, true> = {
  fields: CLASSIC_LINK_FIELDS,
  products: ["ecs"],

  describe,

  async probe(op, link) {
    const vpcId = await linkedVpc(op, link);
    if (vpcId !== undefined && vpcId !== link.vpcId) {
      throw new Blocked(
        `${link.instanceId} is linked to ${vpcId}; an instance links to one VPC at a time. Unlink it from ${vpcId} first.`,
      );
    }
    return vpcId === link.vpcId ? true : undefined;
  },

  outputs: (inputs, _live, previous) => ({ ...inputs, adopted: previous?.adopted ?? false }),

  create: {
    style: "natural-key",
    id: linkId,
    // A retry of a link that did take effect is refused this way too (then the framework looks again).
    existsCodes: codesFor("ecs", "AttachClassicLinkVpc", "exists"),
    exists: (link) => ({ statement: `${link.instanceId} is already linked to ${link.vpcId}`, removal: "unlink" }),
    async call(op, link) {
      await op.call(AttachClassicLinkVpc, linkParams(link), {
        verify: async () => ((await linkedVpc(op, link)) === link.vpcId ? "applied" : "not-applied"),
        retryCodes: ATTACH_TRANSIENT,
      });
    },
  },

  remove: {
    async call(op, _id, link) {
      await op.call(DetachClassicLinkVpc, linkParams(link), {
        verify: async () => ((await linkedVpc(op, link)) === link.vpcId ? "not-applied" : "applied"),
        retryCodes: DETACH_TRANSIENT,
      });
    },
    // The instance is gone, or it is not linked to this VPC.
    goneCodes: codesFor("ecs", "DetachClassicLinkVpc", "gone"),
    refusals: {
      OperationDenied: (link, error) =>
        `Alibaba Cloud refuses to unlink ${describe(link).replace(/^the link of /, "")}: ${error.message}. The link stays; resolve the cause (for example re-enable ClassicLink on the VPC), then run destroy again.`,
    },
    waitUntilGone: true,
  },

  // An instance links to one VPC at a time: moving it must unlink the old VPC first.
  deleteBeforeReplace: (olds, news) => olds.instanceId === news.instanceId,
};
