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
} as const satisfies Record<string, DefaultKey>;

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
      cens: [
        { cenId: "cen-emuowner0000000001", name: "emu-cen-1" },
        { cenId: "cen-emuowner0000000002", name: "emu-cen-2" },
      ],
    },
    {
      uid: OTHER_UID,
      name: "other",
      accessKeys: [DEFAULT_KEYS.other],
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
