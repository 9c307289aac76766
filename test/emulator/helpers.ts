// Shared test helpers: the default world's keys, pop-core clients, a hand-built signed fetch and
// a way to catch Alibaba errors with their HTTP status.
import RPCClient from "@alicloud/pop-core";
import { expect } from "vitest";
import { signRequestV1 } from "../../emulator/core/signature-v1.js";
import { DEFAULT_KEYS, type EmulatorOptions, type RunningEmulator, startEmulator } from "../../emulator/index.js";

/** An AccessKey pair (plus STS token). */
export interface Key {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string;
}

/** The keys of the default world. */
export const KEYS: {
  readonly main: Key;
  readonly mainSts: Key;
  readonly readOnly: Key;
  readonly cenOwner: Key;
  readonly other: Key;
} = DEFAULT_KEYS;

/** Default-world identifiers used across tests. */
export const IDS = {
  mainUid: "1234567890123456",
  cenOwnerUid: "9300000000000007",
  otherUid: "1111222233334444",
  vpcLink1: "vpc-bp1emumainlink0000001",
  vpcLink2: "vpc-bp1emumainlink0000002",
  vpcPlain: "vpc-bp1emumainplain000001",
  vbr: "vbr-bp1emumain0000000001",
  ccn: "ccn-emumain000000001",
  classic1: "i-bp1emuclassic000001",
  classic2: "i-bp1emuclassic000002",
  classic3: "i-bp1emuclassic000003",
  vpcInstance: "i-bp1emuvpcnet0000001",
  shVpc: "vpc-uf6emumainlink0000001",
  shClassic: "i-uf6emuclassic000001",
  cen1: "cen-emuowner0000000001",
  cen2: "cen-emuowner0000000002",
  otherClassic: "i-bp1emuother0000001",
  otherVpc: "vpc-bp1emuotherlink000001",
  activation: "4ECEEE12-56F1-4FBC-9AB1-0000EMU00001",
  mi1: "mi-hz01emuweb00001",
  mi2: "mi-hz01emuweb00002",
} as const;

/** API versions. */
export const VPC = "2016-04-28";
export const ECS = "2014-05-26";
export const CBN = "2017-09-12";

/** CBN's parameters for the hub attaching main's first VPC (granted to it) to its first CEN instance. */
export const MAIN_VPC_IN_CEN1 = {
  RegionId: "cn-hangzhou",
  CenId: IDS.cen1,
  ChildInstanceId: IDS.vpcLink1,
  ChildInstanceType: "VPC",
  ChildInstanceRegionId: "cn-hangzhou",
  ChildInstanceOwnerId: IDS.mainUid,
} as const;

/** Starts an emulator on a free port (default world unless options say otherwise). */
export function start(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ port: 0, ...options });
}

/** A pop-core client for a product, as the provider builds it. */
export function pop(url: string, version: string, key: Key = KEYS.main): RPCClient {
  return new RPCClient({
    endpoint: url,
    apiVersion: version,
    accessKeyId: key.accessKeyId,
    accessKeySecret: key.accessKeySecret,
    ...(key.securityToken ? { securityToken: key.securityToken } : {}),
  });
}

/** Calls an action through pop-core (GET by default, or POST). */
export function call<T = Record<string, unknown>>(
  client: RPCClient,
  action: string,
  params: Record<string, unknown>,
  method: "GET" | "POST" = "GET",
): Promise<T> {
  return client.request<T>(action, params, method === "POST" ? { method: "POST" } : {});
}

/** What pop-core throws for an Alibaba error. */
export interface PopError {
  readonly code: string;
  readonly status: number;
  readonly data: { RequestId: string; HostId: string; Code: string; Message: string; Recommend: string };
}

/** Awaits a call that must fail and returns its code, HTTP status and body. */
export async function failure(promise: Promise<unknown>): Promise<PopError> {
  try {
    await promise;
  } catch (error) {
    const e = error as { code?: string; data?: PopError["data"]; entry?: { response?: { statusCode?: number } } };
    if (!e.code || !e.data) throw error;
    return { code: e.code, status: e.entry?.response?.statusCode ?? 0, data: e.data };
  }
  throw new Error("expected the call to fail, but it succeeded");
}

/** Asserts a call fails with this code and HTTP status; returns the error. */
export async function expectFailure(promise: Promise<unknown>, code: string, status: number): Promise<PopError> {
  const error = await failure(promise);
  expect({ code: error.code, status: error.status }).toEqual({ code, status });
  return error;
}

/** A raw HTTP answer. */
export interface RawAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

/** Sends a V1-signed request by hand (own signer), optionally tampering with the parameter string. */
export async function signedFetch(
  url: string,
  options: {
    method?: "GET" | "POST";
    params: Record<string, string>;
    key?: Key;
    timestamp?: string;
    nonce?: string;
    tamper?: (encoded: string) => string;
  },
): Promise<RawAnswer> {
  const method = options.method ?? "GET";
  const key = options.key ?? KEYS.main;
  let encoded = signRequestV1({
    method,
    params: options.params,
    accessKeyId: key.accessKeyId,
    accessKeySecret: key.accessKeySecret,
    ...(key.securityToken ? { securityToken: key.securityToken } : {}),
    ...(options.timestamp ? { timestamp: options.timestamp } : {}),
    ...(options.nonce ? { nonce: options.nonce } : {}),
  });
  if (options.tamper) encoded = options.tamper(encoded);
  return rawFetch(url, method, encoded);
}

/** Sends an already encoded parameter string as GET query or POST form. */
export async function rawFetch(url: string, method: string, encoded: string): Promise<RawAnswer> {
  const response =
    method === "GET"
      ? await fetch(`${url}/?${encoded}`)
      : await fetch(`${url}/`, {
          method,
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: encoded,
        });
  return {
    status: response.status,
    contentType: response.headers.get("content-type") ?? "",
    text: await response.text(),
  };
}

/** The `Code` of a JSON error answer. */
export function codeOf(answer: RawAnswer): string {
  return (JSON.parse(answer.text) as { Code?: string }).Code ?? "";
}

/** Matches an upper-case UUID. */
export const REQUEST_ID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

type Reviver = (key: string, value: unknown, context?: { source?: string }) => unknown;

/** JSON.parse that keeps integers beyond 2^53 exact, as BigInt (Node 22's JSON.parse source access). */
export function parseJsonExact(text: string): unknown {
  const reviver: Reviver = (_key, value, context) =>
    typeof value === "number" && !Number.isSafeInteger(value) && context?.source && /^-?\d+$/.test(context.source)
      ? BigInt(context.source)
      : value;
  return (JSON.parse as (text: string, reviver: Reviver) => unknown)(text, reviver);
}
