// How a CEN attachment is read, made and removed, acting as the CEN instance's owner. The
// attachment is named `<cenId>:<childInstanceId>` (Terraform's first form; a network instance
// attaches to one CEN instance at a time). Neither call takes a ClientToken: after an unanswered
// attempt the call layer looks (`verify`) before sending it again. An attach takes a while
// (`Attaching`): create waits until the attachment is `Attached` (`ready`).
import {
  AttachCenChildInstance,
  DescribeCenAttachedChildInstanceAttribute,
  DescribeCenGrantRules,
  DetachCenChildInstance,
} from "../../api/cbn.js";
import { codesFor } from "../client/error-handling.js";
import { AlibabaCloudError } from "../client/errors.js";
import { uidToString } from "../client/numbers.js";
import { sleep } from "../client/retry.js";
import { type Operation, OperationTimeoutError } from "../framework/operation.js";
import { Blocked, type Inputs, type ResourceSpec, unlessBlocked } from "../framework/resource-spec.js";
import { WaitTimeoutError } from "../framework/waiting.js";
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
// yet; Terraform's resource_alicloud_cen_instance_attachment.go retries the same (the reasons are
// in client/error-handling.ts).
const ATTACH_TRANSIENT = codesFor("cbn", "AttachCenChildInstance", "retry");
// Not granted (yet): waited for within the grant's bound, then explained (requireGrant).
const NOT_GRANTED = ["Forbbiden.AttachChildInstanceAcrossUid"];
const DETACH_TRANSIENT = codesFor("cbn", "DetachCenChildInstance", "retry");

// The CEN instance is not the caller's (or does not exist).
const CEN_NOT_FOUND = codesFor("cbn", "DescribeCenAttachedChildInstanceAttribute", "explained");
// What DescribeCenAttachedChildInstanceAttribute answers for "not attached": no page says, and
// Terraform's resource_alicloud_cen_instance_attachment.go counts all three as not found. A network
// instance that does not exist at all is then reported by the attach itself.
const NOT_ATTACHED = codesFor("cbn", "DescribeCenAttachedChildInstanceAttribute", "absent");

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
 * to the CEN instance. Blocked when the CEN instance is not this account's.
 */
async function attachment(op: Operation, a: Attachment): Promise<LiveAttachment | undefined> {
  try {
    const answer = await op.call(DescribeCenAttachedChildInstanceAttribute, childParams(a));
    return { status: answer.Status ?? "Attached", attachTime: String(answer.ChildInstanceAttachTime ?? "") };
  } catch (error) {
    if (!(error instanceof AlibabaCloudError)) throw error;
    if (NOT_ATTACHED.includes(error.code)) return undefined;
    if (CEN_NOT_FOUND.includes(error.code)) {
      throw new Blocked(
        `CEN instance ${a.cenId} was not found for these credentials: a CenChildInstanceAttachment acts as the CEN instance's owner`,
      );
    }
    throw error;
  }
}

/**
 * Whether another account's network instance is granted to the CEN instance, as its owner sees
 * the grants (CBN DescribeGrantRulesToCen); undefined when the look itself is refused (a RAM
 * policy without that action): then the attach finds out.
 */
async function grantedToCen(op: Operation, a: Attachment): Promise<boolean | undefined> {
  try {
    let nextToken: string | undefined;
    do {
      const answer = await op.call(DescribeCenGrantRules, {
        CenId: a.cenId,
        ProductType: a.childInstanceType,
        MaxResults: 100,
        NextToken: nextToken,
      });
      const found = (answer.GrantRules ?? []).some(
        (rule) =>
          rule?.ChildInstanceId === a.childInstanceId &&
          (uidToString(rule?.ChildInstanceOwnerId) ?? String(rule?.ChildInstanceOwnerId ?? "")) ===
            a.childInstanceOwnerId,
      );
      if (found) return true;
      nextToken = answer.NextToken || undefined;
    } while (nextToken);
    return false;
  } catch (error) {
    if (!(error instanceof AlibabaCloudError) || error.retryable) throw error;
    op.log(
      `Could not look at the grants to ${a.cenId} (${error.code}); the attach will tell whether ${a.childInstanceId} is granted`,
    );
    return undefined;
  }
}

