// JSON rendering that knows RawNumber: `JSON.stringify` cannot emit a bare integer above 2^53.
import { RawNumber, type ResponseValue } from "./values.js";

/** Renders a response value as JSON text; `undefined` members are left out, as JSON.stringify does. */
export function toJson(value: ResponseValue): string {
  if (value instanceof RawNumber) return value.digits;
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) {
    return `[${value.map((item: ResponseValue) => toJson(item)).join(",")}]`;
  }
  const parts: string[] = [];
  for (const [key, member] of Object.entries(value as { [key: string]: ResponseValue | undefined })) {
    if (member === undefined) continue;
    parts.push(`${JSON.stringify(key)}:${toJson(member)}`);
  }
  return `{${parts.join(",")}}`;
}

/** A JSON-safe form of a response value (RawNumber tagged), for storing replayable results. */
export type StoredValue = string | number | boolean | null | StoredValue[] | { [key: string]: StoredValue };

const RAW_TAG = "$rawNumber";

/** Converts a response value into plain JSON data, tagging RawNumbers so they can be revived. */
export function toStored(value: ResponseValue | undefined): StoredValue {
  if (value === undefined) return null;
  if (value instanceof RawNumber) return { [RAW_TAG]: value.digits };
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item: ResponseValue) => toStored(item));
  const out: { [key: string]: StoredValue } = {};
  for (const [key, member] of Object.entries(value as { [key: string]: ResponseValue | undefined })) {
    if (member !== undefined) out[key] = toStored(member);
  }
  return out;
}

/** Revives a stored value (inverse of toStored). */
export function fromStored(value: StoredValue): ResponseValue {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(fromStored);
  const raw = value[RAW_TAG];
  if (typeof raw === "string" && Object.keys(value).length === 1) return new RawNumber(raw);
  const out: { [key: string]: ResponseValue } = {};
  for (const [key, member] of Object.entries(value)) out[key] = fromStored(member);
  return out;
}
