// The values action handlers return: plain data, plus RawNumber for integers that must reach the
// wire as bare JSON digits even above 2^53 (account UIDs), as the real service sends them.

/** An integer kept as its decimal digits; rendered unquoted in JSON and as text in XML. */
export class RawNumber {
  /** The decimal digits, e.g. `"9300000000000007"`. */
  readonly digits: string;

  /** @param digits decimal digits of a non-negative integer. */
  constructor(digits: string) {
    if (!/^(0|[1-9][0-9]*)$/.test(digits)) throw new TypeError(`not an integer: ${digits}`);
    this.digits = digits;
  }
}

/** Anything a handler may put in a response. */
export type ResponseValue =
  | string
  | number
  | boolean
  | null
  | RawNumber
  | readonly ResponseValue[]
  | { readonly [key: string]: ResponseValue | undefined };

/** The body of a successful answer, without `RequestId` (the protocol layer adds it). */
export type ResponseBody = { readonly [key: string]: ResponseValue | undefined };
