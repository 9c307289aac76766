// ECS 2014-05-26 error answers with Alibaba's texts: ClassicLink and Cloud Assistant. Codes,
// statuses and evidence are in api/ecs-errors.ts; choices in emulator/README.md.
import { ECS_ERRORS } from "../../api/ecs-errors.js";
import { productErrors, surfaceError } from "../core/errors.js";

const define = productErrors("ecs", ECS_ERRORS);
// ClassicLink: the current reference pages answer every refusal with HTTP 403 (the table says so).
const cl = define;

/** A RAM sub-user without permission (the ClassicLink pages' code). */
export const forbiddenSubUser = cl("Forbidden.SubUser", "User not authorized to operate on the specified resource.");
/** RegionId is not shaped like a region ID (and, for Detach, whose page has no NotFound code, an unknown region). */
export const regionMalformed = cl("InvalidRegionId.Malformed", "The specified parameter ?RegionId? is not valid.");
/** Unknown region (Attach). */
export const clRegionNotFound = cl("InvalidRegionId.NotFound", "The RegionId provided does not exist in our records.");
/** Unknown region (DescribeClassicLinkInstances answers 404). */
export const describeRegionNotFound = define("InvalidRegionId.NotFound", "The specified region does not exist.");
/** VpcId malformed, unknown, or another account's (the only VPC code the Attach/Detach pages list). */
export const vpcIdNotYours = cl("InvalidVpcId.Malformed", "The specified parameter ?VpcId? is not valid.");
/** No such instance anywhere. */
export const instanceNotFound = cl("InvalidInstanceId.NotFound", "The specified instance does not exist.");
/** An InstanceId that is not even shaped like one (the page's first wording). */
export const instanceIdUnknown = cl(
  "InvalidInstanceId.NotFound",
  "The InstanceId provided does not exist in our records.",
);
/** The instance is not a classic-network instance. */
export const notClassic = cl(
  "InvalidInstanceId.MalFormed",
  "The specified instance is not a classic network instance.",
);
/** The instance belongs to another account. */
export const instanceNotBelong = cl("InvalidInstanceId.NotBelong", "The specified instance is not belong to you.");
/** The VPC belongs to another account or does not exist (Describe). */
export const vpcNotBelong = cl("InvalidVpc.NotBelong", "The specified vpc is not belong to you.");
/** The instance and the VPC (or RegionId) are in different regions. */
export const limitedRegion = cl(
  "InvalidInstanceId.LimitedRegion",
  "The specified instance and vpc are not in the same region.",
);
/** Neither InstanceId nor VpcId. */
export const bothEmpty = cl(
  "InvalidParameter.InvalidInstanceIdAndVpcId",
  "The parameter InstanceId and VpcId are not allowed to be empty at the same time.",
);
/** Attach: the instance is neither Running nor Stopped. */
export const attachStatus = cl(
  "InvalidStatus.InstanceStatus",
  "The specified instance status is not support this operation ,expect status is running or shutted.",
);
/** Detach: the instance is neither Running nor Stopped (the second wording of the page). */
export const detachStatus = cl(
  "InvalidStatus.InstanceStatus",
  "The specified instance status does not support this operation, expected status is Running or Stopped.",
);
/** Attach: the instance is locked. */
export const instanceLocked = cl("InvalidStatus.InstanceLocked", "The specified instance is locked,please wait more.");
/** Attach: ClassicLink is disabled on the VPC. */
export const attachDisabled = cl("OperationDenied", "The specified vpc is disabled attach classic link.");
/** Attach: the instance is linked to another VPC already. */
export const linkedElsewhere = cl("OperationDenied", "The instance has been linked to other vpc.");
/** Detach: ClassicLink is disabled on the VPC. */
export const detachDisabled = cl("OperationDenied", "The specified vpc is disabled detach classic link.");
/** Detach: the (locked) instance may not be unlinked now. */
export const detachDenied = cl("OperationDenied", "The instances are not allowed to detach from the linked vpc.");
/** Detach: the instance is not linked to that VPC. */
export const notLinked = cl("InvalidOperation.InvalidVpc", "The specified instance not link specify vpc");
/** Attach: the VPC's link quota is used up. */
export const linkQuotaExceeded = cl("QuotaExceeded", "The link quota exceeded in this vpc.");
/** Describe: more than 100 InstanceIds. */
export const tooManyIds = cl("InvalidParameter.ToManyInstanceIds", "No more than 100 InstanceIds can be specified.");
/** Describe: bad PageNumber. */
export const clPageNumber = cl("InvalidParameter.PageNumber", "The parameter pageNumber is invalid.");
/** Describe: bad PageSize. */
export const clPageSize = cl("InvalidParameter.PageSize", "The parameter pageSize is invalid.");

// Cloud Assistant.
const ca = define;

