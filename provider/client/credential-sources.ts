// Credential sources that others build on: static keys, the @alicloud/credentials providers, and
// one in-process cache for every kind of temporary credentials (renewed before they expire, and at
// once when the service says they have; never written anywhere).
import { createHash } from "node:crypto";
import type { CredentialSource, Credentials } from "./call.js";
import { credentialFailureText } from "./redact.js";

export const digest = (...parts: readonly (string | number | undefined)[]) =>
  createHash("sha256")
    .update(parts.map((p) => String(p ?? "")).join("\n"))
    .digest("hex")
    .slice(0, 32);

export function staticSource(description: string, credentials: Credentials): CredentialSource {
  // Keyed by a digest of the whole key material: a changed secret must not reuse an old client.
  const key = `static:${digest(credentials.accessKeyId, credentials.accessKeySecret, credentials.securityToken)}`;
  return { key, description, getCredentials: async () => credentials };
}

export interface ProviderLike {
  getCredentials(): Promise<{ accessKeyId: string; accessKeySecret: string; securityToken?: string }>;
}

// The library's providers cache and refresh themselves; one per process and name.
const sharedProviders = new Map<string, ProviderLike>();

export function libraryProvider(key: string, build: () => ProviderLike): ProviderLike {
  let provider = sharedProviders.get(key);
  if (!provider) {
    provider = build();
    sharedProviders.set(key, provider);
  }
  return provider;
}

export function fromLibrary(
  key: string,
  description: string,
  provider: () => ProviderLike,
  explain: (reason: string) => string = (reason) => `Could not get credentials from ${description}: ${reason}`,
): CredentialSource {
  return {
    key,
    description,
    async getCredentials() {
      let credentials: Awaited<ReturnType<ProviderLike["getCredentials"]>>;
      try {
        credentials = await provider().getCredentials();
      } catch (error) {
        // The library's message may quote a whole credentials file, secrets included.
        throw new Error(explain(credentialFailureText(error instanceof Error ? error.message : String(error))));
      }
      return {
        accessKeyId: credentials.accessKeyId,
        accessKeySecret: credentials.accessKeySecret,
        securityToken: credentials.securityToken || undefined,
      };
    },
  };
}

interface Session {
  readonly credentials: Credentials;
  /** Local epoch ms after which the session is renewed before use. */
  readonly renewAt: number;
}

const sessions = new Map<string, Session>();
const pending = new Map<string, Promise<Session>>();

/**
 * When to renew: before 80% of the lifetime is gone (3 minutes before a 15-minute session ends).
 * The lifetime counts from now on this machine; the service's own clock may differ, so its
 * Expiration only ever shortens it.
 */
function renewalTime(expiration: string | undefined, lifetimeSeconds: number): number {
  const now = Date.now();
  const stated = expiration ? Date.parse(expiration) : Number.NaN;
  const end = Math.min(now + lifetimeSeconds * 1000, Number.isNaN(stated) ? Number.POSITIVE_INFINITY : stated);
  return now + Math.max(0, (end - now) * 0.8);
}

/** A source of temporary credentials fetched by `fetchSession` and cached under `key`. */
export function sessionSource(
  key: string,
  description: string,
  fetchSession: () => Promise<{ credentials: Credentials; expiration: string | undefined; lifetimeSeconds: number }>,
): CredentialSource {
  const renew = async (): Promise<Session> => {
    const got = await fetchSession();
    const session = { credentials: got.credentials, renewAt: renewalTime(got.expiration, got.lifetimeSeconds) };
    sessions.set(key, session);
    return session;
  };
  return {
    key,
    description,
    async getCredentials() {
      const cached = sessions.get(key);
      if (cached && Date.now() < cached.renewAt) return cached.credentials;
      // Calls made together share one renewal.
      let inflight = pending.get(key);
      if (!inflight) {
        inflight = renew().finally(() => pending.delete(key));
        pending.set(key, inflight);
      }
      return (await inflight).credentials;
    },
    invalidate() {
      sessions.delete(key);
    },
  };
}

/** Forgets every cached session (tests). */
export function forgetSessions(): void {
  sessions.clear();
  sharedProviders.clear();
}

/** Checks that STS answered with a whole key. */
export function issued(
  c: { AccessKeyId?: string; AccessKeySecret?: string; SecurityToken?: string } | undefined,
): Credentials {
  if (!c?.AccessKeyId || !c.AccessKeySecret || !c.SecurityToken) {
    throw new Error("STS answered without AccessKeyId, AccessKeySecret and SecurityToken");
  }
  return { accessKeyId: c.AccessKeyId, accessKeySecret: c.AccessKeySecret, securityToken: c.SecurityToken };
}
