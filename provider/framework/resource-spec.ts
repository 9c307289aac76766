// What a resource says of itself to the lifecycle framework (lifecycle.ts): its fields, how to
// read, make and remove its object, in one of three create styles; and the failures by which it
// tells the framework that an object cannot be there, or was made and must be recorded.
import type { ProductName } from "../../api/contract.js";
import type { AlibabaCloudError } from "../client/errors.js";
import type { Refine } from "./check.js";
import { OWNER_KEY, PROVIDER_KEY, type ScopeInputs, TIMEOUTS_KEY } from "./common-fields.js";
import type { Operation, Timeouts } from "./operation.js";
import type { Fields, InputField, StoredInputs, StoredOutputs } from "./schema.js";

/** The hidden inputs the program side adds to every resource (common-fields.ts). */
interface HiddenInputs {
  [TIMEOUTS_KEY]?: Timeouts;
  [OWNER_KEY]?: string;
}

/** The names of a resource's own inputs. */
export type InputKey<F extends Fields> = { [K in keyof F]: F[K] extends InputField<unknown> ? K : never }[keyof F] &
  string;

/** The checked inputs of a resource with fields `F`, as stored in state. */
export type Inputs<F extends Fields> = StoredInputs<F> & ScopeInputs & HiddenInputs;
/** The outputs of a resource with fields `F`: the inputs and the computed fields. */
export type Outputs<F extends Fields> = StoredOutputs<F> & ScopeInputs & HiddenInputs;

/**
 * Set for one `pulumi up` after a run was cut off, it makes create record an object that already
 * exists as this stack's own (its create was cut off before the engine recorded it). Objects of
 * resources named by their inputs carry no mark of who made them, so the user says so.
 */
export const RECOVER_ENV = "ALICLOUD_DYNAMIC_RECOVER_INTERRUPTED";

/**
 * A failure after the object was made: thrown with the object's id and properties, so that the
 * engine records it (and reports the failure) instead of leaving it outside the state. The next
 * `up` updates it. The properties carry the serialized provider, without which the engine could
 * neither refresh nor delete the recorded object.
 */
export class CreatedButFailed extends Error {
  /** The id of the object that was made. */
  readonly id: string;
  /** What the state records of it. */
  readonly properties: Record<string, unknown>;
  /** Why the operation failed. */
  readonly reasons: string[];

  constructor(id: string, outs: object, inputs: object, reason: string) {
    super(reason);
    this.name = "CreatedButFailed";
    this.id = id;
    this.properties = { ...outs, [PROVIDER_KEY]: (inputs as Record<string, unknown>)[PROVIDER_KEY] };
    this.reasons = [reason];
  }
}

/**
 * Thrown by a probe when the object cannot be there at all: its network instance does not exist,
 * or the instance is linked elsewhere. For `read` and `delete` that means "gone"; for `create`,
 * the message is the error the user sees.
 */
export class Blocked extends Error {
  constructor(message: string) {
    super(message);
    this.name = "Blocked";
  }
}

/** The object a probe found, where "cannot be there" ({@link Blocked}) counts as "not there". */
export async function unlessBlocked<Live>(looking: Promise<Live | undefined>): Promise<Live | undefined> {
  try {
    return await looking;
  } catch (error) {
    if (error instanceof Blocked) return undefined;
    throw error;
  }
}

/** Create for objects named by their inputs (a grant, a link): look, make, wait until visible. */
export interface NaturalKeyCreate<F extends Fields> {
  /** The inputs name the object. */
  readonly style: "natural-key";
  /** The resource id, from the inputs (Terraform's composite form where there is one). */
  id(inputs: Inputs<F>): string;
  /** The call that makes the object. */
  call(op: Operation, inputs: Inputs<F>): Promise<void>;
  /** Codes with which that call says the object exists already. */
  readonly existsCodes: readonly string[];
  /** "Already exists" in words ("vpc-1 is already granted to cen-2"), and the verb that removes it by hand. */
  readonly exists: (inputs: Inputs<F>) => { readonly statement: string; readonly removal: string };
}

/** An object carrying a resource's owner marker, as a {@link ServiceIdCreate} lists it. */
export interface MarkedObject {
  /** Its id. */
  readonly id: string;
  /** Whether something uses it (servers registered with an activation): never removed as an orphan. */
  readonly inUse: boolean;
}

/**
 * Create for objects whose id the service assigns (an activation): the call returns the new id,
 * and the framework does the rest. The call carries the resource's owner marker (a digest of its
 * URN, holdings.ts), by which the framework finds what a create made when its answer was lost (the
 * provider or the CLI killed, the connection dropped after the effect): such an object is deleted,
 * since nothing recorded what only that answer showed, and the create fails asking for another
 * up. Objects kept by `retainOnDelete` carry the marker too, so only what this create's own call
 * made is deleted (absent from the list taken before it), and what a cut-off run left only in the
 * documented recovery update ({@link RECOVER_ENV}). Retries within one call reuse its ClientToken
 * where the action takes one (client/call.ts). Once the object exists, the framework waits for it
 * to show (`ready`), applies the inputs the call cannot carry with the resource's `update`, and
 * records it whatever fails after that ({@link CreatedButFailed}).
 */
