// The error codes of the CBN actions (api/cbn.ts), each with its evidence (api/errors.ts).
import { CBN_ACTIONS } from "./cbn.js";
import { apiPage, errorTable, inferred, on, page, terraform } from "./errors.js";

const ATTACH = "AttachCenChildInstance";
const DETACH = "DetachCenChildInstance";
const ATTRIBUTE = "DescribeCenAttachedChildInstanceAttribute";
const LIST = "DescribeCenAttachedChildInstances";
const CHILD_ACTIONS = [ATTACH, DETACH, ATTRIBUTE, LIST] as const;
const TR_GRANT = "GrantInstanceToTransitRouter";
const TR_MODIFY = "ModifyGrantInstanceToTransitRouter";
const TR_REVOKE = "RevokeInstanceFromTransitRouter";
const TR_RULES = "DescribeGrantRulesToResource";
const attachPage = apiPage("cbn", ATTACH);
const detachPage = apiPage("cbn", DETACH);
/** CBN's error-code centre (every CBN code with its status). */
const centre = page("https://www.alibabacloud.com/help/doc-detail/68190.htm", "CBN error codes");
const attachmentTf = terraform("alicloud/resource_alicloud_cen_instance_attachment.go");
/** Where Terraform reads an attachment (DescribeCenAttachedChildInstanceAttribute) and counts three codes as not attached. */
const cbnServiceTf = terraform("alicloud/service_alicloud_cbn.go");
const trGrantTf = terraform("alicloud/resource_alicloud_cen_transit_router_grant_attachment.go");