/** The account is barred from the action (Cloud Assistant's documented code). */
export const caOperationForbidden = ca("Operation.Forbidden", "The operation is not permitted.");
/** Unknown region. */
export const caRegionNotFound = ca("InvalidRegionId.NotFound", "The RegionId provided does not exist in our records.");
/** Cloud Assistant is not offered in the region. */
export const apiNotSupported = ca("RegionId.ApiNotSupported", "The api is not supported in this region.");
/** The region's dispatch is degraded. */
export const dispatchError = ca("InternalError.Dispatch", "An error occurred when you dispatched the request.");
/** CreateActivation: InstanceName longer than 50. */
export const prefixTooLong = ca("InstanceName.ExceedLimit", "Default instance name prefix length exceeds.");
/** ModifyManagedInstance: InstanceName longer than 128. */
export const nameTooLong = ca("InstanceName.ExceedLimit", "The specified instance name exceed limit.");
/** Name pattern broken. */
export const namePattern = ca("InstanceName.InvalidPattern", "The specified instance name is not valid.");
/** Description longer than 100. */
export const descTooLong = ca("ActivationDesc.ExceedLimit", "The specified description exceeds the limit of 100.");
/** InstanceCount outside 1..max. */
export const countLimit = define(
  "ActivationLimitation.Invalid",
  (max: number) => `The specified parameter InstanceCount exceeds the limit of ${max}.`,
);
/** TimeToLiveInHours outside 1..max. */
export const ttlLimit = define(
  "ActivationTTL.ExceedLimit",
  (max: number) => `The specified parameter TimeToLiveInHours exceeds the limit of ${max}.`,
);
/** IpAddressRange malformed. */
export const addressRange = ca("AddressRange.InvalidPattern", "Address range should be ipv4 address or cidr.");
/** Too many activations in the region. */
export const activationQuota = define(
  "ActivationCount.ExceedLimit",
  (max: number) => `The count of activation in current region exceeds the limit of ${max}.`,
);
/** Too many managed instances in the region. */
export const managedQuota = define(
  "ManagedInstanceCountExceedLimit",
  (max: number) => `The count of managed instance in current region exceeds the limit of ${max}.`,
);
/** The account has not passed real-name verification. */
export const realName = ca(
  "RealNameAuthenticationError",
  "Your account has not passed the real-name authentication yet.",
);
/** Unknown resource group. */
export const resourceGroupNotFound = ca(
  "InvalidResourceGroup.NotFound",
  "The ResourceGroup provided does not exist in our records.",
);
/** Resource group not usable. */
export const resourceGroupStatus = ca(
  "InvalidStatus.ResourceGroup",
  "The status of the specified resource group is invalid.",
);
/** Tag key invalid. */
export const tagKey = ca("InvalidTagKey.Malformed", "The specified Tag.n.Key is not valid.");
/** Tag value invalid. */
export const tagValue = ca("InvalidTagValue.Malformed", "The specified Tag.n.Value is not valid.");
/** More than 20 tags. */
export const tagCount = ca("NumberExceed.Tags", "The maximum number of Tags is exceeded.");
/** A tag value without its key. */
export const tagKeyMissing = ca("MissingParameter.TagKey", "You must specify Tag.N.Key.");
/** Twice the same tag key. */
export const tagDuplicate = ca("Duplicate.TagKey", "The Tag.N.Key contains duplicate keys.");
/** PageNumber invalid. */
export const pageNumber = ca("InvalidParam.PageNumber", "The specified parameter is invalid.");
/** PageSize invalid. */
export const pageSize = ca("InvalidParam.PageSize", "The specified parameter is invalid.");
/** NextToken invalid. */
export const nextToken = ca("InvalidParameter.NextToken", "The specified parameter NextToken is not valid.");
/** MaxResults invalid. */
export const maxResults = ca("InvalidParameter.MaxResults", "The specified parameter MaxResults is not valid.");
/** No such activation. */
export const activationNotFound = ca("ActivationId.NotFound", "The specified activation id does not exist.");
/** Managed instances registered with the activation are still registered. */
export const activationInUse = ca("ActivationId.InUse", "The specified activation id is in use.");
/** ModifyManagedInstance: no such managed instance. */
export const modifyNotFound = ca("InvalidInstance.NotFound", "The specified instances id does not exist.");
/** DeregisterManagedInstance: no such managed instance. */
export const deregisterNotFound = ca("InvalidInstance.NotFound", "The specified instance id does not exist.");

// The agent's registration endpoint (not a POP API: codes chosen, see the README).
const agent = surfaceError;
/** Wrong activation code. */
export const codeInvalid = agent(
  403,
  "ActivationCode.Invalid",
  "The activation code is not valid for this activation id.",
);
/** Disabled activation. */
export const activationDisabled = agent(403, "Activation.Disabled", "The activation code has been disabled.");
/** Expired activation. */
export const activationExpired = agent(403, "Activation.Expired", "The activation code has expired.");
/** All registrations used. */
export const activationUsedUp = agent(
  403,
  "Activation.CountExceeded",
  "The activation code has reached its instance count.",
);
/** Agent IP outside the range. */
export const ipNotAllowed = agent(
  403,
  "Activation.IpNotAllowed",
  "The IP address is outside the IpAddressRange of the activation code.",
);
/** Machine already registered. */
export const machineRegistered = agent(
  409,
  "MachineId.AlreadyRegistered",
  "The machine is already registered, deregister first.",
);

// TagResources: the codes of its reference page for what it refuses here (inferred where marked).
/** A ResourceType outside the documented list. */
export const resourceTypeUnknown = ca(
  "InvalidResourceType.NotFound",
  "The ResourceType provided does not exist in our records.",
);
/** A ResourceId that names nothing of that type in the region (the same code for every one; inferred). */
export const resourceIdNotFound = ca(
  "InvalidResourceId.NotFound",
  "The specified ResourceIds are not found in our records.",
);
/** No ResourceId.N, or more than 50. */
export const resourceIdCount = ca("InvalidParameter.ResourceIds", "The specified parameter ResourceIds is not valid.");
/** No Tag.N. */
export const tagsMissing = ca("MissingParameter.Tags", "You must specify Tags.");
/** More than 20 tags on one resource once the new ones are added. */
export const tagLimit = ca("InvalidParameter.TagCount", "The number of tags on the resource exceeds the limit.");
