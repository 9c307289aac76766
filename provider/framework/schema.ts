// A resource's fields, declared once: which are inputs (and what a valid value is), which are
// computed outputs, and which inputs replace the object when they change. The argument types users
// write, the inputs stored in state, the outputs and the class properties all derive from this.
// Program side: pure data and pure functions; loads no client code and reads no environment.
import type * as pulumi from "@pulumi/pulumi";

/** Why a value was refused, in words that say what is allowed. */
export class Refusal {
  /** @param reason the whole sentence shown to the user, naming the property. */
  constructor(readonly reason: string) {}
}

/** What an input's change does to the object: replace it, or update it in place. */
export type OnChange = "replace" | "update";

/** An input property: how a given value is checked and stored. */
export interface InputField<Stored, Present extends boolean = boolean> {
  readonly role: "input";
  /** What a change of this input does. */
  readonly onChange: OnChange;
  /** Whether the user must give it. */
  readonly required: boolean;
  /** Whether the checked inputs always hold a value (required, or filled in by `check`). */
  readonly present: Present;
  /** What a valid value is, in words ("a VPC ID such as vpc-..."). */
  readonly allowed: string;
  /** Returns the stored form of a given, known value, or why it is refused. */
  readonly parse: (value: unknown, name: string) => Stored | Refusal;
  /**
   * Whether its output is what Alibaba Cloud reports (a server's name): an omitted input leaves the
   * object as it is, so the diff compares only a given value.
   */
  readonly reported?: boolean;
  /** What an omitted input means, for the diff (a flag omitted is false); the output holds the live value. */
  readonly default?: Stored;
}

/** A computed output: reported by Alibaba Cloud or derived by the provider. */
export interface ComputedField<Stored> {
  readonly role: "computed";
  /** Whether Pulumi must keep it encrypted. */
  readonly secret: boolean;
  /** Phantom: the stored type. */
  readonly stored?: Stored;
}

/** Any field. */
export type Field = InputField<unknown> | ComputedField<unknown>;

/** A resource's own fields by property name (the framework adds the shared ones: see scope.ts). */
export type Fields = Readonly<Record<string, Field>>;

type StoredOf<F> = F extends InputField<infer S> ? S : F extends ComputedField<infer S> ? S : never;

// Mapped with `as` clauses so that each property keeps its declaration, and with it its JSDoc.

/** The checked inputs of the resource's own fields, as stored in state. */
export type StoredInputs<F extends Fields> = {
  -readonly [K in keyof F as F[K] extends InputField<unknown, true> ? K : never]: StoredOf<F[K]>;
} & {
  -readonly [K in keyof F as F[K] extends InputField<unknown, true>
    ? never
    : F[K] extends InputField<unknown>
      ? K
      : never]?: StoredOf<F[K]>;
};

/** The computed outputs of the resource's own fields. */
export type ComputedOutputs<F extends Fields> = {
  -readonly [K in keyof F as F[K] extends ComputedField<unknown> ? K : never]: StoredOf<F[K]>;
};

/** Every stored property of the resource's own fields: the inputs, then the computed outputs (which win where names meet). */
export type StoredOutputs<F extends Fields> = Omit<StoredInputs<F>, keyof ComputedOutputs<F>> & ComputedOutputs<F>;

/** The class properties of a resource: one `Output` per stored property. */
export type OutputProperties<Stored> = { readonly [K in keyof Stored]-?: pulumi.Output<NonNullable<Stored[K]>> };

type ExactInputs<F, Args> = {
  [K in keyof F]: F[K] extends InputField<unknown> ? (K extends keyof Args ? F[K] : never) : F[K];
};

/**
 * Declares a resource's own fields against its argument type: every argument (besides the shared
 * `Shared` ones) needs a rule, and a rule for an input the arguments lack fails to compile.
 */
export function declareFields<Args, Shared>() {
  return <const F extends { readonly [K in Exclude<keyof Args, keyof Shared>]-?: InputField<unknown> } & Fields>(
    fields: F & ExactInputs<F, Args>,
  ): F => fields;
}

const MAX_SHOWN = 64;

