// The dynamic provider of TransitRouterGrant; see cen-grant-revocation.ts beside it for why this
// module's exports object is the provider.
import { lazyProvider } from "../framework/serialized-provider.js";

const provider = lazyProvider("TransitRouterGrant");
export const { configure, check, diff, create, read, update } = provider;
const remove = provider.delete;

export { remove as delete };
