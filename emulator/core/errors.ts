// The one error type of the emulator, and the only ways to build one that an RPC action may answer:
// from a product's error table or the common table in api/ (api/errors.ts). A code without an
// entry does not compile, and an entry that does not list the action being served is refused at
// run time (core/pipeline.ts answers 500 and logs it): the emulator cannot answer a code that the
// tables do not document.
import { COMMON_ERRORS } from "../../api/common-errors.js";
import type { ProductName } from "../../api/contract.js";
import type { ErrorTable } from "../../api/errors.js";
import { PRODUCTS } from "../../api/index.js";

/** Where an error's code is documented. */
export type Documented =
  /** In a product's table: the actions that may answer it, with their statuses. */
  | {
      readonly kind: "product";
      readonly product: string;
      readonly answers: { readonly [action: string]: number | undefined };
    }
  /** In the common table: any action may answer it. */
  | { readonly kind: "common" };

/**
 * The one error type of the emulator. Protocol code and action handlers throw it; the renderer
 * turns it into Alibaba's error envelope (`RequestId`, `HostId`, `Code`, `Message`, `Recommend`).
 */
export class ServiceError extends Error {
  /** HTTP status of the answer, as the real service documents it for this code. */
  readonly httpStatus: number;
  /** Alibaba error code, e.g. `InvalidVpcId.NotFound`. */
  readonly code: string;
  /** Where the code is documented; undefined for one built by hand, which no RPC action may answer. */
  readonly documented: Documented | undefined;

  /**
   * @param httpStatus HTTP status of the answer.
   * @param code Alibaba error code.
   * @param message Alibaba's message text for the code.
   * @param documented Where the code is documented (set by the tables' builders).
   */
  constructor(httpStatus: number, code: string, message: string, documented?: Documented) {
    super(message);
    this.name = "ServiceError";
    this.httpStatus = httpStatus;
    this.code = code;
    this.documented = documented;
  }

  /**
   * This error as `action` of the product whose code is `productCode` answers it (its status from
   * the table), or undefined when no table documents the code for that action.
   */
  answeredBy(productCode: string, action: string): ServiceError | undefined {
    const documented = this.documented;
    if (documented?.kind === "common") return this;
    if (documented?.kind !== "product" || documented.product !== productCode) return undefined;
    const status = documented.answers[action];
    if (status === undefined) return undefined;
    return status === this.httpStatus ? this : new ServiceError(status, this.code, this.message, documented);
  }
}

/** The codes the emulator can answer, by product code (`Vpc`) or `common`: filled as the error modules load. */
export const EMULATED_CODES: ReadonlyMap<string, ReadonlySet<string>> = new Map();

function remember(scope: string, code: string): void {
  const codes = EMULATED_CODES as Map<string, Set<string>>;
  const known = codes.get(scope) ?? new Set<string>();
  known.add(code);
  codes.set(scope, known);
}

/** The status most of a code's actions answer with: the one used outside an action (the admin surface). */
function usualStatus(answers: { readonly [action: string]: number | undefined }): number {
  const counts = new Map<number, number>();
  for (const status of Object.values(answers))
    if (status !== undefined) counts.set(status, (counts.get(status) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 500;
}

type Message<Args extends unknown[]> = string | ((...args: Args) => string);

/**
 * The builder of a product's error answers: `define(code, message)` gives a function that makes the
 * error; the code must be a key of the product's table in api/.
 */
export function productErrors<T extends ErrorTable>(product: ProductName, table: T) {
  const productCode = PRODUCTS[product].info.code;
  return <Args extends unknown[] = []>(code: keyof T & string, message: Message<Args>) => {
    const entry = table[code];
    if (!entry) throw new Error(`${code} has no entry in the ${product} error table`);
    remember(productCode, code);
    const documented: Documented = { kind: "product", product: productCode, answers: entry.answers };
    const status = usualStatus(entry.answers);
    return (...args: Args): ServiceError =>
      new ServiceError(status, code, typeof message === "string" ? message : message(...args), documented);
  };
}

/** The builder of common error answers (the gateway's, and faults): the code must be a key of COMMON_ERRORS. */
export function commonError<Args extends unknown[] = []>(
  code: keyof typeof COMMON_ERRORS,
  message: Message<Args>,
): (...args: Args) => ServiceError {
  remember("common", code);
  const status = COMMON_ERRORS[code].status;
  return (...args: Args) =>
    new ServiceError(status, code, typeof message === "string" ? message : message(...args), { kind: "common" });
}

/**
 * An error of a surface that is not an Alibaba RPC API (the agent's registration endpoint, whose
 * codes are the emulator's own: emulator/README.md). No RPC action may answer it.
 */
export function surfaceError(status: number, code: string, message: string): () => ServiceError {
  return () => new ServiceError(status, code, message);
}
