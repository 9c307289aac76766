// Waiting for Alibaba Cloud to show a change: Describe APIs are eventually consistent, so create
// and delete poll until the change is visible, with a bound and progress in the Pulumi log.
import { sleep } from "../client/retry.js";

/** How to wait. */
export interface WaitOptions {
  /** What is awaited, in words ("the grant to appear"). */
  what: string;
  /** Give up after this long. */
  timeoutMs: number;
  /** Time between probes. */
  intervalMs: number;
  /** Receives a progress line about every 10 seconds of waiting. */
  log?: (message: string) => void;
  /** Also say so as soon as the first probe comes back empty (for waits on people or agents). */
  announce?: boolean;
}

/** Thrown when a wait runs out of time: the change did not become visible. */
export class WaitTimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`Timed out after ${Math.round(ms / 1000)}s waiting for ${what}`);
    this.name = "WaitTimeoutError";
  }
}

/** Probes until `probe` returns a value other than `undefined`, and returns it. */
export async function waitUntil<T>(options: WaitOptions, probe: () => Promise<T | undefined>): Promise<T> {
  const started = Date.now();
  let lastReport = started;
  for (let probes = 1; ; probes += 1) {
    const result = await probe();
    if (result !== undefined) return result;
    const now = Date.now();
    if (now - started >= options.timeoutMs) throw new WaitTimeoutError(options.what, now - started);
    if (options.announce && probes === 1) {
      options.log?.(`waiting for ${options.what} (up to ${Math.round(options.timeoutMs / 1000)}s)`);
    }
    if (now - lastReport >= 10_000) {
      lastReport = now;
      options.log?.(
        `still waiting for ${options.what} (${Math.round((now - started) / 1000)}s of ${Math.round(options.timeoutMs / 1000)}s)`,
      );
    }
    await sleep(Math.min(options.intervalMs, Math.max(0, options.timeoutMs - (now - started))));
  }
}
