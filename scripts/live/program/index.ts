// The live suite's program: the resources of the scenarios whose inputs were given, declared as
// users declare them. scripts/live/suite.ts sets its config: `plan` (the scenarios and their
// inputs), `phase` (`create`, or `update`: the inputs that change in place), `adopt` (take over
// what exists). Every object that has a name, description or tag carries the run marker.
import * as pulumi from "@pulumi/pulumi";
import {
  CenChildInstanceAttachment,
  CenGrantRevocation,
  ClassicLinkAttachment,
  ManagedInstanceActivation,
  ManagedInstanceRegistration,
  TransitRouterGrant,
} from "pulumi-alicloud-dynamic";
import type { LivePlan } from "../plan";

const config = new pulumi.Config();
const plan = config.requireObject<LivePlan>("plan");
const updated = config.get("phase") === "update";
const adoptExisting = config.getBoolean("adopt") ?? false;
const { marker, regionId, inputs } = plan;
const runs = new Set(plan.scenarios);

/**
 * The suite refused other accounts outside ALICLOUD_LIVE_ACCOUNTS before it changed anything
 * (inputs.ts, accountsRefused); checked again here, where the CEN owner's account is acted in.
 */
function allowed(what: string, account: string | undefined): void {
  if (!account || !plan.allowedAccounts.includes(account))
    throw new Error(`${what} names account ${account ?? "(none)"}, which is not in ALICLOUD_LIVE_ACCOUNTS`);
}

/** What each resource shows after an up: the suite checks these. */
const seen: Record<string, pulumi.Output<unknown>> = {};

if (runs.has("CenGrantRevocation") && inputs.vpcId && inputs.cenId && inputs.cenOwnerId) {
  allowed("cenOwnerId", inputs.cenOwnerId);
  const grant = new CenGrantRevocation("grant", {
    cenId: inputs.cenId,
    cenOwnerId: inputs.cenOwnerId,
    instanceId: inputs.vpcId,
    regionId,
    adoptExisting,
  });
  seen.CenGrantRevocation = pulumi.output({ id: grant.id, adopted: grant.adopted });

  if (runs.has("CenChildInstanceAttachment") && inputs.cenOwnerRoleArn) {
    allowed("cenOwnerRoleArn", /^acs:ram::(\d+):role\//.exec(inputs.cenOwnerRoleArn)?.[1]);
    // The cross-account path: acting as the CEN's owner through a role of that account.
    const attachment = new CenChildInstanceAttachment(
      "attachment",
      {
        cenId: inputs.cenId,
        childInstanceId: inputs.vpcId,
        childInstanceOwnerId: plan.accountId,
        regionId,
        assumeRole: { roleArn: inputs.cenOwnerRoleArn, externalId: inputs.cenOwnerRoleExternalId },
        adoptExisting,
      },
      { dependsOn: [grant] },
    );
    seen.CenChildInstanceAttachment = pulumi.output({
      id: attachment.id,
      adopted: attachment.adopted,
      status: attachment.status,
    });
  }
}

if (runs.has("TransitRouterGrant") && inputs.vpcId && inputs.enterpriseCenId) {
  const owner = inputs.enterpriseCenOwnerId ?? inputs.cenOwnerId;
  if (owner) allowed(inputs.enterpriseCenOwnerId ? "enterpriseCenOwnerId" : "cenOwnerId", owner);
  const grant = new TransitRouterGrant("transit-router-grant", {
    cenId: inputs.enterpriseCenId,
    cenOwnerId: owner ?? plan.accountId,
    instanceId: inputs.vpcId,
    orderType: updated ? "PayByResourceOwner" : "PayByCenOwner",
    regionId,
    adoptExisting,
  });
  seen.TransitRouterGrant = pulumi.output({ id: grant.id, adopted: grant.adopted, orderType: grant.orderType });
}

if (runs.has("ClassicLinkAttachment") && inputs.classicInstanceId && inputs.classicLinkVpcId) {
  const link = new ClassicLinkAttachment("classic-link", {
    instanceId: inputs.classicInstanceId,
    vpcId: inputs.classicLinkVpcId,
    regionId,
    adoptExisting,
  });
  seen.ClassicLinkAttachment = pulumi.output({ id: link.id, adopted: link.adopted });
}

if (runs.has("ManagedInstanceActivation")) {
  const activation = new ManagedInstanceActivation("activation", {
    instanceName: marker,
    description: `live suite run ${marker}`,
    instanceCount: 1,
    timeToLiveInHours: 1,
    tags: { [plan.markerTag]: marker },
    disabled: updated,
    regionId,
  });
  seen.ManagedInstanceActivation = pulumi.output({ id: activation.id, disabled: activation.disabled });
}

if (runs.has("ManagedInstanceRegistration") && inputs.managedInstanceId) {
  const server = new ManagedInstanceRegistration("registration", {
    instanceId: inputs.managedInstanceId,
    instanceName: updated ? `${marker}-renamed` : marker,
    regionId,
  });
  seen.ManagedInstanceRegistration = pulumi.output({ id: server.id, instanceName: server.instanceName });
}

export const resources = seen;
