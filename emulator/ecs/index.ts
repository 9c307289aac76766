// The ECS product (API version 2014-05-26): ClassicLink and Cloud Assistant managed instances.
// Each group answers its own documented refusal codes for sub-users and blocked accounts.
import { type ApiSpec, defineProduct, type Product } from "../core/api.js";
import * as cl from "./classiclink-responses.js";
import * as ca from "./cloud-assistant-responses.js";
import { caOperationForbidden, forbiddenSubUser } from "./exceptions.js";

const classic = (action: string, handler: ApiSpec["handler"]): ApiSpec => ({
  action,
  clientToken: false,
  handler,
  subUserDenied: forbiddenSubUser,
});
const assistant = (action: string, handler: ApiSpec["handler"], clientToken = false): ApiSpec => ({
  action,
  clientToken,
  handler,
  accountBlocked: caOperationForbidden,
});

/** ECS 2014-05-26. */
export const ECS_PRODUCT: Product = defineProduct("Ecs", "2014-05-26", "ecs.aliyuncs.com", [
  classic("AttachClassicLinkVpc", cl.attachClassicLinkVpc),
  classic("DetachClassicLinkVpc", cl.detachClassicLinkVpc),
  classic("DescribeClassicLinkInstances", cl.describeClassicLinkInstances),
  assistant("CreateActivation", ca.createActivation, true),
  assistant("DescribeActivations", ca.describeActivations),
  assistant("DisableActivation", ca.disableActivation),
  assistant("DeleteActivation", ca.deleteActivation),
  assistant("DescribeManagedInstances", ca.describeManagedInstances),
  assistant("ModifyManagedInstance", ca.modifyManagedInstance),
  assistant("DeregisterManagedInstance", ca.deregisterManagedInstance, true),
]);
