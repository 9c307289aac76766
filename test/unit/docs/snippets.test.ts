// Every TypeScript and JavaScript snippet of the docs compiles against the package as it is now
// (its sources, through the same names users import): a renamed input, class or option fails
// the build instead of leaving a snippet that no longer works. A snippet is a fragment of a
// program: the names it uses without declaring them (a `vpc` made elsewhere, the resource
// classes) are declared once in PRELUDE, and each snippet compiles as a module of its own.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ts from "typescript";
import { expect, it } from "vitest";
import { markdownFiles, ROOT, snippets } from "./markdown";

/** What the snippets take as given, as a program around them would have it. */
const PRELUDE = `import type * as pulumiModule from "@pulumi/pulumi";
import type * as packageModule from "pulumi-alicloud-dynamic";
declare global {
  const pulumi: typeof pulumiModule;
  const CenGrantRevocation: typeof packageModule.CenGrantRevocation;
  const CenChildInstanceAttachment: typeof packageModule.CenChildInstanceAttachment;
  const TransitRouterGrant: typeof packageModule.TransitRouterGrant;
  const ClassicLinkAttachment: typeof packageModule.ClassicLinkAttachment;
  const ManagedInstanceActivation: typeof packageModule.ManagedInstanceActivation;
  const ManagedInstanceRegistration: typeof packageModule.ManagedInstanceRegistration;
  /** A VPC declared elsewhere in the program. */
  const vpc: { readonly id: pulumiModule.Output<string> };
  /** An activation declared elsewhere in the program. */
  const activation: packageModule.ManagedInstanceActivation;
  /** A component resource of the program. */
  const network: pulumiModule.ComponentResource;
  const cenId: string;
  const cenOwnerId: string;
  const instanceId: string;
  const vpcId: string;
  /** node:assert, in snippets of a test file. */
  const assert: typeof import("node:assert/strict");
}
export {};
`;

/** TypeScript's "implicitly has an 'any' type" diagnostics. */
const IMPLICIT_ANY = new Set([7005, 7034]);

it("GIVEN every TypeScript and JavaScript snippet of the docs WHEN compiled against the package THEN none has an error", () => {
  const found = markdownFiles().flatMap(snippets);
  expect(found.length).toBeGreaterThanOrEqual(10);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pad-snippets-"));
  try {
    const names = new Map<string, string>();
    const files = found.map((snippet, i) => {
      const name = path.join(dir, `snippet-${i}.${snippet.language === "ts" ? "mts" : "mjs"}`);
      // `export {}` makes each a module, so that the names one declares are its own.
      fs.writeFileSync(name, `${snippet.code}\nexport {};\n`);
      names.set(name, `${path.relative(ROOT, snippet.file)}:${snippet.line}`);
      return name;
    });
    const prelude = path.join(dir, "prelude.d.mts");
    fs.writeFileSync(prelude, PRELUDE);
    const program = ts.createProgram([prelude, ...files], {
      strict: true,
      noEmit: true,
      allowJs: true,
      checkJs: true,
      skipLibCheck: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      types: ["node"],
      typeRoots: [path.join(ROOT, "node_modules", "@types")],
      baseUrl: ROOT,
      paths: {
        "pulumi-alicloud-dynamic": ["provider/index.ts"],
        "pulumi-alicloud-dynamic/testing": ["testing/index.ts"],
        "pulumi-alicloud-dynamic/emulator": ["emulator/index.ts"],
        "@pulumi/pulumi": ["node_modules/@pulumi/pulumi/index.d.ts"],
      },
    });
    const errors = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file === undefined || names.has(d.file.fileName) || d.file.fileName === prelude)
      // JavaScript declares without types: its implicit `any`s are how it is written, not errors.
      .filter((d) => !(d.file?.fileName.endsWith(".mjs") && IMPLICIT_ANY.has(d.code)))
      .map((d) => {
        const where = d.file ? (names.get(d.file.fileName) ?? "prelude") : "options";
        const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
        return `${where} (snippet line ${line}): ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
      });
    expect(errors).toEqual([]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
