// What the provider does with each error code an action it calls can answer (api/*-errors.ts), as
// data: the lifecycles take their retried, "exists", "gone" and "absent" codes from here, an action
// missing here cannot be called (Operation.call), a code its action does not document does not
// compile, and docs/error-codes.md shows this beside the evidence. A code left out is either retried
// by isRetryableCode (errors.ts: throttling, busy, 5xx) or a gap the error-codes test reports.
import type { CBN_ACTIONS } from "../../api/cbn.js";
import type { CBN_ERRORS } from "../../api/cbn-errors.js";
import type { COMMON_ERRORS } from "../../api/common-errors.js";
import type { ECS_ACTIONS } from "../../api/ecs.js";
import type { ECS_ERRORS } from "../../api/ecs-errors.js";
import type { CodesOf } from "../../api/errors.js";
import type { STS_ACTIONS } from "../../api/sts.js";
import type { STS_ERRORS } from "../../api/sts-errors.js";
import type { VPC_ACTIONS } from "../../api/vpc.js";
import type { VPC_ERRORS } from "../../api/vpc-errors.js";

/**
 * What the provider does with a code:
 * - `retry`: transient for this action; tried again within the operation's window;
 * - `exists`: create finds the object there already (adopted when asked, else refused naming it);
 * - `gone`: delete finds the object gone already: a successful delete;
 * - `absent`: a read finds no such object: refresh drops it, create makes it;
 * - `explained`: passed on with a message saying what to do (which input, which step first);
 * - `surfaced`: passed on as Alibaba words it, for the reason given.
 */
export type Reaction = "retry" | "exists" | "gone" | "absent" | "explained" | "surfaced";

/** What the provider does with one code, and why. */
export interface Handling {
  /** The reaction. */
  readonly does: Reaction;
  /** Why (for `surfaced`: why passing it on is right). */
  readonly why: string;
}

const retry = (why: string): Handling => ({ does: "retry", why });
const exists = (why: string): Handling => ({ does: "exists", why });
const gone = (why: string): Handling => ({ does: "gone", why });
const absent = (why: string): Handling => ({ does: "absent", why });
const explained = (why: string): Handling => ({ does: "explained", why });
const surfaced = (why: string): Handling => ({ does: "surfaced", why });

// Reasons shared by many codes.
const INPUT = surfaced("a wrong input (region, id or value): Alibaba's message names it, and a retry would not help");
const CHECKED = surfaced("check() refuses such inputs before any call: seen only if the service disagrees with it");
const NEVER_SENT = surfaced("the provider always sends this parameter in range: seen only on a defect");
const LIMIT = surfaced("an account quota or service limit: Alibaba's message says which; a retry would not help");
const REFUSED = surfaced("the service refuses the change in this state: Alibaba's message says why");
const CREDENTIALS = surfaced("the credentials may not do this: Alibaba's message says so (hints in errors.ts)");
/** STS's codes for the role settings a resource or the stack gives (both AssumeRole actions). */
const ROLE_SETTINGS = {
  "InvalidParameter.RoleArn": explained("says to check the role settings named"),
  "InvalidParameter.RoleSessionName": explained("says to check the role settings named"),
  "InvalidParameter.DurationSeconds": explained("says to check the role settings named"),
  "InvalidParameter.PolicyGrammar": explained("says to check the role settings named"),
  "InvalidParameter.PolicySize": explained("says to check the role settings named"),
  "EntityNotExist.Role": explained("says no such role exists in that account"),
} as const;
/** ECS's tag codes: the tags the provider sends are checked before any call. */
const TAGS_NEVER_MALFORMED = {
  "InvalidTagKey.Malformed": NEVER_SENT,
  "InvalidTagValue.Malformed": NEVER_SENT,
  "NumberExceed.Tags": NEVER_SENT,
  "MissingParameter.TagKey": NEVER_SENT,
  "Duplicate.TagKey": NEVER_SENT,
} as const;
/** ECS's paging codes: the provider pages within the documented ranges. */
const PAGES_NEVER_OUT_OF_RANGE = {
  "InvalidParam.PageNumber": NEVER_SENT,
  "InvalidParam.PageSize": NEVER_SENT,
  "InvalidParameter.NextToken": NEVER_SENT,
  "InvalidParameter.MaxResults": NEVER_SENT,
} as const;

