// The shape every resource's handlers share: Pulumi's dynamic provider methods with the resource's
// own input and output types. Handlers are plain async functions: testable without the engine.
import type * as pulumi from "@pulumi/pulumi";

/** The handlers of one resource kind. */
export interface Lifecycle<Inputs, Outputs> {
  /** Validates and normalises inputs before any API call; tolerates values unknown during preview. */
  check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult<Inputs>>;
  /** Compares the stored outputs with new inputs: identity changes replace, the rest update. */
  diff(id: string, olds: Outputs, news: Inputs): Promise<pulumi.dynamic.DiffResult>;
  /** Creates the object, waits until Alibaba Cloud shows it, and returns its id and outputs. */
  create(inputs: Inputs): Promise<pulumi.dynamic.CreateResult<Outputs>>;
  /** Reads the live object; no id when it is gone, so that `refresh` drops it. */
  read(id: string, props: Outputs): Promise<pulumi.dynamic.ReadResult<Outputs>>;
  /** Applies changes to mutable inputs in place. */
  update(id: string, olds: Outputs, news: Inputs): Promise<pulumi.dynamic.UpdateResult<Outputs>>;
  /** Deletes the object; an object already gone is a success. */
  delete(id: string, props: Outputs): Promise<void>;
}

/** The keys of `news` whose values differ from `olds` (compared as JSON, so lists compare by value). */
export function changedKeys<T extends object>(
  olds: Partial<T>,
  news: Partial<T>,
  keys: readonly (keyof T)[],
): (keyof T)[] {
  return keys.filter((key) => JSON.stringify(olds[key] ?? null) !== JSON.stringify(news[key] ?? null));
}

/**
 * The input properties of a stored object, for `read` to hand back as the resource's inputs.
 * (Pulumi types ReadResult.inputs as the outputs type; inputs are the subset named by `keys`.)
 */
export function inputsOf<T extends object>(props: T, keys: readonly PropertyKey[]): T {
  const source = props as Record<PropertyKey, unknown>;
  return Object.fromEntries(keys.filter((k) => source[k] !== undefined).map((k) => [k, source[k]])) as T;
}
