// What the provider knows about its environment: the stack configuration it was given in
// `configure`, and the process environment. Read when a call is made, never stored in state.

/** The part of Pulumi's dynamic provider config this layer reads. */
export interface ConfigSource {
  /** Returns the value of a fully qualified key such as `alicloud:region`, if set. */
  get(key: string): string | undefined;
  /** Every key that is set, fully qualified, when the source can tell. */
  keys?(): readonly string[];
}

/** The keys set in a config source: its own `keys()`, else Pulumi's dynamic provider Config's `rawConfig`. */
export function configKeys(config: ConfigSource): readonly string[] {
  if (typeof config.keys === "function") return config.keys();
  const raw = (config as { rawConfig?: unknown }).rawConfig;
  return typeof raw === "object" && raw !== null ? Object.keys(raw) : [];
}

/** Timeouts and retry pacing; every field can be tuned through the environment (docs/installation-configuration.md, "Configuration"). */
export interface Timing {
  /** Time allowed to open a connection, per attempt. */
  connectTimeoutMs: number;
  /** Time allowed for the answer once connected, per attempt. */
  readTimeoutMs: number;
  /** Overall time one call may take across its retries. */
  retryDeadlineMs: number;
  /** First backoff delay; doubles per attempt, with full jitter. */
  retryBaseDelayMs: number;
  /** The largest backoff delay. */
  retryMaxDelayMs: number;
  /** Interval between polls while waiting for a change to become visible. */
  pollIntervalMs: number;
  /** How long to wait for a change to become visible in Describe calls. */
  visibilityTimeoutMs: number;
  /**
   * How long an attachment waits for another account's grant to reach CEN before it says the grant
   * is missing (no page says how long a new grant takes; a minute is this package's choice).
   */
  grantWaitMs: number;
}

/** Everything the client layer needs besides the call itself. */
export interface Settings {
  /** The stack configuration given to `configure` (empty before it is called). */
  config: ConfigSource;
  /** The process environment. */
  env: NodeJS.ProcessEnv;
  /** Pacing of calls and waits. */
  timing: Timing;
  /**
   * Whether the stack set the retry deadline (ALICLOUD_DYNAMIC_RETRY_DEADLINE_MS or
   * alicloud:maxRetryTimeout): then it bounds every call, and resources' own defaults give way.
   */
  retryDeadlineSet?: boolean;
  /** Receives progress lines (retries, waits); the dynamic provider sends them to the Pulumi log. */
  log?: (message: string) => void;
}

const TIMING_ENV: Record<keyof Timing, [string, number]> = {
  connectTimeoutMs: ["ALICLOUD_DYNAMIC_CONNECT_TIMEOUT_MS", 5_000],
  readTimeoutMs: ["ALICLOUD_DYNAMIC_READ_TIMEOUT_MS", 20_000],
  retryDeadlineMs: ["ALICLOUD_DYNAMIC_RETRY_DEADLINE_MS", 120_000],
  retryBaseDelayMs: ["ALICLOUD_DYNAMIC_RETRY_BASE_DELAY_MS", 50],
  retryMaxDelayMs: ["ALICLOUD_DYNAMIC_RETRY_MAX_DELAY_MS", 10_000],
  pollIntervalMs: ["ALICLOUD_DYNAMIC_POLL_INTERVAL_MS", 1_000],
  visibilityTimeoutMs: ["ALICLOUD_DYNAMIC_VISIBILITY_TIMEOUT_MS", 300_000],
  grantWaitMs: ["ALICLOUD_DYNAMIC_GRANT_WAIT_MS", 60_000],
};

/** Reads the timing settings from the environment, falling back to the defaults. */
export function readTiming(env: NodeJS.ProcessEnv): Timing {
  const timing = {} as Timing;
  for (const [field, [name, fallback]] of Object.entries(TIMING_ENV) as [keyof Timing, [string, number]][]) {
    const raw = env[name];
    const parsed = raw === undefined || raw === "" ? Number.NaN : Number(raw);
    if (raw !== undefined && raw !== "" && !(Number.isFinite(parsed) && parsed >= 0)) {
      throw new Error(`${name} must be a number of milliseconds (got "${raw}")`);
    }
    timing[field] = Number.isFinite(parsed) ? parsed : fallback;
  }
  return timing;
}

const EMPTY_CONFIG: ConfigSource = { get: () => undefined };

// The client settings of @pulumi/alicloud, in its units: stack config wins over the environment's
// ALICLOUD_DYNAMIC_* tuning, which wins over the defaults.
const CONFIG_TIMING: readonly [key: string, field: keyof Timing, unit: "ms" | "s"][] = [
  ["alicloud:clientConnectTimeout", "connectTimeoutMs", "ms"],
  ["alicloud:clientReadTimeout", "readTimeoutMs", "ms"],
  ["alicloud:maxRetryTimeout", "retryDeadlineMs", "s"],
];

/** Applies `alicloud:clientConnectTimeout` / `clientReadTimeout` (ms) and `maxRetryTimeout` (s); 0 or unset keeps the default. */
function configTiming(config: ConfigSource, timing: Timing): Timing {
  const out = { ...timing };
  for (const [key, field, unit] of CONFIG_TIMING) {
    const raw = config.get(key);
    if (raw === undefined || raw === "") continue;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0) {
      throw new Error(
        `Stack config ${key} must be a number of ${unit === "ms" ? "milliseconds" : "seconds"} (got "${raw}")`,
      );
    }
    if (value > 0) out[field] = unit === "ms" ? value : value * 1000;
  }
  return out;
}

/** Settings built from an optional config and the environment. */
export function makeSettings(
  config: ConfigSource = EMPTY_CONFIG,
  env: NodeJS.ProcessEnv = process.env,
  log?: (message: string) => void,
): Settings {
  const timing = configTiming(config, readTiming(env));
  const set =
    Boolean(env.ALICLOUD_DYNAMIC_RETRY_DEADLINE_MS) || Number(config.get("alicloud:maxRetryTimeout") ?? 0) > 0;
  return { config, env, timing, retryDeadlineSet: set, log };
}

/** The first non-empty value among the given config keys and then environment variables. */
export function firstSet(
  settings: Settings,
  configKeys: readonly string[],
  envNames: readonly string[],
): string | undefined {
  for (const key of configKeys) {
    const value = settings.config.get(key);
    if (value) return value;
  }
  for (const name of envNames) {
    const value = settings.env[name];
    if (value) return value;
  }
  return undefined;
}

/** Environment variables for the region, in the order they are read. */
export const REGION_ENV = ["ALIBABA_CLOUD_REGION", "ALICLOUD_REGION", "ALIBABA_CLOUD_REGION_ID"] as const;

/**
 * The region for a call: the resource's own `regionId`, else `alicloud:region`, else the environment.
 * Throws one error naming every place it looked.
 */
export function resolveRegion(settings: Settings, regionId: string | undefined): string {
  const region = regionId || firstSet(settings, ["alicloud:region"], REGION_ENV);
  if (!region) {
    throw new Error(
      `No region: set regionId on the resource, or the stack config alicloud:region, or the environment variable ${REGION_ENV.join(" / ")}`,
    );
  }
  return region;
}
