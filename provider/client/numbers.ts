// pop-core parses responses with json-bigint, which turns integers above 2^53 (account UIDs) into
// BigNumber objects. We turn every BigNumber back into its exact decimal string.

interface BigNumberLike {
  _isBigNumber: true;
  toFixed(): string;
}

function isBigNumber(value: unknown): value is BigNumberLike {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { _isBigNumber?: unknown })._isBigNumber === true &&
    typeof (value as { toFixed?: unknown }).toFixed === "function"
  );
}

/** A JSON value after big numbers have become strings. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Returns a deep copy of `value` in which every BigNumber is its exact decimal string. */
export function withExactNumbers(value: unknown): JsonValue {
  if (isBigNumber(value)) return value.toFixed();
  if (Array.isArray(value)) return value.map(withExactNumbers);
  if (typeof value === "object" && value !== null) {
    const out: { [key: string]: JsonValue } = {};
    for (const [key, inner] of Object.entries(value)) out[key] = withExactNumbers(inner);
    return out;
  }
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  return null;
}

/** An account UID as an exact decimal string, from a string of digits or a safe integer. */
export function uidToString(value: unknown): string | undefined {
  if (typeof value === "string" && /^\d{1,20}$/.test(value)) return value;
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return String(value);
  return undefined;
}
