// docs/error-codes.md, generated: per action, each error code it can answer with its evidence
// (api/*-errors.ts), whether and when the emulator answers it (its error builders, world switches
// and faults), and what the provider does with it (provider/client/error-handling.ts and the
// codes every call retries). `npm run docs` writes it; a unit test fails when it is stale.
import { COMMON_ERRORS } from "../../api/common-errors.js";
import type { ProductName } from "../../api/contract.js";
import type { ErrorEntry, Evidence } from "../../api/errors.js";
import { PRODUCTS } from "../../api/index.js";
// Loading the emulator loads every error builder, which records the codes it can answer.
import "../../emulator/index.js";
import { EMULATED_CODES } from "../../emulator/core/errors.js";
import { ERROR_FAULT_KINDS } from "../../emulator/core/faults.js";
import { type PlayedAnswer, PROPAGATION_ANSWERS, SWITCH_ANSWERS } from "../../emulator/world/settings.js";
import { COMMON_HANDLING, HANDLING, type Handling } from "../../provider/client/error-handling.js";
import { isRetryableCode } from "../../provider/client/errors.js";

/** The file the generator writes, relative to the repository. */
export const ERROR_CODES_DOC = "docs/error-codes.md";

/** One row of an action's table. */
export interface CodeRow {
  /** The product. */
  readonly product: ProductName;
  /** The action. */
  readonly action: string;
  /** The code. */
  readonly code: string;
  /** Its HTTP status for this action. */
  readonly status: number;
  /** Whether it is one of the common codes (any action). */
  readonly common: boolean;
  /** What the provider does with it; undefined when nothing does (a gap). */
  readonly provider: Handling | undefined;
}

const PRODUCT_ORDER: readonly ProductName[] = ["vpc", "cbn", "ecs", "sts"];

/** The handling of the actions the provider calls, by product and action. */
function handlingOf(product: ProductName, action: string): { readonly [code: string]: Handling } | undefined {
  const byAction = HANDLING[product] as { readonly [action: string]: { readonly [code: string]: Handling } };
  return byAction[action];
}

/** What the provider does with `code` from `action`: its own entry, else the retry every call makes, else (a common code) the handling of every action. */
export function providerHandling(
  product: ProductName,
  action: string,
  code: string,
  status: number,
  common = true,
): Handling | undefined {
  const own = handlingOf(product, action)?.[code];
  if (own) return own;
  if (isRetryableCode(code, status)) return { does: "retry", why: "transient for every action (client/errors.ts)" };
  // Only a common code takes the handling of every action: a product's own code needs its own entry.
  return common ? (COMMON_HANDLING as { readonly [code: string]: Handling | undefined })[code] : undefined;
}

/** Every action's rows: its documented codes, and common codes its handling names. */
export function codeRows(): CodeRow[] {
  const rows: CodeRow[] = [];
  for (const product of PRODUCT_ORDER) {
    const { actions, errors } = PRODUCTS[product];
    const table = errors as { readonly [code: string]: ErrorEntry };
    for (const action of Object.values(actions).map((a) => a.name)) {
      for (const [code, entry] of Object.entries(table)) {
        const status = (entry.answers as { readonly [action: string]: number | undefined })[action];
        if (status === undefined) continue;
        rows.push({
          product,
          action,
          code,
          status,
          common: false,
          provider: providerHandling(product, action, code, status, false),
        });
      }
      for (const code of Object.keys(handlingOf(product, action) ?? {})) {
        const documented = table[code]?.answers as { readonly [a: string]: unknown } | undefined;
        if (documented?.[action] !== undefined) continue;
        const status = COMMON_ERRORS[code as keyof typeof COMMON_ERRORS]?.status ?? 0;
        rows.push({
          product,
          action,
          code,
          status,
          common: true,
          provider: providerHandling(product, action, code, status),
        });
      }
    }
  }
  return rows;
}

/** Whether the provider calls the action (it has an entry in the handling table). */
export function providerCalls(product: ProductName, action: string): boolean {
  return handlingOf(product, action) !== undefined;
}

function evidenceText(evidence: Evidence): string {
  switch (evidence.kind) {
    case "page":
      return `[${evidence.title ?? pageName(evidence.url)}](${evidence.url})`;
    case "terraform":
      return `Terraform \`${evidence.file.replace(/^alicloud\//, "")}\``;
    case "sdk":
      return `SDK \`${evidence.package}\` ${evidence.where}`;
    case "inferred":
      return `inferred: ${evidence.note}`;
  }
}

/** A short name for a page: the last part of its address. */
function pageName(url: string): string {
  const last = url.replace(/\/$/, "").split("/").pop() ?? url;
  return last.replace(/^api-[a-z]+-\d{4}-\d\d-\d\d-/, "").replace(/\.html?$/, "");
}

