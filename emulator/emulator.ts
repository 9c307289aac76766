// Assembles the emulator: world + products + protocol + admin. createEmulator() gives the pure
// `handle(request)`; `listen()` puts it on a socket.
import type { ProductName } from "../api/contract.js";
import { AdminClient } from "./admin/client.js";
import { ADMIN_TOKEN_ENV } from "./admin/guard.js";
import { handleAdmin } from "./admin/routes.js";
import { CBN_PRODUCT } from "./cbn/index.js";
import type { Product } from "./core/api.js";
import { applyChange } from "./core/changes.js";
import { Counters } from "./core/counters.js";
import { splitUrl } from "./core/encoding.js";
import { type FaultConfig, FaultEngine, validateFaultConfig } from "./core/faults.js";
import type { EmulatorRequest, EmulatorResponse } from "./core/http-types.js";
import { TokenStore } from "./core/idempotency.js";
import { NonceStore } from "./core/nonces.js";
import { handleRpc, type PipelineHost, rejectOversized, rpcInternalError } from "./core/pipeline.js";
import { listen } from "./core/server.js";
import { ECS_PRODUCT } from "./ecs/index.js";
import { STS_PRODUCT } from "./sts/index.js";
import { handleStsRoute, isStsRoute } from "./sts/routes.js";
import { VPC_PRODUCT } from "./vpc/index.js";
import { DEFAULT_REGIONS, DEFAULT_SEED } from "./world/default-world.js";
import { StateStore } from "./world/persistence.js";
import { applySeed, buildWorld } from "./world/seed.js";
import type { WorldSeed } from "./world/seed-types.js";
import type { World } from "./world/world.js";

/** An extra AccessKey given at start (`--key uid:id:secret`); the account is created if needed. */
export interface ExtraKey {
  /** The account's UID. */
  readonly uid: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
}

/** Options of createEmulator / startEmulator (all optional). */
export interface EmulatorOptions {
  /** @default "127.0.0.1" */
  readonly host?: string;
  /** @default 0 (any free port; the CLI defaults to 8765) */
  readonly port?: number;
  /** The world to start from. @default the default world of emulator/README.md */
  readonly seed?: WorldSeed;
  /** JSON state file: loaded if present (then `seed` is ignored), written atomically after every change. */
  readonly stateFile?: string;
  /** Fault rules from the start (also restored by reset). */
  readonly faults?: FaultConfig;
  /** Describe calls show the old state this long after a change. @default 0 (or the seed's setting) */
  readonly consistencyDelayMs?: number;
  /** Receives one line per request. @default none */
  readonly log?: (line: string) => void;
  /**
   * The token the admin surface requires (at least 8 characters; needed to serve beyond loopback).
   * @default $ALICLOUD_EMULATOR_ADMIN_TOKEN, else none
   */
  readonly adminToken?: string;
  /** Extra AccessKeys (CLI --key). */
  readonly keys?: readonly ExtraKey[];
}

/** A running emulator. */
export interface RunningEmulator {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** An AdminClient bound to `url`. */
  readonly admin: AdminClient;
  /** The emulator behind the socket. */
  readonly emulator: Emulator;
  /** Closes the server and every open socket, and flushes the state file. */
  stop(): Promise<void>;
}

/** What serves each product of the contracts (api/): a product without one fails to compile. */
const EMULATED_PRODUCTS = {
  vpc: VPC_PRODUCT,
  ecs: ECS_PRODUCT,
  cbn: CBN_PRODUCT,
  sts: STS_PRODUCT,
} as const satisfies Record<ProductName, Product>;

/** The emulator, without a socket. */
export class Emulator implements PipelineHost {
  /** Products by API version. */
  readonly products: ReadonlyMap<string, Product> = new Map(
    Object.values(EMULATED_PRODUCTS).map((product) => [product.version, product]),
  );
  /** SignatureNonce memory. */
  readonly nonces = new NonceStore();
  /** ClientToken memory. */
  readonly tokens = new TokenStore();
  readonly faults = new FaultEngine();
  readonly counters = new Counters();
  /** The options it was created with. */
  readonly options: EmulatorOptions;
  /** Receives one line per request, when set. */
  readonly log?: (line: string) => void;

  private current: World;
  private readonly store: StateStore | undefined;
  private savedRevision = -1;
  private requestsSincePrune = 0;

  /** @param options see EmulatorOptions. */
  constructor(options: EmulatorOptions = {}) {
    this.options = options;
    if (options.log) this.log = options.log;
    this.store = options.stateFile ? new StateStore(options.stateFile) : undefined;
    const saved = this.store?.load();
    if (saved) {
      this.current = saved.world;
      this.tokens.load(saved.clientTokens);
      this.addStartupKeys();
      this.applyStartupDelay();
    } else {
      this.current = this.freshWorld(options.seed ?? DEFAULT_SEED);
    }
    if (options.faults) this.faults.configure(validateFaultConfig(options.faults));
    this.persist();
  }

  /** The current world. */
  world(): World {
    return this.current;
  }

