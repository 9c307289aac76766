// A small JSON Schema (draft 2020-12) validator for the emulator's own schemas (seed files, admin
// bodies): the keywords those schemas use, `$ref` across the files of one set, and issues that name
// the field (`accounts[0].vpcs[2].cidrBlock: must be a string`). Written here so that the emulator
// keeps depending on nothing but Node; a keyword it does not know is refused when the set is built,
// so a schema can never rely on a check that silently does not run.

/** A schema: an object of keywords, or `true` / `false`. */
export type JsonSchema = boolean | { readonly [keyword: string]: unknown };

/** One thing wrong with a value: where (`accounts[0].uid`, `""` for the value itself) and what. */
export interface SchemaIssue {
  /** The field's path, in JavaScript notation; `""` is the value itself. */
  readonly path: string;
  /** What is wrong, e.g. `must be a string`. */
  readonly message: string;
}

/** How to validate. */
export interface ValidateOptions {
  /**
   * Treat every object schema that lists `properties` and says nothing of `additionalProperties`
   * as closed (tests use it to prove that a document describes every field an answer has).
   * @default false
   */
  readonly closed?: boolean;
  /** Stop after this many issues. @default 20 */
  readonly maxIssues?: number;
}

/** Keywords that check something. */
const ASSERTIONS = [
  "type",
  "enum",
  "const",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "minItems",
  "maxItems",
  "minLength",
  "maxLength",
  "pattern",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "$ref",
] as const;

/** Keywords that only describe (editors show them; validation ignores them). */
const ANNOTATIONS = [
  "$schema",
  "$id",
  "$defs",
  "$comment",
  "title",
  "description",
  "default",
  "examples",
  "format",
  "deprecated",
  "readOnly",
  "writeOnly",
] as const;

/** Every keyword the validator understands. */
export const SUPPORTED_KEYWORDS: ReadonlySet<string> = new Set<string>([...ASSERTIONS, ...ANNOTATIONS]);

type SchemaObject = { readonly [keyword: string]: unknown };

function isObject(value: unknown): value is { readonly [key: string]: unknown } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The JSON type names a value has (an integer is also a number). */
function typesOf(value: unknown): string[] {
  if (value === null) return ["null"];
  if (Array.isArray(value)) return ["array"];
  if (typeof value === "number") return Number.isInteger(value) ? ["integer", "number"] : ["number"];
  if (typeof value === "string" || typeof value === "boolean") return [typeof value];
  if (typeof value === "object") return ["object"];
  return [];
}

const ARTICLE: { readonly [type: string]: string } = {
  string: "a string",
  number: "a number",
  integer: "an integer",
  boolean: "a boolean",
  object: "an object",
  array: "an array",
  null: "null",
};

/** `a.b[0]["odd key"]`: how a path reads in an issue. */
function child(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) return path === "" ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}

/** Decodes one JSON Pointer segment. */
function unescapePointer(segment: string): string {
  return decodeURIComponent(segment).replace(/~1/g, "/").replace(/~0/g, "~");
}

/**
 * A set of schema documents by file name (`world-seed.schema.json`), whose `$ref`s point within a
 * document (`#/$defs/X`) or at another document of the set (`other.schema.json#/$defs/X`).
 */
export class SchemaSet {
  private readonly documents: ReadonlyMap<string, JsonSchema>;
  private readonly patterns = new Map<string, RegExp>();

  /**
   * @param documents the schema documents by file name.
   * @throws Error when a document uses a keyword this validator does not know, or a `$ref` that
   * leads nowhere.
   */
  constructor(documents: { readonly [file: string]: unknown }) {
    this.documents = new Map(Object.entries(documents) as [string, JsonSchema][]);
    for (const [file, document] of this.documents) this.check(document, file, "#");
  }

  /** The schema a reference names (`file#/pointer`, or `#/pointer` within `base`), and its file. */
  resolve(ref: string, base: string): { schema: JsonSchema; file: string } {
    const hash = ref.indexOf("#");
    const file = hash === 0 ? base : hash < 0 ? ref : ref.slice(0, hash);
    const pointer = hash < 0 ? "" : ref.slice(hash + 1);
    const document = this.documents.get(file);
    if (document === undefined) throw new Error(`$ref ${ref} (from ${base}): no schema document ${file}`);
    let node: unknown = document;
    for (const segment of pointer.split("/").slice(1)) {
      node = isObject(node) ? node[unescapePointer(segment)] : undefined;
      if (node === undefined) throw new Error(`$ref ${ref} (from ${base}) leads nowhere`);
    }
    if (typeof node !== "boolean" && !isObject(node)) throw new Error(`$ref ${ref} (from ${base}) is not a schema`);
    return { schema: node as JsonSchema, file };
  }

  /**
   * Validates `value` against the schema `ref` names (`file#/pointer`). Returns every issue found
   * (up to `maxIssues`), in document order; none means valid.
   */
  validate(ref: string, value: unknown, options: ValidateOptions = {}): SchemaIssue[] {
    const { schema, file } = this.resolve(ref, "");
    const issues: SchemaIssue[] = [];
    this.walk(schema, file, value, "", issues, { closed: options.closed ?? false, max: options.maxIssues ?? 20 });
    return issues;
  }

