// The VPC product (API version 2016-04-28). Refusals of sub-users and blocked accounts are the
// gateway's defaults (Forbidden.RAM, Forbidden.RiskControl).
import { type ApiSpec, defineProduct, type Product } from "../core/api.js";
import * as r from "./responses.js";

const vpc = (action: string, handler: ApiSpec["handler"], clientToken: boolean): ApiSpec => ({
  action,
  clientToken,
  handler,
});

/** VPC 2016-04-28. */
export const VPC_PRODUCT: Product = defineProduct("Vpc", "2016-04-28", "vpc.aliyuncs.com", [
  vpc("GrantInstanceToCen", r.grantInstanceToCen, true),
  vpc("RevokeInstanceFromCen", r.revokeInstanceFromCen, true),
  // Documents ClientToken, but it is a read: the parameter is accepted and ignored (README).
  vpc("DescribeGrantRulesToCen", r.describeGrantRulesToCen, false),
  vpc("EnableVpcClassicLink", r.enableVpcClassicLink, true),
  vpc("DisableVpcClassicLink", r.disableVpcClassicLink, true),
  vpc("DescribeVpcAttribute", r.describeVpcAttribute, false),
]);
