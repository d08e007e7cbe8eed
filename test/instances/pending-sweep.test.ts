// Issue 13 item 4: work another instance accepted and left (it crashed) is picked up by the periodic sweep,
// not only at start-up; fresh work the accepting instance is running is left to it.
import assert from 'node:assert/strict';
import { agentId, type AgentId } from '../../src/domain/ids';
import { silentLogger } from '../../src/ports/logger.port';
import { PendingSweep } from '../../src/sync/pending-sweep';
import { FakeClock } from '../support/fake-clock';

const A = agentId('A1');
const B = agentId('A2');
const C = agentId('A3');

function harness(limit?: number) {
  const clock = new FakeClock();
  let pending: AgentId[] = [];
  const kicked: AgentId[] = [];
  // Oldest first, at most `limit`, as the Store port says.
  const store = { agentsWithPendingEvents: async (limit?: number) => pending.slice(0, limit) };
  const sweep = new PendingSweep(store, (a) => kicked.push(a), clock, silentLogger, {
    intervalMs: 5000,
    ...(limit ? { limit } : {}),
  });
  return { clock, sweep, kicked, setPending: (p: AgentId[]) => (pending = p) };
}

describe('pending sweep (the safety net for stranded work)', () => {
  it('kicks the agents pending at two sweeps in a row, not those just accepted', async () => {
    const h = harness();
    h.setPending([A, B]);
    assert.deepEqual(await h.sweep.sweepOnce(), []);
    h.setPending([B, C]);
    assert.deepEqual(await h.sweep.sweepOnce(), [B]);
    h.setPending([B, C]);
    assert.deepEqual(await h.sweep.sweepOnce(), [B, C]);
    assert.deepEqual(h.kicked, [B, B, C]);
  });

  it('sweeps every interval on its own until stopped, at most `limit` agents a sweep', async () => {
    const h = harness(2);
    h.setPending([A, B, C]);
    h.sweep.start();
    await h.clock.run(5000, 1000);
    await h.clock.run(5000, 1000);
    assert.deepEqual(h.kicked, [A, B]);
    await h.sweep.stop();
    await h.clock.run(20_000, 1000);
    assert.deepEqual(h.kicked, [A, B]);
  });

  it('logs, and does not reject, when the store fails', async () => {
    const clock = new FakeClock();
    const failing = { agentsWithPendingEvents: () => Promise.reject(new Error('down')) };
    const sweep = new PendingSweep(failing, () => assert.fail('kicked'), clock, silentLogger);
    assert.deepEqual(await sweep.sweepOnce(), []);
  });
});
