// The ECS product (api/ecs.ts): ClassicLink and Cloud Assistant managed instances, one handler per
// action of its contract. Each group answers its own documented refusal codes for sub-users and
// blocked accounts.
import { ECS, ECS_ACTIONS } from "../../api/ecs.js";
import { defineProduct, type Product, type Refusals } from "../core/api.js";
import * as cl from "./classiclink-responses.js";
import * as ca from "./cloud-assistant-responses.js";
import { caOperationForbidden, forbiddenSubUser } from "./exceptions.js";

const CLASSIC_LINK: Refusals = { subUserDenied: forbiddenSubUser };
const CLOUD_ASSISTANT: Refusals = { accountBlocked: caOperationForbidden };

/** ECS 2014-05-26. */
export const ECS_PRODUCT: Product = defineProduct(ECS, ECS_ACTIONS, {
  AttachClassicLinkVpc: { handler: cl.attachClassicLinkVpc, ...CLASSIC_LINK },
  DetachClassicLinkVpc: { handler: cl.detachClassicLinkVpc, ...CLASSIC_LINK },
  DescribeClassicLinkInstances: { handler: cl.describeClassicLinkInstances, ...CLASSIC_LINK },
  CreateActivation: { handler: ca.createActivation, ...CLOUD_ASSISTANT },
  DescribeActivations: { handler: ca.describeActivations, ...CLOUD_ASSISTANT },
  DisableActivation: { handler: ca.disableActivation, ...CLOUD_ASSISTANT },
  DeleteActivation: { handler: ca.deleteActivation, ...CLOUD_ASSISTANT },
  DescribeManagedInstances: { handler: ca.describeManagedInstances, ...CLOUD_ASSISTANT },
  ModifyManagedInstance: { handler: ca.modifyManagedInstance, ...CLOUD_ASSISTANT },
  DeregisterManagedInstance: { handler: ca.deregisterManagedInstance, ...CLOUD_ASSISTANT },
  TagResources: { handler: ca.tagResources, ...CLOUD_ASSISTANT },
});
