// Issue 11 item 2: the agent work queue bounds runs in flight and agents held in memory; a kick beyond the
// bound is not lost (the store's pending work is swept in), and an agent kicked many times while waiting
// costs one run.
import assert from 'node:assert/strict';
import { silentLogger } from '../../src/ports/logger.port';
import { AgentWorkQueue, type WorkQueueOptions } from '../../src/sync/agent-work-queue';
import { FakeClock } from '../support/fake-clock';

interface Harness {
  readonly queue: AgentWorkQueue<string>;
  readonly runs: string[];
  /** Most runs seen in flight at once. */
  peak(): number;
  /** Ends every run in progress. */
  release(): void;
  /** The `limit` of each sweep of the store so far. */
  readonly sweeps: number[];
}

function harness(
  options: Partial<WorkQueueOptions<string>>,
  store: () => string[] = () => [],
  onRun: (key: string) => void = () => {},
): Harness {
  const runs: string[] = [];
  const sweeps: number[] = [];
  let active = 0;
  let peak = 0;
  let gates: (() => void)[] = [];
  const queue = new AgentWorkQueue<string>(
    async (key) => {
      runs.push(key);
      onRun(key);
      active += 1;
      peak = Math.max(peak, active);
      await new Promise<void>((resolve) => gates.push(resolve));
      active -= 1;
    },
    new FakeClock(),
    silentLogger,
    {
      concurrency: 2,
      maxQueued: 100,
      // Oldest first, at most `limit`, as Store.agentsWithPendingEvents answers.
      sweep: (limit) => {
        sweeps.push(limit);
        return Promise.resolve(store().slice(0, limit));
      },
      ...options,
    },
  );
  return {
    queue,
    runs,
    sweeps,
    peak: () => peak,
    release() {
      const open = gates;
      gates = [];
      for (const g of open) g();
    },
  };
}

/** Releases runs until the queue is idle. */
async function drain(h: Harness): Promise<void> {
  const idle = h.queue.idle();
  let done = false;
  void idle.then(() => (done = true));
  while (!done) {
    h.release();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('AgentWorkQueue bounds (issue 11 #2)', () => {
  it('never has more than `concurrency` runs in flight, and runs every kicked agent once', async () => {
    const h = harness({ concurrency: 3 });
    for (let i = 0; i < 20; i++) h.queue.kick(`A${i}`);
    assert.deepEqual(h.queue.size(), { running: 3, queued: 17 });
    await drain(h);
    assert.equal(h.peak(), 3);
    assert.deepEqual([...h.runs].sort(), Array.from({ length: 20 }, (_, i) => `A${i}`).sort());
  });

  it('coalesces: an agent kicked five times while waiting runs once; kicked during its run, once more', async () => {
    const h = harness({ concurrency: 1 });
    h.queue.kick('busy');
    for (let i = 0; i < 5; i++) h.queue.kick('waiting');
    assert.deepEqual(h.queue.size(), { running: 1, queued: 1 });
    h.queue.kick('busy');
    h.queue.kick('busy');
    await drain(h);
    assert.deepEqual(h.runs, ['busy', 'waiting', 'busy']);
  });

  it('keeps at most maxQueued agents in memory and sweeps the rest in from the store', async () => {
    const pending = new Set(Array.from({ length: 50 }, (_, i) => `A${i}`));
    // A run settles its agent's pending work, as the engine's runs do.
    const h = harness(
      { concurrency: 2, maxQueued: 5 },
      () => [...pending],
      (k) => pending.delete(k),
    );
    for (const key of [...pending]) h.queue.kick(key);
    assert.deepEqual(h.queue.size(), { running: 2, queued: 5 });
    await drain(h);
    assert.equal(pending.size, 0);
    assert.equal(h.runs.length, 50, 'every agent ran exactly once');
    assert.ok(h.peak() <= 2);
  });

  it('reads the store back in only once the FIFO is half empty, and only as many as it has room for', async () => {
    const pending = new Set(Array.from({ length: 100 }, (_, i) => `A${String(i).padStart(3, '0')}`));
    const h = harness(
      { concurrency: 2, maxQueued: 10 },
      () => [...pending],
      (k) => pending.delete(k),
    );
    for (const key of [...pending]) h.queue.kick(key);
    await drain(h);
    assert.equal(pending.size, 0);
    assert.equal(h.runs.length, 100, 'every agent ran exactly once');
    // Room (10 - queued) plus the agents running (pending too, skipped): never the whole backlog of 100.
    assert.ok(Math.max(...h.sweeps) <= 10 + 2, `limits ${h.sweeps.join(',')}`);
    // One read per half-queue of runs (~88 / 5), not one per run.
    assert.ok(h.sweeps.length <= 25, `${h.sweeps.length} sweeps`);
  });

  it('sweepSoon() starts the work the store holds (start-up) without kicking every agent', async () => {
    const h = harness({ concurrency: 2, maxQueued: 3 }, () => ['B', 'C', 'D', 'E']);
    h.queue.sweepSoon();
    await new Promise((resolve) => setImmediate(resolve));
    assert.ok(h.queue.size().queued + h.queue.size().running <= 3 + 2);
    h.release();
    await new Promise((resolve) => setImmediate(resolve));
    assert.ok(h.runs.includes('B') && h.runs.includes('C'));
  });
});
