// The VPC product (api/vpc.ts): one handler per action of its contract. Refusals of sub-users and
// blocked accounts are the gateway's defaults (Forbidden.RAM, Forbidden.RiskControl).
import { VPC, VPC_ACTIONS } from "../../api/vpc.js";
import { defineProduct, type Product } from "../core/api.js";
import * as r from "./responses.js";

/** VPC 2016-04-28. */
export const VPC_PRODUCT: Product = defineProduct(VPC, VPC_ACTIONS, {
  GrantInstanceToCen: r.grantInstanceToCen,
  RevokeInstanceFromCen: r.revokeInstanceFromCen,
  // Documents ClientToken, but it is a read: the parameter is accepted and ignored (README).
  DescribeGrantRulesToCen: r.describeGrantRulesToCen,
  EnableVpcClassicLink: r.enableVpcClassicLink,
  DisableVpcClassicLink: r.disableVpcClassicLink,
  DescribeVpcAttribute: r.describeVpcAttribute,
});
