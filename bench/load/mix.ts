// The load: each agent's contact-center states over a scenario, from a seeded generator so a run is
// reproducible. A shift starts with every agent signing in (Available) within the first seconds; then each
// agent cycles idle → call (20–90 s) → wrap-up → idle, with an occasional break. Times are ms from the start.
export interface StateChange {
  readonly at: number;
  readonly agent: number;
  readonly state: string;
}

export interface MixOptions {
  readonly agents: number;
  readonly durationMs: number;
  readonly seed: number;
  /** The shift-start burst: every agent signs in within this long. */
  readonly signInMs: number;
}

/** mulberry32: a small, well-distributed seeded PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const S = 1000;

/** Every agent's state changes within the scenario, sorted by time. */
export function generateMix(options: MixOptions): StateChange[] {
  const random = prng(options.seed);
  const between = (lo: number, hi: number) => Math.round(lo + random() * (hi - lo));
  const changes: StateChange[] = [];
  for (let agent = 0; agent < options.agents; agent++) {
    const push = (at: number, state: string) => {
      if (at < options.durationMs) changes.push({ at, agent, state });
    };
    let t = between(0, options.signInMs);
    push(t, 'Available');
    t += between(0, 40 * S); // agents' first calls are spread, not in step
    while (t < options.durationMs) {
      push(t, 'Busy');
      t += between(20 * S, 90 * S);
      push(t, 'Wrap-up');
      t += between(5 * S, 20 * S);
      if (random() < 0.1) {
        push(t, 'Break');
        t += between(30 * S, 90 * S);
      }
      push(t, 'Available');
      t += between(5 * S, 40 * S);
    }
  }
  return changes.sort((x, y) => x.at - y.at);
}

/** What Teams should show for a state under the 8x8 profile: Busy → In a call, Available → Available;
 * every other state ("no change") keeps what the agent's last mapped state asked for. */
export const TARGETS: Readonly<Record<string, string>> = { Available: 'Available', Busy: 'InACall' };
