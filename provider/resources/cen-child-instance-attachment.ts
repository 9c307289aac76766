// CenChildInstanceAttachment: the CEN owner's side of a cross-account grant. Attaches a network
// instance (its own, or another account's that granted it) to a CEN instance. Create = CBN
// AttachCenChildInstance; destroy = DetachCenChildInstance. Program side.
import type * as pulumi from "@pulumi/pulumi";
import type { AttachmentStatus as CenAttachmentStatus } from "../../api/cbn.js";
import { ADOPTION_FIELDS, type AdoptionArgs, type ScopeArgs } from "../framework/common-fields.js";
import { resourceClass } from "../framework/resource.js";
import { computed, declareFields, oneOf, text, uid } from "../framework/schema.js";
import * as provider from "../providers/cen-child-instance-attachment.js";
import type { NetworkInstanceType } from "./cen-grant-revocation.js";

export type { CenAttachmentStatus };

/**
 * Inputs of {@link CenChildInstanceAttachment}. The resource acts as the CEN instance's owner
 * (the stack's credentials, or `profile`); `regionId` is the network instance's region.
 */
export interface CenChildInstanceAttachmentArgs extends ScopeArgs, AdoptionArgs {
  /** The CEN instance to attach to, owned by the account this resource acts as, e.g. `cen-7qthudw0ll6jmc1a2b`. */
  readonly cenId: pulumi.Input<string>;
  /** The network instance to attach: a VPC (`vpc-...`), VBR (`vbr-...`) or CCN (`ccn-...`) in `regionId`. */
  readonly childInstanceId: pulumi.Input<string>;
  /** The kind of network instance; inferred from the `childInstanceId` prefix when omitted. */
  readonly childInstanceType?: pulumi.Input<NetworkInstanceType>;
  /** UID of the account owning the network instance, as a string of digits; omit when it is the CEN owner's own. */
  readonly childInstanceOwnerId?: pulumi.Input<string | number>;
}

/** The fields of {@link CenChildInstanceAttachment}: every input but the shared ones identifies it. */
export const CEN_ATTACHMENT_FIELDS = declareFields<CenChildInstanceAttachmentArgs, ScopeArgs>()({
  /** The CEN instance the network instance is attached to. */
  cenId: text(/^cen-[a-z0-9]+$/, "a CEN instance ID such as cen-7qthudw0ll6jmc", {
    onChange: "replace",
    required: true,
  }),
  /** The network instance attached: a VPC (`vpc-...`), VBR (`vbr-...`) or CCN (`ccn-...`). */
  childInstanceId: text(/^(vpc|vbr|ccn)-[a-z0-9]+$/, "a VPC, VBR or CCN ID (vpc-..., vbr-..., ccn-...)", {
    onChange: "replace",
    required: true,
  }),
  /** The kind of network instance: the one given, or the one inferred from `childInstanceId`. */
  childInstanceType: oneOf<NetworkInstanceType, true>(["VPC", "VBR", "CCN"], { onChange: "replace", filled: true }),
  /** UID of the account owning the network instance, when it is not the CEN owner. */
  childInstanceOwnerId: uid({ onChange: "replace" }),
  ...ADOPTION_FIELDS,
  /** `Attached` once created (`Attaching` if create's wait ran out first); a refresh reads it again. */
  status: computed<CenAttachmentStatus>(),
  /** When the attach was asked for, as CEN reports it (UTC, to the minute: `2026-01-05T08:47Z`). */
  attachTime: computed<string>(),
});

/**
 * Attaches a VPC, VBR or CCN to a CEN instance, as the CEN instance's owner: one of its own, or
 * another account's that its owner granted to the CEN instance (a `CenGrantRevocation` in
 * that account's stack or program). Destroying the resource detaches it.
 */
export class CenChildInstanceAttachment extends resourceClass<
  CenChildInstanceAttachmentArgs,
  typeof CEN_ATTACHMENT_FIELDS
>({
  kind: "CenChildInstanceAttachment",
  provider,
  fields: CEN_ATTACHMENT_FIELDS,
}) {}
