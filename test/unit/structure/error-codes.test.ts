// Evidence for every answer: the emulator answers only codes the tables in api/ document for the
// action served, the provider handles (or deliberately surfaces, with a reason) every documented
// code of every action it calls, and docs/error-codes.md is what the generator writes today.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { COMMON_ERRORS } from "../../../api/common-errors.js";
import type { ErrorEntry } from "../../../api/errors.js";
import { PRODUCTS } from "../../../api/index.js";
import { VPC_ERRORS } from "../../../api/vpc-errors.js";
import { EMULATED_CODES, productErrors } from "../../../emulator/core/errors.js";
import { ERROR_FAULT_KINDS } from "../../../emulator/core/faults.js";
import * as gateway from "../../../emulator/core/gateway-errors.js";
import * as ecsErrors from "../../../emulator/ecs/exceptions.js";
import * as vpcErrors from "../../../emulator/vpc/exceptions.js";
import { PROPAGATION_ANSWERS, SWITCH_ANSWERS } from "../../../emulator/world/settings.js";
import { COMMON_HANDLING, HANDLING, type Handling } from "../../../provider/client/error-handling.js";
import { isRetryableCode } from "../../../provider/client/errors.js";
import {
  codeRows,
  ERROR_CODES_DOC,
  providerCalls,
  providerHandling,
  renderErrorCodes,
} from "../../../scripts/lib/error-codes-doc.js";

const ROOT = path.resolve(__dirname, "../../..");

/** Every .ts file under a folder of the repository. */
function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { recursive: true, encoding: "utf8" }).flatMap((name) => {
    const file = path.join(dir, name);
    return file.endsWith(".ts") ? [file] : [];
  });
}

