// pulumi-alicloud-dynamic: the public surface, for Pulumi programs. It loads the resource classes
// and their argument types only: no client code, and nothing that reads or changes the
// environment (the provider process loads those, through `pulumi-alicloud-dynamic/handlers`).

import type { ResourceKind } from "./kinds.js";
import { CenChildInstanceAttachment } from "./resources/cen-child-instance-attachment.js";
import { CenGrantRevocation } from "./resources/cen-grant-revocation.js";
import { ClassicLinkAttachment } from "./resources/classic-link-attachment.js";
import { ManagedInstanceActivation } from "./resources/managed-instance-activation.js";
import { ManagedInstanceRegistration } from "./resources/managed-instance-registration.js";
import { TransitRouterGrant } from "./resources/transit-router-grant.js";

export type { AlibabaCloudError, CallOutcome } from "./client/errors.js";
export type { AssumeRoleArgs } from "./framework/common-fields.js";
export type { ResourceKind } from "./kinds.js";
export {
  type CenAttachmentStatus,
  CenChildInstanceAttachment,
  type CenChildInstanceAttachmentArgs,
} from "./resources/cen-child-instance-attachment.js";
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
export {
  TransitRouterGrant,
  type TransitRouterGrantArgs,
  type TransitRouterInstanceType,
  type TransitRouterOrderType,
} from "./resources/transit-router-grant.js";

/** Every resource class of the package, by kind (a kind without its class here fails to compile). */
export const resources = {
  /** {@link CenChildInstanceAttachment} */
  CenChildInstanceAttachment,
  /** {@link CenGrantRevocation} */
  CenGrantRevocation,
  /** {@link ClassicLinkAttachment} */
  ClassicLinkAttachment,
  /** {@link ManagedInstanceActivation} */
  ManagedInstanceActivation,
  /** {@link ManagedInstanceRegistration} */
  ManagedInstanceRegistration,
  /** {@link TransitRouterGrant} */
  TransitRouterGrant,
} as const satisfies Record<ResourceKind, unknown>;
