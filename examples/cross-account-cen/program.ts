// Two accounts grant their VPCs to a central CEN instance owned by a third (the network hub), and
// the hub attaches them. Each grant acts with the credentials of the account that owns the VPC,
// and each attachment with the hub's, through CLI profiles: the per-resource `profile` is what
// aliased providers are in Terraform. With `central: true` the stack runs with the hub's
// credentials alone, and each grant assumes a role of the spoke account (`assumeRole`). With
// `edition: enterprise` the hub's CEN has Enterprise Edition transit routers: each account grants
// its VPC to the transit router (`TransitRouterGrant`), and the hub attaches it with a transit
// router VPC attachment of its own (@pulumi/alicloud's TransitRouterVpcAttachment, not shown here).
import * as pulumi from "@pulumi/pulumi";
import { CenChildInstanceAttachment, CenGrantRevocation, TransitRouterGrant } from "pulumi-alicloud-dynamic";

/** One VPC of one account, and how to act as that account: a CLI profile, or a role to assume. */
export interface SpokeVpc {
  /** A short name for the account, used in resource names; defaults to `profile`. */
  name?: string;
  /** A profile in ~/.aliyun/config.json holding the account's credentials. */
  profile?: string;
  /** Instead of a profile: a role of the account that the hub's credentials assume. */
  assumeRole?: { roleArn: string; externalId?: string };
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

// The same VPCs for a central run: the emulator's default world has a `cen-granter` role in each
// spoke account that the hub's account may assume (the second one only with an agreed ExternalId).
const EMULATOR_CENTRAL_SPOKES: SpokeVpc[] = [
  {
    name: "shop-account",
    assumeRole: { roleArn: "acs:ram::1234567890123456:role/cen-granter" },
    ownerId: "1234567890123456",
    vpcId: "vpc-bp1emumainlink0000001",
    regionId: "cn-hangzhou",
  },
  {
    name: "analytics-account",
    assumeRole: { roleArn: "acs:ram::1111222233334444:role/cen-granter", externalId: "emu-hub-external-0001" },
    ownerId: "1111222233334444",
    vpcId: "vpc-bp1emuotherlink000001",
    regionId: "cn-hangzhou",
  },
];

/** Declares one grant (and, for a Basic Edition CEN, one attachment) per spoke VPC; returns the stack outputs. */
export function crossAccountCen() {
  const config = new pulumi.Config();
  // The emulator's default world has one CEN of each edition.
  const enterprise = (config.get("edition") ?? "basic") === "enterprise";
  const cenId = config.get("cenId") ?? (enterprise ? "cen-emuowner0000000003" : "cen-emuowner0000000001");
  const cenOwnerId = config.get("cenOwnerId") ?? "9300000000000007";
  // Central: the stack's own credentials are the hub's, and the grants assume the spokes' roles.
  const central = config.getBoolean("central") ?? false;
  const hubProfile = central ? undefined : (config.get("hubProfile") ?? "hub-account");
  const spokes = config.getObject<SpokeVpc[]>("spokes") ?? (central ? EMULATOR_CENTRAL_SPOKES : EMULATOR_SPOKES);

  const actAs = (spoke: SpokeVpc) => (spoke.assumeRole ? { assumeRole: spoke.assumeRole } : { profile: spoke.profile });
  if (enterprise) {
    const grants = spokes.map(
      (spoke) =>
        new TransitRouterGrant(`tr-grant-${spoke.name ?? spoke.profile ?? spoke.vpcId}`, {
          cenId,
          cenOwnerId,
          instanceId: spoke.vpcId,
          regionId: spoke.regionId,
          ...actAs(spoke),
        }),
    );
    return { hubCen: cenId, grants: grants.map((grant) => grant.id), attachments: [] };
  }

  const pairs = spokes.map((spoke) => {
    const name = spoke.name ?? spoke.profile ?? spoke.vpcId;
    const grant = new CenGrantRevocation(`grant-${name}`, {
      cenId,
      cenOwnerId,
      instanceId: spoke.vpcId,
      regionId: spoke.regionId,
      ...actAs(spoke),
    });
    // The hub can attach the VPC only once its owner granted it; on destroy it detaches first.
    const attachment = new CenChildInstanceAttachment(
      `attach-${name}`,
      {
        cenId,
        childInstanceId: spoke.vpcId,
        childInstanceOwnerId: spoke.ownerId,
        regionId: spoke.regionId,
        ...(hubProfile ? { profile: hubProfile } : {}),
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