describe("the emulator answers only documented codes", () => {
  it("GIVEN every error builder loaded WHEN the codes it can answer are listed THEN each has an entry naming at least one action of that product", () => {
    const byCode = new Map(Object.values(PRODUCTS).map((p) => [p.info.code, p.errors as Record<string, ErrorEntry>]));
    const undocumented: string[] = [];
    for (const [scope, codes] of EMULATED_CODES) {
      for (const code of codes) {
        if (scope === "common") {
          if (!(code in COMMON_ERRORS)) undocumented.push(`common ${code}`);
          continue;
        }
        const actions = Object.keys(byCode.get(scope)?.[code]?.answers ?? {});
        if (actions.length === 0) undocumented.push(`${scope} ${code}`);
      }
    }
    expect(undocumented).toEqual([]);
    expect(EMULATED_CODES.get("Vpc")?.has("Forbidden.GrantRuleExists")).toBe(true);
    expect([...(EMULATED_CODES.get("Cbn") ?? [])].length).toBeGreaterThan(10);
  });

  it("GIVEN the emulator's sources WHEN read THEN no error answer is built by hand outside core/errors.ts", () => {
    const byHand = sources("emulator").filter(
      (file) => file !== path.join("emulator", "core", "errors.ts") && /new ServiceError\(/.test(read(file)),
    );
    expect(byHand).toEqual([]);
  });

  it("GIVEN a code without an entry WHEN an error builder is made for it THEN it does not compile, and refuses at run time", () => {
    const define = productErrors("vpc", VPC_ERRORS);
    // @ts-expect-error "Bogus.Code" has no entry in api/vpc-errors.ts
    expect(() => define("Bogus.Code", "never")).toThrow("Bogus.Code has no entry in the vpc error table");
  });

  it("GIVEN a documented error WHEN an action answers it THEN its status is the table's for that action, and an action the entry does not list cannot answer it", () => {
    expect(vpcErrors.grantExists().answeredBy("Vpc", "GrantInstanceToCen")?.httpStatus).toBe(400);
    expect(vpcErrors.grantExists().answeredBy("Vpc", "RevokeInstanceFromCen")).toBeUndefined();
    expect(vpcErrors.grantExists().answeredBy("Cbn", "GrantInstanceToCen")).toBeUndefined();
    // One code, two statuses: ClassicLink's attach page says 403, the Describe page 404.
    expect(ecsErrors.clRegionNotFound().answeredBy("Ecs", "AttachClassicLinkVpc")?.httpStatus).toBe(403);
    expect(ecsErrors.clRegionNotFound().answeredBy("Ecs", "DescribeClassicLinkInstances")?.httpStatus).toBe(404);
    expect(ecsErrors.clRegionNotFound().answeredBy("Ecs", "DetachClassicLinkVpc")).toBeUndefined();
  });

  it("GIVEN the emulator's sign of an undocumented answer WHEN a client meets it THEN it names the action and the code, and is a 4xx no call retries", () => {
    const answer = gateway.undocumentedAnswer("GrantInstanceToCen", "Bogus.Code");
    expect(answer.code).toBe("Emulator.UndocumentedAnswer");
    expect(answer.message).toContain("Bogus.Code to GrantInstanceToCen");
    expect(answer.httpStatus).toBe(400);
    expect(isRetryableCode(answer.code, answer.httpStatus)).toBe(false);
  });

  it("GIVEN the fault kinds that answer errors WHEN listed THEN each is a common code", () => {
    expect(ERROR_FAULT_KINDS.filter((kind) => !(kind in COMMON_ERRORS))).toEqual([]);
  });

  it("GIVEN the world switches WHEN their played answers are listed THEN each error is documented for its action", () => {
    const played = [
      ...Object.values(SWITCH_ANSWERS).flatMap((values) => Object.values(values).flat()),
      ...PROPAGATION_ANSWERS,
    ];
    const undocumented = played.filter((answer) => {
      if (answer.answer === "success") return false;
      const entry = (PRODUCTS[answer.product].errors as Record<string, ErrorEntry>)[answer.answer];
      return (entry?.answers as Record<string, number | undefined> | undefined)?.[answer.action] === undefined;
    });
    expect(undocumented).toEqual([]);
  });
});

describe("the provider handles every documented code of the actions it calls", () => {
  it("GIVEN each action the provider calls WHEN its documented codes are listed THEN each is retried, handled, or surfaced with a reason", () => {
    const gaps = codeRows()
      .filter((row) => providerCalls(row.product, row.action) && row.provider === undefined)
      .map((row) => `${row.product} ${row.action} ${row.code}`);
    expect(gaps).toEqual([]);
  });

  it("GIVEN the codes any action can answer WHEN listed THEN each is retried by every call or has a handling with a reason", () => {
    const gaps = Object.entries(COMMON_ERRORS)
      .filter(
        ([code, entry]) =>
          !isRetryableCode(code, entry.status) && COMMON_HANDLING[code as keyof typeof COMMON_ERRORS] === undefined,
      )
      .map(([code]) => code);
    expect(gaps).toEqual([]);
  });

  it("GIVEN every handling WHEN read THEN it says why, and it names an action of its product", () => {
    for (const [product, actions] of Object.entries(HANDLING)) {
      const known = Object.values(PRODUCTS[product as keyof typeof PRODUCTS].actions).map((a) => a.name as string);
      for (const [action, codes] of Object.entries(actions)) {
        expect(known).toContain(action);
        for (const handling of Object.values(codes as Record<string, Handling>)) {
          expect(handling.why.length).toBeGreaterThan(10);
        }
      }
    }
  });

  it("GIVEN every handling but `surfaced` WHEN the provider's sources are read THEN each code is acted on there: named, by a prefix of it, or through codesFor of its action and reaction", () => {
    const code = sources("provider")
      .filter((file) => !file.endsWith("error-handling.ts"))
      .map(read)
      .join("\n");
    // A code as a string, or as an object key (`OperationDenied: ...`, which needs no quotes).
    const named = (name: string) => code.includes(`"${name}"`) || new RegExp(`^\\s*${name}:`, "m").test(code);
    const actedOn = (product: string, action: string, name: string, does: string) =>
      code.includes(`codesFor("${product}", "${action}", "${does}")`) ||
      name.split(".").some((_, i, parts) => named(parts.slice(0, i + 1).join(".")));
    const unused: string[] = [];
    for (const [product, actions] of Object.entries(HANDLING)) {
      for (const [action, codes] of Object.entries(actions)) {
        for (const [name, handling] of Object.entries(codes as Record<string, Handling>)) {
          if (handling.does !== "surfaced" && !actedOn(product, action, name, handling.does)) {
            unused.push(`${product} ${action} ${name} ${handling.does}`);
          }
        }
      }
    }
    for (const [name, handling] of Object.entries(COMMON_HANDLING)) {
      if (handling && handling.does !== "surfaced" && !named(name)) unused.push(`common ${name}`);
    }
    expect(unused).toEqual([]);
  });

  it("GIVEN a code with no handling of its own WHEN it is a transient one THEN every call retries it", () => {
    expect(providerHandling("vpc", "GrantInstanceToCen", "TaskConflict", 400)?.does).toBe("retry");
    expect(providerHandling("vpc", "GrantInstanceToCen", "Bogus.Code", 400)).toBeUndefined();
  });
});

describe(ERROR_CODES_DOC, () => {
  it("GIVEN the tables today WHEN the document is generated THEN it is the committed one (run `npm run docs` after changing them)", () => {
    expect(read(ERROR_CODES_DOC)).toBe(renderErrorCodes());
  });
});

function read(file: string): string {
  return fs.readFileSync(path.join(ROOT, file), "utf8");
}
