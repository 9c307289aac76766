// The one way to call an Alibaba Cloud RPC action: `callAction(settings, scope, Action, params)`,
// typed by the action's contract in api/. It picks the credentials (credentials.ts) and the
// endpoint (endpoints.ts) for the scope, then sends (call.ts).
import type { Action, SafetyOf } from "../../api/contract.js";
import {
  type CallAnswer,
  type CallOptions,
  type CallParams,
  type CredentialSource,
  credentialFailure,
  sendAction,
} from "./call.js";
import { credentialSource, type ResourceRole } from "./credentials.js";
import { resolveEndpoint } from "./endpoints.js";
import type { Settings } from "./settings.js";

export {
  type CallAnswer,
  type CallOptions,
  type CallParams,
  type CallTarget,
  cleanParams,
  type ParamValue,
  type RpcResponse,
  type Verdict,
} from "./call.js";

/** Where a call goes and as whom: the region, and the resource's own profile and role, if any. */
export interface CallScope {
  /** The region; also sent as `RegionId`. */
  readonly region: string;
  /** The resource's own CLI profile, if any. */
  readonly profile?: string | undefined;
  /** The resource's own role to assume, if any. */
  readonly assumeRole?: ResourceRole | undefined;
  /** The resource's URN, which names the stack in default role session names. */
  readonly owner?: string | undefined;
}

// Working out a source parses config and may read the CLI's profile file: once per configuration
// and principal, not on every call, poll and retry. (The sessions it yields renew themselves.)
const sources = new WeakMap<Settings, Map<string, CredentialSource>>();

function sourceFor(settings: Settings, scope: CallScope): CredentialSource {
  let known = sources.get(settings);
  if (!known) {
    known = new Map();
    sources.set(settings, known);
  }
  const key = JSON.stringify([scope.profile ?? null, scope.assumeRole ?? null, scope.owner ?? null]);
  let source = known.get(key);
  if (!source) {
    source = credentialSource(settings, { profile: scope.profile, assumeRole: scope.assumeRole, owner: scope.owner });
    known.set(key, source);
  }
  return source;
}

/**
 * Calls one RPC action as the scope says (see the module comment). Throws AlibabaCloudError;
 * credentials that cannot be had fail as `CredentialsUnavailable`, never retried.
 */
export async function callAction<A extends Action>(
  settings: Settings,
  scope: CallScope,
  action: A,
  params: CallParams<A>,
  ...options: SafetyOf<A> extends "verify" ? [CallOptions<A>] : [CallOptions<A>?]
): Promise<CallAnswer<A>> {
  let source: CredentialSource;
  try {
    source = sourceFor(settings, scope);
  } catch (error) {
    throw credentialFailure(action.name, error);
  }
  const endpoint = resolveEndpoint(settings, action.product.name, scope.region, action.name);
  return sendAction(
    settings,
    { region: scope.region, endpoint: endpoint.url, endpointSetting: endpoint.setting, source },
    action,
    params,
    ...options,
  );
}