  /**
   * Handles one request: `/__admin/...` goes to the admin surface, the metadata, credentials-URI
   * and OIDC routes to STS's, everything else is RPC. Never rejects: an exception in any route is
   * logged once and answered 500 in that surface's own shape, and the emulator goes on serving.
   */
  async handle(request: EmulatorRequest): Promise<EmulatorResponse> {
    const { path } = splitUrl(request.url);
    try {
      if (path === "/__admin" || path.startsWith("/__admin/")) {
        const answer = handleAdmin(this, request, path);
        this.log?.(`${request.method} ${path} ${answer.status} (admin)`);
        return answer;
      }
      if (isStsRoute(path)) return handleStsRoute(this, request, path);
      if (++this.requestsSincePrune >= 1000) {
        this.requestsSincePrune = 0;
        this.current.prune();
      }
      return await handleRpc(this, request);
    } catch (error) {
      this.log?.(`internal error on ${request.method} ${path}: ${(error as Error)?.stack ?? String(error)}`);
      return internalError(request, path);
    }
  }

  /** Replaces the world (and counters, faults, nonces, tokens) with a seed; none: the start seed. */
  reset(seed?: WorldSeed): void {
    const tokens = this.tokens.toData();
    this.current = this.freshWorld(seed ?? this.options.seed ?? DEFAULT_SEED);
    this.tokens.clear();
    try {
      this.persist(true);
    } catch (error) {
      // persist() put the old world back; the tokens go back with it.
      this.tokens.load(tokens);
      throw error;
    }
    this.counters.reset();
    this.nonces.clear();
    this.faults.configure(this.options.faults ? validateFaultConfig(this.options.faults) : { rules: [] });
  }

  /** Merges a seed into the world (a change like any other: saved before it is acknowledged). */
  seed(seed: WorldSeed): void {
    const world = this.current;
    applyChange(this, () => applySeed(world, seed));
  }

  /** The fault configuration now. */
  faultConfig(): FaultConfig {
    return this.faults.config();
  }

  /** Replaces the fault rules. */
  setFaults(config: FaultConfig): void {
    this.faults.configure(config);
  }

  /**
   * Writes the state file if the world changed since the last write (or always with `force`).
   * When the write fails, the world goes back to the state last saved (a change that is not on
   * disk must not be acted on or acknowledged) and the PersistenceError is thrown.
   */
  persist(force = false): void {
    if (!this.store || (!force && this.current.revision === this.savedRevision)) return;
    this.current.prune();
    try {
      this.store.save(this.current, this.tokens.toData());
    } catch (error) {
      const saved = this.store.lastSaved();
      if (saved) {
        this.current = saved.world;
        this.savedRevision = saved.world.revision;
      }
      throw error;
    }
    this.savedRevision = this.current.revision;
  }

  /** Puts the emulator on a socket. */
  async listen(): Promise<RunningEmulator> {
    const envToken = process.env[ADMIN_TOKEN_ENV];
    const adminToken = this.options.adminToken ?? (envToken === "" ? undefined : envToken);
    const server = await listen(
      (request) => this.handle(request),
      (request) => {
        this.log?.(`${request.method} - 413 RequestEntityTooLarge 0ms`);
        return rejectOversized(request);
      },
      this.options.host ?? "127.0.0.1",
      this.options.port ?? 0,
      adminToken === undefined ? {} : { adminToken },
    );
    return {
      url: server.url,
      port: server.port,
      admin: new AdminClient(server.url, adminToken === undefined ? {} : { token: adminToken }),
      emulator: this,
      stop: async () => {
        await server.close();
        this.persist(true);
      },
    };
  }

  private freshWorld(seed: WorldSeed): World {
    const world = buildWorld(seed, DEFAULT_REGIONS);
    this.current = world;
    this.applyStartupDelay();
    this.addStartupKeys();
    return world;
  }

  private applyStartupDelay(): void {
    const delay = this.options.consistencyDelayMs;
    if (delay !== undefined) this.current.settings = { ...this.current.settings, consistencyDelayMs: delay };
  }

  private addStartupKeys(): void {
    for (const key of this.options.keys ?? []) {
      this.current.addKey(key.uid, {
        accessKeyId: key.accessKeyId,
        accessKeySecret: key.accessKeySecret,
        kind: "root",
        disabled: false,
      });
    }
  }
}

/** Creates an emulator without a socket (call `handle()` directly, or `listen()`). */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  return new Emulator(options);
}

/** Creates an emulator and listens (port 0 by default); `stop()` when done. */
export function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return createEmulator(options).listen();
}

/** A 500 in the shape of the surface that `path` belongs to. */
function internalError(request: EmulatorRequest, path: string): EmulatorResponse {
  const json = (body: object): EmulatorResponse => ({
    status: 500,
    headers: { "content-type": "application/json; charset=utf-8" },
    body: JSON.stringify(body),
  });
  if (path === "/__admin" || path.startsWith("/__admin/")) {
    return json({ code: "InternalError", message: "the emulator failed on this request; see its log" });
  }
  if (path.startsWith("/latest/")) {
    return { status: 500, headers: { "content-type": "text/plain; charset=utf-8" }, body: "Internal Server Error" };
  }
  if (isStsRoute(path)) return json({ Code: "InternalError", Message: "the emulator failed on this request" });
  return rpcInternalError(request);
}
