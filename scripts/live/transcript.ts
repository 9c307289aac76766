// A live run's transcript (docs/live-suite.md, "Transcripts"): the calls the provider recorded
// (provider/client/transcript.ts, secrets already redacted there), with account ids and signing
// keys masked the same way throughout, and the run's inputs, which say what existed before it.
import fs from "node:fs";
import type { JsonValue } from "../../provider/client/numbers.js";
import type { RecordedCall } from "../../provider/client/transcript.js";
import type { LiveInputs } from "./inputs.js";

/** The format name and version a transcript file starts with. */
export const TRANSCRIPT_FORMAT = "pulumi-alicloud-dynamic/live-transcript@1";

/** A transcript file. */
export interface Transcript {
  /** Always TRANSCRIPT_FORMAT. */
  format: typeof TRANSCRIPT_FORMAT;
  /** The run marker. */
  marker: string;
  /** The account the run's credentials belong to (masked). */
  accountId: string;
  /** The run's inputs (masked): the objects that existed before it. */
  inputs: LiveInputs;
  /** The calls, in the order their answers came; each `signer` is `key-1`, `key-2`, ... */
  calls: RecordedCall[];
}

/** The first masked account id; the n-th account seen is this plus n - 1 (16 digits, below 2^53). */
export const FIRST_MASKED_ACCOUNT = 1000000000000001;

/**
 * Masks a run's calls and inputs: every 16-digit account id (in a string, an ARN, or a number)
 * becomes 1000000000000001, 1000000000000002, ... in order of first appearance (the run's own
 * account first), and every signing key digest `key-1`, `key-2`, ... the same way.
 */
export function maskTranscript(
  marker: string,
  accountId: string,
  inputs: LiveInputs,
  calls: readonly RecordedCall[],
): Transcript {
  const accounts = new Map<string, string>();
  const keys = new Map<string, string>();
  const account = (uid: string) => {
    let masked = accounts.get(uid);
    if (!masked) {
      masked = String(FIRST_MASKED_ACCOUNT + accounts.size);
      accounts.set(uid, masked);
    }
    return masked;
  };
  const key = (digest: string) => {
    let label = keys.get(digest);
    if (!label) {
      label = `key-${keys.size + 1}`;
      keys.set(digest, label);
    }
    return label;
  };
  account(accountId);
  const mask = (value: JsonValue): JsonValue => {
    if (Array.isArray(value)) return value.map(mask);
    if (value !== null && typeof value === "object")
      return Object.fromEntries(Object.entries(value).map(([name, inner]) => [name, mask(inner)]));
    if (typeof value === "number" && /^\d{16}$/.test(String(value))) return Number(account(String(value)));
    if (typeof value !== "string") return value;
    return value.replace(/sha256:[0-9a-f]{12}/g, key).replace(/(?<!\d)\d{16}(?!\d)/g, account);
  };
  return {
    format: TRANSCRIPT_FORMAT,
    marker,
    accountId: account(accountId),
    inputs: mask(inputs as unknown as JsonValue) as unknown as LiveInputs,
    calls: calls.map((call) => ({
      ...(mask(call as unknown as JsonValue) as unknown as RecordedCall),
      signer: key(call.signer),
    })),
  };
}

/**
 * Reads the provider's raw lines (one RecordedCall each). A line that is not JSON (the half-written
 * last line of a provider process killed mid-write) is left out and counted in `skipped`.
 */
export function readRecordedCalls(file: string): { calls: RecordedCall[]; skipped: number } {
  if (!fs.existsSync(file)) return { calls: [], skipped: 0 };
  const calls: RecordedCall[] = [];
  let skipped = 0;
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    if (!line.trim()) continue;
    try {
      calls.push(JSON.parse(line) as RecordedCall);
    } catch {
      skipped += 1;
    }
  }
  return { calls, skipped };
}

/** Reads a transcript file, refusing anything else. */
export function readTranscript(file: string): Transcript {
  const transcript = JSON.parse(fs.readFileSync(file, "utf8")) as Transcript;
  if (transcript.format !== TRANSCRIPT_FORMAT)
    throw new Error(
      `${file} is not a live transcript (format "${String(transcript.format)}", expected "${TRANSCRIPT_FORMAT}")`,
    );
  return transcript;
}