/** A value as an error message quotes it: JSON, cut short so a huge value is not repeated whole. */
export function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}... (${text.length} characters)` : text;
}

interface FieldOptions<Present extends boolean> {
  /** What a change does. */
  readonly onChange: OnChange;
  /** The output is what the service reports; an omitted input is not a change (see InputField.reported). */
  readonly reported?: boolean;
  /** The input must be given. */
  readonly required?: Present;
  /** The input may be omitted, and the resource's `check` then fills it in (from other inputs or config). */
  readonly filled?: Present;
}

function input<S, P extends boolean>(
  options: FieldOptions<P>,
  allowed: string,
  parse: (value: unknown, name: string) => S | Refusal,
): InputField<S, P> {
  const present = (options.required ?? false) || (options.filled ?? false);
  return {
    role: "input",
    onChange: options.onChange,
    required: options.required ?? false,
    present: present as P,
    allowed,
    parse,
    reported: options.reported ?? false,
  };
}

/** A string matching `pattern`; `allowed` says in words what matches ("a VPC ID such as vpc-..."). */
export function text<P extends boolean = false>(
  pattern: RegExp,
  allowed: string,
  options: FieldOptions<P> & { readonly maxLength?: number },
): InputField<string, NoInfer<P>> {
  const maxLength = options.maxLength ?? 256;
  return input(options, allowed, (value, name) =>
    typeof value === "string" && value.length <= maxLength && pattern.test(value)
      ? value
      : new Refusal(`${name} must be ${allowed}; got ${shown(value)}`),
  );
}

/** One of a fixed set of strings. */
export function oneOf<T extends string, P extends boolean = false>(
  values: readonly T[],
  options: FieldOptions<P>,
): InputField<T, NoInfer<P>> {
  const quoted = values.map((v) => `"${v}"`);
  const allowed = quoted.length > 1 ? `${quoted.slice(0, -1).join(", ")} or ${quoted.at(-1)}` : `${quoted[0]}`;
  return input(options, allowed, (value, name) =>
    values.includes(value as T) ? (value as T) : new Refusal(`${name} must be ${allowed}; got ${shown(value)}`),
  );
}

/** A boolean; `default` is what omitting it means. */
export function flag(options: FieldOptions<false> & { readonly default?: boolean }): InputField<boolean, false> {
  const field = input(options, "true or false", (value, name) =>
    typeof value === "boolean" ? value : new Refusal(`${name} must be true or false; got ${shown(value)}`),
  );
  return options.default === undefined ? field : { ...field, default: options.default };
}

/** A whole number within [min, max]. */
export function integer(min: number, max: number, options: FieldOptions<false>): InputField<number, false> {
  const allowed = `a whole number from ${min} to ${max}`;
  return input(options, allowed, (value, name) =>
    typeof value === "number" && Number.isInteger(value) && value >= min && value <= max
      ? value
      : new Refusal(`${name} must be ${allowed}; got ${shown(value)}`),
  );
}

/**
 * An Alibaba Cloud account UID, kept as an exact string of digits (UIDs exceed 2^53); a JS number
 * is accepted only when it is a safe, non-negative integer.
 */
export function uid<P extends boolean = false>(options: FieldOptions<P>): InputField<string, NoInfer<P>> {
  const allowed = "an account UID, a string of up to 20 digits";
  return input(options, allowed, (value, name) => {
    if (typeof value === "string" && /^[1-9][0-9]{0,19}$/.test(value)) return value;
    if (typeof value === "number" && Number.isSafeInteger(value) && value > 0) return String(value);
    if (typeof value === "number" && Number.isInteger(value) && value > Number.MAX_SAFE_INTEGER) {
      return new Refusal(
        `${name} ${value} is above 2^53 and cannot be exact as a JavaScript number: pass the UID as a string of digits`,
      );
    }
    if (typeof value === "number") {
      return new Refusal(`${name} must be a positive whole number (an account UID); got ${shown(value)}`);
    }
    return new Refusal(`${name} must be ${allowed}; got ${shown(value)}`);
  });
}

/** Any value `parse` accepts (objects, maps); `allowed` says what that is. */
export function custom<S, P extends boolean = false>(
  options: FieldOptions<P>,
  allowed: string,
  parse: (value: unknown, name: string) => S | Refusal,
): InputField<S, NoInfer<P>> {
  return input(options, allowed, parse);
}

/** A computed output. */
export function computed<T>(options: { readonly secret?: boolean } = {}): ComputedField<T> {
  return { role: "computed", secret: options.secret ?? false };
}
