// Scheduling at an absolute instant on the injected Clock. Long waits are chained because Node timers
// overflow past ~24.8 days and would fire at once.
import type { Clock } from '../../ports/clock.port';

const MAX_TIMER_MS = 2_000_000_000;

export function scheduleAt(clock: Clock, at: number, fn: () => void): () => void {
  let cancel: () => void = () => {};
  const arm = (): void => {
    const wait = at - clock.now();
    cancel = wait > MAX_TIMER_MS ? clock.setTimer(MAX_TIMER_MS, arm) : clock.setTimer(Math.max(0, wait), fn);
  };
  arm();
  return () => cancel();
}
