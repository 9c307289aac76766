// CBN 2017-09-12 error codes with Alibaba's texts (the CBN actions' reference pages); where no page
// gives a code, status or text, the function's comment says which part is the emulator's choice.
import { ServiceError } from "../core/errors.js";

/** ChildInstanceType is not VPC, VBR or CCN. */
export const childTypeIllegal = () =>
  new ServiceError(400, "ParameterIllegal.ChildInstanceType", "The parameter of child instance type is illegal.");
/** AttachCenChildInstance: ChildInstanceRegionId is not a region. */
export const regionIllegal = () => new ServiceError(400, "IllegalParam.RegionId", "The specified RegionId is illegal.");
/** Detach and the Describe actions: ChildInstanceRegionId is not a region. */
export const childRegionIllegal = () =>
  new ServiceError(
    400,
    "ParameterIllegal.ChildInstanceRegionId",
    "The parameter of child instance region id is illegal.",
  );
/** No such CEN instance in the account (malformed, another account's, or none at all). */
export const cenIdIllegal = () =>
  new ServiceError(400, "ParameterIllegal.CenInstanceId", "The parameter of CEN instance id is illegal.");
/** A UID or page parameter that is not a number in range. */
export const invalidParameter = () => new ServiceError(400, "InvalidParameter", "Invalid parameter.");
/** AttachCenChildInstance: ChildInstanceOwnerId names no account. */
export const childBidNotFound = () =>
  new ServiceError(404, "Bid.NotFound", "Not found childInstance Bid by specified AliUid.");
/** DetachCenChildInstance: ChildInstanceOwnerId or CenOwnerId names no account (Attach's code; the text is the emulator's). */
export const bidNotFound = () => new ServiceError(404, "Bid.NotFound", "Not found Bid by specified AliUid.");
/**
 * The network instance does not exist in its owner's account and region (attach), or is not
 * attached to the CEN instance (detach). Code from Terraform's handling; status and text are ours.
 */
export const childNotFound = () =>
  new ServiceError(400, "ParameterInstanceId", "The specified child instance does not exist or is not attached.");
/** Another account's network instance that its owner has not granted to this CEN instance. */
export const notGranted = () =>
  new ServiceError(
    409,
    "Forbbiden.AttachChildInstanceAcrossUid",
    "Operation is invalid because the child-instance is not authorized to CEN.",
  );
/** The network instance is attached already (to this CEN instance or another). */
export const alreadyAttached = () =>
  new ServiceError(
    409,
    "InvalidOperation.ChildInstanceAlreadyAttached",
    "Operation is invalid because the child-instance has already been attached to another CEN.",
  );
/** The VPC is not Available. */
export const vpcConfiguring = () =>
  new ServiceError(
    400,
    "OperationFailed.InvalidVpcStatus",
    "Operation is failed because the child-instance is configuring.",
  );
/** The VBR is not active. */
export const resourceStatus = () =>
  new ServiceError(
    400,
    "InvalidStatus.ResourceStatus",
    "The resource is not in a valid state for the attachment operation.",
  );
/** Another attach or detach on the CEN instance is still running. */
export const cenBusy = () =>
  new ServiceError(
    409,
    "InvalidOperation.CenInstanceStatus",
    "The CEN instance is not in a valid state for the operation.",
  );
/** The network instance itself is being attached or detached (the code and text CBN documents for it). */
export const childBusy = () =>
  new ServiceError(
    409,
    "InvalidOperation.ChildInstanceStatus",
    "The child-instance is not in a valid state for the operation.",
  );
/**
 * DescribeCenAttachedChildInstanceAttribute: the network instance exists but is not attached to
 * that CEN instance. No page lists this action's codes: the world's `notAttachedCode` picks one of
 * the three Terraform counts as "not attached"; statuses and texts are the emulator's.
 */
export const notAttached = (code: "ParameterError" | "ParameterInstanceId" | "ParameterCenInstanceId") =>
  code === "ParameterError"
    ? new ServiceError(404, "ParameterError", "The parameter is error.")
    : code === "ParameterInstanceId"
      ? new ServiceError(400, "ParameterInstanceId", "The specified child instance does not exist or is not attached.")
      : new ServiceError(
          400,
          "ParameterCenInstanceId",
          "The child instance is not attached to the specified CEN instance.",
        );

// Transit router grants. The GrantInstanceToTransitRouter and RevokeInstanceFromTransitRouter
// pages list no error codes that could be read here: the codes below come from CBN's error-code
// centre where it has one (ParameterIllegal.*), and are inferred otherwise (each says so).
/** The network instance is not one of the caller's in that region (the centre's ParameterIllegal.InstanceId). */
export const instanceIdIllegal = () =>
  new ServiceError(400, "ParameterIllegal.InstanceId", "The parameter of instance id is illegal.");
/** CenOwnerId names no account (the centre's ParameterIllegal.CenAliUid). */
export const cenAliUidIllegal = () =>
  new ServiceError(400, "ParameterIllegal.CenAliUid", "The parameter of CEN ali uid is illegal.");
/** InstanceType is not VPC, ExpressConnect, VPN or ECR (the centre's family; inferred). */
export const instanceTypeIllegal = () =>
  new ServiceError(400, "ParameterIllegal.InstanceType", "The parameter of instance type is illegal.");
/** OrderType is not PayByCenOwner or PayByResourceOwner (inferred). */
export const orderTypeIllegal = () =>
  new ServiceError(400, "ParameterIllegal.OrderType", "The parameter of order type is illegal.");
/** The instance is granted to that CEN instance already (inferred: code, status and text). */
export const grantExists = () =>
  new ServiceError(409, "InvalidOperation.GrantRuleExists", "The instance has already been granted to the CEN.");
/** No grant of the instance to that CEN instance (inferred; a 404, which Terraform counts as gone). */
export const grantNotExist = () =>
  new ServiceError(404, "InvalidOperation.GrantRuleNotExist", "The grant rule does not exist.");
/**
 * The instance is still attached to the CEN instance: the Revoke page asks to detach it first
 * (the requirement is documented; code, status and text are inferred).
 */
export const instanceStillAttached = () =>
  new ServiceError(
    400,
    "InvalidOperation.InstanceAttached",
    "The instance is attached to the transit router of the CEN; detach it before revoking the grant.",
  );
/**
 * AttachCenChildInstance on a CEN instance whose transit routers are Enterprise Edition, which
 * attach through transit router attachments instead (code as issue 16 reports it; text ours).
 */
export const invalidTransitRouter = () =>
  new ServiceError(
    400,
    "OperationFailed.InvalidTransitRouter",
    "Operation failed because the transit router of the CEN is not a Basic Edition transit router.",
  );