type Handled<Actions, Table> = {
  readonly [A in keyof Actions & string]?: {
    readonly [C in CodesOf<Table, A> | keyof typeof COMMON_ERRORS]?: Handling;
  };
};

/** Per product, per action the provider calls: what it does with each code. */
export const HANDLING = {
  vpc: {
    GrantInstanceToCen: {
      "InvalidRegionId.NotFound": INPUT,
      "InvalidInstanceId.NotFound": explained("names the network instance, its region and the credentials used"),
      "InvalidVbr.NotFound": INPUT,
      "InstanceType.Invalid": CHECKED,
      "MissingParam.CenInstanceId": NEVER_SENT,
      "IllegalParam.CenInstanceId": INPUT,
      "Invalid.Grant": surfaced("a VBR cannot be granted to another account's CEN: Alibaba's message says so"),
      "QuotaExceeded.CbnGrantRules": LIMIT,
      "Forbidden.GrantRuleExists": exists("the grant is there already (settings.duplicateGrant plays it)"),
    },
    RevokeInstanceFromCen: {
      "InvalidRegionId.NotFound": INPUT,
      "InvalidInstanceId.NotFound": gone("the network instance is gone, and its grants with it"),
      "InvalidVbr.NotFound": gone("the VBR is gone, and its grants with it"),
      "InstanceType.Invalid": CHECKED,
      "MissingParam.CenInstanceId": NEVER_SENT,
      "IllegalParam.CenInstanceId": INPUT,
      "InvalidOperation.GrantRuleNotExist": gone("the grant is gone already"),
      "InvalidOperation.InstanceAttached": explained("says to detach the attachment first, then destroy again"),
    },
    DescribeGrantRulesToCen: {
      "InvalidRegionId.NotFound": INPUT,
      "InvalidInstanceId.NotFound": explained("the network instance is not there: names it (Blocked)"),
      "InvalidVbr.NotFound": INPUT,
      "InstanceType.Invalid": CHECKED,
      InvalidPageNumber: NEVER_SENT,
      InvalidPageSize: NEVER_SENT,
    },
  },
  cbn: {
    AttachCenChildInstance: {
      "ParameterIllegal.ChildInstanceType": CHECKED,
      "IllegalParam.RegionId": INPUT,
      "ParameterIllegal.CenInstanceId": INPUT,
      InvalidParameter: INPUT,
      "Bid.NotFound": INPUT,
      ParameterInstanceId: explained("names the network instance, its region and owner to check"),
      "Forbbiden.AttachChildInstanceAcrossUid": explained(
        "tried again while a new grant may be on its way to CEN (ALICLOUD_DYNAMIC_GRANT_WAIT_MS, 1 minute), then names the missing grant",
      ),
      "InvalidOperation.ChildInstanceAlreadyAttached": exists("attached already (also a retry of an attach that took)"),
      "OperationFailed.InvalidVpcStatus": retry("the VPC is being configured (Terraform retries it)"),
      "InvalidStatus.ResourceStatus": REFUSED,
      "InvalidOperation.CenInstanceStatus": retry("another attach or detach runs on the CEN (Terraform retries it)"),
      "InvalidOperation.ChildInstanceStatus": retry("the network instance is busy (Terraform retries it)"),
      "OperationFailed.InvalidTransitRouter": explained(
        "says to use a TransitRouterGrant and a transit router attachment",
      ),
      "Operation.FailedAndTryAgain": retry("its name says to try again (inferred: no source says how soon)"),
    },
    DetachCenChildInstance: {
      "ParameterIllegal.ChildInstanceType": CHECKED,
      "ParameterIllegal.ChildInstanceRegionId": INPUT,
      "ParameterIllegal.CenInstanceId": INPUT,
      InvalidParameter: INPUT,
      "Bid.NotFound": gone("the network instance's owner is gone (Terraform counts it as gone)"),
      ParameterInstanceId: gone("not attached (any more)"),
      "InvalidOperation.CenInstanceStatus": retry("another attach or detach runs on the CEN (Terraform retries it)"),
      "InvalidOperation.ChildInstanceStatus": retry(
        "the network instance is busy (inferred: the attach's retry, applied to detach)",
      ),
      "InstanceStatus.NotSupport": retry("Terraform retries it on detach"),
    },
    DescribeCenAttachedChildInstanceAttribute: {
      "ParameterIllegal.ChildInstanceType": CHECKED,
      "ParameterIllegal.ChildInstanceRegionId": INPUT,
      "ParameterIllegal.CenInstanceId": explained("the CEN is not the caller's: says the attachment acts as its owner"),
      ParameterInstanceId: absent("not attached (one of Terraform's three)"),
      ParameterError: absent("not attached (one of Terraform's three)"),
      ParameterCenInstanceId: absent("not attached (one of Terraform's three)"),
    },
    DescribeGrantRulesToCen: {
      "ParameterIllegal.ChildInstanceType": CHECKED,
      InvalidParameter: NEVER_SENT,
    },
    GrantInstanceToTransitRouter: {
      "IllegalParam.RegionId": INPUT,
      "ParameterIllegal.CenInstanceId": INPUT,
      "ParameterIllegal.InstanceId": INPUT,
      "ParameterIllegal.CenAliUid": INPUT,
      "ParameterIllegal.InstanceType": CHECKED,
      "ParameterIllegal.OrderType": CHECKED,
      "InvalidOperation.GrantRuleExists": exists("the grant is there already"),
      "OperationFailed.TaskConflict": retry("Terraform retries it on create"),
    },
    ModifyGrantInstanceToTransitRouter: {
      "ParameterIllegal.OrderType": CHECKED,
      "InvalidOperation.GrantRuleNotExist": surfaced("the grant was revoked behind Pulumi's back: refresh, then up"),
    },
    RevokeInstanceFromTransitRouter: {
      "IllegalParam.RegionId": INPUT,
      "ParameterIllegal.CenInstanceId": INPUT,
      "ParameterIllegal.InstanceId": gone("the network instance is gone, and its grants with it"),
      "ParameterIllegal.CenAliUid": INPUT,
      "ParameterIllegal.InstanceType": CHECKED,
      "InvalidOperation.GrantRuleNotExist": gone("the grant is gone already"),
      "InvalidOperation.InstanceAttached": explained("says to detach the transit router attachment first"),
    },
    DescribeGrantRulesToResource: {
      "ParameterIllegal.InstanceType": CHECKED,
      InvalidParameter: NEVER_SENT,
    },
  },
  ecs: {
    AttachClassicLinkVpc: {
      "Forbidden.SubUser": CREDENTIALS,
      "InvalidRegionId.Malformed": INPUT,
      "InvalidRegionId.NotFound": INPUT,
      "InvalidVpcId.Malformed": INPUT,
      "InvalidInstanceId.NotFound": INPUT,
      "InvalidInstanceId.MalFormed": surfaced("not a classic-network instance: Alibaba's message says so"),
      "InvalidInstanceId.NotBelong": INPUT,
      "InvalidInstanceId.LimitedRegion": INPUT,
      "InvalidParameter.InvalidInstanceIdAndVpcId": NEVER_SENT,
      "InvalidStatus.InstanceStatus": retry("the instance is starting or stopping"),
      "InvalidStatus.InstanceLocked": retry("the instance is locked for a while"),
      OperationDenied: exists("linked already (also a retry of a link that took); otherwise the look says why"),
      QuotaExceeded: LIMIT,
    },
    DetachClassicLinkVpc: {
      "Forbidden.SubUser": CREDENTIALS,
      "InvalidRegionId.Malformed": INPUT,
      "InvalidVpcId.Malformed": INPUT,
      "InvalidInstanceId.NotFound": gone("the instance is gone, and its link with it"),
      "InvalidInstanceId.MalFormed": surfaced("not a classic-network instance: Alibaba's message says so"),
      "InvalidInstanceId.NotBelong": INPUT,
      "InvalidParameter.InvalidInstanceIdAndVpcId": NEVER_SENT,
      "InvalidStatus.InstanceStatus": retry("the instance is starting or stopping"),
      OperationDenied: explained("says the link stays and what to resolve first"),
      "InvalidOperation.InvalidVpc": gone("not linked to that VPC (any more)"),
    },
    DescribeClassicLinkInstances: {
      "Forbidden.SubUser": CREDENTIALS,
      "InvalidRegionId.NotFound": INPUT,
      "InvalidInstanceId.NotFound": explained("the instance is not there: names it (Blocked)"),
      "InvalidInstanceId.NotBelong": INPUT,
      "InvalidVpc.NotBelong": INPUT,
      "InvalidParameter.InvalidInstanceIdAndVpcId": NEVER_SENT,
      "InvalidParameter.ToManyInstanceIds": NEVER_SENT,
      "InvalidParameter.PageNumber": NEVER_SENT,
      "InvalidParameter.PageSize": NEVER_SENT,
    },
    CreateActivation: {
      "Operation.Forbidden": CREDENTIALS,
      "InvalidRegionId.NotFound": INPUT,
      "RegionId.ApiNotSupported": CHECKED,
      "InstanceName.ExceedLimit": CHECKED,
      "InstanceName.InvalidPattern": CHECKED,
      "ActivationDesc.ExceedLimit": CHECKED,
      "ActivationLimitation.Invalid": CHECKED,
      "ActivationTTL.ExceedLimit": CHECKED,
      "AddressRange.InvalidPattern": CHECKED,
      "ActivationCount.ExceedLimit": LIMIT,
      ManagedInstanceCountExceedLimit: LIMIT,
      RealNameAuthenticationError: surfaced("the account must pass real-name verification first: Alibaba says so"),
      "InvalidResourceGroup.NotFound": INPUT,
      "InvalidStatus.ResourceGroup": REFUSED,
      "InvalidTagKey.Malformed": CHECKED,
      "InvalidTagValue.Malformed": CHECKED,
      "NumberExceed.Tags": CHECKED,
      "MissingParameter.TagKey": CHECKED,
      "Duplicate.TagKey": CHECKED,
    },
    DescribeActivations: {
      "Operation.Forbidden": CREDENTIALS,
      "InvalidRegionId.NotFound": INPUT,
      "RegionId.ApiNotSupported": CHECKED,
      ...TAGS_NEVER_MALFORMED,
      ...PAGES_NEVER_OUT_OF_RANGE,
    },
    DisableActivation: {
      "Operation.Forbidden": CREDENTIALS,
      "InvalidRegionId.NotFound": INPUT,
      "RegionId.ApiNotSupported": CHECKED,
      "ActivationId.NotFound": surfaced("disabling an activation deleted behind Pulumi's back: refresh drops it"),
    },
    DeleteActivation: {
      "Operation.Forbidden": CREDENTIALS,
      "InvalidRegionId.NotFound": INPUT,
      "RegionId.ApiNotSupported": CHECKED,
      "ActivationId.NotFound": gone("the activation is gone already"),
      "ActivationId.InUse": explained(
        "servers still registered: says to deregister them first; none left: disabled instead (settings.deleteUsedActivation)",
      ),
    },
    DescribeManagedInstances: {
      "Operation.Forbidden": CREDENTIALS,
      "InvalidRegionId.NotFound": INPUT,
      "RegionId.ApiNotSupported": CHECKED,
      ...TAGS_NEVER_MALFORMED,
      ...PAGES_NEVER_OUT_OF_RANGE,
      "InvalidInstance.NotFound": absent("an unknown id: the same as an empty list (settings.unknownManagedInstance)"),
    },
    ModifyManagedInstance: {
      "Operation.Forbidden": CREDENTIALS,
      "InvalidRegionId.NotFound": INPUT,
      "RegionId.ApiNotSupported": CHECKED,
      "InstanceName.ExceedLimit": CHECKED,
      "InstanceName.InvalidPattern": CHECKED,
      "InvalidInstance.NotFound": surfaced("renaming a server deregistered behind Pulumi's back: refresh drops it"),
    },
    DeregisterManagedInstance: {
      "Operation.Forbidden": CREDENTIALS,
      "InvalidRegionId.NotFound": INPUT,
      "RegionId.ApiNotSupported": CHECKED,
      "InvalidInstance.NotFound": gone(
        "deregistered already (settings.deregisterUnknownInstance also plays a success)",
      ),
    },
    TagResources: {
      "Operation.Forbidden": CREDENTIALS,
      "InvalidRegionId.NotFound": INPUT,
      "RegionId.ApiNotSupported": CHECKED,
      ...TAGS_NEVER_MALFORMED,
      "InvalidResourceType.NotFound": NEVER_SENT,
      "InvalidResourceId.NotFound": surfaced("the server left between the look and the tag: the next up looks again"),
      "InvalidParameter.ResourceIds": NEVER_SENT,
      "MissingParameter.Tags": NEVER_SENT,
      "InvalidParameter.TagCount": LIMIT,
    },
  },
  sts: {
    AssumeRole: {
      ...ROLE_SETTINGS,
      NoPermission: explained("says what the trust policy and the caller's policy must allow"),
      MissingRoleArn: NEVER_SENT,
      MissingRoleSessionName: NEVER_SENT,
    },
    AssumeRoleWithOIDC: {
      ...ROLE_SETTINGS,
      MissingRoleArn: NEVER_SENT,
      MissingRoleSessionName: NEVER_SENT,
      MissingOIDCProviderArn: NEVER_SENT,
      MissingOIDCToken: NEVER_SENT,
      "AuthenticationFail.NoPermission": explained("says to check the OIDC provider, the role's trust and the token"),
      "AuthenticationFail.OIDCToken.Invalid": explained(
        "says to check the OIDC provider, the role's trust and the token",
      ),
      "AuthenticationFail.OIDCToken.InvalidSignature": explained(
        "says to check the OIDC provider, the role's trust and the token",
      ),
      "AuthenticationFail.OIDCToken.Expired": explained(
        "says to check the OIDC provider, the role's trust and the token",
      ),
      "AuthenticationFail.OIDCToken.IssuerNotMatch": explained(
        "says to check the OIDC provider, the role's trust and the token",
      ),
      "AuthenticationFail.OIDCToken.AudienceNotMatch": explained(
        "says to check the OIDC provider, the role's trust and the token",
      ),
    },
  },
} as const satisfies {
  readonly vpc: Handled<typeof VPC_ACTIONS, typeof VPC_ERRORS>;
  readonly cbn: Handled<typeof CBN_ACTIONS, typeof CBN_ERRORS>;
  readonly ecs: Handled<typeof ECS_ACTIONS, typeof ECS_ERRORS>;
  readonly sts: Handled<typeof STS_ACTIONS, typeof STS_ERRORS>;
};