  /** Refuses unknown keywords and dangling references (at construction, not at first use). */
  private check(schema: unknown, file: string, where: string): void {
    if (typeof schema === "boolean") return;
    if (!isObject(schema)) throw new Error(`${file}${where}: a schema must be an object or a boolean`);
    for (const [keyword, value] of Object.entries(schema)) {
      if (!SUPPORTED_KEYWORDS.has(keyword)) {
        throw new Error(`${file}${where}: the keyword "${keyword}" is not supported by emulator/schema/validator.ts`);
      }
      if (keyword === "$ref") this.resolve(String(value), file);
      if (keyword === "pattern") new RegExp(String(value), "u");
      if ((keyword === "properties" || keyword === "$defs") && isObject(value)) {
        for (const [name, inner] of Object.entries(value)) this.check(inner, file, `${where}/${keyword}/${name}`);
      }
      if (keyword === "items" || keyword === "additionalProperties") this.check(value, file, `${where}/${keyword}`);
    }
  }

  private walk(
    schema: JsonSchema,
    file: string,
    value: unknown,
    path: string,
    issues: SchemaIssue[],
    options: { readonly closed: boolean; readonly max: number },
  ): void {
    const report = (message: string, at: string = path): void => {
      if (issues.length < options.max) issues.push({ path: at, message });
    };
    if (schema === true) return;
    if (schema === false) {
      report("is not allowed");
      return;
    }
    const s: SchemaObject = schema;
    if (typeof s.$ref === "string") {
      const target = this.resolve(s.$ref, file);
      const before = issues.length;
      this.walk(target.schema, target.file, value, path, issues, options);
      if (issues.length > before) return;
    }
    if (s.type !== undefined) {
      const allowed = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
      const actual = typesOf(value);
      if (!allowed.some((type) => actual.includes(type))) {
        report(`must be ${allowed.map((type) => ARTICLE[type] ?? type).join(" or ")}`);
        return;
      }
    }
    if (Array.isArray(s.enum) && !s.enum.some((option) => option === value)) {
      report(`must be one of ${s.enum.map((option) => JSON.stringify(option)).join(", ")}`);
      return;
    }
    if (s.const !== undefined && s.const !== value) {
      report(`must be ${JSON.stringify(s.const)}`);
      return;
    }
    if (typeof value === "string") this.walkString(s, value, report);
    if (typeof value === "number") this.walkNumber(s, value, report);
    if (Array.isArray(value)) {
      if (typeof s.minItems === "number" && value.length < s.minItems) report(`must have at least ${s.minItems} items`);
      if (typeof s.maxItems === "number" && value.length > s.maxItems) report(`must have at most ${s.maxItems} items`);
      if (s.items !== undefined) {
        value.forEach((item, index) => {
          this.walk(s.items as JsonSchema, file, item, child(path, index), issues, options);
        });
      }
    }
    if (isObject(value)) this.walkObject(s, file, value, path, issues, options, report);
  }

  private walkString(s: SchemaObject, value: string, report: (message: string) => void): void {
    const length = [...value].length;
    if (typeof s.minLength === "number" && length < s.minLength) {
      report(s.minLength === 1 ? "must not be empty" : `must be at least ${s.minLength} characters`);
    }
    if (typeof s.maxLength === "number" && length > s.maxLength) report(`must be at most ${s.maxLength} characters`);
    if (typeof s.pattern === "string") {
      let pattern = this.patterns.get(s.pattern);
      if (!pattern) {
        pattern = new RegExp(s.pattern, "u");
        this.patterns.set(s.pattern, pattern);
      }
      if (!pattern.test(value)) {
        const what = typeof s.description === "string" ? ` (${s.description})` : "";
        report(`must match ${s.pattern}${what}`);
      }
    }
  }

  private walkNumber(s: SchemaObject, value: number, report: (message: string) => void): void {
    if (typeof s.minimum === "number" && value < s.minimum) report(`must be at least ${s.minimum}`);
    if (typeof s.exclusiveMinimum === "number" && value <= s.exclusiveMinimum) {
      report(`must be more than ${s.exclusiveMinimum}`);
    }
    if (typeof s.maximum === "number" && value > s.maximum) report(`must be at most ${s.maximum}`);
  }

  private walkObject(
    s: SchemaObject,
    file: string,
    value: { readonly [key: string]: unknown },
    path: string,
    issues: SchemaIssue[],
    options: { readonly closed: boolean; readonly max: number },
    report: (message: string, at?: string) => void,
  ): void {
    const properties = isObject(s.properties) ? (s.properties as { readonly [name: string]: JsonSchema }) : {};
    if (Array.isArray(s.required)) {
      for (const name of s.required as string[]) {
        if (value[name] === undefined) report("is required", child(path, name));
      }
    }
    for (const [name, inner] of Object.entries(value)) {
      if (inner === undefined) continue;
      const known = properties[name];
      if (known !== undefined) {
        this.walk(known, file, inner, child(path, name), issues, options);
        continue;
      }
      const extra =
        s.additionalProperties !== undefined
          ? (s.additionalProperties as JsonSchema)
          : !(options.closed && isObject(s.properties));
      if (extra === false) {
        const names = Object.keys(properties);
        report(`is not allowed here${names.length > 0 ? ` (known: ${names.join(", ")})` : ""}`, child(path, name));
      } else {
        this.walk(extra, file, inner, child(path, name), issues, options);
      }
    }
  }
}

/** Issues as one line: `a.b: must be a string; c: is required` (`root` names the value itself). */
export function formatIssues(issues: readonly SchemaIssue[], root: string): string {
  return issues.map((issue) => `${issue.path === "" ? root : issue.path}: ${issue.message}`).join("; ");
}
