// The two Alibaba libraries the client layer builds on, loaded on first use. Both send requests
// through httpx, which prints every request body (AccessKeyId, SecurityToken, Signature) through
// the `debug` package when DEBUG names its namespace; and the provider's stderr goes to the Pulumi
// log. `debug` reads DEBUG once, when httpx loads: so just before the first of them loads, httpx's
// namespaces are excluded, in the process that makes calls (the dynamic provider process) only. A
// program that imports the package loads neither library and keeps its environment untouched.
import type RPCClient from "@alicloud/pop-core";

type CredentialsLibrary = typeof import("@alicloud/credentials");

let quieted = false;

/** Excludes httpx's namespaces from DEBUG before httpx loads. */
function quietWireLog(): void {
  if (quieted) return;
  quieted = true;
  if (process.env.DEBUG) process.env.DEBUG = `${process.env.DEBUG},-httpx:*`;
}

let popCore: typeof RPCClient | undefined;
let credentials: CredentialsLibrary | undefined;

/** pop-core's RPC client class. */
export function rpcClientClass(): typeof RPCClient {
  if (!popCore) {
    quietWireLog();
    const loaded = require("@alicloud/pop-core") as typeof RPCClient & { default?: typeof RPCClient };
    popCore = loaded.default ?? loaded;
  }
  return popCore;
}

/** The @alicloud/credentials library. */
export function credentialsLibrary(): CredentialsLibrary {
  if (!credentials) {
    quietWireLog();
    credentials = require("@alicloud/credentials") as CredentialsLibrary;
  }
  return credentials;
}
