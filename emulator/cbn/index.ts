// The CBN product (api/cbn.ts): one handler per action of its contract. Refusals of sub-users and
// blocked accounts are the gateway's defaults (Forbidden.RAM, Forbidden.RiskControl).
import { CBN, CBN_ACTIONS } from "../../api/cbn.js";
import { defineProduct, type Product } from "../core/api.js";
import * as r from "./responses.js";
import * as tr from "./transit-router-responses.js";

/** CBN 2017-09-12. */
export const CBN_PRODUCT: Product = defineProduct(CBN, CBN_ACTIONS, {
  AttachCenChildInstance: r.attachCenChildInstance,
  DetachCenChildInstance: r.detachCenChildInstance,
  DescribeCenAttachedChildInstanceAttribute: r.describeCenAttachedChildInstanceAttribute,
  DescribeCenAttachedChildInstances: r.describeCenAttachedChildInstances,
  GrantInstanceToTransitRouter: tr.grantInstanceToTransitRouter,
  ModifyGrantInstanceToTransitRouter: tr.modifyGrantInstanceToTransitRouter,
  RevokeInstanceFromTransitRouter: tr.revokeInstanceFromTransitRouter,
  DescribeGrantRulesToResource: tr.describeGrantRulesToResource,
  DescribeGrantRulesToCen: r.describeGrantRulesToCen,
});