const played = (product: ProductName, action: string): { readonly answer: PlayedAnswer; readonly by: string }[] => {
  const found: { answer: PlayedAnswer; by: string }[] = [];
  for (const [setting, values] of Object.entries(SWITCH_ANSWERS)) {
    for (const [value, answers] of Object.entries(values as { [value: string]: readonly PlayedAnswer[] })) {
      for (const answer of answers) {
        if (answer.product === product && answer.action === action)
          found.push({ answer, by: `${setting}: "${value}"` });
      }
    }
  }
  for (const answer of PROPAGATION_ANSWERS) {
    if (answer.product === product && answer.action === action) found.push({ answer, by: "grantPropagationMs > 0" });
  }
  return found;
};

function emulatorText(row: CodeRow): string {
  const productCode = PRODUCTS[row.product].info.code;
  const switches = played(row.product, row.action).filter(({ answer }) => answer.answer === row.code);
  const under = switches.map(({ answer, by }) => `\`${by}\` (${answer.when})`).join(", ");
  if (switches.some(({ answer }) => answer.only)) return `with ${under}`;
  const answered = row.common
    ? (ERROR_FAULT_KINDS as readonly string[]).includes(row.code)
      ? "fault injection"
      : EMULATED_CODES.get("common")?.has(row.code)
        ? "answers"
        : undefined
    : EMULATED_CODES.get(productCode)?.has(row.code)
      ? "answers"
      : undefined;
  if (answered && under) return `${answered}; also with ${under}`;
  return answered ?? "not played";
}

function providerText(row: CodeRow): string {
  if (!providerCalls(row.product, row.action)) return "(not called)";
  return row.provider ? `${row.provider.does}: ${row.provider.why}` : "**not handled**";
}

const cell = (text: string) => text.replaceAll("|", "\\|");

/** A markdown table with its columns padded, as biome formats it. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows].map((row) => row.map(cell));
  const widths = header.map((_, i) => Math.max(3, ...all.map((row) => row[i]?.length ?? 0)));
  const line = (row: readonly string[]) => `| ${row.map((text, i) => text.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  const [head, ...body] = all;
  return [line(head ?? []), `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`, ...body.map(line)].join("\n");
}

/** The whole document. */
export function renderErrorCodes(): string {
  const out: string[] = [
    "# Error codes by action",
    "",
    "Generated by `npm run docs` (scripts/lib/error-codes-doc.ts) from the error tables in `api/` (`*-errors.ts`), the",
    "emulator's error builders, world switches and faults, and the provider's handling",
    "(`provider/client/error-handling.ts`); `test/unit/structure/error-codes.test.ts` fails when this file is stale.",
    "Do not edit it by hand.",
    "",
    "- **evidence**: an Alibaba Cloud reference page, a file of Terraform's alicloud provider",
    "  (`aliyun/terraform-provider-alicloud`, under `alicloud/`), an SDK model, or `inferred` with the reason.",
    "- **emulator**: `answers` when its situation arises, `with` a world switch that plays it (emulator/README.md,",
    "  World settings), `fault injection` (`PUT /__admin/faults`), or `not played`.",
    "- **provider**: `retry` within the operation's window, `exists` (create finds it there), `gone` (delete finds",
    "  it gone), `absent` (a read finds nothing), `explained` (passed on saying what to do), `surfaced` (passed on",
    "  as Alibaba words it, for the reason given); `(not called)` for actions the provider does not call.",
    "",
    "## Every action",
    "",
    "Codes the API gateway or the service answers for any action ([common codes](https://help.aliyun.com/en/sdk/product-overview/rpc-mechanism)).",
    "",
    markdownTable(
      ["code", "HTTP", "evidence", "emulator", "provider"],
      Object.entries(COMMON_ERRORS).map(([code, entry]) => {
        const row: CodeRow = {
          product: "vpc",
          action: "",
          code,
          status: entry.status,
          common: true,
          provider: providerHandling("vpc", "", code, entry.status),
        };
        const handling = row.provider;
        return [
          `\`${code}\``,
          String(entry.status),
          entry.evidence.map(evidenceText).join("; "),
          emulatorText(row),
          handling ? `${handling.does}: ${handling.why}` : "**not handled**",
        ];
      }),
    ),
  ];
  const rows = codeRows();
  for (const product of PRODUCT_ORDER) {
    const { info, actions, errors } = PRODUCTS[product];
    const table = errors as { readonly [code: string]: ErrorEntry };
    for (const action of Object.values(actions).map((a) => a.name)) {
      out.push("", `## ${info.code} ${action}`, "");
      const mine = rows.filter((row) => row.product === product && row.action === action);
      out.push(
        markdownTable(
          ["code", "HTTP", "evidence", "emulator", "provider"],
          mine.map((row) => [
            `\`${row.code}\``,
            String(row.status),
            (row.common
              ? COMMON_ERRORS[row.code as keyof typeof COMMON_ERRORS].evidence
              : (table[row.code]?.evidence ?? [])
            )
              .map(evidenceText)
              .join("; "),
            emulatorText(row),
            providerText(row),
          ]),
        ),
      );
      const successes = played(product, action).filter(({ answer }) => answer.answer === "success");
      if (successes.length > 0) {
        out.push(
          "",
          `Successes played where the sources are silent: ${successes.map(({ answer, by }) => `\`${by}\` (${answer.when})`).join(", ")}.`,
        );
      }
    }
  }
  return `${out.join("\n")}\n`;
}
