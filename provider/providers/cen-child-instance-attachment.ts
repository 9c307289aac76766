// The dynamic provider of CenChildInstanceAttachment. This module's exports object IS the provider: Pulumi
// serializes a provider loaded from node_modules as `require("pulumi-alicloud-dynamic/providers/cen-child-instance-attachment")`,
// so each resource's state holds that one line, and whatever package version is installed serves it.
import { lazyProvider } from "../framework/serialized-provider.js";

const provider = lazyProvider("CenChildInstanceAttachment");
export const { configure, check, diff, create, read, update } = provider;
const remove = provider.delete;

export { remove as delete };
