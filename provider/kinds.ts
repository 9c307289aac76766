// The resources of this package, by the name in their type token, with the name of the module
// that serves each one in the provider process (`providers/<module>`). Those module paths are
// recorded in every resource's state: they are a compatibility promise (docs/versioning.md).

/** Each resource kind and its provider module. */
export const RESOURCE_MODULES = {
  CenGrantRevocation: "cen-grant-revocation",
  ClassicLinkAttachment: "classic-link-attachment",
  ManagedInstanceRegistration: "managed-instance-registration",
  ManagedInstanceActivation: "managed-instance-activation",
  CenChildInstanceAttachment: "cen-child-instance-attachment",
  TransitRouterGrant: "transit-router-grant",
} as const;

/** The resources this package provides, by the name in their type token. */
export type ResourceKind = keyof typeof RESOURCE_MODULES;