export interface ServiceIdCreate<F extends Fields> {
  /** The service assigns the id. */
  readonly style: "service-id";
  /** Makes the object, tagged with `marker` when there is one; returns its id and what only this answer shows. */
  call(
    op: Operation,
    inputs: Inputs<F>,
    marker: string | undefined,
  ): Promise<{ id: string; once?: Partial<Outputs<F>> }>;
  /** The objects that carry `marker`. */
  marked(op: Operation, marker: string): Promise<readonly MarkedObject[]>;
  /** What only the create's answer shows, in words ("its code"), for the error when that answer is lost. */
  readonly returnedOnce: string;
}

/**
 * Create for objects that appear on their own (a server the Cloud Assistant agent registers):
 * nothing is made; the framework waits until `find` sees the object the inputs select, then
 * applies the inputs it does not have yet with the resource's `update`, and records it.
 */
export interface FindCreate<F extends Fields, Live> {
  /** The object appears on its own. */
  readonly style: "find";
  /** Looks once for the object the inputs select: undefined while it has not appeared. Throws when they select several. */
  find(op: Operation, inputs: Inputs<F>): Promise<Live | undefined>;
  /** The resource id of a found object. */
  idOf(live: Live): string;
  /**
   * What create waits for, in words shown while it waits, and for how long; undefined when the
   * inputs name an object that must exist already.
   */
  waitFor(inputs: Inputs<F>): { readonly what: string; readonly timeoutMs: number } | undefined;
  /** The error when an object that must exist already is not there. */
  missing(inputs: Inputs<F>): string;
}

/** How an object is removed. */
export interface RemoveStep<F extends Fields> {
  /** The call that removes it. */
  call(op: Operation, id: string, props: Outputs<F>): Promise<void>;
  /** Codes with which that call says the object is already gone: a successful delete. */
  readonly goneCodes: readonly string[];
  /** Codes that a retry will not fix, with what the user must do first. */
  readonly refusals?: Readonly<Record<string, (props: Outputs<F>, error: AlibabaCloudError) => string>>;
  /** Wait until the probe no longer finds the object (eventually consistent Describe calls). */
  readonly waitUntilGone: boolean;
}

/**
 * The owner tag of objects that take tags (holdings.ts): written when a resource takes the object,
 * read by delete, which leaves alone an object whose tag names another resource.
 */
export interface OwnerTagging {
  /** The owner digest the object carries; undefined when it carries none, or is gone. */
  read(op: Operation, id: string): Promise<string | undefined>;
  /** Tags the object with `owner`, replacing the tag it had. */
  write(op: Operation, id: string, owner: string): Promise<void>;
}

/** Everything that is a resource's own; see the module comment. */
export interface ResourceSpec<F extends Fields, Live> {
  /** The resource's own fields (the shared ones are added). */
  readonly fields: F;
  /** Cross-field rules, and values filled in from other inputs. */
  readonly refine?: Refine<Inputs<F>>;
  /** The products whose actions the resource calls (STS aside: role assumption adds it). */
  readonly products: readonly ProductName[];
  /** The regions where the resource's service exists, when not every region has it. */
  readonly regions?: { readonly service: string; readonly ids: readonly string[] };
  /** The object in words, for messages ("the grant of vpc-1 to cen-2"). */
  describe(subject: Inputs<F>): string;
  /** Reads the live object; undefined when it does not exist. May throw {@link Blocked}. */
  probe(op: Operation, subject: Inputs<F>, id: string | undefined): Promise<Live | undefined>;
  /**
   * Whether a live object has settled in the state that create waits for (an attachment
   * `Attached`, not still `Attaching`); without it, any live object is. Read and delete count an
   * unsettled object as present. (The AWS CDK provider framework's `isComplete`.)
   */
  ready?(live: Live): boolean;
  /**
   * Whether a live object is on its way out (an attachment `Detaching`): create and read count it
   * as absent, and delete waits until it is gone altogether.
   */
  leaving?(live: Live): boolean;
  /** The outputs from the inputs, the live object (undefined: made, not visible yet), and the outputs before. */
  outputs(inputs: Inputs<F>, live: Live | undefined, previous: Partial<Outputs<F>> | undefined): Outputs<F>;
  /** How the object is made: named by its inputs, given an id by the service, or found. */
  readonly create: NaturalKeyCreate<F> | ServiceIdCreate<F> | FindCreate<F, Live>;
  /** How it is removed. */
  readonly remove: RemoveStep<F>;
  /**
   * Applies changed `update` inputs; without it, an update only records the new inputs. A
   * service-id or find create also runs it, with `olds` from the object just made or found, to
   * apply what the create call cannot carry: it must do nothing where `olds` already match.
   */
  update?(op: Operation, id: string, olds: Outputs<F>, news: Inputs<F>): Promise<Outputs<F>>;
  /**
   * Inputs whose change replaces the object only in some cases (a one-way flag turned back); where
   * a rule says false, the change is made in place. Every other change does what its field's `onChange` says.
   */
  readonly replaceWhen?: { readonly [K in InputKey<F>]?: (olds: Outputs<F>, news: Inputs<F>) => boolean };
  /** Whether a replacement must remove the old object first (both would share a natural key). */
  deleteBeforeReplace?(olds: Outputs<F>, news: Inputs<F>): boolean;
  /**
   * How long each operation's calls are retried when customTimeouts do not say (Terraform's
   * timeouts for the same resource), in customTimeouts' format; never less than the settings' retry deadline.
   */
  readonly defaultTimeouts?: Timeouts;
  /** The owner tag, for objects that several resources may take (a server any stack can find). */
  readonly ownerTag?: OwnerTagging;
}
