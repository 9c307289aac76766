// The error codes of the ECS actions (api/ecs.ts): ClassicLink and Cloud Assistant, each with its
// evidence (api/errors.ts).
import { ECS_ACTIONS } from "./ecs.js";
import { apiPage, errorTable, inferred, on, sdk } from "./errors.js";

const ATTACH = "AttachClassicLinkVpc";
const DETACH = "DetachClassicLinkVpc";
const LINKS = "DescribeClassicLinkInstances";
const LINK_ACTIONS = [ATTACH, DETACH] as const;
const CLASSIC_LINK = [ATTACH, DETACH, LINKS] as const;
const CLOUD_ASSISTANT = [
  "CreateActivation",
  "DescribeActivations",
  "DisableActivation",
  "DeleteActivation",
  "DescribeManagedInstances",
  "ModifyManagedInstance",
  "DeregisterManagedInstance",
  "TagResources",
] as const;
const TAGGED = ["CreateActivation", "DescribeActivations", "DescribeManagedInstances", "TagResources"] as const;
const LISTS = ["DescribeActivations", "DescribeManagedInstances"] as const;
const attachPage = apiPage("ecs", ATTACH);
const detachPage = apiPage("ecs", DETACH);
const linksPage = apiPage("ecs", LINKS);
const createPage = apiPage("ecs", "CreateActivation");
const deregisterPage = apiPage("ecs", "DeregisterManagedInstance");
const tagPage = apiPage("ecs", "TagResources");

