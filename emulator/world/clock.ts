// The world's clock: real time plus an offset that the admin surface can move (activation
// expiry, timestamp checks, consistency delays and task durations all read it).

/** A movable clock. */
export class Clock {
  /** Milliseconds added to the real time. */
  offsetMs = 0;

  /** The world's current time, epoch milliseconds. */
  now(): number {
    return Date.now() + this.offsetMs;
  }
}
