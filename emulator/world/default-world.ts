// The default world of the contract (emulator/README.md, "The default world"). Every key is fake.
import type { RegionSeed, WorldSeed } from "./seed-types.js";

/** UID of the `main` account. */
export const MAIN_UID = "1234567890123456";
/** UID of the `cen-owner` account (above 2^53 on purpose). */
export const CEN_OWNER_UID = "9300000000000007";
/** UID of the `other` account. */
export const OTHER_UID = "1111222233334444";

/** An AccessKey pair of the default world (with its STS token, for the temporary key). */
export interface DefaultKey {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** STS token (temporary keys only). */
  readonly securityToken?: string;
}

/** The keys of the default world: one source for the seed, the tests, the demo and the benchmarks. */
export const DEFAULT_KEYS = {
  main: { accessKeyId: "LTAI5tEmuMainAccount0001", accessKeySecret: "emu-main-secret-0001" },
  mainSts: {
    accessKeyId: "STS.EmuMainTemporary0001",
    accessKeySecret: "emu-main-sts-secret-0001",
    securityToken: "emu-main-sts-token-0001",
  },
  readOnly: { accessKeyId: "LTAI5tEmuMainReadOnly001", accessKeySecret: "emu-main-readonly-secret-0001" },
  cenOwner: { accessKeyId: "LTAI5tEmuCenOwner0000001", accessKeySecret: "emu-cen-owner-secret-0001" },
  other: { accessKeyId: "LTAI5tEmuOtherAcct000001", accessKeySecret: "emu-other-secret-0001" },
  /** A RAM user of cen-owner that may call anything, AssumeRole included (root keys may not assume roles). */
  hubDeployer: { accessKeyId: "LTAI5tEmuHubDeployer0001", accessKeySecret: "emu-hub-deployer-secret-0001" },
} as const satisfies Record<string, DefaultKey>;

/** The issuer of the default world's OIDC provider. */
export const DEFAULT_OIDC_ISSUER = "https://oidc.emulator.example";

/** The ExternalId that `other`'s role requires of whoever assumes it. */
export const OTHER_ROLE_EXTERNAL_ID = "emu-hub-external-0001";

/** The RAM roles and the OIDC provider of the default world, by ARN. */
export const DEFAULT_ROLES = {
  /** main's role that cen-owner (and only it) may assume: grants, revokes and Describe calls. */
  mainCenGranter: `acs:ram::${MAIN_UID}:role/cen-granter`,
  /** other's role that cen-owner may assume with the ExternalId OTHER_ROLE_EXTERNAL_ID. */
  otherCenGranter: `acs:ram::${OTHER_UID}:role/cen-granter`,
  /** main's role for CI jobs holding a token of the OIDC provider with a subject `ci:...`. */
  mainCiDeployer: `acs:ram::${MAIN_UID}:role/ci-deployer`,
  /** main's role attached to the instance i-bp1emuvpcnet0000001 (the metadata routes serve it). */
  mainEcsInstance: `acs:ram::${MAIN_UID}:role/ecs-instance`,
  /** main's OIDC identity provider. */
  oidcProvider: `acs:ram::${MAIN_UID}:oidc-provider/emu-ci`,
} as const;

const GRANT_ACTIONS = ["GrantInstanceToCen", "RevokeInstanceFromCen", "Describe*", "GetCallerIdentity"];

/** A trust policy letting `principals` of `kind` assume the role, under `condition`. */
function trust(kind: string, principals: string[], condition?: object): object {
  return {
    Version: "1",
    Statement: [
      {
        Effect: "Allow",
        Action: "sts:AssumeRole",
        Principal: { [kind]: principals },
        ...(condition ? { Condition: condition } : {}),
      },
    ],
  };
}

/** The activation code of the default activation (the contract leaves it open; see the README). */
export const DEFAULT_ACTIVATION_CODE = "a-hz0EmuDefaultActivationCode0001";

/** The default regions; Cloud Assistant is not offered in eu-central-1, which also has no classic network. */
export const DEFAULT_REGIONS: readonly RegionSeed[] = [
  { regionId: "cn-hangzhou" },
  { regionId: "cn-shanghai" },
  { regionId: "cn-beijing" },
  { regionId: "cn-shenzhen" },
  { regionId: "ap-southeast-1" },
  { regionId: "us-east-1" },
  { regionId: "eu-central-1", cloudAssistant: false, classicNetwork: false },
];

const HZ = "cn-hangzhou";

