// Servers outside Alibaba Cloud (on premises, other clouds) managed with Cloud Assistant: an
// activation code, the servers that register with it, adopted and named by the stack. On
// destroy the registrations are deregistered first (they depend on the activation), then the
// activation is deleted.
import * as pulumi from "@pulumi/pulumi";
import { ManagedInstanceActivation, ManagedInstanceRegistration } from "pulumi-alicloud-dynamic";

/** A server expected to register, by hostname, and the name to give it. */
export interface HybridServer {
  /** The server's hostname, as the agent reports it. */
  hostname: string;
  /** The managed instance name to set. */
  name: string;
}

/** Declares the activation and one registration per server; returns the resources and outputs. */
export function hybridServers() {
  const config = new pulumi.Config();
  const servers = config.getObject<HybridServer[]>("servers") ?? [
    { hostname: "db-01", name: "hybrid-db-primary" },
    { hostname: "db-02", name: "hybrid-db-replica" },
  ];

  const activation = new ManagedInstanceActivation("datacenter-servers", {
    description: "Servers of the Hangzhou data center",
    instanceCount: servers.length,
    timeToLiveInHours: 4,
    ipAddressRange: config.get("serverAddressRange") ?? "10.0.0.0/8",
    tags: { team: "platform" },
  });

  const registrations = servers.map(
    (server) =>
      new ManagedInstanceRegistration(`server-${server.hostname}`, {
        activationId: activation.activationId,
        match: { hostname: server.hostname },
        instanceName: server.name,
        // The servers register once the code reaches them; wait for them that long.
        waitTimeoutSeconds: config.getNumber("registrationWaitSeconds") ?? 1800,
      }),
  );

  return {
    activation,
    registrations,
    outputs: {
      activationId: activation.activationId,
      // Secret: `pulumi stack output activationCode --show-secrets` prints it once up completes.
      activationCode: activation.activationCode,
      managedInstances: registrations.map((r) => r.instanceId),
    },
  };
}

/** The stack outputs only, for Pulumi's runtime. */
export function hybridServersProgram() {
  return hybridServers().outputs;
}
