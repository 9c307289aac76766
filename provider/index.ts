// pulumi-alicloud-dynamic: the public surface. Resources first, then the client layer's error
// type (what a failed call throws) for programs that want to inspect failures.

export { AlibabaCloudError, type CallOutcome } from "./client/errors.js";
export {
  CenGrantRevocation,
  type CenGrantRevocationArgs,
  type NetworkInstanceType,
} from "./resources/cen-grant-revocation.js";
export { ClassicLinkAttachment, type ClassicLinkAttachmentArgs } from "./resources/classic-link-attachment.js";
export {
  ManagedInstanceActivation,
  type ManagedInstanceActivationArgs,
} from "./resources/managed-instance-activation.js";
export {
  type ManagedInstanceMatch,
  ManagedInstanceRegistration,
  type ManagedInstanceRegistrationArgs,
} from "./resources/managed-instance-registration.js";
export type { ResourceKind } from "./resources/serialized-provider.js";
