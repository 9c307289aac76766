// The methods of each resource kind's dynamic provider (see ../providers/). Each method loads the
// handlers by package name when it is called, and captures nothing but the kind: when the package
// is loaded from outside node_modules, Pulumi serializes these functions by value, and they stay
// small and still defer to the installed package. Credentials and config never pass through here:
// `configure` hands the stack config to the handlers module of the running provider process.
import type * as pulumi from "@pulumi/pulumi";
import type * as handlersModule from "../handlers.js";

/** The resources this package provides, by the name in their type token. */
export type ResourceKind =
  | "CenGrantRevocation"
  | "ManagedInstanceRegistration"
  | "ClassicLinkAttachment"
  | "ManagedInstanceActivation";

/** The dynamic provider for one resource kind; see the module comment. */
export function lazyProvider(kind: ResourceKind): pulumi.dynamic.ResourceProvider {
  type Handlers = typeof handlersModule;
  // `require` by package name, inside each method: Pulumi's closure serializer keeps this as text.
  return {
    configure: (req) => (require("pulumi-alicloud-dynamic/handlers") as Handlers).configure(req),
    check: (olds, news) => (require("pulumi-alicloud-dynamic/handlers") as Handlers).check(kind, olds, news),
    diff: (id, olds, news) => (require("pulumi-alicloud-dynamic/handlers") as Handlers).diff(kind, id, olds, news),
    create: (inputs) => (require("pulumi-alicloud-dynamic/handlers") as Handlers).create(kind, inputs),
    read: (id, props) => (require("pulumi-alicloud-dynamic/handlers") as Handlers).read(kind, id, props),
    update: (id, olds, news) => (require("pulumi-alicloud-dynamic/handlers") as Handlers).update(kind, id, olds, news),
    delete: (id, props) => (require("pulumi-alicloud-dynamic/handlers") as Handlers).remove(kind, id, props),
  };
}