/** Every CBN code the provider may meet, by code. */
export const CBN_ERRORS = errorTable(CBN_ACTIONS)({
  "ParameterIllegal.ChildInstanceType": {
    meaning: "ChildInstanceType (ProductType) is not VPC, VBR or CCN",
    answers: on([...CHILD_ACTIONS, "DescribeGrantRulesToCen"], 400),
    evidence: [centre],
  },
  "IllegalParam.RegionId": {
    meaning: "attach: ChildInstanceRegionId is not a region; a transit router grant: RegionId is not",
    answers: on([ATTACH, TR_GRANT, TR_REVOKE], 400),
    evidence: [
      attachPage,
      inferred("the transit router grant actions answer the attach's code (no page lists theirs)"),
    ],
  },
  "ParameterIllegal.ChildInstanceRegionId": {
    meaning: "ChildInstanceRegionId is not a region",
    answers: on([DETACH, ATTRIBUTE, LIST], 400),
    evidence: [centre],
  },
  "ParameterIllegal.CenInstanceId": {
    meaning: "no such CEN instance in the account (malformed, another account's, or none)",
    answers: on([...CHILD_ACTIONS, TR_GRANT, TR_REVOKE], 400),
    evidence: [centre, attachPage],
  },
  InvalidParameter: {
    meaning: "a UID, page or token parameter that is not valid",
    answers: on([ATTACH, DETACH, LIST, "DescribeGrantRulesToCen", TR_RULES], 400),
    evidence: [centre],
  },
  "Bid.NotFound": {
    meaning: "ChildInstanceOwnerId or CenOwnerId names no account",
    answers: on([ATTACH, DETACH], 404),
    evidence: [attachPage, attachmentTf],
  },
  ParameterInstanceId: {
    meaning: "the network instance does not exist, or is not attached to the CEN instance",
    answers: on([ATTACH, DETACH, ATTRIBUTE], 400),
    evidence: [
      attachmentTf,
      cbnServiceTf,
      inferred("Terraform treats it as not found on delete and read; the HTTP status is the emulator's choice"),
    ],
  },
  ParameterError: {
    meaning: "describe attribute: the network instance is not attached there",
    answers: on([ATTRIBUTE], 404),
    evidence: [
      cbnServiceTf,
      inferred("no page lists this action's codes; Terraform counts it as not attached (settings.notAttachedCode)"),
    ],
  },
  ParameterCenInstanceId: {
    meaning: "describe attribute: the network instance is not attached to that CEN instance",
    answers: on([ATTRIBUTE], 400),
    evidence: [
      cbnServiceTf,
      inferred("no page lists this action's codes; Terraform counts it as not attached (settings.notAttachedCode)"),
    ],
  },
  "Forbbiden.AttachChildInstanceAcrossUid": {
    meaning: "another account's network instance that its owner has not granted to this CEN instance",
    answers: on([ATTACH], 409),
    evidence: [attachPage],
  },
  "InvalidOperation.ChildInstanceAlreadyAttached": {
    meaning: "the network instance is attached already (to this CEN instance or another)",
    answers: on([ATTACH], 409),
    evidence: [attachPage],
  },
  "OperationFailed.InvalidVpcStatus": {
    meaning: "the VPC is not Available",
    answers: on([ATTACH], 400),
    evidence: [attachPage, attachmentTf],
  },
  "InvalidStatus.ResourceStatus": {
    meaning: "the VBR is not active",
    answers: on([ATTACH], 400),
    evidence: [attachPage],
  },
  "InvalidOperation.CenInstanceStatus": {
    meaning: "another attach or detach on the CEN instance still runs",
    answers: on([ATTACH, DETACH], 409),
    evidence: [attachPage, detachPage, attachmentTf],
  },
  "InvalidOperation.ChildInstanceStatus": {
    meaning: "the network instance itself is being attached or detached",
    answers: on([ATTACH, DETACH], 409),
    evidence: [attachPage, detachPage, attachmentTf],
  },
  "OperationFailed.InvalidTransitRouter": {
    meaning: "attach: the CEN instance's transit routers are Enterprise Edition",
    answers: on([ATTACH], 400),
    evidence: [
      inferred(
        "no page found lists it: a CEN instance whose transit routers are Enterprise Edition attaches VPCs through transit router attachments, so the basic attach must be refused; code, status and text are this repository's choice",
      ),
    ],
  },
  "ParameterIllegal.InstanceId": {
    meaning: "the network instance is not one of the caller's in that region",
    answers: on([TR_GRANT, TR_REVOKE], 400),
    evidence: [centre, trGrantTf],
  },
  "ParameterIllegal.CenAliUid": {
    meaning: "CenOwnerId names no account",
    answers: on([TR_GRANT, TR_REVOKE], 400),
    evidence: [centre],
  },
  "ParameterIllegal.InstanceType": {
    meaning: "InstanceType / ProductType is not in the documented list",
    answers: on([TR_GRANT, TR_REVOKE, TR_RULES], 400),
    evidence: [inferred("the error-code centre's ParameterIllegal family; no page lists it for these actions")],
  },
  "ParameterIllegal.OrderType": {
    meaning: "OrderType is not PayByCenOwner or PayByResourceOwner",
    answers: on([TR_GRANT, TR_MODIFY], 400),
    evidence: [inferred("the error-code centre's ParameterIllegal family; no page lists it for these actions")],
  },
  "InvalidOperation.GrantRuleExists": {
    meaning: "the network instance is granted to that CEN instance already",
    answers: on([TR_GRANT], 409),
    evidence: [inferred("no page lists the grant's codes; code, status and text are the emulator's")],
  },
  "InvalidOperation.GrantRuleNotExist": {
    meaning: "no grant of the network instance to that CEN instance",
    answers: on([TR_MODIFY, TR_REVOKE], 404),
    evidence: [trGrantTf, inferred("a 404, which Terraform's delete counts as gone; the text is the emulator's")],
  },
  "InvalidOperation.InstanceAttached": {
    meaning: "revoke: the network instance is still attached to the CEN instance",
    answers: on([TR_REVOKE], 400),
    evidence: [
      apiPage("cbn", TR_REVOKE),
      inferred("the page requires detaching first; the code, status and text are the emulator's"),
    ],
  },
  "OperationFailed.TaskConflict": {
    meaning: "another grant task on the network instance still runs; try again",
    answers: on([TR_GRANT], 400),
    evidence: [trGrantTf],
  },
});
