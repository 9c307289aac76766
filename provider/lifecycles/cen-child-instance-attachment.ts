// How a CEN attachment is read, made and removed, acting as the CEN instance's owner. The
// attachment is named `<cenId>:<childInstanceId>` (Terraform's first form; a network instance
// attaches to one CEN instance at a time). Neither call takes a ClientToken: after an unanswered
// attempt the call layer looks (`verify`) before sending it again. An attach takes a while
// (`Attaching`): create waits until the attachment is `Attached` (`ready`).
import {
  AttachCenChildInstance,
  DescribeCenAttachedChildInstanceAttribute,
  DetachCenChildInstance,
} from "../../api/cbn.js";
import { AlibabaCloudError } from "../client/errors.js";
import { Blocked, type Inputs, type ResourceSpec, unlessBlocked } from "../framework/lifecycle.js";
import type { Operation } from "../framework/operation.js";
import { CEN_ATTACHMENT_FIELDS, type CenAttachmentStatus } from "../resources/cen-child-instance-attachment.js";
import { inferNetworkType } from "./cen-grant-revocation.js";

type Attachment = Inputs<typeof CEN_ATTACHMENT_FIELDS>;

/** The attachment as DescribeCenAttachedChildInstanceAttribute reports it. */
interface LiveAttachment {
  status: CenAttachmentStatus;
  attachTime: string;
}

// Not now rather than not like that: another attach or detach runs on the CEN instance or the
// network instance, the VPC is being configured, or a grant made moments ago has not reached CEN
// yet (Operation.Blocking is transient for every action).
const ATTACH_TRANSIENT = [
  "InvalidOperation.CenInstanceStatus",
  "InvalidOperation.ChildInstanceStatus",
  "OperationFailed.InvalidVpcStatus",
  "Forbbiden.AttachChildInstanceAcrossUid",
];
const DETACH_TRANSIENT = ["InvalidOperation.CenInstanceStatus", "InvalidOperation.ChildInstanceStatus"];

// The CEN instance is not the caller's (or does not exist): the emulator's code, and Terraform's.
const CEN_NOT_FOUND = ["ParameterIllegal.CenInstanceId", "ParameterCenInstanceId"];

/** The resource id: `<cenId>:<childInstanceId>`. */
export function attachmentId(attachment: Pick<Attachment, "cenId" | "childInstanceId">): string {
  return `${attachment.cenId}:${attachment.childInstanceId}`;
}

const describe = (a: Attachment) => `the attachment of ${a.childInstanceId} to ${a.cenId}`;

const childParams = (a: Attachment) => ({
  CenId: a.cenId,
  ChildInstanceId: a.childInstanceId,
  ChildInstanceType: a.childInstanceType,
  ChildInstanceRegionId: a.regionId,
});

/**
 * The attachment (`Detaching` included), or undefined when the network instance is not attached
 * to the CEN instance. Blocked when the CEN instance is not this account's, or the network
 * instance does not exist.
 */
async function attachment(op: Operation, a: Attachment): Promise<LiveAttachment | undefined> {
  try {
    const answer = await op.call(DescribeCenAttachedChildInstanceAttribute, childParams(a));
    return { status: answer.Status ?? "Attached", attachTime: String(answer.ChildInstanceAttachTime ?? "") };
  } catch (error) {
    if (!(error instanceof AlibabaCloudError)) throw error;
    if (error.code === "ParameterError") return undefined;
    if (error.code === "ParameterInstanceId") {
      throw new Blocked(`${a.childInstanceType} ${a.childInstanceId} was not found in ${a.regionId}`);
    }
    if (CEN_NOT_FOUND.includes(error.code)) {
      throw new Blocked(
        `CEN instance ${a.cenId} was not found for these credentials: a CenChildInstanceAttachment acts as the CEN instance's owner`,
      );
    }
    throw error;
  }
}

/** Whether the attach has taken effect, as a retry after a lost answer needs to know. */
const attached = async (op: Operation, a: Attachment) => {
  const live = await unlessBlocked(attachment(op, a));
  return live !== undefined && live.status !== "Detaching";
};

/** CenChildInstanceAttachment's lifecycle. */
export const cenChildInstanceAttachment: ResourceSpec<typeof CEN_ATTACHMENT_FIELDS, LiveAttachment> = {
  fields: CEN_ATTACHMENT_FIELDS,
  products: ["cbn"],

  refine(inputs, failures) {
    inferNetworkType(inputs, failures, "childInstanceId", "childInstanceType");
  },

  describe,

  probe: (op, a) => attachment(op, a),

  ready: (live) => live.status === "Attached",

  leaving: (live) => live.status === "Detaching",

  outputs: (inputs, live, previous) => ({
    ...inputs,
    status: live?.status ?? previous?.status ?? "Attaching",
    attachTime: live?.attachTime ?? previous?.attachTime ?? "",
    adopted: previous?.adopted ?? false,
  }),

  create: {
    style: "natural-key",
    id: attachmentId,
    // Also a retry of an attach that did take effect (then the framework looks again).
    existsCodes: ["InvalidOperation.ChildInstanceAlreadyAttached"],
    exists: (a) => ({ statement: `${a.childInstanceId} is already attached to ${a.cenId}`, removal: "detach" }),
    async call(op, a) {
      try {
        await op.call(
          AttachCenChildInstance,
          { ...childParams(a), ChildInstanceOwnerId: a.childInstanceOwnerId },
          {
            verify: async () => ((await attached(op, a)) ? "applied" : "not-applied"),
            retryCodes: ATTACH_TRANSIENT,
          },
        );
      } catch (error) {
        if (error instanceof AlibabaCloudError && error.code === "Forbbiden.AttachChildInstanceAcrossUid") {
          throw new Error(
            `${error.message}. The account that owns ${a.childInstanceId} must grant it to ${a.cenId} first ` +
              "(a CenGrantRevocation acting as that account, or VPC GrantInstanceToCen); declare this attachment with dependsOn that grant.",
          );
        }
        if (error instanceof AlibabaCloudError && error.code === "OperationFailed.InvalidTransitRouter") {
          throw new Error(
            `${error.message}. ${a.cenId}'s transit routers are Enterprise Edition, which do not attach network instances this way: ` +
              `the network instance's owner grants it with a TransitRouterGrant, and the CEN's owner attaches it to the transit router (a transit router VPC attachment, e.g. alicloud.cen.TransitRouterVpcAttachment).`,
          );
        }
        throw error;
      }
    },
  },

  remove: {
    async call(op, _id, a) {
      await op.call(
        DetachCenChildInstance,
        { ...childParams(a), ChildInstanceOwnerId: a.childInstanceOwnerId },
        {
          verify: async () => ((await attached(op, a)) ? "not-applied" : "applied"),
          retryCodes: DETACH_TRANSIENT,
        },
      );
    },
    // Not attached (any more), or the network instance's owner is gone (Terraform's two).
    goneCodes: ["ParameterInstanceId", "Bid.NotFound"],
    waitUntilGone: true,
  },

  // A network instance attaches to one CEN instance at a time: moving it must detach it first.
  deleteBeforeReplace: (olds, news) => olds.childInstanceId === news.childInstanceId,
};
