// The error codes of the VPC actions (api/vpc.ts), each with its evidence (api/errors.ts).
import { apiPage, errorTable, inferred, on, terraform } from "./errors.js";
import { VPC_ACTIONS } from "./vpc.js";

const GRANTS = ["GrantInstanceToCen", "RevokeInstanceFromCen"] as const;
const GRANT_ACTIONS = [...GRANTS, "DescribeGrantRulesToCen"] as const;
const SWITCHES = ["EnableVpcClassicLink", "DisableVpcClassicLink"] as const;
const grantPage = apiPage("vpc", "GrantInstanceToCen");
const revokePage = apiPage("vpc", "RevokeInstanceFromCen");
const rulesPage = apiPage("vpc", "DescribeGrantRulesToCen");
const enablePage = apiPage("vpc", "EnableVpcClassicLink");
const disablePage = apiPage("vpc", "DisableVpcClassicLink");

/** Every VPC code the provider may meet, by code. */
export const VPC_ERRORS = errorTable(VPC_ACTIONS)({
  "InvalidRegionId.NotFound": {
    meaning: "RegionId is not a region",
    answers: on([...GRANT_ACTIONS, ...SWITCHES, "DescribeVpcAttribute"], 404),
    evidence: [grantPage, enablePage, apiPage("vpc", "DescribeVpcAttribute")],
  },
  "InvalidInstanceId.NotFound": {
    meaning: "no such network instance in this account and region",
    answers: on(GRANT_ACTIONS, 404),
    evidence: [grantPage, terraform("alicloud/resource_alicloud_cen_instance_grant.go")],
  },
  "InvalidVbr.NotFound": {
    meaning: "no such VBR",
    answers: on(GRANT_ACTIONS, 404),
    evidence: [grantPage],
  },
  "InstanceType.Invalid": {
    meaning: "InstanceType is not VPC, VBR or CCN",
    answers: on(GRANT_ACTIONS, 404),
    evidence: [grantPage, rulesPage],
  },
  "MissingParam.CenInstanceId": {
    meaning: "CenId is missing",
    answers: on(GRANTS, 400),
    evidence: [grantPage],
  },
  "IllegalParam.CenInstanceId": {
    meaning: "CenId is malformed, or no such CEN instance in the CenOwnerId account",
    answers: on(GRANTS, 400),
    evidence: [grantPage, revokePage],
  },
  "Invalid.Grant": {
    meaning: "a VBR may only be granted to a CEN instance of its own account",
    answers: on(["GrantInstanceToCen"], 400),
    evidence: [grantPage],
  },
  IncorrectStatus: {
    meaning: "the network instance is not in a state that allows the change",
    answers: on(GRANTS, 400),
    evidence: [grantPage, terraform("alicloud/errors.go")],
  },
  TaskConflict: {
    meaning: "a grant or revoke task on the same network instance still runs",
    answers: on(GRANTS, 400),
    evidence: [grantPage, terraform("alicloud/errors.go")],
  },
  "QuotaExceeded.CbnGrantRules": {
    meaning: "too many grants on one network instance",
    answers: on(["GrantInstanceToCen"], 404),
    evidence: [grantPage],
  },
  "Forbidden.GrantRuleExists": {
    meaning: "the network instance is already granted to that CEN instance",
    answers: on(["GrantInstanceToCen"], 400),
    evidence: [
      inferred(
        "the page forbids granting twice without naming the code; the emulator plays both answers (settings.duplicateGrant)",
      ),
    ],
  },
  "InvalidOperation.GrantRuleNotExist": {
    meaning: "revoking a grant that does not exist",
    answers: on(["RevokeInstanceFromCen"], 400),
    evidence: [
      inferred(
        "no page says what revoking a missing grant answers; the emulator plays three answers (settings.revokeMissingGrant)",
      ),
    ],
  },
  "InvalidOperation.InstanceAttached": {
    meaning: "revoking a grant while the CEN instance has the network instance attached",
    answers: on(["RevokeInstanceFromCen"], 400),
    evidence: [
      inferred(
        "no page says whether CEN refuses it; the transit router grant's page requires detaching first, so the emulator can refuse (settings.revokeWhileAttached)",
      ),
    ],
  },
  InvalidPageNumber: {
    meaning: "PageNumber out of range",
    answers: on(["DescribeGrantRulesToCen"], 400),
    evidence: [inferred("the VPC Describe actions' paging code family; no page of this action lists it")],
  },
  InvalidPageSize: {
    meaning: "PageSize out of range (1 to 50)",
    answers: on(["DescribeGrantRulesToCen"], 400),
    evidence: [inferred("the VPC Describe actions' paging code family; no page of this action lists it")],
  },
  "InvalidVpcId.NotFound": {
    meaning: "no such VPC in this account and region",
    answers: on([...SWITCHES, "DescribeVpcAttribute"], 404),
    evidence: [enablePage, disablePage, apiPage("vpc", "DescribeVpcAttribute")],
  },
  IncorrectVpcStatus: {
    meaning: "the VPC is not Available",
    answers: on(SWITCHES, 400),
    evidence: [enablePage, disablePage],
  },
  "Forbidden.EnableClassicLink": {
    meaning: "ClassicLink cannot be enabled where there is no classic network",
    answers: on(["EnableVpcClassicLink"], 400),
    evidence: [enablePage],
  },
  Forbbiden: {
    meaning: "ClassicLink cannot be disabled where there is no classic network (the page's spelling)",
    answers: on(["DisableVpcClassicLink"], 400),
    evidence: [disablePage],
  },
  "RouteConflict.AlreadyExist": {
    meaning: "a custom route entry lies inside 10.0.0.0/8",
    answers: on(["EnableVpcClassicLink"], 400),
    evidence: [enablePage],
  },
  "OperationFailed.RouteConflict": {
    meaning: "a custom route entry for exactly 10.0.0.0/8 exists",
    answers: on(["EnableVpcClassicLink"], 400),
    evidence: [enablePage],
  },
  InvalidAction: {
    meaning: "classic instances are still linked to the VPC",
    answers: on(["DisableVpcClassicLink"], 400),
    evidence: [disablePage],
  },
});
