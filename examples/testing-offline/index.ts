// The program under test: what a platform team deploys. It grants the team's VPC to the network
// hub's CEN instance (another account) and adopts a database server, registered with Cloud
// Assistant, under the name the team gives it. Every ID is stack config: the tests set the local
// cloud's, production sets the real ones.
import * as pulumi from "@pulumi/pulumi";
import { CenGrantRevocation, ManagedInstanceRegistration } from "pulumi-alicloud-dynamic";

const config = new pulumi.Config();

const grant = new CenGrantRevocation("vpc-to-network-hub", {
  cenId: config.require("hubCenId"),
  cenOwnerId: config.require("hubAccountId"),
  instanceId: config.require("vpcId"),
});

const database = new ManagedInstanceRegistration("database-server", {
  activationId: config.require("activationId"),
  match: { hostname: config.require("databaseHostname") },
  instanceName: "db-primary",
  // The server registers once its agent is installed; wait that long for it.
  waitTimeoutSeconds: config.getNumber("registrationWaitSeconds") ?? 900,
});

export const grantId = grant.id;
export const databaseInstanceId = database.instanceId;
