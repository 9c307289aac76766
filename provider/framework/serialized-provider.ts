// The methods of each resource kind's dynamic provider (see ../providers/). Each method loads the
// provider process's entry by package name when it is called, and captures nothing but the kind:
// when the package is loaded from outside node_modules, Pulumi serializes these functions by
// value, and they stay small and still defer to the installed package. Credentials and config
// never pass through here: `configure` hands the stack config to the entry module.
import type * as pulumi from "@pulumi/pulumi";
import type { ResourceKind } from "../kinds.js";
import type { ProviderEntry } from "./provider-entry.js";

/** The dynamic provider for one resource kind; see the module comment. */
export function lazyProvider(kind: ResourceKind): pulumi.dynamic.ResourceProvider {
  // `require` by package name, inside each method: Pulumi's closure serializer keeps this as text.
  return {
    configure: (req) => (require("pulumi-alicloud-dynamic/handlers") as ProviderEntry).configure(req),
    check: (olds, news) => (require("pulumi-alicloud-dynamic/handlers") as ProviderEntry).check(kind, olds, news),
    diff: (id, olds, news) => (require("pulumi-alicloud-dynamic/handlers") as ProviderEntry).diff(kind, id, olds, news),
    create: (inputs) => (require("pulumi-alicloud-dynamic/handlers") as ProviderEntry).create(kind, inputs),
    read: (id, props) => (require("pulumi-alicloud-dynamic/handlers") as ProviderEntry).read(kind, id, props),
    update: (id, olds, news) =>
      (require("pulumi-alicloud-dynamic/handlers") as ProviderEntry).update(kind, id, olds, news),
    delete: (id, props) => (require("pulumi-alicloud-dynamic/handlers") as ProviderEntry).remove(kind, id, props),
  };
}
