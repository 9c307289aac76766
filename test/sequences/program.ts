// The programs a generated sequence runs: a fixed pool of resource slots over every resource kind,
// each declared or not, with the inputs and options a version of the program gives it. A program
// version is a JavaScript file in a folder of its own, written before each `pulumi` command.
import { CEN_OWNER, WORLD } from "../e2e/cloud";

/** The resource kinds the sequences declare. */
export type SlotKind =
  | "CenGrantRevocation"
  | "TransitRouterGrant"
  | "ClassicLinkAttachment"
  | "ManagedInstanceActivation"
  | "ManagedInstanceRegistration";

/** One resource the program may declare, under one name. */
export interface Slot {
  /** Short id in printed sequences (`g0`). */
  readonly id: string;
  readonly kind: SlotKind;
  /** The resource's name in the program. */
  readonly name: string;
  /**
   * The object it makes, for kinds named by their inputs (`grant cen-...:vpc-...:<uid>`): the
   * line the world summary shows, and the effect key its create leaves in the emulator's counters.
   */
  readonly natural?: {
    readonly line: string;
    readonly createEffect: string;
    /** How a user removes it in the console. */
    readonly removeBehindBack?: RpcCall;
    /** How a user makes it in the console. */
    readonly makeBehindBack?: RpcCall;
  };
  /** The inputs of version `version` of the program. */
  inputs(version: number, adopt: boolean): Record<string, unknown>;
}

/** A call a user could make in the console, to change the world behind Pulumi's back. */
export interface RpcCall {
  readonly product: "vpc" | "ecs";
  readonly action: string;
  readonly params: Record<string, unknown>;
}

/** The CEN instances the sequences grant to (seeded, owned by the CEN owner). */
export const SEQ_CENS = ["cen-seq0000000000000", "cen-seq0000000000001", "cen-seq0000000000002"] as const;
/** Enterprise Edition CEN instances, for the transit router grants. */
export const SEQ_TR_CENS = ["cen-seqtr00000000000", "cen-seqtr00000000001"] as const;

function grantSlot(i: number): Slot {
  const cenId = SEQ_CENS[i] as string;
  const key = `${cenId}:${WORLD.vpcLinked}:${CEN_OWNER.uid}`;
  const params = { CenId: cenId, CenOwnerId: CEN_OWNER.uid, InstanceId: WORLD.vpcLinked, InstanceType: "VPC" };
  return {
    id: `g${i}`,
    kind: "CenGrantRevocation",
    name: `grant-${i}`,
    natural: {
      line: `grant ${key}`,
      createEffect: `GrantInstanceToCen:${key}`,
      removeBehindBack: { product: "vpc", action: "RevokeInstanceFromCen", params },
      makeBehindBack: { product: "vpc", action: "GrantInstanceToCen", params },
    },
    inputs: (_v, adopt) => ({
      cenId,
      cenOwnerId: CEN_OWNER.uid,
      instanceId: WORLD.vpcLinked,
      ...(adopt ? { adoptExisting: true } : {}),
    }),
  };
}

function transitRouterGrantSlot(i: number): Slot {
  const cenId = SEQ_TR_CENS[i] as string;
  const key = `${cenId}:${WORLD.vpcLinked}:${CEN_OWNER.uid}`;
  return {
    id: `t${i}`,
    kind: "TransitRouterGrant",
    name: `tr-grant-${i}`,
    natural: { line: `tr-grant ${key}`, createEffect: `GrantInstanceToTransitRouter:${key}` },
    inputs: (_v, adopt) => ({
      cenId,
      cenOwnerId: CEN_OWNER.uid,
      instanceId: WORLD.vpcLinked,
      ...(adopt ? { adoptExisting: true } : {}),
    }),
  };
}

function linkSlot(i: number, instanceId: string): Slot {
  const key = `${instanceId}:${WORLD.vpcLinked}`;
  const params = { InstanceId: instanceId, VpcId: WORLD.vpcLinked };
  return {
    id: `l${i}`,
    kind: "ClassicLinkAttachment",
    name: `link-${i}`,
    natural: {
      line: `link ${key}`,
      createEffect: `AttachClassicLinkVpc:${key}`,
      removeBehindBack: { product: "ecs", action: "DetachClassicLinkVpc", params },
      makeBehindBack: { product: "ecs", action: "AttachClassicLinkVpc", params },
    },
    inputs: (_v, adopt) => ({ instanceId, vpcId: WORLD.vpcLinked, ...(adopt ? { adoptExisting: true } : {}) }),
  };
}

function activationSlot(i: number): Slot {
  return {
    id: `a${i}`,
    kind: "ManagedInstanceActivation",
    name: `codes-${i}`,
    // A new description replaces the activation.
    inputs: (v) => ({ instanceCount: 2, description: `sequence ${i} version ${v}` }),
  };
}

/** The one registration slot: the default world's first managed instance, renamed in place. */
export const REGISTRATION: Slot = {
  id: "r0",
  kind: "ManagedInstanceRegistration",
  name: "server-0",
  inputs: (v) => ({ instanceId: WORLD.managed1, instanceName: registeredName(v) }),
};

/** The name version `v` of the program gives the registered server. */
export function registeredName(v: number): string {
  return `sequence-server-${v}`;
}

/** Every slot. */
export const SLOTS: readonly Slot[] = [
  grantSlot(0),
  grantSlot(1),
  grantSlot(2),
  transitRouterGrantSlot(0),
  transitRouterGrantSlot(1),
  linkSlot(0, WORLD.classic1),
  linkSlot(1, WORLD.classic2),
  activationSlot(0),
  activationSlot(1),
  REGISTRATION,
];

/** A slot by id. */
export function slot(id: string): Slot {
  const found = SLOTS.find((s) => s.id === id);
  if (!found) throw new Error(`no slot ${id}`);
  return found;
}

/** How one version of the program declares a slot. */
export interface Declaration {
  /** Version of its inputs (what `inputs` makes of it). */
  readonly version: number;
  /** `retainOnDelete`. */
  readonly retain: boolean;
  /** `adoptExisting` (kinds named by their inputs). */
  readonly adopt: boolean;
}

/** A version of the program: the declared slots by id. */
export type Program = ReadonlyMap<string, Declaration>;

/** The program's index.js for one version. */
export function renderProgram(program: Program): string {
  const resources = [...program].map(([id, d]) => {
    const s = slot(id);
    return { kind: s.kind, name: s.name, inputs: s.inputs(d.version, d.adopt), retain: d.retain };
  });
  return `const x = require("pulumi-alicloud-dynamic");
const declared = ${JSON.stringify(resources, null, 2)};
for (const r of declared) new x[r.kind](r.name, r.inputs, { retainOnDelete: r.retain });
`;
}
