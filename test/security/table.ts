// The table runner of the security suite: each row is one bad input sent to one route. Every row asserts
// the status, the error code, that nothing was stored or changed (a snapshot read back before and after)
// and that the service still answers /healthz. Other suites (test/security/bot-*.test.ts) reuse it with
// their own rows: `runSecurityTable('bot', [...bodyRouteRows(botRoute), ...botRows])`, with `bodyRouteRows`
// from rows/framing.ts (size, encodings, bombs, malformed JSON for any body route) and `send`,
// `signedHeaders`, `startTarget` from target.ts.
import assert from 'node:assert/strict';
import { send, snapshot, startTarget, type Sent, type Target } from './target';

export interface SecurityRow {
  /** The bad-input class, e.g. "gzip bomb", "wrong secret". */
  readonly input: string;
  /** The route, e.g. "POST /api/cc/events". */
  readonly route: string;
  readonly send: (t: Target) => Promise<Sent>;
  readonly status: number;
  /** The error code expected in the body; null when the answer has no error body (202 for Graph). */
  readonly code: string | null;
  /** A value that must not come back whole in the answer (long ids). */
  readonly notEchoed?: string;
  /** Set only for rows another branch fixes: the row is skipped, and why. */
  readonly pendingOn?: string;
  /** Extra assertions on the answer. */
  readonly check?: (sent: Sent) => void;
}

export function assertRow(row: SecurityRow, sent: Sent): void {
  const where = `${row.input} → ${row.route}: ${sent.status} ${sent.text.slice(0, 300)}`;
  assert.equal(sent.status, row.status, where);
  if (row.code === null) {
    assert.equal(sent.json?.error, undefined, where);
  } else {
    assert.equal(sent.json?.error?.code, row.code, where);
    assert.equal(typeof sent.json.error.message, 'string', where);
  }
  if (row.notEchoed) assert.ok(!sent.text.includes(row.notEchoed), `${where}: the input came back whole`);
  row.check?.(sent);
}

/** One mocha suite over one started service; rows run in order against it. */
export function runSecurityTable(title: string, rows: readonly SecurityRow[], start = startTarget): void {
  describe(`security: ${title}`, function () {
    this.timeout(60_000);
    let t: Target;
    before(async () => {
      t = await start();
    });
    after(() => t?.close());

    for (const row of rows) {
      const name = `${row.input} → ${row.route}: ${row.status}${row.code ? ` ${row.code}` : ''}`;
      // Enabled by the branch named in pendingOn (e.g. the events branch bounds occurredAt).
      const test = row.pendingOn ? it.skip : it;
      test(name, async () => {
        const before = await snapshot(t);
        assertRow(row, await row.send(t));
        assert.deepEqual(await snapshot(t), before, 'the bad request changed something');
        const health = await send(t, '/healthz', { method: 'GET' });
        assert.equal(health.status, 200);
      });
    }
  });
}
