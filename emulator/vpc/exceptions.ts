// VPC 2016-04-28 error codes with Alibaba's texts (spec §5; choices in emulator/README.md).
import { ServiceError } from "../core/errors.js";

/** Unknown region (grant APIs). */
export const regionNotFound = () =>
  new ServiceError(404, "InvalidRegionId.NotFound", "The RegionId provided does not exist in our records.");
/** Unknown region (Enable/DisableVpcClassicLink: their page words InvalidRegionId.NotFound differently). */
export const classicLinkRegionNotFound = () =>
  new ServiceError(404, "InvalidRegionId.NotFound", 'Specified value of "regionId" is not supported.');
/** The network instance does not exist in this account and region. */
export const instanceNotFound = () =>
  new ServiceError(404, "InvalidInstanceId.NotFound", "Specified Instance does not exist.");
/** The VBR does not exist. */
export const vbrNotFound = () => new ServiceError(404, "InvalidVbr.NotFound", "Specified vbr does not exist.");
/** InstanceType is not VPC, VBR or CCN. */
export const instanceTypeInvalid = () => new ServiceError(404, "InstanceType.Invalid", "Specified type is not valid.");
/** CenId absent. */
export const missingCenId = () =>
  new ServiceError(400, "MissingParam.CenInstanceId", "The parameter CenId is mandatory for this action.");
/** CenId malformed, or no such CEN instance in the CenOwnerId account. */
export const illegalCenId = (cenId: string, owner: string) =>
  new ServiceError(
    400,
    "IllegalParam.CenInstanceId",
    `The CEN instance ${cenId} does not exist in account ${owner}, or the ID is malformed.`,
  );
/** A VBR may only be granted to a CEN of its own account. */
export const invalidGrant = () => new ServiceError(400, "Invalid.Grant", "Can not grant to other owner cen.");
/** The network instance is not in a state that allows the change. */
export const incorrectStatus = () =>
  new ServiceError(400, "IncorrectStatus", "Current Instance status does not support this operation.");
/** A grant/revoke task on the same instance is still running. */
export const taskConflict = () => new ServiceError(400, "TaskConflict", "The operation is too frequent, TaskConflict.");
/** Too many grants on one network instance. */
export const grantQuotaExceeded = () =>
  new ServiceError(404, "QuotaExceeded.CbnGrantRules", "cbn grantRules per instance quota exceed");
/** Duplicate grant (contract choice; `settings.duplicateGrant: "error"`). */
export const grantExists = () =>
  new ServiceError(
    400,
    "Forbidden.GrantRuleExists",
    "The network instance is already granted to the specified CEN instance.",
  );
/**
 * Revoking a grant while the CEN instance has the instance attached, with
 * `settings.revokeWhileAttached: "refuse"` (inferred: no page says; the code is the emulator's).
 */
export const instanceAttached = () =>
  new ServiceError(
    400,
    "InvalidOperation.InstanceAttached",
    "The instance is attached to the CEN instance; detach it before revoking the grant.",
  );
/** Revoking a grant that does not exist (contract choice; `settings.revokeMissingGrant: "error"`). */
export const grantNotExist = () =>
  new ServiceError(
    400,
    "InvalidOperation.GrantRuleNotExist",
    "The network instance is not granted to the specified CEN instance.",
  );
/** The VPC does not exist in this account and region. */
export const vpcNotFound = () => new ServiceError(404, "InvalidVpcId.NotFound", "Specified VPC does not exist.");
/** The VPC is not Available. */
export const incorrectVpcStatus = () =>
  new ServiceError(400, "IncorrectVpcStatus", "Current VPC status does not support this operation.");
/** ClassicLink cannot be enabled where there is no classic network. */
export const forbiddenEnableClassicLink = () =>
  new ServiceError(400, "Forbidden.EnableClassicLink", "the specified resource does not support this operation.");
/** ClassicLink cannot be disabled where there is no classic network (the page's own spelling). */
export const forbiddenDisableClassicLink = () =>
  new ServiceError(400, "Forbbiden", "the specified resource does not support this operation.");
/** A custom route entry lies inside 10.0.0.0/8, which ClassicLink routes to the classic network. */
export const routeConflict = () =>
  new ServiceError(400, "RouteConflict.AlreadyExist", "Route conflict exists in routing table.");
/** A custom route entry for exactly 10.0.0.0/8 exists. */
export const routeEntryExists = () =>
  new ServiceError(
    400,
    "OperationFailed.RouteConflict",
    "Operation failed because a specified route entry is already exist.",
  );
/** Classic instances are still linked to the VPC. */
export const vpcStillLinked = () =>
  new ServiceError(
    400,
    "InvalidAction",
    "The VPC has been connected to the classic network ECS. Please cancel the connection before proceeding.",
  );
/** PageNumber / PageSize outside their range. */
export const invalidPaging = (name: string) =>
  new ServiceError(400, `Invalid${name}`, `Specified parameter ${name} is not valid.`);