/** Every ECS code the provider may meet, by code. */
export const ECS_ERRORS = errorTable(ECS_ACTIONS)({
  // ClassicLink: the current reference pages answer every refusal with HTTP 403.
  "Forbidden.SubUser": {
    meaning: "a RAM user without permission",
    answers: on(CLASSIC_LINK, 403),
    evidence: [attachPage, detachPage],
  },
  "InvalidRegionId.Malformed": {
    meaning: "RegionId is not shaped like a region (detach: also an unknown region)",
    answers: on(LINK_ACTIONS, 403),
    evidence: [attachPage, detachPage],
  },
  "InvalidRegionId.NotFound": {
    meaning: "RegionId is not a region",
    answers: { [ATTACH]: 403, [LINKS]: 404, ...on(CLOUD_ASSISTANT, 404) },
    evidence: [attachPage, linksPage, createPage],
  },
  "InvalidVpcId.Malformed": {
    meaning: "VpcId malformed, unknown or another account's",
    answers: on(LINK_ACTIONS, 403),
    evidence: [attachPage, detachPage],
  },
  "InvalidInstanceId.NotFound": {
    meaning: "no such instance",
    answers: on(CLASSIC_LINK, 403),
    evidence: [attachPage, detachPage, linksPage],
  },
  "InvalidInstanceId.MalFormed": {
    meaning: "the instance is not a classic-network instance",
    answers: on(LINK_ACTIONS, 403),
    evidence: [attachPage, detachPage],
  },
  "InvalidInstanceId.NotBelong": {
    meaning: "the instance belongs to another account",
    answers: on(CLASSIC_LINK, 403),
    evidence: [attachPage, detachPage, linksPage],
  },
  "InvalidVpc.NotBelong": {
    meaning: "the VPC belongs to another account or does not exist",
    answers: on([LINKS], 403),
    evidence: [linksPage],
  },
  "InvalidInstanceId.LimitedRegion": {
    meaning: "the instance and the VPC are in different regions",
    answers: on([ATTACH], 403),
    evidence: [attachPage],
  },
  "InvalidParameter.InvalidInstanceIdAndVpcId": {
    meaning: "neither InstanceId nor VpcId",
    answers: on(CLASSIC_LINK, 403),
    evidence: [attachPage, linksPage],
  },
  "InvalidStatus.InstanceStatus": {
    meaning: "the instance is neither Running nor Stopped",
    answers: on(LINK_ACTIONS, 403),
    evidence: [attachPage, detachPage],
  },
  "InvalidStatus.InstanceLocked": {
    meaning: "attach: the instance is locked",
    answers: on([ATTACH], 403),
    evidence: [attachPage],
  },
  OperationDenied: {
    meaning: "ClassicLink disabled on the VPC, the instance linked elsewhere, or (detach) locked",
    answers: on(LINK_ACTIONS, 403),
    evidence: [attachPage, detachPage],
  },
  "InvalidOperation.InvalidVpc": {
    meaning: "detach: the instance is not linked to that VPC",
    answers: on([DETACH], 403),
    evidence: [detachPage],
  },
  QuotaExceeded: {
    meaning: "attach: the VPC's link quota is used up",
    answers: on([ATTACH], 403),
    evidence: [attachPage],
  },
  "InvalidParameter.ToManyInstanceIds": {
    meaning: "more than 100 InstanceIds",
    answers: on([LINKS], 403),
    evidence: [linksPage],
  },
  "InvalidParameter.PageNumber": {
    meaning: "PageNumber is not valid",
    answers: on([LINKS], 403),
    evidence: [linksPage],
  },
  "InvalidParameter.PageSize": {
    meaning: "PageSize is not valid",
    answers: on([LINKS], 403),
    evidence: [linksPage],
  },

  // Cloud Assistant.
  "Operation.Forbidden": {
    meaning: "the account is barred from the action",
    answers: on(CLOUD_ASSISTANT, 403),
    evidence: [createPage, deregisterPage],
  },
  "RegionId.ApiNotSupported": {
    meaning: "Cloud Assistant is not offered in the region",
    answers: on(CLOUD_ASSISTANT, 400),
    evidence: [createPage],
  },
  "InternalError.Dispatch": {
    meaning: "the region's dispatch is degraded",
    answers: on(CLOUD_ASSISTANT, 500),
    evidence: [deregisterPage],
  },
  "InstanceName.ExceedLimit": {
    meaning: "InstanceName too long (50 for an activation's prefix, 128 for a name)",
    answers: on(["CreateActivation", "ModifyManagedInstance"], 400),
    evidence: [createPage, apiPage("ecs", "ModifyManagedInstance")],
  },
  "InstanceName.InvalidPattern": {
    meaning: "InstanceName breaks the name rule",
    answers: on(["CreateActivation", "ModifyManagedInstance"], 400),
    evidence: [createPage, apiPage("ecs", "ModifyManagedInstance")],
  },
  "ActivationDesc.ExceedLimit": {
    meaning: "Description over 100 characters",
    answers: on(["CreateActivation"], 400),
    evidence: [createPage],
  },
  "ActivationLimitation.Invalid": {
    meaning: "InstanceCount out of range",
    answers: on(["CreateActivation"], 400),
    evidence: [createPage],
  },
  "ActivationTTL.ExceedLimit": {
    meaning: "TimeToLiveInHours out of range",
    answers: on(["CreateActivation"], 400),
    evidence: [createPage],
  },
  "AddressRange.InvalidPattern": {
    meaning: "IpAddressRange malformed",
    answers: on(["CreateActivation"], 400),
    evidence: [createPage],
  },
  "ActivationCount.ExceedLimit": {
    meaning: "too many activations in the region",
    answers: on(["CreateActivation"], 400),
    evidence: [createPage],
  },
  ManagedInstanceCountExceedLimit: {
    meaning: "too many managed instances in the region",
    answers: on(["CreateActivation"], 403),
    evidence: [createPage],
  },
  RealNameAuthenticationError: {
    meaning: "the account has not passed real-name verification",
    answers: on(["CreateActivation"], 403),
    evidence: [createPage],
  },
  "InvalidResourceGroup.NotFound": {
    meaning: "unknown resource group",
    answers: on(["CreateActivation"], 404),
    evidence: [createPage],
  },
  "InvalidStatus.ResourceGroup": {
    meaning: "the resource group is not usable",
    answers: on(["CreateActivation"], 403),
    evidence: [createPage],
  },
  "InvalidTagKey.Malformed": { meaning: "a tag key is not valid", answers: on(TAGGED, 400), evidence: [createPage] },
  "InvalidTagValue.Malformed": {
    meaning: "a tag value is not valid",
    answers: on(TAGGED, 400),
    evidence: [createPage],
  },
  "NumberExceed.Tags": { meaning: "more than 20 tags", answers: on(TAGGED, 400), evidence: [createPage] },
  "MissingParameter.TagKey": {
    meaning: "a tag value without its key",
    answers: on(TAGGED, 400),
    evidence: [createPage],
  },
  "Duplicate.TagKey": { meaning: "the same tag key twice", answers: on(TAGGED, 400), evidence: [createPage] },
  "InvalidParam.PageNumber": {
    meaning: "PageNumber is not valid",
    answers: on(LISTS, 400),
    evidence: [apiPage("ecs", "DescribeActivations")],
  },
  "InvalidParam.PageSize": {
    meaning: "PageSize is not valid",
    answers: on(LISTS, 400),
    evidence: [apiPage("ecs", "DescribeActivations")],
  },
  "InvalidParameter.NextToken": {
    meaning: "NextToken is not valid",
    answers: on(LISTS, 400),
    evidence: [apiPage("ecs", "DescribeManagedInstances")],
  },
  "InvalidParameter.MaxResults": {
    meaning: "MaxResults is not valid",
    answers: on(LISTS, 400),
    evidence: [apiPage("ecs", "DescribeManagedInstances")],
  },
  "ActivationId.NotFound": {
    meaning: "no such activation",
    answers: on(["DisableActivation", "DeleteActivation"], 404),
    evidence: [apiPage("ecs", "DisableActivation"), apiPage("ecs", "DeleteActivation")],
  },
  "ActivationId.InUse": {
    meaning: "managed instances registered with the activation are still registered",
    answers: on(["DeleteActivation"], 403),
    evidence: [
      apiPage("ecs", "DeleteActivation"),
      inferred("whether it stays in use after its servers left is unknown (settings.deleteUsedActivation)"),
    ],
  },
  "InvalidInstance.NotFound": {
    meaning: "no such managed instance",
    answers: on(["ModifyManagedInstance", "DeregisterManagedInstance", "DescribeManagedInstances"], 404),
    evidence: [
      apiPage("ecs", "ModifyManagedInstance"),
      deregisterPage,
      inferred(
        "DescribeManagedInstances of an unknown id: no page says whether it is left out or refused (settings.unknownManagedInstance)",
      ),
    ],
  },
  "InvalidResourceType.NotFound": {
    meaning: "a ResourceType outside the documented list",
    answers: on(["TagResources"], 404),
    evidence: [tagPage, sdk("@alicloud/ecs20140526", "TagResourcesRequest.resourceType")],
  },
  "InvalidResourceId.NotFound": {
    meaning: "a ResourceId that names nothing of that type in the region",
    answers: on(["TagResources"], 404),
    evidence: [tagPage],
  },
  "InvalidParameter.ResourceIds": {
    meaning: "no ResourceId.N, or more than 50",
    answers: on(["TagResources"], 400),
    evidence: [inferred("the page limits ResourceId.N to 50 without naming the code")],
  },
  "MissingParameter.Tags": {
    meaning: "no Tag.N",
    answers: on(["TagResources"], 400),
    evidence: [inferred("the page requires Tag.N without naming the code")],
  },
  "InvalidParameter.TagCount": {
    meaning: "a resource left with more than 20 tags",
    answers: on(["TagResources"], 400),
    evidence: [inferred("the page limits a resource to 20 tags without naming the code")],
  },
});
