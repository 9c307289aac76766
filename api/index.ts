// The Alibaba Cloud API contracts shared by the provider (which calls them) and the emulator (which
// serves them). See contract.ts.
export * from "./cbn.js";
export * from "./cbn-errors.js";
export * from "./common-errors.js";
export * from "./contract.js";
export * from "./ecs.js";
export * from "./ecs-errors.js";
export * from "./errors.js";
export * from "./sts.js";
export * from "./sts-errors.js";
export * from "./vpc.js";
export * from "./vpc-errors.js";

import { CBN, CBN_ACTIONS } from "./cbn.js";
import { CBN_ERRORS } from "./cbn-errors.js";
import type { ProductName } from "./contract.js";
import { ECS, ECS_ACTIONS } from "./ecs.js";
import { ECS_ERRORS } from "./ecs-errors.js";
import { STS, STS_ACTIONS } from "./sts.js";
import { STS_ERRORS } from "./sts-errors.js";
import { VPC, VPC_ACTIONS } from "./vpc.js";
import { VPC_ERRORS } from "./vpc-errors.js";

/** Every product with its actions and their error codes; a product missing here fails to compile. */
export const PRODUCTS = {
  vpc: { info: VPC, actions: VPC_ACTIONS, errors: VPC_ERRORS },
  ecs: { info: ECS, actions: ECS_ACTIONS, errors: ECS_ERRORS },
  cbn: { info: CBN, actions: CBN_ACTIONS, errors: CBN_ERRORS },
  sts: { info: STS, actions: STS_ACTIONS, errors: STS_ERRORS },
} as const satisfies Record<ProductName, unknown>;
