// Two accounts grant their VPCs to a central CEN instance owned by a third (the network hub), and
// the hub attaches them. Each grant acts with the credentials of the account that owns the VPC,
// and each attachment with the hub's, through CLI profiles: the per-resource `profile` is what
// aliased providers are in Terraform.
import * as pulumi from "@pulumi/pulumi";
import { CenChildInstanceAttachment, CenGrantRevocation } from "pulumi-alicloud-dynamic";

/** One VPC of one account, and the CLI profile that acts as that account. */
export interface SpokeVpc {
  /** A profile in ~/.aliyun/config.json holding the account's credentials. */
  profile: string;
  /** UID of the account that owns the VPC, as a string of digits. */
  ownerId: string;
  /** The account's VPC to grant to the hub's CEN instance. */
  vpcId: string;
  /** The VPC's region. */
  regionId: string;
}

const EMULATOR_SPOKES: SpokeVpc[] = [
  { profile: "shop-account", ownerId: "1234567890123456", vpcId: "vpc-bp1emumainlink0000001", regionId: "cn-hangzhou" },
  {
    profile: "analytics-account",
    ownerId: "1111222233334444",
    vpcId: "vpc-bp1emuotherlink000001",
    regionId: "cn-hangzhou",
  },
];

/** Declares one grant and one attachment per spoke VPC and returns the stack outputs. */
export function crossAccountCen() {
  const config = new pulumi.Config();
  const cenId = config.get("cenId") ?? "cen-emuowner0000000001";
  const cenOwnerId = config.get("cenOwnerId") ?? "9300000000000007";
  const hubProfile = config.get("hubProfile") ?? "hub-account";
  const spokes = config.getObject<SpokeVpc[]>("spokes") ?? EMULATOR_SPOKES;

  const pairs = spokes.map((spoke) => {
    const grant = new CenGrantRevocation(`grant-${spoke.profile}`, {
      cenId,
      cenOwnerId,
      instanceId: spoke.vpcId,
      regionId: spoke.regionId,
      profile: spoke.profile,
    });
    // The hub can attach the VPC only once its owner granted it; on destroy it detaches first.
    const attachment = new CenChildInstanceAttachment(
      `attach-${spoke.profile}`,
      {
        cenId,
        childInstanceId: spoke.vpcId,
        childInstanceOwnerId: spoke.ownerId,
        regionId: spoke.regionId,
        profile: hubProfile,
      },
      { dependsOn: [grant] },
    );
    return { grant, attachment };
  });
  return {
    hubCen: cenId,
    grants: pairs.map(({ grant }) => grant.id),
    attachments: pairs.map(({ attachment }) => attachment.id),
  };
}
