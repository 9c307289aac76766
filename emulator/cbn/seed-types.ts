// The CBN product's part of a WorldSeed account (world/seed-types.ts): what each seed list holds.

/** A CEN instance owned by the account. */
export interface CenSeed {
  /** `cen-...` */
  readonly cenId: string;
  /** @default cenId */
  readonly name?: string;
  /** Its transit routers' edition. @default "Basic" */
  readonly transitRouterEdition?: "Basic" | "Enterprise";
}

/** The CBN product's seed lists of an account: list name -> one entry. */
export interface CbnSeedLists {
  /** The account's CEN instances. */
  readonly cens: CenSeed;
}
