// The error codes each action can answer, as data both sides read: the emulator builds its error
// answers from these entries (it cannot answer a code that has none), the provider says what it
// does with each (provider/error-handling.ts), and docs/error-codes.md is generated from both.
// Every entry carries its evidence: a public page, a Terraform provider file, an SDK model, or the
// words "inferred here" with the reason.

import type { ProductName } from "./contract.js";

/** Where a code (its name, its HTTP status, when it is answered) comes from. */
export type Evidence =
  | {
      /** An Alibaba Cloud reference page. */
      readonly kind: "page";
      /** Its address. */
      readonly url: string;
      /** What to call it where the address does not say (a page known by number). */
      readonly title?: string;
    }
  | {
      /** A file of Terraform's alicloud provider (github.com/aliyun/terraform-provider-alicloud). */
      readonly kind: "terraform";
      /** Its path in that repository (`alicloud/resource_alicloud_cen_instance_attachment.go`). */
      readonly file: string;
    }
  | {
      /** An Alibaba Cloud SDK's model or source. */
      readonly kind: "sdk";
      /** The package (`@alicloud/ecs20140526`). */
      readonly package: string;
      /** What in it says so (a model's name, a file). */
      readonly where: string;
    }
  | {
      /** No source says: the choice is this repository's. */
      readonly kind: "inferred";
      /** Why this choice. */
      readonly note: string;
    };

/** An Alibaba reference page of one action (the developer-reference address pattern of each product). */
export function apiPage(product: ProductName, action: string): Evidence {
  const path = { vpc: "vpc", cbn: "cen", ecs: "ecs", sts: "ram" }[product];
  const version = { vpc: "2016-04-28", cbn: "2017-09-12", ecs: "2014-05-26", sts: "2015-04-01" }[product];
  return {
    kind: "page",
    url: `https://www.alibabacloud.com/help/en/${path}/developer-reference/api-${product}-${version}-${action.toLowerCase()}`,
  };
}

/** A page given by its address (and a title where the address does not say what it is). */
export const page = (url: string, title?: string): Evidence =>
  title === undefined ? { kind: "page", url } : { kind: "page", url, title };
/** A file of Terraform's alicloud provider. */
export const terraform = (file: string): Evidence => ({ kind: "terraform", file });
/** An SDK's model. */
export const sdk = (pkg: string, where: string): Evidence => ({ kind: "sdk", package: pkg, where });
/** This repository's choice where no source says. */
export const inferred = (note: string): Evidence => ({ kind: "inferred", note });

/** One error code of a product: which of its actions answer it, with which HTTP status, and why we think so. */
export interface ErrorEntry<Action extends string = string> {
  /** What the code means, in one line. */
  readonly meaning: string;
  /** The actions that can answer it, each with the HTTP status it comes with. */
  readonly answers: { readonly [A in Action]?: number };
  /** Where the code, status and situation come from (at least one). */
  readonly evidence: readonly [Evidence, ...Evidence[]];
}

/** A product's error codes, by code. */
export type ErrorTable<Action extends string = string> = { readonly [code: string]: ErrorEntry<Action> };

/** `status` for every action named. */
export function on<const A extends string>(actions: readonly A[], status: number): { readonly [K in A]: number } {
  return Object.fromEntries(actions.map((action) => [action, status])) as { readonly [K in A]: number };
}

/**
 * Declares a product's error table; an action that is not the product's fails to compile. The
 * codes stay literal, so that the emulator can only build answers for codes that have an entry.
 */
export function errorTable<Actions extends object>(_actions: Actions) {
  return <const T extends ErrorTable<Extract<keyof Actions, string>>>(table: T): T => table;
}

/** The codes of a table that an action can answer. */
export type CodesOf<T, Action extends string> = {
  [C in keyof T]: T[C] extends { readonly answers: infer M } ? (Action extends keyof M ? C : never) : never;
}[keyof T] &
  string;

/**
 * Codes every action of every product can answer: the API gateway's own (signature, AccessKey,
 * timestamp, parameters) and the service-wide transient ones (throttling, unavailable). `status`
 * is the one HTTP status they come with.
 */
export interface CommonErrorEntry {
  /** What the code means, in one line. */
  readonly meaning: string;
  /** The HTTP status. */
  readonly status: number;
  /** Where the code and status come from (at least one). */
  readonly evidence: readonly [Evidence, ...Evidence[]];
}

/** The common table, by code. */
export type CommonErrorTable = { readonly [code: string]: CommonErrorEntry };
