// Figures from what was sent (the wanted timeline) and what the recorder saw Graph accept (what Teams shows):
// staleness per visible change, the share of agent-time Teams showed what the agent's state asks for, and
// writes per change.
import { percentile } from '../stats';
import type { RecordedWrite } from './recorder';

/** A change of what Teams should show for one agent: from `at` (ms, epoch) it should show `activity`. */
export interface WantedChange {
  readonly agent: number;
  readonly at: number;
  readonly activity: string;
}

export interface Figures {
  readonly visibleChanges: number;
  readonly shownChanges: number;
  readonly superseded: number;
  readonly unshown: number;
  readonly stalenessMs: { p50: number; p99: number; max: number };
  readonly overheadMs: { p50: number; p99: number };
  /** Share (0..1) of agent-time, from each agent's first wanted state to `until`, Teams showed it. */
  readonly accuracy: number;
  readonly writes: number;
  readonly throttled: number;
  /** Staleness of the changes posted in each 10 s of the run (where the delay comes from). */
  readonly phases?: readonly { fromS: number; shown: number; p50Ms: number; p99Ms: number }[];
}

const PHASE_MS = 10_000;

function phasesOf(samples: readonly { at: number; ms: number }[], start: number): Figures['phases'] {
  const buckets: number[][] = [];
  for (const { at, ms } of samples) (buckets[Math.floor((at - start) / PHASE_MS)] ??= []).push(ms);
  return Array.from(buckets, (b, i) => ({
    fromS: (i * PHASE_MS) / 1000,
    shown: b?.length ?? 0,
    p50Ms: percentile(b ?? [], 50),
    p99Ms: percentile(b ?? [], 99),
  }));
}

type Step = { at: number; activity: string | null };

function byAgent<T extends { agent: number }>(n: number, items: readonly T[]): T[][] {
  const out: T[][] = Array.from({ length: n }, () => []);
  for (const item of items) out[item.agent]?.push(item);
  return out;
}

/** Time in [from, until) during which two step functions agree. */
function agreeing(wanted: readonly Step[], shown: readonly Step[], until: number): number {
  let total = 0;
  let w = 0;
  let s = -1;
  let t = wanted[0]?.at ?? until;
  while (t < until) {
    while (w + 1 < wanted.length && (wanted[w + 1]?.at ?? Infinity) <= t) w++;
    while (s + 1 < shown.length && (shown[s + 1]?.at ?? Infinity) <= t) s++;
    const next = Math.min(wanted[w + 1]?.at ?? until, shown[s + 1]?.at ?? until, until);
    if (s >= 0 && shown[s]?.activity === wanted[w]?.activity) total += next - t;
    t = next;
  }
  return total;
}

export function figures(
  agents: number,
  userIndex: ReadonlyMap<string, number>,
  wanted: readonly WantedChange[],
  writes: readonly RecordedWrite[],
  until: number,
): Figures {
  const ok = writes.filter((w) => w.status >= 200 && w.status < 300 && w.answeredAt <= until);
  const shownSteps = byAgent(
    agents,
    ok.map((w) => ({ agent: userIndex.get(w.user) ?? -1, at: w.answeredAt, activity: w.activity })),
  ).map((steps) => steps.sort((a, b) => a.at - b.at));
  const arrivals = byAgent(
    agents,
    writes.map((w) => ({ agent: userIndex.get(w.user) ?? -1, at: w.arrivedAt, activity: w.activity })),
  ).map((steps) => steps.sort((a, b) => a.at - b.at));
  const wantedSteps = byAgent(agents, wanted);
  const staleness: number[] = [];
  const timed: { at: number; ms: number }[] = [];
  const overhead: number[] = [];
  let superseded = 0;
  let unshown = 0;
  let agreed = 0;
  let span = 0;
  for (let agent = 0; agent < agents; agent++) {
    const want = wantedSteps[agent] ?? [];
    const shown = shownSteps[agent] ?? [];
    for (const [i, change] of want.entries()) {
      const end = want[i + 1]?.at ?? until;
      const before = shown.filter((s) => s.at <= change.at).at(-1);
      const shownAt =
        before?.activity === change.activity
          ? change.at
          : shown.find((s) => s.at > change.at && s.activity === change.activity)?.at;
      if (shownAt !== undefined && shownAt <= end) {
        staleness.push(shownAt - change.at);
        timed.push({ at: change.at, ms: shownAt - change.at });
      } else if (i + 1 < want.length) superseded++;
      else unshown++;
      const call = arrivals[agent]?.find((a) => a.at >= change.at && a.activity === change.activity);
      if (call && call.at <= end) overhead.push(call.at - change.at);
    }
    if (want[0]) {
      agreed += agreeing(want, shown, until);
      span += until - want[0].at;
    }
  }
  return {
    visibleChanges: wanted.length,
    shownChanges: staleness.length,
    superseded,
    unshown,
    stalenessMs: {
      p50: percentile(staleness, 50),
      p99: percentile(staleness, 99),
      max: staleness.reduce((a, b) => Math.max(a, b), 0),
    },
    overheadMs: { p50: percentile(overhead, 50), p99: percentile(overhead, 99) },
    accuracy: span > 0 ? agreed / span : NaN,
    writes: writes.length,
    throttled: writes.filter((w) => w.status === 429).length,
    phases: phasesOf(
      timed,
      wanted.reduce((a, w) => Math.min(a, w.at), Infinity),
    ),
  };
}
