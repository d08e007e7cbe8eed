// One scenario: an emulator enforcing the quota for us and another for the baseline (each behind a
// recorder), the service as a child process, and the load posted in real time as signed batches.
import { randomUUID } from 'node:crypto';
import { startGraphEmulator } from '../../src/adapters/graph-emulator';
import { signatureHeaders } from '../../src/adapters/signature/hmac-signature';
import { percentile } from '../stats';
import { startBaseline } from './baseline';
import { figures, type Figures, type WantedChange } from './metrics';
import { TARGETS, type StateChange } from './mix';
import { startRecorder } from './recorder';
import { SECRET, startService, TOKEN, userIds } from './service';

export interface ScenarioSpec {
  readonly name: string;
  readonly agents: number;
  readonly quota: number;
  /** The changes to post, `at` ms after the start. */
  readonly load: readonly StateChange[];
  readonly loadMs: number;
  /** How long after the load to wait for every agent to be right. */
  readonly drainMs: number;
  /** Post as fast as acknowledged (the 100k burst) instead of at each change's time. */
  readonly asFastAsPossible?: boolean;
  readonly baseline: boolean;
}

export interface ScenarioResult {
  readonly spec: Omit<ScenarioSpec, 'load'>;
  readonly events: number;
  readonly ingest: { eventsPerSecond: number; postP50Ms: number; postP99Ms: number };
  readonly ours: Figures & { allRightAfterMs: number | null; wrongAtEnd: number };
  readonly baseline: (Figures & { allRightAfterMs: number | null; wrongAtEnd: number }) | null;
  readonly cpuCores: number;
  readonly peakRssMb: number;
}

const BATCH = 500;
const TICK_MS = 50;
const MAX_POSTS_IN_FLIGHT = 4;

async function post(url: string, changes: readonly StateChange[]): Promise<void> {
  const events = changes.map((c) => ({
    id: randomUUID(),
    type: 'agent.state',
    occurredAt: new Date().toISOString(),
    agentId: `A${c.agent}`,
    state: c.state,
  }));
  const body = JSON.stringify({ events });
  // A keep-alive socket the server closes as we send is retried: event ids make a repeat a no-op duplicate.
  for (let attempt = 1; ; attempt++) {
    const headers = {
      'content-type': 'application/json',
      ...signatureHeaders(SECRET, body, Date.now() / 1000),
    };
    const res = await fetch(`${url}/api/cc/events`, { method: 'POST', headers, body }).catch(
      (error: unknown) => {
        if (attempt >= 3) throw error;
        return null;
      },
    );
    if (!res) continue;
    if (res.status !== 202) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
    return;
  }
}

/** Which agents Teams does not yet show what they want, from the recorder's writes so far. */
function wrongCount(wanted: readonly (string | null)[], shown: Map<string, string | null>, users: string[]) {
  let wrong = 0;
  for (const [i, activity] of wanted.entries()) {
    if (activity !== null && shown.get(users[i] ?? '') !== activity) wrong++;
  }
  return wrong;
}