/**
 * Refuses to attach another account's network instance that is not granted to the CEN instance,
 * after waiting a bounded time (settings.timing.grantWaitMs, 1 minute unless set) for a grant made
 * moments ago to reach CEN: no page says how long that takes, and the emulator can make it lag
 * (`grantPropagationMs`). Resolves at once when the grant is listed, or when the look is refused.
 */
async function requireGrant(op: Operation, a: Attachment): Promise<void> {
  if (a.childInstanceOwnerId === undefined) return;
  const look = () => grantedToCen(op, a).then((granted) => (granted === false ? undefined : true));
  const granted = await op
    .waitFor(
      {
        what: `the grant of ${a.childInstanceId} to ${a.cenId} to reach CEN`,
        timeoutMs: op.settings.timing.grantWaitMs,
        intervalMs: op.settings.timing.pollIntervalMs,
      },
      look,
    )
    .catch((error: unknown) => {
      // The operation's own deadline (customTimeouts) may end the wait first: the grant is still
      // what is missing, and the error says so.
      if (error instanceof WaitTimeoutError || error instanceof OperationTimeoutError) return false;
      throw error;
    });
  if (!granted) {
    const bound = op.expired()
      ? "before the create timeout ran out"
      : `within ${op.settings.timing.grantWaitMs / 1000}s`;
    throw notGranted(a, `it was not listed ${bound}`);
  }
}

/** The refusal of an attach whose grant is missing: which grant, and who must make it. */
function notGranted(a: Attachment, seen: string): Error {
  return new Error(
    `${a.childInstanceType} ${a.childInstanceId} of account ${a.childInstanceOwnerId ?? "(unknown)"} is not granted to ${a.cenId} (${seen}): ` +
      `that account must grant it first (a CenGrantRevocation acting as that account, or VPC GrantInstanceToCen); ` +
      `declare this attachment with dependsOn that grant.`,
  );
}

/**
 * Attaches; an attach refused as not granted is tried again while the grant may still be on its way
 * (within the same bound as requireGrant, counted from `since`), then refused naming the grant.
 */
async function attach(op: Operation, a: Attachment, since: number): Promise<void> {
  for (;;) {
    try {
      await op.call(
        AttachCenChildInstance,
        { ...childParams(a), ChildInstanceOwnerId: a.childInstanceOwnerId },
        {
          verify: async () => ((await attached(op, a)) ? "applied" : "not-applied"),
          retryCodes: ATTACH_TRANSIENT,
        },
      );
      return;
    } catch (error) {
      if (!(error instanceof AlibabaCloudError && NOT_GRANTED.includes(error.code))) throw error;
      if (Date.now() - since >= op.settings.timing.grantWaitMs || op.expired()) throw notGranted(a, error.message);
      await sleep(op.settings.timing.pollIntervalMs);
    }
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
    existsCodes: codesFor("cbn", "AttachCenChildInstance", "exists"),
    exists: (a) => ({ statement: `${a.childInstanceId} is already attached to ${a.cenId}`, removal: "detach" }),
    async call(op, a) {
      const since = Date.now();
      await requireGrant(op, a);
      try {
        await attach(op, a, since);
      } catch (error) {
        if (error instanceof AlibabaCloudError && error.code === "ParameterInstanceId") {
          throw new Error(
            `${error.message}. ${a.childInstanceType} ${a.childInstanceId} was not found in ${a.regionId} for its owner ${a.childInstanceOwnerId ?? "(the CEN's owner)"}: check childInstanceId, regionId and childInstanceOwnerId`,
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
    goneCodes: codesFor("cbn", "DetachCenChildInstance", "gone"),
    waitUntilGone: true,
  },

  // Terraform's defaults for alicloud_cen_instance_attachment: attaches queue behind others of the CEN.
  defaultTimeouts: { create: "10m", delete: "10m" },

  // A network instance attaches to one CEN instance at a time: moving it must detach it first.
  deleteBeforeReplace: (olds, news) => olds.childInstanceId === news.childInstanceId,
};
