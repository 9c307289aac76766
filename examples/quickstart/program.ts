// The quick start: one of each resource. Every ID comes from stack config; the defaults are the
// IDs of the emulator's default world, so `npm run demo` runs this file unchanged.
import * as pulumi from "@pulumi/pulumi";
import { CenGrantRevocation, ClassicLinkAttachment, ManagedInstanceRegistration } from "pulumi-alicloud-dynamic";

/** Declares the quick start's resources and returns the stack outputs. */
export function quickstart() {
  const config = new pulumi.Config();
  const vpcId = config.get("vpcId") ?? "vpc-bp1emumainlink0000001";

  // Let the partner's CEN instance (another account) attach our VPC.
  const grant = new CenGrantRevocation("vpc-to-partner-cen", {
    cenId: config.get("cenId") ?? "cen-emuowner0000000001",
    cenOwnerId: config.get("cenOwnerId") ?? "9300000000000007",
    instanceId: vpcId,
  });

  // Let a legacy classic-network server reach the VPC while it waits to be migrated.
  const link = new ClassicLinkAttachment("legacy-web-link", {
    instanceId: config.get("classicInstanceId") ?? "i-bp1emuclassic000001",
    vpcId,
  });

  // Adopt a server that the Cloud Assistant agent registered, and give it a proper name.
  const server = new ManagedInstanceRegistration("build-server", {
    activationId: config.get("activationId") ?? "4ECEEE12-56F1-4FBC-9AB1-0000EMU00001",
    match: { hostname: config.get("serverHostname") ?? "web-01" },
    instanceName: config.get("serverName") ?? "build-server-01",
  });

  return {
    grantId: grant.id,
    grantedAt: grant.creationTime,
    classicLinkId: link.id,
    managedInstanceId: server.instanceId,
    managedInstanceName: server.instanceName,
    managedInstanceAgent: server.agentVersion,
  };
}
