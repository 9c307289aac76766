// The emulator's published documents: the JSON Schemas of seeds and admin bodies, and the OpenAPI
// document of the admin surface. These files are the contract: the admin surface serves them as
// they are, validates bodies against the schema each route's OpenAPI operation names, and the CLI
// validates --seed files with them (errors name the field).
import adminSchema from "./admin.schema.json";
import openapi from "./openapi.json";
import { formatIssues, type SchemaIssue, SchemaSet } from "./validator.js";
import worldSeedSchema from "./world-seed.schema.json";

export { formatIssues, type SchemaIssue, SchemaSet };

/** The documents the admin surface serves, by file name (`GET /__admin/<name>`). */
export const DOCUMENTS: { readonly [file: string]: object } = {
  "openapi.json": openapi,
  "world-seed.schema.json": worldSeedSchema,
  "admin.schema.json": adminSchema,
};

/** The JSON Schemas, `$ref`s resolved between them. */
export const SCHEMAS = new SchemaSet({
  "world-seed.schema.json": worldSeedSchema,
  "admin.schema.json": adminSchema,
});

/** The version of the admin surface's contract (the OpenAPI document's `info.version`). */
export const ADMIN_API_VERSION: string = openapi.info.version;

/** The schema of a whole seed (the --seed file, POST /__admin/seed). */
export const WORLD_SEED_SCHEMA = "world-seed.schema.json#/$defs/WorldSeed";

/** Checks a seed against its schema: every field refused, by path. None means it has the right shape. */
export function seedIssues(seed: unknown): SchemaIssue[] {
  return SCHEMAS.validate(WORLD_SEED_SCHEMA, seed);
}

/** What the OpenAPI document says of one operation's body. */
export interface OperationBody {
  /** The schema the body must match (`file#/pointer`). */
  readonly schema: string;
  /** A body must be sent. */
  readonly required: boolean;
}

interface Operation {
  readonly requestBody?: {
    readonly required?: boolean;
    readonly content: { readonly [type: string]: { readonly schema: { readonly $ref: string } } };
  };
}

const PATHS = openapi.paths as { readonly [path: string]: { readonly [method: string]: Operation } };

/** Every operation of the OpenAPI document, as `METHOD /path`. */
export function documentedRoutes(): string[] {
  return Object.entries(PATHS).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
  );
}

/** The body an operation takes (`undefined`: none), as the OpenAPI document says. */
export function operationBody(method: string, path: string): OperationBody | undefined {
  const body = PATHS[path]?.[method.toLowerCase()]?.requestBody;
  const schema = body?.content["application/json"]?.schema.$ref;
  if (!body || schema === undefined) return undefined;
  return { schema, required: body.required === true };
}
