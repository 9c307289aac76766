// Seed appliers of the CBN product's tables: each checks one seed entry (naming the field it
// refuses) and turns it into a row, visible at once.
import { need, optString, SeedError } from "../world/seed-checks.js";
import type { SeededRow } from "../world/table-spec.js";
import type { CenSeed } from "./seed-types.js";
import type { Cen } from "./types.js";

/** A CEN instance of the account: Basic Edition ones are kept without `transitRouterEdition`. */
export function seedCen(seed: CenSeed, where: string): SeededRow<Cen> {
  const cenId = need(seed?.cenId, `${where}.cenId`);
  const edition = seed.transitRouterEdition;
  if (edition !== undefined && edition !== "Basic" && edition !== "Enterprise") {
    throw new SeedError(`${where}.transitRouterEdition must be "Basic" or "Enterprise"`);
  }
  const row = { cenId, name: optString(seed.name, `${where}.name`, cenId) };
  return { key: cenId, row: edition === "Enterprise" ? { ...row, transitRouterEdition: edition } : row };
}
