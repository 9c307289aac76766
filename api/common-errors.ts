// Codes any action of any product can answer: the API gateway's own, answered before or around
// the product (parameters, signature, AccessKey, RAM, ClientToken), and the service-wide
// transient ones that the emulator injects as faults. Each with its evidence (api/errors.ts).
import type { CommonErrorTable } from "./errors.js";
import { apiPage, inferred, page, terraform } from "./errors.js";

/** The common error codes of the RPC style (the gateway's table on the API signature pages). */
const rpcCommon = page("https://www.alibabacloud.com/help/en/sdk/product-overview/rpc-mechanism", "RPC requests");
/** Terraform's list of codes worth another try (NeedRetry, IsThrottling). */
const needRetry = terraform("alicloud/errors.go");
/** The emulator's README explains the status chosen where sources disagree. */
const statusChoice = inferred("sources disagree on the HTTP status; emulator/README.md gives the choice");

/** Every common code, by code. */
export const COMMON_ERRORS = {
  MissingParameter: {
    meaning: "a required parameter (or V3 header) is absent",
    status: 400,
    evidence: [rpcCommon],
  },
  InvalidParameter: {
    meaning: "a parameter has a value the API does not accept (also an unknown Version)",
    status: 400,
    evidence: [rpcCommon],
  },
  "InvalidParameter.Format": { meaning: "Format is neither JSON nor XML", status: 400, evidence: [rpcCommon] },
  "InvalidApi.NotFound": {
    meaning: "the product has no such action (names are case-sensitive)",
    status: 404,
    evidence: [rpcCommon],
  },
  UnsupportedHTTPMethod: { meaning: "a method other than GET and POST", status: 400, evidence: [statusChoice] },
  "InvalidAccessKeyId.NotFound": {
    meaning: "no account holds this AccessKeyId",
    status: 400,
    evidence: [rpcCommon, statusChoice],
  },
  "InvalidAccessKeyId.Inactive": { meaning: "the AccessKey is disabled", status: 400, evidence: [rpcCommon] },
  "InvalidTimeStamp.Format": { meaning: "the timestamp cannot be parsed", status: 400, evidence: [rpcCommon] },
  "InvalidTimeStamp.Expired": {
    meaning: "the timestamp is more than 15 minutes away from the server's clock",
    status: 400,
    evidence: [rpcCommon],
  },
  SignatureNonceUsed: { meaning: "the same key used this nonce already", status: 400, evidence: [rpcCommon] },
  SignatureDoesNotMatch: {
    meaning: "the signature differs from the server's",
    status: 400,
    evidence: [rpcCommon, statusChoice],
  },
  IncompleteSignature: { meaning: "the signature is malformed", status: 400, evidence: [rpcCommon] },
  InvalidSignatureMethod: { meaning: "the signature method is not supported", status: 400, evidence: [rpcCommon] },
  "InvalidSecurityToken.MismatchWithAccessKey": {
    meaning: "the SecurityToken does not belong to the temporary AccessKey",
    status: 400,
    evidence: [inferred("no page names the code for a mismatch; the gateway's family of SecurityToken codes")],
  },
  "InvalidSecurityToken.Expired": { meaning: "the STS token has expired", status: 400, evidence: [rpcCommon] },
  "Forbidden.RAM": {
    meaning: "a RAM identity without permission for the action",
    status: 403,
    evidence: [rpcCommon],
  },
  "Forbidden.RiskControl": {
    meaning: "the account is barred from the action by risk control",
    status: 403,
    evidence: [rpcCommon],
  },
  IdempotentParameterMismatch: {
    meaning: "a ClientToken reused with other parameters",
    status: 400,
    evidence: [page("https://www.alibabacloud.com/help/en/ecs/developer-reference/how-to-ensure-idempotence")],
  },
  LastTokenProcessing: {
    meaning: "a ClientToken reused while its first call still runs",
    status: 403,
    evidence: [needRetry],
  },
  RequestEntityTooLarge: {
    meaning: "the request body is over 4 MiB",
    status: 413,
    evidence: [inferred("no source names a code; the emulator's own")],
  },
  InternalError: {
    meaning: "an unexpected failure of the service",
    status: 500,
    evidence: [rpcCommon, needRetry],
  },
  "Emulator.UndocumentedAnswer": {
    meaning: "the emulator's own: it was about to answer a code its tables do not document for the action",
    status: 400,
    evidence: [
      inferred(
        "never answered by Alibaba Cloud: the emulator's sign of a defect in its own tables, a 4xx so that no client retries it",
      ),
    ],
  },
  // Transient codes the emulator injects as faults (emulator/core/faults.ts).
  Throttling: { meaning: "request throttling", status: 400, evidence: [rpcCommon, needRetry] },
  "Throttling.User": { meaning: "the user's flow control", status: 400, evidence: [rpcCommon, needRetry] },
  ServiceUnavailable: {
    meaning: "a temporary failure of the service",
    status: 503,
    evidence: [rpcCommon, needRetry],
  },
  "InternalError.Dispatch": {
    meaning: "the request could not be dispatched",
    status: 500,
    evidence: [needRetry],
  },
  TaskConflict: { meaning: "the operation is too frequent", status: 400, evidence: [needRetry] },
  OperationConflict: {
    meaning: "a conflict with a previous request",
    status: 409,
    evidence: [needRetry, statusChoice],
  },
  "Rejected.Throttling": {
    meaning: "request throttling (another spelling)",
    status: 400,
    evidence: [needRetry, inferred("status and text are the emulator's")],
  },
  "Operation.Blocking": {
    meaning: "blocked by another operation in progress",
    status: 400,
    evidence: [
      terraform("alicloud/resource_alicloud_cen_instance_grant.go"),
      inferred("status and text are the emulator's"),
    ],
  },
  UnknownError: {
    meaning: "an unknown failure",
    status: 500,
    evidence: [needRetry, inferred("status and text are the emulator's")],
  },
  "IncorrectStatus.VpcSwitch": {
    meaning: "a vSwitch of the VPC is changing",
    status: 400,
    evidence: [
      terraform("alicloud/resource_alicloud_cen_transit_router_vpc_attachment.go"),
      inferred(
        "Terraform retries it on transit router VPC attachments; that the basic attach answers it too is inferred",
      ),
      inferred("status and text are the emulator's"),
    ],
  },
  "IncorrectStatus.VpcRouteTable": {
    meaning: "a route table of the VPC is changing",
    status: 400,
    evidence: [
      terraform("alicloud/resource_alicloud_cen_transit_router_vpc_attachment.go"),
      inferred(
        "Terraform retries it on transit router VPC attachments; that the basic attach answers it too is inferred",
      ),
      inferred("status and text are the emulator's"),
    ],
  },
  "Operation.FailedAndTryAgain": {
    meaning: "the operation failed; try again",
    status: 404,
    evidence: [
      apiPage("cbn", "AttachCenChildInstance"),
      inferred(
        'the attach page lists it (404, "Fail to get customer label by the specified aliUid"); retrying it is inferred from its name',
      ),
    ],
  },
  "InstanceStatus.NotSupport": {
    meaning: "the instance's current status does not allow it",
    status: 400,
    evidence: [
      terraform("alicloud/resource_alicloud_cen_instance_attachment.go"),
      inferred("status and text are the emulator's"),
    ],
  },
} as const satisfies CommonErrorTable;
