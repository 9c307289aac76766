// Fault injection at the protocol layer (contract: "Faults"). Rules are checked in order for each
// RPC request after its signature is verified: every firing Latency rule adds its delay; the first
// other rule that fires decides the outcome. A rule with `count` is spent after firing that often.
import { commonError, type ServiceError } from "./errors.js";

/** The kinds of fault. */
export type FaultKind =
  | "Throttling"
  | "Throttling.User"
  | "ServiceUnavailable"
  | "InternalError"
  | "InternalError.Dispatch"
  | "TaskConflict"
  | "OperationConflict"
  | "Rejected.Throttling"
  | "Operation.Blocking"
  | "UnknownError"
  | "IncorrectStatus.VpcSwitch"
  | "IncorrectStatus.VpcRouteTable"
  | "Operation.FailedAndTryAgain"
  | "InstanceStatus.NotSupport"
  | "BadGateway"
  | "DropBeforeAnswer"
  | "DropAfterEffect"
  | "Latency";

/** Every fault kind. */
export const FAULT_KINDS: readonly FaultKind[] = [
  "Throttling",
  "Throttling.User",
  "ServiceUnavailable",
  "InternalError",
  "InternalError.Dispatch",
  "TaskConflict",
  "OperationConflict",
  "Rejected.Throttling",
  "Operation.Blocking",
  "UnknownError",
  "IncorrectStatus.VpcSwitch",
  "IncorrectStatus.VpcRouteTable",
  "Operation.FailedAndTryAgain",
  "InstanceStatus.NotSupport",
  "BadGateway",
  "DropBeforeAnswer",
  "DropAfterEffect",
  "Latency",
];

/** One fault rule. */
export interface FaultRule {
  /** What happens. */
  readonly kind: FaultKind;
  /** Only requests of this Action. */
  readonly action?: string;
  /** Probability 0..1 for each matching request. */
  readonly rate?: number;
  /** The next N matching requests (then the rule is spent). */
  readonly count?: number;
  /** For Latency: milliseconds added. */
  readonly latencyMs?: number;
}

/** The fault configuration. */
export interface FaultConfig {
  /** Rules, checked in order. */
  readonly rules: readonly FaultRule[];
  /** Seed of the random generator behind `rate` (deterministic runs). @default 1 */
  readonly randomSeed?: number;
}

/** The kinds that answer an error (the others drop, delay or answer a proxy's page). */
type ErrorKind = Exclude<FaultKind, "BadGateway" | "DropBeforeAnswer" | "DropAfterEffect" | "Latency">;

/**
 * The error answer of each error kind: the code is the kind, its status and evidence are in
 * api/common-errors.ts (Terraform's alicloud provider retries each for the CEN resources: errors.go,
 * the CEN grant and attachment resources; where no source gives a status or text, it is the emulator's).
 */
const FAULT_ERRORS: { readonly [K in ErrorKind]: () => ServiceError } = {
  Throttling: commonError("Throttling", "Request was denied due to request throttling."),
  "Throttling.User": commonError("Throttling.User", "Request was denied due to user flow control."),
  ServiceUnavailable: commonError(
    "ServiceUnavailable",
    "The request has failed due to a temporary failure of the server.",
  ),
  InternalError: commonError(
    "InternalError",
    "The request processing has failed due to some unknown error, exception or failure.",
  ),
  "InternalError.Dispatch": commonError("InternalError.Dispatch", "An error occurred when you dispatched the request."),
  TaskConflict: commonError("TaskConflict", "The operation is too frequent, TaskConflict."),
  OperationConflict: commonError("OperationConflict", "Request was denied due to conflict with a previous request."),
  "Rejected.Throttling": commonError("Rejected.Throttling", "Request was denied due to request throttling."),
  "Operation.Blocking": commonError("Operation.Blocking", "The operation is blocked by another operation in progress."),
  UnknownError: commonError("UnknownError", "The request processing has failed due to some unknown error."),
  "IncorrectStatus.VpcSwitch": commonError(
    "IncorrectStatus.VpcSwitch",
    "The status of the vSwitch does not allow this operation now.",
  ),
  "IncorrectStatus.VpcRouteTable": commonError(
    "IncorrectStatus.VpcRouteTable",
    "The status of the route table does not allow this operation now.",
  ),
  "Operation.FailedAndTryAgain": commonError("Operation.FailedAndTryAgain", "The operation failed; try again later."),
  "InstanceStatus.NotSupport": commonError(
    "InstanceStatus.NotSupport",
    "The current status of the instance does not support this operation.",
  ),
};

/** The fault kinds that answer an error: each is a code of the common table. */
export const ERROR_FAULT_KINDS = Object.keys(FAULT_ERRORS) as readonly ErrorKind[];

/** The ServiceError an error-kind fault answers with. */
export function faultError(kind: FaultKind): ServiceError | undefined {
  return kind in FAULT_ERRORS ? FAULT_ERRORS[kind as ErrorKind]() : undefined;
}

/** What the engine decided for one request. */
export interface FaultDecision {
  /** Milliseconds to wait while processing (sum of firing Latency rules). */
  readonly latencyMs: number;
  /** The non-latency fault that fired, if any. */
  readonly kind?: Exclude<FaultKind, "Latency">;
}

