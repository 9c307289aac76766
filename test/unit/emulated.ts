// The emulator for unit tests of the client layer and the handlers: one per test file, reset to
// the default world before each test, and the environment that makes the client layer call it
// as the default world's main account.
import { afterAll, beforeAll, beforeEach } from "vitest";
import { type AdminClient, DEFAULT_KEYS, type RunningEmulator, startEmulator } from "../../emulator/index";

/** The running emulator of this test file (available once its `beforeAll` has run). */
export interface TestEmulator {
  readonly url: string;
  readonly admin: AdminClient;
  /** How many times the emulator applied one effect (emulator/README.md, counters). */
  effects(key: string): Promise<number>;
  /** How many requests of `action` the emulator received. */
  requests(action: string): Promise<number>;
}

/** Starts an emulator for the calling test file, and resets it before each test. */
export function useEmulator(): TestEmulator {
  let running: RunningEmulator | undefined;
  beforeAll(async () => {
    running = await startEmulator({ port: 0 });
  });
  afterAll(async () => {
    await running?.stop();
  });
  beforeEach(async () => {
    await running?.admin.reset();
  });
  const current = (): RunningEmulator => {
    if (!running) throw new Error("the emulator starts in beforeAll");
    return running;
  };
  return {
    get url() {
      return current().url;
    },
    get admin() {
      return current().admin;
    },
    async effects(key) {
      return (await current().admin.counters()).effects[key] ?? 0;
    },
    async requests(action) {
      return (await current().admin.counters()).requests[action] ?? 0;
    },
  };
}

/** The environment that points the client layer at `url`, in cn-hangzhou, as main. */
export function mainAccountEnv(url: string): Record<string, string> {
  return {
    ALICLOUD_ENDPOINT: url,
    ALIBABA_CLOUD_REGION: "cn-hangzhou",
    ALIBABA_CLOUD_ACCESS_KEY_ID: DEFAULT_KEYS.main.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEFAULT_KEYS.main.accessKeySecret,
  };
}
