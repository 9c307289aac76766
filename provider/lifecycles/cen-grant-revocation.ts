// How a CEN grant is read, made and removed. The grant has no id of its own: it is named by the
// network instance, the CEN instance and its owner (Terraform's `<cenId>:<instanceId>:<cenOwnerId>`).
import { DescribeGrantRulesToCen, GrantInstanceToCen, RevokeInstanceFromCen } from "../../api/vpc.js";
import { codesFor } from "../client/error-handling.js";
import { AlibabaCloudError } from "../client/errors.js";
import { uidToString } from "../client/numbers.js";
import type { Failures } from "../framework/check.js";
import type { Operation } from "../framework/operation.js";
import { Blocked, type Inputs, type ResourceSpec } from "../framework/resource-spec.js";
import { CEN_GRANT_FIELDS, type NetworkInstanceType } from "../resources/cen-grant-revocation.js";

type Grant = Inputs<typeof CEN_GRANT_FIELDS>;

const TYPE_BY_PREFIX: Record<string, NetworkInstanceType> = { vpc: "VPC", vbr: "VBR", ccn: "CCN" };
const PAGE_SIZE = 50;

/** The grant rule as DescribeGrantRulesToCen lists it. */
interface GrantRule {
  creationTime: string;
}

/** The resource id, as Terraform writes it: `<cenId>:<instanceId>:<cenOwnerId>`. */
export function grantId(grant: Pick<Grant, "cenId" | "instanceId" | "cenOwnerId">): string {
  return `${grant.cenId}:${grant.instanceId}:${grant.cenOwnerId}`;
}

const notFound = (grant: Grant) =>
  `${grant.instanceType} ${grant.instanceId} was not found in ${grant.regionId} for these credentials`;

/** The rule of this grant, or undefined; Blocked when the network instance itself is not there. */
async function findRule(op: Operation, grant: Grant): Promise<GrantRule | undefined> {
  for (let page = 1; ; page += 1) {
    const answer = await op
      .call(DescribeGrantRulesToCen, {
        InstanceId: grant.instanceId,
        InstanceType: grant.instanceType,
        PageNumber: page,
        PageSize: PAGE_SIZE,
      })
      .catch((error: unknown) => {
        if (error instanceof AlibabaCloudError && error.code === "InvalidInstanceId.NotFound") {
          throw new Blocked(notFound(grant));
        }
        throw error;
      });
    const rules = answer.CenGrantRules?.CbnGrantRule ?? [];
    for (const rule of rules) {
      const owner = uidToString(rule?.CenOwnerId) ?? String(rule?.CenOwnerId ?? "");
      // Some answers carry CenOwnerId 0 (spec §5.3); a CEN id alone is unique, so accept that.
      if (rule?.CenInstanceId === grant.cenId && (owner === grant.cenOwnerId || owner === "0" || owner === "")) {
        return { creationTime: String(rule.CreationTime ?? "") };
      }
    }
    if (rules.length === 0 || page * PAGE_SIZE >= Number(answer.TotalCount ?? 0)) return undefined;
  }
}

const grantParams = (grant: Grant) => ({
  CenId: grant.cenId,
  CenOwnerId: grant.cenOwnerId,
  InstanceId: grant.instanceId,
  InstanceType: grant.instanceType,
});

/**
 * Fills in a network instance's type from its id's prefix (`vpc-`, `vbr-`, `ccn-` by default), or
 * refuses a given type that contradicts it; shared by the resources that name a network instance.
 */
export function inferNetworkType<K extends string, T extends string, Type extends string = NetworkInstanceType>(
  inputs: { [key in K]?: unknown } & { [key in T]?: Type },
  failures: Failures,
  idKey: K,
  typeKey: T,
  byPrefix: Readonly<Record<string, Type>> = TYPE_BY_PREFIX as Record<string, Type>,
): void {
  const id = inputs[idKey];
  const given = inputs[typeKey] as Type | undefined;
  if (typeof id !== "string" || failures.has(idKey) || failures.has(typeKey)) return;
  const inferred = byPrefix[id.slice(0, 3)];
  if (inferred === undefined) return;
  if (given === undefined) (inputs as Record<string, unknown>)[typeKey] = inferred;
  else if (given !== inferred && Object.values(byPrefix).includes(given)) {
    failures.add(typeKey, `${typeKey} ${given} does not match ${idKey} ${id}, which is a ${inferred}`);
  }
}

/** CenGrantRevocation's lifecycle. */
export const cenGrantRevocation: ResourceSpec<typeof CEN_GRANT_FIELDS, GrantRule> = {
  fields: CEN_GRANT_FIELDS,
  products: ["vpc"],

  refine(inputs, failures) {
    inferNetworkType(inputs, failures, "instanceId", "instanceType");
  },

  describe: (grant) => `the grant of ${grant.instanceId} to ${grant.cenId}`,

  probe: (op, grant) => findRule(op, grant),

  outputs: (inputs, rule, previous) => ({
    ...inputs,
    creationTime: rule?.creationTime ?? previous?.creationTime ?? "",
    adopted: previous?.adopted ?? false,
  }),

  create: {
    style: "natural-key",
    id: grantId,
    existsCodes: codesFor("vpc", "GrantInstanceToCen", "exists"),
    exists: (grant) => ({
      statement: `${grant.instanceId} is already granted to ${grant.cenId} (owner ${grant.cenOwnerId})`,
      removal: "revoke",
    }),
    async call(op, grant) {
      await op.call(GrantInstanceToCen, grantParams(grant)).catch((error: unknown) => {
        // Reached when the look before did not refuse an unknown instance (an empty list instead).
        if (error instanceof AlibabaCloudError && error.code === "InvalidInstanceId.NotFound") {
          throw new Error(`${error.message}. ${notFound(grant)}`);
        }
        throw error;
      });
    },
  },

  remove: {
    async call(op, _id, grant) {
      await op.call(RevokeInstanceFromCen, grantParams(grant));
    },
    // The grant, or the network instance itself, no longer exists (emulator/README.md documents the first).
    goneCodes: codesFor("vpc", "RevokeInstanceFromCen", "gone"),
    // No page says whether a grant can be revoked while the CEN has the instance attached; if not:
    refusals: {
      "InvalidOperation.InstanceAttached": (grant) =>
        `${grant.instanceId} is still attached to ${grant.cenId}, so the grant cannot be revoked. The CEN's owner must ` +
        "detach it first (destroy the CenChildInstanceAttachment, declared with dependsOn this grant), then run destroy again.",
    },
    waitUntilGone: true,
  },

  // Terraform retries GrantInstanceToCen for 3 minutes and RevokeInstanceFromCen for 5
  // (resource_alicloud_cen_instance_grant.go).
  defaultTimeouts: { create: "3m", delete: "5m" },

  // Revoking the old grant after granting a new one with the same natural key would undo the new one.
  deleteBeforeReplace: (olds, news) =>
    olds.cenId === news.cenId && olds.instanceId === news.instanceId && olds.cenOwnerId === news.cenOwnerId,
};
