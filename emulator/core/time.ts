// The time format of the APIs: `YYYY-MM-DDTHH:mm:ssZ` (UTC, whole seconds). Response fields,
// request timestamps made by the signers and the admin snapshot use it; CBN writes to the minute.

/** Formats epoch milliseconds as `YYYY-MM-DDTHH:mm:ssZ` (UTC, no milliseconds), as the gateway expects. */
export function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** Formats epoch milliseconds as `YYYY-MM-DDTHH:mmZ` (UTC, to the minute), as the CBN APIs write times. */
export function isoMinutes(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16)}Z`;
}
