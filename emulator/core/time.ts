// The one time format of the APIs: `YYYY-MM-DDTHH:mm:ssZ` (UTC, whole seconds). Response fields,
// request timestamps made by the signers and the admin snapshot all use it.

/** Formats epoch milliseconds as `YYYY-MM-DDTHH:mm:ssZ` (UTC, no milliseconds), as the gateway expects. */
export function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}
