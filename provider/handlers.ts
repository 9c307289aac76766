// The entry point the serialized provider loads by package name (`pulumi-alicloud-dynamic/handlers`)
// inside Pulumi's dynamic provider process. It holds that process's settings (the stack config
// given to `configure`, and the environment) and routes each call to the handlers of its kind.
import type * as pulumi from "@pulumi/pulumi";
import { makeSettings, type Settings } from "./client/settings.js";
import { cenGrantRevocationHandlers } from "./resources/cen-grant-revocation.js";
import { classicLinkAttachmentHandlers } from "./resources/classic-link-attachment.js";
import type { Lifecycle } from "./resources/lifecycle.js";
import { managedInstanceActivationHandlers } from "./resources/managed-instance-activation.js";
import { managedInstanceRegistrationHandlers } from "./resources/managed-instance-registration.js";
import type { ResourceKind } from "./resources/serialized-provider.js";

// The provider process forwards its stderr to the engine, which shows each line in the Pulumi log.
const toPulumiLog = (message: string) => process.stderr.write(`${message}\n`);

let settings: Settings = makeSettings(undefined, process.env, toPulumiLog);

type AnyLifecycle = Lifecycle<never, never>;

const FACTORIES: Record<ResourceKind, (settings: Settings) => Lifecycle<never, never>> = {
  CenGrantRevocation: cenGrantRevocationHandlers as (s: Settings) => AnyLifecycle,
  ClassicLinkAttachment: classicLinkAttachmentHandlers as (s: Settings) => AnyLifecycle,
  ManagedInstanceRegistration: managedInstanceRegistrationHandlers as (s: Settings) => AnyLifecycle,
  ManagedInstanceActivation: managedInstanceActivationHandlers as (s: Settings) => AnyLifecycle,
};

function handlers(kind: ResourceKind): Lifecycle<never, never> {
  const factory = FACTORIES[kind];
  if (!factory) throw new Error(`This version of pulumi-alicloud-dynamic has no resource kind "${kind}"`);
  return factory(settings);
}

/** Receives the stack configuration; credentials in it stay in this process's memory only. */
export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
  settings = makeSettings(req.config, process.env, toPulumiLog);
}

/** Routes Pulumi's `check`. */
export function check(kind: ResourceKind, olds: Record<string, unknown>, news: Record<string, unknown>) {
  return handlers(kind).check(olds, news);
}

/** Routes Pulumi's `diff`. */
export function diff(kind: ResourceKind, id: string, olds: unknown, news: unknown) {
  return handlers(kind).diff(id, olds as never, news as never);
}

/** Routes Pulumi's `create`. */
export function create(kind: ResourceKind, inputs: unknown) {
  return handlers(kind).create(inputs as never);
}

/** Routes Pulumi's `read`. */
export function read(kind: ResourceKind, id: string, props: unknown) {
  return handlers(kind).read(id, props as never);
}

/** Routes Pulumi's `update`. */
export function update(kind: ResourceKind, id: string, olds: unknown, news: unknown) {
  return handlers(kind).update(id, olds as never, news as never);
}

/** Routes Pulumi's `delete` (named `remove`: `delete` is a reserved word for a function). */
export function remove(kind: ResourceKind, id: string, props: unknown) {
  return handlers(kind).delete(id, props as never);
}
