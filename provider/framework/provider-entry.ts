// What the provider process's entry module (`pulumi-alicloud-dynamic/handlers`) offers the
// serialized providers: Pulumi's dynamic provider methods, each told which resource kind it serves.
// A leaf module, so that the program side can name this shape without loading the provider side.
import type * as pulumi from "@pulumi/pulumi";
import type { ResourceKind } from "../kinds.js";

/** The provider process's entry points. */
export interface ProviderEntry {
  /** Receives the stack configuration; credentials in it stay in the process's memory only. */
  configure(req: pulumi.dynamic.ConfigureRequest): Promise<void>;
  /** Pulumi's `check`. */
  check(
    kind: ResourceKind,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.CheckResult>;
  /** Pulumi's `diff`. */
  diff(kind: ResourceKind, id: string, olds: unknown, news: unknown): Promise<pulumi.dynamic.DiffResult>;
  /** Pulumi's `create`. */
  create(kind: ResourceKind, inputs: unknown): Promise<pulumi.dynamic.CreateResult>;
  /** Pulumi's `read`. */
  read(kind: ResourceKind, id: string, props: unknown): Promise<pulumi.dynamic.ReadResult>;
  /** Pulumi's `update`. */
  update(kind: ResourceKind, id: string, olds: unknown, news: unknown): Promise<pulumi.dynamic.UpdateResult>;
  /** Pulumi's `delete` (`delete` is a reserved word for a function name). */
  remove(kind: ResourceKind, id: string, props: unknown): Promise<void>;
}
