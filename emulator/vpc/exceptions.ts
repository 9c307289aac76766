// VPC 2016-04-28 error answers with Alibaba's texts; codes, statuses and evidence are in
// api/vpc-errors.ts (choices in emulator/README.md).
import { VPC_ERRORS } from "../../api/vpc-errors.js";
import { productErrors } from "../core/errors.js";

const define = productErrors("vpc", VPC_ERRORS);

/** Unknown region (grant APIs). */
export const regionNotFound = define(
  "InvalidRegionId.NotFound",
  "The RegionId provided does not exist in our records.",
);
/** Unknown region (Enable/DisableVpcClassicLink: their page words InvalidRegionId.NotFound differently). */
export const classicLinkRegionNotFound = define(
  "InvalidRegionId.NotFound",
  'Specified value of "regionId" is not supported.',
);
/** The network instance does not exist in this account and region. */
export const instanceNotFound = define("InvalidInstanceId.NotFound", "Specified Instance does not exist.");
/** The VBR does not exist. */
export const vbrNotFound = define("InvalidVbr.NotFound", "Specified vbr does not exist.");
/** InstanceType is not VPC, VBR or CCN. */
export const instanceTypeInvalid = define("InstanceType.Invalid", "Specified type is not valid.");
/** CenId absent. */
export const missingCenId = define("MissingParam.CenInstanceId", "The parameter CenId is mandatory for this action.");
/** CenId malformed, or no such CEN instance in the CenOwnerId account. */
export const illegalCenId = define(
  "IllegalParam.CenInstanceId",
  (cenId: string, owner: string) =>
    `The CEN instance ${cenId} does not exist in account ${owner}, or the ID is malformed.`,
);
/** A VBR may only be granted to a CEN of its own account. */
export const invalidGrant = define("Invalid.Grant", "Can not grant to other owner cen.");
/** The network instance is not in a state that allows the change. */
export const incorrectStatus = define("IncorrectStatus", "Current Instance status does not support this operation.");
/** A grant/revoke task on the same instance is still running. */
export const taskConflict = define("TaskConflict", "The operation is too frequent, TaskConflict.");
/** Too many grants on one network instance. */
export const grantQuotaExceeded = define("QuotaExceeded.CbnGrantRules", "cbn grantRules per instance quota exceed");
/** Duplicate grant (`settings.duplicateGrant: "error"`). */
export const grantExists = define(
  "Forbidden.GrantRuleExists",
  "The network instance is already granted to the specified CEN instance.",
);
/** Revoking a grant while the CEN instance has the instance attached (`settings.revokeWhileAttached: "refuse"`). */
export const instanceAttached = define(
  "InvalidOperation.InstanceAttached",
  "The instance is attached to the CEN instance; detach it before revoking the grant.",
);
/** Revoking a grant that does not exist (`settings.revokeMissingGrant: "error"`). */
export const grantNotExist = define(
  "InvalidOperation.GrantRuleNotExist",
  "The network instance is not granted to the specified CEN instance.",
);
/** The VPC does not exist in this account and region. */
export const vpcNotFound = define("InvalidVpcId.NotFound", "Specified VPC does not exist.");
/** The VPC is not Available. */
export const incorrectVpcStatus = define("IncorrectVpcStatus", "Current VPC status does not support this operation.");
/** ClassicLink cannot be enabled where there is no classic network. */
export const forbiddenEnableClassicLink = define(
  "Forbidden.EnableClassicLink",
  "the specified resource does not support this operation.",
);
/** ClassicLink cannot be disabled where there is no classic network (the page's own spelling). */
export const forbiddenDisableClassicLink = define(
  "Forbbiden",
  "the specified resource does not support this operation.",
);
/** A custom route entry lies inside 10.0.0.0/8, which ClassicLink routes to the classic network. */
export const routeConflict = define("RouteConflict.AlreadyExist", "Route conflict exists in routing table.");
/** A custom route entry for exactly 10.0.0.0/8 exists. */
export const routeEntryExists = define(
  "OperationFailed.RouteConflict",
  "Operation failed because a specified route entry is already exist.",
);
/** Classic instances are still linked to the VPC. */
export const vpcStillLinked = define(
  "InvalidAction",
  "The VPC has been connected to the classic network ECS. Please cancel the connection before proceeding.",
);
const pageNumber = define("InvalidPageNumber", "Specified parameter PageNumber is not valid.");
const pageSize = define("InvalidPageSize", "Specified parameter PageSize is not valid.");
/** PageNumber / PageSize outside their range. */
export const invalidPaging = (name: "PageNumber" | "PageSize") => (name === "PageNumber" ? pageNumber() : pageSize());
