/** Time, injectable so schedules (session refresh, retries, renewals) can be tested with a fake clock. */
export interface Clock {
  /** Current time in milliseconds since the epoch. */
  now(): number;
  /** Runs fn after ms; the returned function cancels it. Must not throw if cancelled twice. */
  setTimer(ms: number, fn: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(ms, fn) {
    const handle = setTimeout(fn, ms);
    handle.unref?.();
    return () => clearTimeout(handle);
  },
};
