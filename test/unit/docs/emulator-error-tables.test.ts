// The emulator README says in which situation each code is answered, in words that only a person
// can keep true; the codes and statuses it names are held to the error tables in api/, so that a
// code renamed, removed or answered with another status there fails here instead of rotting there.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { COMMON_ERRORS } from "../../../api/common-errors.js";
import type { ErrorEntry } from "../../../api/errors.js";
import { PRODUCTS } from "../../../api/index.js";
import { ROOT } from "./markdown";

const README = path.join(ROOT, "emulator", "README.md");
const HEADING = "## Error codes by action";

/** Every documented code with the statuses it is answered with, by any action of any product. */
function documentedStatuses(): Map<string, Set<number>> {
  const known = new Map<string, Set<number>>();
  const add = (code: string, status: number) => known.set(code, (known.get(code) ?? new Set()).add(status));
  for (const { errors } of Object.values(PRODUCTS)) {
    for (const [code, entry] of Object.entries(errors as Record<string, ErrorEntry>)) {
      for (const status of Object.values(entry.answers)) if (status !== undefined) add(code, status);
    }
  }
  for (const [code, entry] of Object.entries(COMMON_ERRORS)) add(code, entry.status);
  return known;
}

/** The README's section on error codes, up to the next section. */
function section(): string {
  const text = fs.readFileSync(README, "utf8");
  const start = text.indexOf(HEADING);
  const end = text.indexOf("\n## ", start + HEADING.length);
  return text.slice(start, end < 0 ? undefined : end);
}

/** A code the section names, with the status it gives where it gives one. */
interface Named {
  readonly code: string;
  readonly status: number | undefined;
  readonly where: string;
}

/** Each code the section names: table rows (the code column, and the HTTP column where there is one) and "`Code` 404" / "404 `Code`" in prose. */
function namedCodes(text: string): Named[] {
  const found: Named[] = [];
  let columns: string[] = [];
  for (const line of text.split("\n")) {
    if (!line.startsWith("|")) {
      columns = [];
      for (const match of line.matchAll(/`([A-Za-z][\w.]*)` (\d{3})\b|\b(\d{3}) `([A-Za-z][\w.]*)`/g)) {
        const code = match[1] ?? match[4] ?? "";
        found.push({ code, status: Number(match[2] ?? match[3]), where: line.trim() });
      }
      continue;
    }
    const cells = line
      .split("|")
      .slice(1, -1)
      .map((cell) => cell.trim());
    if (cells.every((cell) => /^-+$/.test(cell))) continue;
    if (columns.length === 0) {
      columns = cells.map((cell) => cell.toLowerCase());
      continue;
    }
    const code = cells[columns.indexOf("code")]?.replaceAll("`", "");
    const http = columns.indexOf("http");
    if (code) found.push({ code, status: http < 0 ? undefined : Number(cells[http]), where: line.trim() });
  }
  return found;
}

describe("the emulator README's error codes", () => {
  it("GIVEN the README's tables and sentences of codes WHEN each code is looked up in api/'s tables THEN it is documented there, with the status the README gives", () => {
    const known = documentedStatuses();
    const named = namedCodes(section());
    // The section names most of the codes the emulator answers: an empty parse would prove nothing.
    expect(named.length).toBeGreaterThan(60);
    const wrong = named
      .filter(({ code, status }) => (status === undefined ? !known.has(code) : !known.get(code)?.has(status)))
      .map(
        ({ code, status, where }) =>
          `${code} ${status} (known: ${[...(known.get(code) ?? [])].join(", ") || "none"}): ${where}`,
      );
    expect(wrong).toEqual([]);
  });

  it("GIVEN the README's sentences WHEN a dotted code is named THEN api/'s tables document it", () => {
    const known = documentedStatuses();
    const dotted = [...section().matchAll(/`([A-Z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)+)`/g)].map((match) => match[1] ?? "");
    expect(dotted.length).toBeGreaterThan(40);
    expect(dotted.filter((code) => !known.has(code))).toEqual([]);
  });
});
