// The Alibaba Cloud API contracts shared by the provider (which calls them) and the emulator (which
// serves them). See contract.ts.
export * from "./cbn.js";
export * from "./contract.js";
export * from "./ecs.js";
export * from "./sts.js";
export * from "./vpc.js";

import { CBN, CBN_ACTIONS } from "./cbn.js";
import type { ProductName } from "./contract.js";
import { ECS, ECS_ACTIONS } from "./ecs.js";
import { STS, STS_ACTIONS } from "./sts.js";
import { VPC, VPC_ACTIONS } from "./vpc.js";

/** Every product with its actions; a product missing here fails to compile. */
export const PRODUCTS = {
  vpc: { info: VPC, actions: VPC_ACTIONS },
  ecs: { info: ECS, actions: ECS_ACTIONS },
  cbn: { info: CBN, actions: CBN_ACTIONS },
  sts: { info: STS, actions: STS_ACTIONS },
} as const satisfies Record<ProductName, unknown>;
