// Seed appliers of the STS product's tables: each checks one seed entry (naming the field it
// refuses) and turns it into a row.
import { createHash } from "node:crypto";
import { list, need, optInt, optString, SeedError } from "../world/seed-checks.js";
import type { SeededRow, SeedScope } from "../world/table-spec.js";
import { PolicyGrammarError, parsePolicy } from "./policy.js";
import type { InstanceRamRoleSeed, OidcProviderSeed, RamRoleSeed } from "./seed-types.js";
import type { InstanceRamRole, OidcProvider, RamRole } from "./types.js";

/** Role names as RAM allows them. */
export const ROLE_NAME = /^[A-Za-z0-9.-]{1,64}$/;

/** A role's key in its account's table: RAM compares role names without case. */
export function roleKey(roleName: string): string {
  return roleName.toLowerCase();
}

/** A stable 19-digit ID for a name (RAM's role IDs are long digit strings). */
function digitsOf(text: string): string {
  const hex = createHash("sha256").update(text).digest("hex").slice(0, 15);
  return `3${BigInt(`0x${hex}`).toString().padStart(18, "0").slice(0, 18)}`;
}

export function seedRamRole(seed: RamRoleSeed, where: string, scope: SeedScope): SeededRow<RamRole> {
  const roleName = need(seed?.roleName, `${where}.roleName`);
  if (!ROLE_NAME.test(roleName)) throw new SeedError(`${where}.roleName must be 1 to 64 letters, digits, . or -`);
  let trustPolicy: RamRole["trustPolicy"];
  try {
    trustPolicy = parsePolicy(seed.trustPolicy);
  } catch (error) {
    if (error instanceof PolicyGrammarError) throw new SeedError(`${where}.trustPolicy: ${error.message}`);
    throw error;
  }
  const maxSessionDuration = optInt(seed.maxSessionDuration, `${where}.maxSessionDuration`, 3600);
  if (maxSessionDuration < 3600 || maxSessionDuration > 43200) {
    throw new SeedError(`${where}.maxSessionDuration must be from 3600 to 43200 seconds`);
  }
  const allowedActions =
    seed.allowedActions === undefined
      ? ["*"]
      : list(seed.allowedActions, `${where}.allowedActions`).map((p, i) => need(p, `${where}.allowedActions[${i}]`));
  const row: RamRole = {
    roleName,
    roleId: digitsOf(`${where}|${roleName}|${JSON.stringify(trustPolicy)}`),
    trustPolicy,
    maxSessionDuration,
    allowedActions,
    description: optString(seed.description, `${where}.description`, ""),
    createDate: scope.now,
  };
  return { key: roleKey(roleName), row };
}

export function seedOidcProvider(seed: OidcProviderSeed, where: string, scope: SeedScope): SeededRow<OidcProvider> {
  const providerName = need(seed?.providerName, `${where}.providerName`);
  if (!ROLE_NAME.test(providerName)) {
    throw new SeedError(`${where}.providerName must be 1 to 64 letters, digits, . or -`);
  }
  const issuerUrl = need(seed.issuerUrl, `${where}.issuerUrl`);
  if (!/^https:\/\/[^\s]+$/.test(issuerUrl)) throw new SeedError(`${where}.issuerUrl must be an https URL`);
  const clientIds =
    seed.clientIds === undefined
      ? ["sts.aliyuncs.com"]
      : list(seed.clientIds, `${where}.clientIds`).map((c, i) => need(c, `${where}.clientIds[${i}]`));
  return { key: providerName, row: { providerName, issuerUrl, clientIds, createDate: scope.now } };
}

export function seedInstanceRamRole(seed: InstanceRamRoleSeed, where: string): SeededRow<InstanceRamRole> {
  const instanceId = need(seed?.instanceId, `${where}.instanceId`);
  const roleName = need(seed.roleName, `${where}.roleName`);
  return { key: instanceId, row: { instanceId, roleName } };
}
