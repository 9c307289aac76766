// Which resource of the stack holds which object, as this provider process has seen it. One
// provider process serves a whole `pulumi up`, and the engine runs every create and every diff of
// the resources in the program before the deletes of those it dropped. A rename without `aliases`
// is planned as "create the new name, delete the old one at the end": the new resource adopts or
// finds the same object, then the old one's delete would remove it. A delete of an object that
// another resource has just made, adopted or kept in this process releases it instead. Across
// updates, objects that take tags carry an owner tag naming their holder, for the same purpose.
import { createHash } from "node:crypto";

/** The resource that holds an object, and how this process learned of it. */
export interface Holder {
  /** The holder's URN (the program side's hidden `__urn` input). */
  readonly urn: string;
  /** `create`: it made, adopted or found the object in this process; `diff`: it keeps an object it held. */
  readonly via: "create" | "diff";
}

/** The objects of one resource kind held in this process, by their resource id. */
export class Holdings {
  private readonly byId = new Map<string, Holder>();

  /** Records that the resource `urn` holds object `id`. A resource without a URN is not tracked. */
  claim(id: string, urn: string | undefined, via: Holder["via"]): void {
    if (urn) this.byId.set(id, { urn, via });
  }

  /**
   * The holder that a delete of object `id` by the resource `urn` must leave it to, if any: another
   * resource, or a new copy of the same one (a replacement that found the same object). A delete
   * of an object that no other resource claimed goes ahead.
   */
  keeperFor(id: string, urn: string | undefined): Holder | undefined {
    const holder = this.byId.get(id);
    if (holder === undefined) return undefined;
    return holder.urn !== urn || holder.via === "create" ? holder : undefined;
  }
}

/** The resource name at the end of a URN (`urn:pulumi:stack::project::type::name`). */
export function nameInUrn(urn: string): string {
  const at = urn.lastIndexOf("::");
  return at < 0 ? urn : urn.slice(at + 2);
}

/** The tag key that names the resource holding an object, on objects that take tags. */
export const OWNER_TAG = "pulumi:owner";

/** The owner tag's value for the resource `urn`: a digest, since URNs outgrow a tag value. */
export function ownerDigest(urn: string | undefined): string | undefined {
  return urn ? createHash("sha256").update(urn).digest("hex") : undefined;
}
