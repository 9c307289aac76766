// The VPC product (API version 2016-04-28).
import { defineProduct, type Product } from "../core/api.js";
import * as r from "./responses.js";

/** VPC 2016-04-28. */
export const VPC_PRODUCT: Product = defineProduct("Vpc", "2016-04-28", "vpc.aliyuncs.com", [
  { action: "GrantInstanceToCen", family: "vpc", clientToken: true, handler: r.grantInstanceToCen },
  { action: "RevokeInstanceFromCen", family: "vpc", clientToken: true, handler: r.revokeInstanceFromCen },
  { action: "DescribeGrantRulesToCen", family: "vpc", clientToken: true, handler: r.describeGrantRulesToCen },
  { action: "EnableVpcClassicLink", family: "vpc", clientToken: true, handler: r.enableVpcClassicLink },
  { action: "DisableVpcClassicLink", family: "vpc", clientToken: true, handler: r.disableVpcClassicLink },
  { action: "DescribeVpcAttribute", family: "vpc", clientToken: false, handler: r.describeVpcAttribute },
]);
