// The provider process's entry (`pulumi-alicloud-dynamic/handlers`), which the serialized providers
// load by package name. It holds that process's settings (the stack config given to `configure`,
// and the environment) and routes each call to the lifecycle of its resource kind.
import type * as pulumi from "@pulumi/pulumi";
import { watchEngine } from "./client/engine-watch.js";
import { makeSettings, type Settings } from "./client/settings.js";
import { Holdings } from "./framework/holdings.js";
import { type Lifecycle, lifecycle } from "./framework/lifecycle.js";
import type { ProviderEntry } from "./framework/provider-entry.js";
import type { ResourceSpec } from "./framework/resource-spec.js";
import type { Fields } from "./framework/schema.js";
import type { ResourceKind } from "./kinds.js";
import { cenChildInstanceAttachment } from "./lifecycles/cen-child-instance-attachment.js";
import { cenGrantRevocation } from "./lifecycles/cen-grant-revocation.js";
import { classicLinkAttachment } from "./lifecycles/classic-link-attachment.js";
import { managedInstanceActivation } from "./lifecycles/managed-instance-activation.js";
import { managedInstanceRegistration } from "./lifecycles/managed-instance-registration.js";
import { transitRouterGrant } from "./lifecycles/transit-router-grant.js";

type Factory = (settings: Settings, holdings: Holdings) => Lifecycle<Fields>;

/** A lifecycle builder that the router can hold beside those of other kinds (their types differ). */
function factory<F extends Fields, Live>(spec: ResourceSpec<F, Live>): Factory {
  // The engine hands each kind only what that kind's own check produced.
  return (settings, holdings) => lifecycle(spec, settings, holdings) as unknown as Lifecycle<Fields>;
}

/** Every resource kind's lifecycle; a kind without one fails to compile. */
const FACTORIES: { readonly [K in ResourceKind]: Factory } = {
  CenGrantRevocation: factory(cenGrantRevocation),
  ClassicLinkAttachment: factory(classicLinkAttachment),
  ManagedInstanceRegistration: factory(managedInstanceRegistration),
  ManagedInstanceActivation: factory(managedInstanceActivation),
  CenChildInstanceAttachment: factory(cenChildInstanceAttachment),
  TransitRouterGrant: factory(transitRouterGrant),
};

// A provider process whose engine died must not go on changing the cloud (engine-watch.ts).
watchEngine();

// The provider process forwards its stderr to the engine, which shows each line in the Pulumi log.
const toPulumiLog = (message: string) => process.stderr.write(`${message}\n`);

let settings: Settings = makeSettings(undefined, process.env, toPulumiLog);
let lifecycles = new Map<ResourceKind, Lifecycle<Fields>>();
// Who holds what lasts for the whole process: `configure` may come again, the update goes on.
const holdings = new Map<ResourceKind, Holdings>();

function of(kind: ResourceKind): Lifecycle<Fields> {
  let found = lifecycles.get(kind);
  if (!found) {
    const build = FACTORIES[kind];
    if (!build) throw new Error(`This version of pulumi-alicloud-dynamic has no resource kind "${kind}"`);
    let held = holdings.get(kind);
    if (!held) {
      held = new Holdings();
      holdings.set(kind, held);
    }
    found = build(settings, held);
    lifecycles.set(kind, found);
  }
  return found;
}

type Stored = Parameters<Lifecycle<Fields>["read"]>[1];
type Checked = Parameters<Lifecycle<Fields>["create"]>[0];

const entry: ProviderEntry = {
  async configure(req: pulumi.dynamic.ConfigureRequest) {
    settings = makeSettings(req.config, process.env, toPulumiLog);
    lifecycles = new Map();
  },
  check: (kind, olds, news) => of(kind).check(olds, news),
  diff: (kind, id, olds, news) => of(kind).diff(id, olds as Stored, news as Checked),
  create: (kind, inputs) => of(kind).create(inputs as Checked),
  read: (kind, id, props) => of(kind).read(id, props as Stored),
  update: (kind, id, olds, news) => of(kind).update(id, olds as Stored, news as Checked),
  remove: (kind, id, props) => of(kind).delete(id, props as Stored),
};

export const { configure, check, diff, create, read, update, remove } = entry;
