// ClassicLinkAttachment: links a classic-network ECS instance to a VPC so that the two can talk
// over private addresses. Create = ECS AttachClassicLinkVpc; destroy = DetachClassicLinkVpc.
// Program side.
import type * as pulumi from "@pulumi/pulumi";
import { ADOPTION_FIELDS, type AdoptionArgs, type ScopeArgs } from "../framework/common-fields.js";
import { resourceClass } from "../framework/resource.js";
import { declareFields, text } from "../framework/schema.js";
import * as provider from "../providers/classic-link-attachment.js";

/** Inputs of {@link ClassicLinkAttachment}. */
export interface ClassicLinkAttachmentArgs extends ScopeArgs, AdoptionArgs {
  /** The classic-network ECS instance to link, e.g. `i-bp1gtjxuuvwj17zr5e6f`. */
  readonly instanceId: pulumi.Input<string>;
  /** The VPC to link it to (ClassicLink must be enabled on it), e.g. `vpc-bp1j4z1sr8zxu4l8u3c4d`. */
  readonly vpcId: pulumi.Input<string>;
}

/** The fields of {@link ClassicLinkAttachment}: the instance and the VPC name the link, so a change replaces it. */
export const CLASSIC_LINK_FIELDS = declareFields<ClassicLinkAttachmentArgs, ScopeArgs>()({
  /** The classic-network ECS instance that is linked. */
  instanceId: text(/^i-[a-z0-9]+$/, "an ECS instance ID such as i-bp1gtjxuuvwj17zr", {
    onChange: "replace",
    required: true,
  }),
  /** The VPC it is linked to. */
  vpcId: text(/^vpc-[a-z0-9]+$/, "a VPC ID such as vpc-bp1j4z1sr8zxu4l8u", { onChange: "replace", required: true }),
  ...ADOPTION_FIELDS,
});

/** Links a classic-network ECS instance to a VPC. Destroying the resource unlinks it. */
export class ClassicLinkAttachment extends resourceClass<ClassicLinkAttachmentArgs, typeof CLASSIC_LINK_FIELDS>({
  kind: "ClassicLinkAttachment",
  provider,
  fields: CLASSIC_LINK_FIELDS,
}) {}