/** The default world seed. */
export const DEFAULT_SEED: WorldSeed = {
  regions: DEFAULT_REGIONS,
  accounts: [
    {
      uid: MAIN_UID,
      name: "main",
      accessKeys: [DEFAULT_KEYS.main],
      stsKeys: [DEFAULT_KEYS.mainSts],
      subUsers: [{ name: "readonly", ...DEFAULT_KEYS.readOnly, allowedActions: ["Describe*"] }],
      ramRoles: [
        {
          roleName: "cen-granter",
          description: "lets the network hub grant main's VPCs to its CEN",
          trustPolicy: trust("RAM", [`acs:ram::${CEN_OWNER_UID}:root`]),
          allowedActions: GRANT_ACTIONS,
        },
        {
          roleName: "ci-deployer",
          description: "CI jobs with a token of the emu-ci OIDC provider",
          trustPolicy: trust("Federated", [DEFAULT_ROLES.oidcProvider], {
            StringEquals: { "oidc:iss": DEFAULT_OIDC_ISSUER, "oidc:aud": "sts.aliyuncs.com" },
            StringLike: { "oidc:sub": "ci:*" },
          }),
        },
        {
          roleName: "ecs-instance",
          description: "attached to i-bp1emuvpcnet0000001",
          trustPolicy: trust("Service", ["ecs.aliyuncs.com"]),
        },
      ],
      oidcProviders: [{ providerName: "emu-ci", issuerUrl: DEFAULT_OIDC_ISSUER, clientIds: ["sts.aliyuncs.com"] }],
      instanceRamRoles: [{ instanceId: "i-bp1emuvpcnet0000001", roleName: "ecs-instance" }],
      vpcs: [
        {
          regionId: HZ,
          vpcId: "vpc-bp1emumainlink0000001",
          vpcName: "emu-main-link-1",
          cidrBlock: "172.16.0.0/16",
          classicLinkEnabled: true,
        },
        {
          regionId: HZ,
          vpcId: "vpc-bp1emumainlink0000002",
          vpcName: "emu-main-link-2",
          cidrBlock: "172.17.0.0/16",
          classicLinkEnabled: true,
        },
        {
          regionId: HZ,
          vpcId: "vpc-bp1emumainplain000001",
          vpcName: "emu-main-plain",
          cidrBlock: "192.168.0.0/16",
          classicLinkEnabled: false,
        },
        {
          regionId: "cn-shanghai",
          vpcId: "vpc-uf6emumainlink0000001",
          vpcName: "emu-main-sh-link-1",
          cidrBlock: "172.16.0.0/16",
          classicLinkEnabled: true,
        },
      ],
      vbrs: [{ regionId: HZ, vbrId: "vbr-bp1emumain0000000001" }],
      ccns: [{ regionId: HZ, ccnId: "ccn-emumain000000001" }],
      ecsInstances: [
        { regionId: HZ, instanceId: "i-bp1emuclassic000001", networkType: "classic", status: "Running" },
        { regionId: HZ, instanceId: "i-bp1emuclassic000002", networkType: "classic", status: "Running" },
        { regionId: HZ, instanceId: "i-bp1emuclassic000003", networkType: "classic", status: "Stopped" },
        {
          regionId: HZ,
          instanceId: "i-bp1emuvpcnet0000001",
          networkType: "vpc",
          status: "Running",
          vpcId: "vpc-bp1emumainplain000001",
        },
        { regionId: "cn-shanghai", instanceId: "i-uf6emuclassic000001", networkType: "classic", status: "Running" },
      ],
      activations: [
        {
          regionId: HZ,
          activationId: "4ECEEE12-56F1-4FBC-9AB1-0000EMU00001",
          activationCode: DEFAULT_ACTIVATION_CODE,
          instanceName: "web",
          description: "emulator default activation",
          instanceCount: 10,
          timeToLiveInHours: 4,
          ipAddressRange: "0.0.0.0/0",
          creationTime: "2025-01-01T00:00:00Z",
          registeredCount: 2,
          neverExpires: true,
        },
      ],
      managedInstances: [
        {
          regionId: HZ,
          instanceId: "mi-hz01emuweb00001",
          activationId: "4ECEEE12-56F1-4FBC-9AB1-0000EMU00001",
          hostname: "web-01",
          instanceName: "web-001",
          machineId: "e03231b37ab14e53b5795ad625fc0001",
          osType: "linux",
          intranetIp: "10.0.0.11",
          internetIp: "47.0.0.11",
          registrationTime: "2025-01-01T00:10:00Z",
        },
        {
          regionId: HZ,
          instanceId: "mi-hz01emuweb00002",
          activationId: "4ECEEE12-56F1-4FBC-9AB1-0000EMU00001",
          hostname: "web-02",
          instanceName: "web-002",
          machineId: "e03231b37ab14e53b5795ad625fc0002",
          osType: "linux",
          intranetIp: "10.0.0.12",
          internetIp: "47.0.0.12",
          registrationTime: "2025-01-01T00:20:00Z",
        },
      ],
    },
    {
      uid: CEN_OWNER_UID,
      name: "cen-owner",
      accessKeys: [DEFAULT_KEYS.cenOwner],
      subUsers: [{ name: "hub-deployer", ...DEFAULT_KEYS.hubDeployer, allowedActions: ["*"] }],
      cens: [
        { cenId: "cen-emuowner0000000001", name: "emu-cen-1" },
        { cenId: "cen-emuowner0000000002", name: "emu-cen-2" },
        { cenId: "cen-emuowner0000000003", name: "emu-cen-enterprise", transitRouterEdition: "Enterprise" },
      ],
    },
    {
      uid: OTHER_UID,
      name: "other",
      accessKeys: [DEFAULT_KEYS.other],
      ramRoles: [
        {
          roleName: "cen-granter",
          description: "lets the network hub grant other's VPC to its CEN, with the agreed ExternalId",
          trustPolicy: trust("RAM", [`acs:ram::${CEN_OWNER_UID}:root`], {
            StringEquals: { "sts:ExternalId": OTHER_ROLE_EXTERNAL_ID },
          }),
          allowedActions: GRANT_ACTIONS,
        },
      ],
      vpcs: [
        {
          regionId: HZ,
          vpcId: "vpc-bp1emuotherlink000001",
          vpcName: "emu-other-link-1",
          cidrBlock: "172.16.0.0/16",
          classicLinkEnabled: true,
        },
      ],
      ecsInstances: [{ regionId: HZ, instanceId: "i-bp1emuother0000001", networkType: "classic", status: "Running" }],
    },
  ],
};
