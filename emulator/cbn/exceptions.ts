// CBN 2017-09-12 error answers with Alibaba's texts; codes, statuses and evidence are in
// api/cbn-errors.ts (where a text is the emulator's own, the entry's evidence says so).
import { CBN_ERRORS } from "../../api/cbn-errors.js";
import { productErrors } from "../core/errors.js";

const define = productErrors("cbn", CBN_ERRORS);

/** ChildInstanceType is not VPC, VBR or CCN. */
export const childTypeIllegal = define(
  "ParameterIllegal.ChildInstanceType",
  "The parameter of child instance type is illegal.",
);
/** AttachCenChildInstance: ChildInstanceRegionId is not a region. */
export const regionIllegal = define("IllegalParam.RegionId", "The specified RegionId is illegal.");
/** Detach and the Describe actions: ChildInstanceRegionId is not a region. */
export const childRegionIllegal = define(
  "ParameterIllegal.ChildInstanceRegionId",
  "The parameter of child instance region id is illegal.",
);
/** No such CEN instance in the account (malformed, another account's, or none at all). */
export const cenIdIllegal = define("ParameterIllegal.CenInstanceId", "The parameter of CEN instance id is illegal.");
/** A UID or page parameter that is not a number in range. */
export const invalidParameter = define("InvalidParameter", "Invalid parameter.");
/** AttachCenChildInstance: ChildInstanceOwnerId names no account. */
export const childBidNotFound = define("Bid.NotFound", "Not found childInstance Bid by specified AliUid.");
/** DetachCenChildInstance: ChildInstanceOwnerId or CenOwnerId names no account (Attach's code; the text is the emulator's). */
export const bidNotFound = define("Bid.NotFound", "Not found Bid by specified AliUid.");
/** The network instance does not exist in its owner's account and region (attach), or is not attached (detach). */
export const childNotFound = define(
  "ParameterInstanceId",
  "The specified child instance does not exist or is not attached.",
);
/** Another account's network instance that its owner has not granted to this CEN instance. */
export const notGranted = define(
  "Forbbiden.AttachChildInstanceAcrossUid",
  "Operation is invalid because the child-instance is not authorized to CEN.",
);
/** The network instance is attached already (to this CEN instance or another). */
export const alreadyAttached = define(
  "InvalidOperation.ChildInstanceAlreadyAttached",
  "Operation is invalid because the child-instance has already been attached to another CEN.",
);
/** The VPC is not Available. */
export const vpcConfiguring = define(
  "OperationFailed.InvalidVpcStatus",
  "Operation is failed because the child-instance is configuring.",
);
/** The VBR is not active. */
export const resourceStatus = define(
  "InvalidStatus.ResourceStatus",
  "The resource is not in a valid state for the attachment operation.",
);
/** Another attach or detach on the CEN instance is still running. */
export const cenBusy = define(
  "InvalidOperation.CenInstanceStatus",
  "The CEN instance is not in a valid state for the operation.",
);
/** The network instance itself is being attached or detached (the code and text CBN documents for it). */
export const childBusy = define(
  "InvalidOperation.ChildInstanceStatus",
  "The child-instance is not in a valid state for the operation.",
);
const notAttachedAnswers = {
  ParameterError: define("ParameterError", "The parameter is error."),
  ParameterInstanceId: childNotFound,
  ParameterCenInstanceId: define(
    "ParameterCenInstanceId",
    "The child instance is not attached to the specified CEN instance.",
  ),
};
/**
 * DescribeCenAttachedChildInstanceAttribute: the network instance exists but is not attached to
 * that CEN instance; the world's `notAttachedCode` picks which of Terraform's three it answers.
 */
export const notAttached = (code: keyof typeof notAttachedAnswers) => notAttachedAnswers[code]();

// Transit router grants (the pages list no codes that could be read; see each entry's evidence).
/** The network instance is not one of the caller's in that region. */
export const instanceIdIllegal = define("ParameterIllegal.InstanceId", "The parameter of instance id is illegal.");
/** CenOwnerId names no account. */
export const cenAliUidIllegal = define("ParameterIllegal.CenAliUid", "The parameter of CEN ali uid is illegal.");
/** InstanceType is not VPC, ExpressConnect, VPN or ECR. */
export const instanceTypeIllegal = define(
  "ParameterIllegal.InstanceType",
  "The parameter of instance type is illegal.",
);
/** OrderType is not PayByCenOwner or PayByResourceOwner. */
export const orderTypeIllegal = define("ParameterIllegal.OrderType", "The parameter of order type is illegal.");
/** The instance is granted to that CEN instance already. */
export const grantExists = define(
  "InvalidOperation.GrantRuleExists",
  "The instance has already been granted to the CEN.",
);
/** No grant of the instance to that CEN instance. */
export const grantNotExist = define("InvalidOperation.GrantRuleNotExist", "The grant rule does not exist.");
/** The instance is still attached to the CEN instance: the Revoke page asks to detach it first. */
export const instanceStillAttached = define(
  "InvalidOperation.InstanceAttached",
  "The instance is attached to the transit router of the CEN; detach it before revoking the grant.",
);
/** AttachCenChildInstance on a CEN instance whose transit routers are Enterprise Edition. */
export const invalidTransitRouter = define(
  "OperationFailed.InvalidTransitRouter",
  "Operation failed because the transit router of the CEN is not a Basic Edition transit router.",
);
