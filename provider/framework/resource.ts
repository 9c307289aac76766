// The program side of every resource: a `pulumi.dynamic.Resource` registered with the kind's
// serialized provider, every declared property (so that each output exists on the object), the
// resource's customTimeouts for the provider, and its secret outputs. Loads no client code.
import * as pulumi from "@pulumi/pulumi";
import type { ResourceKind } from "../kinds.js";
import { OWNER_KEY, SCOPE_FIELDS, type ScopeInputs, TIMEOUTS_KEY } from "./common-fields.js";
import { withholdDebugAnswers } from "./debug-redaction.js";
import { refusePlaintextCredentials } from "./plaintext-guard.js";
import type { Fields, OutputProperties, StoredOutputs } from "./schema.js";

/** Every stored property of a resource with fields `F`, the shared ones included. */
export type ResourceOutputs<F extends Fields> = StoredOutputs<F> & ScopeInputs;

/** What the program side needs to know of a resource kind. */
export interface ResourceDeclaration<F extends Fields> {
  /** The kind, as in the type token `pulumi-nodejs:dynamic/alicloud:<kind>`. */
  readonly kind: ResourceKind;
  /** The kind's provider module (`providers/<module>`), whose exports object is the provider. */
  readonly provider: pulumi.dynamic.ResourceProvider;
  /** The kind's own fields. */
  readonly fields: F;
}

/** A resource class of this package: constructed like any Pulumi resource, with one Output per stored property. */
export type ResourceClass<Args, F extends Fields> = new (
  name: string,
  args: Args,
  opts?: pulumi.CustomResourceOptions,
) => pulumi.dynamic.Resource & OutputProperties<ResourceOutputs<F>>;

/** The base class of one resource kind; each resource class extends the one made for it. */
export function resourceClass<Args extends object, F extends Fields>(
  declaration: ResourceDeclaration<F>,
): ResourceClass<Args, F> {
  const { kind, provider, fields } = declaration;
  const type = `pulumi-nodejs:dynamic/alicloud:${kind}`;
  const keys = [...Object.keys(SCOPE_FIELDS), ...Object.keys(fields)];
  const secrets = Object.entries(fields)
    .filter(([, field]) => field.role === "computed" && field.secret)
    .map(([key]) => key);

  class Resource extends pulumi.dynamic.Resource {
    constructor(name: string, args: Args, opts?: pulumi.CustomResourceOptions) {
      refusePlaintextCredentials();
      // The SDK's debug line of each registration's answer would show secret outputs in plain
      // text. Wrapped when the first such resource is declared, so that importing changes nothing.
      if (secrets.length > 0) withholdDebugAnswers(type);
      // Every property starts unknown, so that each is an output of the resource; given args override.
      const props: Record<string, unknown> = { ...Object.fromEntries(keys.map((key) => [key, undefined])), ...args };
      if (opts?.customTimeouts) props[TIMEOUTS_KEY] = { ...opts.customTimeouts };
      // The URN marks what this resource made. Under the stack itself it is known now; under a
      // component it waits for the parent's (an Output, which costs each registration a turn).
      props[OWNER_KEY] = opts?.parent
        ? pulumi.createUrn(name, type, opts.parent)
        : `urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::${type}::${name}`;
      const options = secrets.length > 0 ? pulumi.mergeOptions(opts, { additionalSecretOutputs: secrets }) : opts;
      super(provider, name, props, options, "alicloud", kind);
    }
  }
  return Resource as unknown as ResourceClass<Args, F>;
}