export async function runScenario(spec: ScenarioSpec): Promise<ScenarioResult> {
  const users = userIds(spec.agents);
  const userIndex = new Map(users.map((u, i) => [u, i]));
  const quota = { requests: spec.quota, windowSeconds: 30 };
  const ourGraph = await startGraphEmulator({ token: TOKEN, quota });
  const theirGraph = await startGraphEmulator({ token: TOKEN, quota });
  const ours = await startRecorder(ourGraph.origin);
  const theirs = await startRecorder(theirGraph.origin);
  const service = await startService(ours.url, users, spec.quota);
  const wanted: (string | null)[] = users.map(() => null);
  const wantedLog: WantedChange[] = [];
  const baseline = spec.baseline
    ? startBaseline(theirs.url, users, (agent) => wanted[agent] ?? null, spec.quota)
    : null;
  const postTimes: number[] = [];
  const cpuBefore = service.cpuSeconds();
  const start = Date.now();
  let next = 0;
  let inFlight = 0;
  let failure: unknown = null;
  const send = (batch: StateChange[]) => {
    const sentAt = Date.now();
    for (const c of batch) {
      const activity = TARGETS[c.state];
      if (activity && activity !== wanted[c.agent]) {
        wanted[c.agent] = activity;
        wantedLog.push({ agent: c.agent, at: sentAt, activity });
      }
    }
    inFlight++;
    return post(service.url, batch)
      .then(
        () => postTimes.push(Date.now() - sentAt),
        (error: unknown) => (failure = error),
      )
      .finally(() => inFlight--);
  };
  while (next < spec.load.length) {
    if (failure) throw failure;
    const due = spec.asFastAsPossible ? Infinity : Date.now() - start;
    while (
      next < spec.load.length &&
      (spec.load[next]?.at ?? Infinity) <= due &&
      inFlight < MAX_POSTS_IN_FLIGHT
    ) {
      const batch: StateChange[] = [];
      while (batch.length < BATCH && next < spec.load.length && (spec.load[next]?.at ?? Infinity) <= due) {
        batch.push(spec.load[next++] as StateChange);
      }
      void send(batch);
    }
    await new Promise((resolve) => setTimeout(resolve, spec.asFastAsPossible ? 1 : TICK_MS));
  }
  while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 5));
  const ingestSeconds = (Date.now() - start) / 1000;
  progress(`  ingest done: ${spec.load.length} events in ${ingestSeconds.toFixed(1)} s`);
  if (!spec.asFastAsPossible)
    await new Promise((r) => setTimeout(r, Math.max(0, spec.loadMs - (Date.now() - start))));
  const loadEnd = Date.now();
  const drained = await drain([ours, theirs], wanted, users, spec.drainMs, loadEnd, baseline !== null);
  const cpuCores = (service.cpuSeconds() - cpuBefore) / ((Date.now() - start) / 1000);
  const peakRssMb = service.peakRssMb();
  const until = Date.now();
  await baseline?.stop();
  await service.close();
  for (const r of [ours, theirs]) await r.close();
  await ourGraph.close();
  await theirGraph.close();
  const of = (writes: typeof ours.writes, d: { after: number | null; wrong: number }) => ({
    ...figures(spec.agents, userIndex, wantedLog, writes, until),
    allRightAfterMs: d.after,
    wrongAtEnd: d.wrong,
  });
  return {
    spec: {
      name: spec.name,
      agents: spec.agents,
      quota: spec.quota,
      loadMs: spec.loadMs,
      drainMs: spec.drainMs,
      baseline: spec.baseline,
    },
    events: spec.load.length,
    ingest: {
      eventsPerSecond: spec.load.length / ingestSeconds,
      postP50Ms: percentile(postTimes, 50),
      postP99Ms: percentile(postTimes, 99),
    },
    ours: of(ours.writes, drained[0] ?? { after: null, wrong: -1 }),
    baseline: baseline ? of(theirs.writes, drained[1] ?? { after: null, wrong: -1 }) : null,
    cpuCores,
    peakRssMb,
  };
}

/** A line on stderr while a long scenario runs (the figures come at its end). */
function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Waits until each side shows every agent right (or drainMs passes); says when, and how many are wrong. */
async function drain(
  recorders: { writes: { user: string; activity: string | null; status: number }[] }[],
  wanted: readonly (string | null)[],
  users: string[],
  drainMs: number,
  loadEnd: number,
  withBaseline: boolean,
): Promise<{ after: number | null; wrong: number }[]> {
  const sides = recorders.slice(0, withBaseline ? 2 : 1).map((r) => ({
    r,
    seen: 0,
    shown: new Map<string, string | null>(),
    after: null as number | null,
    wrong: -1,
  }));
  let lastProgress = Date.now();
  for (;;) {
    for (const side of sides) {
      const { writes } = side.r;
      for (; side.seen < writes.length; side.seen++) {
        const w = writes[side.seen];
        if (w && w.status >= 200 && w.status < 300) side.shown.set(w.user, w.activity);
      }
      side.wrong = wrongCount(wanted, side.shown, users);
      if (side.wrong === 0 && side.after === null) side.after = Date.now() - loadEnd;
    }
    if (sides.every((s) => s.after !== null) || Date.now() - loadEnd > drainMs) break;
    if (Date.now() - lastProgress >= 10_000) {
      lastProgress = Date.now();
      progress(
        `  +${((lastProgress - loadEnd) / 1000).toFixed(0)} s: ${sides.map((s) => s.wrong).join(' / ')} wrong`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return sides.map((s) => ({ after: s.after, wrong: s.wrong }));
}
