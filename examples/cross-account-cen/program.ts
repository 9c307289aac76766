// Two accounts grant their VPCs to a central CEN instance owned by a third (the network hub).
// Each grant acts with the credentials of the account that owns the VPC, through a CLI profile:
// the per-resource `profile` is what two aliased providers are in Terraform.
import * as pulumi from "@pulumi/pulumi";
import { CenGrantRevocation } from "pulumi-alicloud-dynamic";

/** One VPC of one account, and the CLI profile that acts as that account. */
export interface SpokeVpc {
  /** A profile in ~/.aliyun/config.json holding the account's credentials. */
  profile: string;
  /** The account's VPC to grant to the hub's CEN instance. */
  vpcId: string;
  /** The VPC's region. */
  regionId: string;
}

const EMULATOR_SPOKES: SpokeVpc[] = [
  { profile: "shop-account", vpcId: "vpc-bp1emumainlink0000001", regionId: "cn-hangzhou" },
  { profile: "analytics-account", vpcId: "vpc-bp1emuotherlink000001", regionId: "cn-hangzhou" },
];

/** Declares one grant per spoke VPC and returns the stack outputs. */
export function crossAccountCen() {
  const config = new pulumi.Config();
  const cenId = config.get("cenId") ?? "cen-emuowner0000000001";
  const cenOwnerId = config.get("cenOwnerId") ?? "9300000000000007";
  const spokes = config.getObject<SpokeVpc[]>("spokes") ?? EMULATOR_SPOKES;

  const grants = spokes.map(
    (spoke) =>
      new CenGrantRevocation(`grant-${spoke.profile}`, {
        cenId,
        cenOwnerId,
        instanceId: spoke.vpcId,
        regionId: spoke.regionId,
        profile: spoke.profile,
      }),
  );
  return {
    hubCen: cenId,
    grants: grants.map((grant) => grant.id),
  };
}
