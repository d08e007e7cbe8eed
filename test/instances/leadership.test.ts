// Issue 13 item 1: one runner per role. Two PostgresLeadership on one schema contend for a role through an
// advisory lock: exactly one leads; when the leader's session ends (closed, or killed on the server as a
// dead process's would be) the other takes over within the retry bound.
import assert from 'node:assert/strict';
import { PostgresLeadership } from '../../src/adapters/postgres';
import { soleLeadership } from '../../src/adapters/sqlite';
import type { LeaderRole } from '../../src/ports/leadership.port';
import { silentLogger } from '../../src/ports/logger.port';
import { eventually } from '../support/switchboard-fixture';
import { databaseUrl, dropSchema, freshSchema, terminateLeaders } from './pg-schema';

const RETRY_MS = 200;

function contender(schema: string, role: LeaderRole) {
  const leadership = new PostgresLeadership({
    url: databaseUrl,
    schema,
    logger: silentLogger,
    retryMs: RETRY_MS,
  });
  const changes: boolean[] = [];
  leadership.watch(role, (leading) => changes.push(leading));
  return { leadership, changes, leads: () => leadership.leads(role) };
}

describe('leadership on PostgreSQL (advisory lock per role)', () => {
  let schema: string;
  beforeEach(() => (schema = freshSchema()));
  afterEach(() => dropSchema(schema));

  it('lets exactly one of two instances lead a role, and each role on its own', async () => {
    const a = contender(schema, 'teams-watch');
    const b = contender(schema, 'teams-watch');
    try {
      await eventually(() => a.leads() || b.leads());
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS * 3));
      assert.equal([a, b].filter((c) => c.leads()).length, 1);
      assert.deepEqual([...a.changes, ...b.changes], [true]);
      const other = contender(schema, 'pruner');
      await eventually(() => other.leads());
      await other.leadership.close();
    } finally {
      await Promise.all([a.leadership.close(), b.leadership.close()]);
    }
  });

  it('hands the role over within the retry bound when the leader closes', async () => {
    const a = contender(schema, 'outbound');
    await eventually(() => a.leads());
    const b = contender(schema, 'outbound');
    try {
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS * 2));
      assert.equal(b.leads(), false);
      const closedAt = Date.now();
      await a.leadership.close();
      await eventually(() => b.leads(), 5000);
      const takeoverMs = Date.now() - closedAt;
      console.log(`      takeover after close: ${takeoverMs} ms (retry every ${RETRY_MS} ms)`);
      assert.ok(takeoverMs < RETRY_MS * 5, `took ${takeoverMs} ms`);
    } finally {
      await b.leadership.close();
    }
  });

  it('makes a leader whose session the server ended give up its role, and one instance lead again', async () => {
    const a = contender(schema, 'session-keeper');
    await eventually(() => a.leads());
    const b = contender(schema, 'session-keeper');
    try {
      const killedAt = Date.now();
      assert.equal(await terminateLeaders(schema, 'session-keeper'), 1);
      await eventually(() => a.changes.length >= 2 && (a.leads() || b.leads()), 5000);
      console.log(`      a leader again after the leader's session died: ${Date.now() - killedAt} ms`);
      assert.deepEqual(a.changes.slice(0, 2), [true, false]);
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS * 3));
      assert.equal([a, b].filter((c) => c.leads()).length, 1);
    } finally {
      await Promise.all([a.leadership.close(), b.leadership.close()]);
    }
  });
});

describe('leadership of the embedded store', () => {
  it('leads every role at once, telling each watcher once', async () => {
    const leadership = soleLeadership();
    const seen: string[] = [];
    leadership.watch('pruner', (leading) => seen.push(`pruner:${leading}`));
    leadership.watch('outbound', (leading) => seen.push(`outbound:${leading}`));
    assert.deepEqual(seen, ['pruner:true', 'outbound:true']);
    assert.equal(leadership.leads('pruner'), true);
    await leadership.close();
    assert.equal(leadership.leads('pruner'), false);
  });
});
