// The one path for every change to the world, whether an RPC action or an admin call makes it:
// apply it, save the world before anything is answered, then count its effects. Table writes mark
// the world changed themselves, so a change that wrote nothing saves nothing.
import type { Counters } from "./counters.js";

/** What applying a change needs from the emulator. */
export interface ChangeHost {
  readonly counters: Counters;
  /**
   * Saves the world if it changed. When saving fails it puts back the world last saved and throws
   * (the caller answers 500 InternalError).
   */
  persist(): void;
}

/**
 * Applies a change: `change` gets a log for the effects it had (`GrantInstanceToCen:<cen>:...`);
 * `beforeSave` runs on its result before saving (what must be saved with it, such as a completed
 * ClientToken). Effects are counted only once saved: a change that throws, or whose save fails,
 * counts nothing.
 */
export function applyChange<T>(
  host: ChangeHost,
  change: (effect: (key: string) => void) => T,
  beforeSave?: (result: T) => void,
): T {
  const effects: string[] = [];
  const result = change((key) => effects.push(key));
  beforeSave?.(result);
  host.persist();
  for (const key of effects) host.counters.effect(key);
  return result;
}
