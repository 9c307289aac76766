// The STS product (api/sts.ts): one handler per action of its contract. STS refuses a RAM identity
// without sts:AssumeRole with its own NoPermission; AssumeRoleWithOIDC is called unsigned (the
// token is the proof).
import { STS, STS_ACTIONS } from "../../api/sts.js";
import { defineProduct, type Product } from "../core/api.js";
import { notAuthorized } from "./exceptions.js";
import * as r from "./responses.js";

/** STS 2015-04-01. */
export const STS_PRODUCT: Product = defineProduct(STS, STS_ACTIONS, {
  AssumeRole: { handler: r.assumeRole, subUserDenied: notAuthorized },
  AssumeRoleWithOIDC: { handler: r.assumeRoleWithOidc, anonymous: true },
  GetCallerIdentity: r.getCallerIdentity,
});
