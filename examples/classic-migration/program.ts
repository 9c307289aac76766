// A migration from the classic network: while the servers wait their turn to move into the VPC,
// ClassicLink lets each of them reach it. Destroying the stack, once they have moved, unlinks them.
import * as pulumi from "@pulumi/pulumi";
import { ClassicLinkAttachment } from "pulumi-alicloud-dynamic";

/** Declares one link per classic instance and returns the stack outputs. */
export function classicMigration() {
  const config = new pulumi.Config();
  const vpcId = config.get("vpcId") ?? "vpc-bp1emumainlink0000002";
  const instances = config.getObject<string[]>("classicInstanceIds") ?? [
    "i-bp1emuclassic000001",
    "i-bp1emuclassic000002",
    "i-bp1emuclassic000003",
  ];

  const links = instances.map((instanceId) => new ClassicLinkAttachment(`link-${instanceId}`, { instanceId, vpcId }));
  return { vpcId, links: links.map((link) => link.id) };
}
