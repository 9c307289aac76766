// RAM policy documents: their grammar (for seeds and session policies), and how a statement
// matches an action, a principal and the request's condition keys.

import { wildcard } from "../core/wildcard.js";
import type { PolicyDocument, PolicyStatement } from "./types.js";

/** Why a document was refused, in words. */
export class PolicyGrammarError extends Error {}

function strings(value: unknown, where: string): readonly string[] {
  if (typeof value === "string" && value !== "") return [value];
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === "string" && v !== "")) {
    return value as string[];
  }
  throw new PolicyGrammarError(`${where} must be a non-empty string or a list of them`);
}

function object(value: unknown, where: string): { readonly [key: string]: unknown } {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new PolicyGrammarError(`${where} must be an object`);
  }
  return value as { readonly [key: string]: unknown };
}

/** Checks a policy document (an object or its JSON text) and returns it in the canonical shape. */
export function parsePolicy(input: unknown): PolicyDocument {
  let value = input;
  if (typeof input === "string") {
    try {
      value = JSON.parse(input) as unknown;
    } catch {
      throw new PolicyGrammarError("the document is not JSON");
    }
  }
  const doc = object(value, "the document");
  if (doc.Version !== "1") throw new PolicyGrammarError('Version must be "1"');
  if (!Array.isArray(doc.Statement) || doc.Statement.length === 0) {
    throw new PolicyGrammarError("Statement must be a non-empty list");
  }
  const statements = doc.Statement.map((raw: unknown, i: number): PolicyStatement => {
    const where = `Statement[${i}]`;
    const s = object(raw, where);
    if (s.Effect !== "Allow" && s.Effect !== "Deny")
      throw new PolicyGrammarError(`${where}.Effect must be Allow or Deny`);
    const statement: { -readonly [K in keyof PolicyStatement]: PolicyStatement[K] } = {
      Effect: s.Effect,
      Action: strings(s.Action, `${where}.Action`),
    };
    if (s.Principal !== undefined) {
      const principal: { [kind: string]: readonly string[] } = {};
      for (const [kind, who] of Object.entries(object(s.Principal, `${where}.Principal`))) {
        principal[kind] = strings(who, `${where}.Principal.${kind}`);
      }
      statement.Principal = principal;
    }
    if (s.Resource !== undefined) statement.Resource = strings(s.Resource, `${where}.Resource`);
    if (s.Condition !== undefined) {
      const condition: { [operator: string]: { [key: string]: readonly string[] } } = {};
      for (const [operator, keys] of Object.entries(object(s.Condition, `${where}.Condition`))) {
        if (!["StringEquals", "StringLike", "StringNotEquals"].includes(operator)) {
          throw new PolicyGrammarError(`${where}.Condition: unknown operator ${operator}`);
        }
        const entries: { [key: string]: readonly string[] } = {};
        for (const [key, wanted] of Object.entries(object(keys, `${where}.Condition.${operator}`))) {
          entries[key] = strings(wanted, `${where}.Condition.${operator}.${key}`);
        }
        condition[operator] = entries;
      }
      statement.Condition = condition;
    }
    return statement;
  });
  return { Version: "1", Statement: statements };
}

/** Whether `pattern` (with `*` wildcards, case-insensitive as RAM compares actions) matches `text`. */
export function wildcardMatch(pattern: string, text: string): boolean {
  return wildcard(pattern, "i").test(text);
}

function list(value: string | readonly string[] | undefined): readonly string[] {
  if (value === undefined) return [];
  return typeof value === "string" ? [value] : value;
}

/** Whether a statement names the action (`sts:AssumeRole`; `*` and `sts:*` too). */
export function statementHasAction(statement: PolicyStatement, action: string): boolean {
  return list(statement.Action).some((pattern) => wildcardMatch(pattern, action));
}

/** Whether a statement's Principal of `kind` names one of `principals` exactly. */
export function statementHasPrincipal(
  statement: PolicyStatement,
  kind: string,
  principals: readonly string[],
): boolean {
  const named = list(statement.Principal?.[kind]);
  return named.some((who) => principals.some((p) => p.toLowerCase() === who.toLowerCase()));
}

/** Whether the request's condition keys satisfy every condition of the statement. */
export function conditionsHold(
  statement: PolicyStatement,
  context: { readonly [key: string]: string | readonly string[] | undefined },
): boolean {
  for (const [operator, keys] of Object.entries(statement.Condition ?? {})) {
    for (const [key, wanted] of Object.entries(keys)) {
      const actual = list(context[key]);
      const wantedList = list(wanted);
      const matches = actual.some((value) =>
        wantedList.some((w) => (operator === "StringLike" ? wildcardMatch(w, value) : w === value)),
      );
      if (operator === "StringNotEquals" ? matches : !matches) return false;
    }
  }
  return true;
}

/** The action patterns (`vpc:Grant*`, `*`) a session policy allows and denies. */
export function sessionActions(doc: PolicyDocument): { allow: string[]; deny: string[] } {
  const allow: string[] = [];
  const deny: string[] = [];
  for (const statement of doc.Statement) (statement.Effect === "Allow" ? allow : deny).push(...list(statement.Action));
  return { allow, deny };
}
