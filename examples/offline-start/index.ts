import { CenGrantRevocation } from "pulumi-alicloud-dynamic";

// The README's quick start, with the IDs of the emulator's default world in place of real ones:
// the CEN instance of the "network hub" account (UID 9300000000000007) and a VPC of the main
// account, whose keys the stack signs with.
export const grant = new CenGrantRevocation("to-network-hub", {
  cenId: "cen-emuowner0000000001",
  cenOwnerId: "9300000000000007", // a UID: a string of digits
  instanceId: "vpc-bp1emumainlink0000001",
});