/** Codes any action can answer and no retry fixes: what the provider does with each. */
export const COMMON_HANDLING: { readonly [C in keyof typeof COMMON_ERRORS]?: Handling } = {
  MissingParameter: NEVER_SENT,
  InvalidParameter: INPUT,
  "InvalidParameter.Format": NEVER_SENT,
  "InvalidApi.NotFound": surfaced("an endpoint that does not serve the action: the message names the endpoint"),
  UnsupportedHTTPMethod: NEVER_SENT,
  "InvalidAccessKeyId.NotFound": explained("says which setting the AccessKey came from"),
  "InvalidAccessKeyId.Inactive": CREDENTIALS,
  "InvalidTimeStamp.Format": NEVER_SENT,
  "InvalidTimeStamp.Expired": explained("says to fix this machine's clock"),
  SignatureNonceUsed: NEVER_SENT,
  SignatureDoesNotMatch: explained("says the secret does not match the AccessKey ID"),
  IncompleteSignature: NEVER_SENT,
  InvalidSignatureMethod: NEVER_SENT,
  "InvalidSecurityToken.MismatchWithAccessKey": CREDENTIALS,
  "InvalidSecurityToken.Expired": retry("temporary credentials are renewed once, then the call is sent again"),
  "Forbidden.RAM": explained("says the RAM user or role lacks permission for this action"),
  "Forbidden.RiskControl": CREDENTIALS,
  IdempotentParameterMismatch: NEVER_SENT,
  RequestEntityTooLarge: NEVER_SENT,
  "Emulator.UndocumentedAnswer": surfaced(
    "only the emulator answers it, on a defect of its own tables: its message says what to report",
  ),
  "Operation.FailedAndTryAgain": surfaced("retried only on AttachCenChildInstance, whose page lists it"),
  "InstanceStatus.NotSupport": surfaced("retried only where Terraform retries it (DetachCenChildInstance)"),
};

/** The actions the provider calls (Operation.call takes only these). */
export type HandledActionName = {
  [P in keyof typeof HANDLING]: keyof (typeof HANDLING)[P];
}[keyof typeof HANDLING] &
  string;

/** The codes of one action that the provider meets with `does`. */
export function codesFor<P extends keyof typeof HANDLING, A extends keyof (typeof HANDLING)[P] & string>(
  product: P,
  action: A,
  does: Reaction,
): string[] {
  const table = HANDLING[product][action] as { readonly [code: string]: Handling };
  return Object.entries(table)
    .filter(([, handling]) => handling.does === does)
    .map(([code]) => code);
}