/** Checks a FaultConfig from untrusted input; throws a message naming the bad field. */
export function validateFaultConfig(input: unknown): FaultConfig {
  if (typeof input !== "object" || input === null) throw new Error("a FaultConfig must be an object");
  const { rules, randomSeed } = input as { rules?: unknown; randomSeed?: unknown };
  if (!Array.isArray(rules)) throw new Error("rules must be an array");
  if (randomSeed !== undefined && (typeof randomSeed !== "number" || !Number.isFinite(randomSeed))) {
    throw new Error("randomSeed must be a number");
  }
  const checked = rules.map((rule: unknown, i: number): FaultRule => {
    if (typeof rule !== "object" || rule === null) throw new Error(`rules[${i}] must be an object`);
    const r = rule as { [key: string]: unknown };
    if (!FAULT_KINDS.includes(r.kind as FaultKind))
      throw new Error(`rules[${i}].kind must be one of ${FAULT_KINDS.join(", ")}`);
    if (r.action !== undefined && typeof r.action !== "string") throw new Error(`rules[${i}].action must be a string`);
    if (r.rate !== undefined && (typeof r.rate !== "number" || r.rate < 0 || r.rate > 1)) {
      throw new Error(`rules[${i}].rate must be a number from 0 to 1`);
    }
    if (r.count !== undefined && (typeof r.count !== "number" || !Number.isSafeInteger(r.count) || r.count < 0)) {
      throw new Error(`rules[${i}].count must be a non-negative integer`);
    }
    if (r.latencyMs !== undefined && (typeof r.latencyMs !== "number" || r.latencyMs < 0)) {
      throw new Error(`rules[${i}].latencyMs must be a non-negative number`);
    }
    if (r.kind === "Latency" && r.latencyMs === undefined) throw new Error(`rules[${i}]: Latency needs latencyMs`);
    return {
      kind: r.kind as FaultKind,
      ...(r.action === undefined ? {} : { action: r.action as string }),
      ...(r.rate === undefined ? {} : { rate: r.rate as number }),
      ...(r.count === undefined ? {} : { count: r.count as number }),
      ...(r.latencyMs === undefined ? {} : { latencyMs: r.latencyMs as number }),
    };
  });
  return { rules: checked, ...(randomSeed === undefined ? {} : { randomSeed: randomSeed as number }) };
}

/**
 * Parses a CLI fault spec: `Kind[:key=value]...`, keys rate, count, action, latencyMs (alias ms).
 * Examples: `Throttling:rate=0.2`, `DropAfterEffect:count=1:action=GrantInstanceToCen`, `Latency:ms=50`.
 */
export function parseFaultSpec(spec: string): FaultRule {
  const [kind = "", ...options] = spec.split(":");
  const rule: { [key: string]: unknown } = { kind };
  for (const option of options) {
    const eq = option.indexOf("=");
    if (eq < 0) throw new Error(`fault option "${option}" must be key=value`);
    const key = option.slice(0, eq);
    const value = option.slice(eq + 1);
    if (key === "action") rule.action = value;
    else if (key === "rate" || key === "count" || key === "latencyMs" || key === "ms") {
      const n = Number(value);
      if (value === "" || !Number.isFinite(n)) throw new Error(`fault option ${key} must be a number`);
      rule[key === "ms" ? "latencyMs" : key] = n;
    } else throw new Error(`unknown fault option "${key}" (rate, count, action, latencyMs)`);
  }
  const [checked] = validateFaultConfig({ rules: [rule] }).rules;
  if (!checked) throw new Error(`bad fault spec ${spec}`);
  return checked;
}

/** A small seeded PRNG (mulberry32): the same seed gives the same fault pattern. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The live fault rules. */
export class FaultEngine {
  private rules: FaultRule[] = [];
  private seed = 1;
  private random: () => number = mulberry32(1);

  /** Replaces the configuration (counts restart from the given values). */
  configure(config: FaultConfig): void {
    this.rules = config.rules.map((rule) => ({ ...rule }));
    this.seed = config.randomSeed ?? 1;
    this.random = mulberry32(this.seed);
  }

  /** Removes every rule. */
  clear(): void {
    this.configure({ rules: [] });
  }

  /** The configuration now: spent rules are gone, `count` is what is left. */
  config(): FaultConfig {
    return { rules: this.rules.map((rule) => ({ ...rule })), randomSeed: this.seed };
  }

  /** Decides the faults for one request of `action`; `onFire` is told each kind that fires. */
  decide(action: string, onFire: (kind: FaultKind) => void): FaultDecision {
    if (this.rules.length === 0) return { latencyMs: 0 };
    let latencyMs = 0;
    let kind: Exclude<FaultKind, "Latency"> | undefined;
    for (let i = 0; i < this.rules.length && kind === undefined; i++) {
      const rule = this.rules[i];
      if (!rule || (rule.action !== undefined && rule.action !== action)) continue;
      if (rule.rate !== undefined && this.random() >= rule.rate) continue;
      if (rule.count !== undefined) {
        const left = rule.count - 1;
        if (left <= 0) this.rules.splice(i--, 1);
        else this.rules[i] = { ...rule, count: left };
        if (rule.count <= 0) continue;
      }
      onFire(rule.kind);
      if (rule.kind === "Latency") latencyMs += rule.latencyMs ?? 0;
      else kind = rule.kind;
    }
    return kind === undefined ? { latencyMs } : { latencyMs, kind };
  }
}
