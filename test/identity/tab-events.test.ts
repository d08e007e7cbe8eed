// GET /api/tab/events (server-sent events) against the real service: authenticated by an SSO token or a
// short-lived ticket, it pushes my agent's status when the store changes (whoever committed the change),
// caps the streams per user, and ends every stream on shutdown.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { agentId, teamsUserId } from '../../src/domain/ids';
import { eventually, stateEvent } from '../support/switchboard-fixture';
import { ShiftedClock, startIdentityHarness, type IdentityHarness } from './identity-harness';

interface Stream {
  readonly status: number;
  /** Resolves with the next status event's data matching `check`. */
  next(check: (data: any) => boolean): Promise<any>;
  /** 'end' when the server ended the stream cleanly, 'error' when it was reset or aborted. */
  readonly ended: Promise<'end' | 'error'>;
  close(): void;
}

async function openStream(url: string, headers: Record<string, string> = {}): Promise<Stream> {
  const abort = new AbortController();
  const res = await fetch(url, { headers, signal: abort.signal });
  const events: any[] = [];
  const waiters: (() => void)[] = [];
  let resolveEnded: (how: 'end' | 'error') => void = () => undefined;
  const ended = new Promise<'end' | 'error'>((r) => (resolveEnded = r));
  if (res.status === 200 && res.body) {
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    void (async () => {
      let how: 'end' | 'error' = 'end';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (/^event: status$/m.test(block) && data) events.push(JSON.parse(data));
            waiters.splice(0).forEach((w) => w());
          }
        }
      } catch {
        how = 'error'; // reset by the server, or aborted by close()
      }
      resolveEnded(how);
    })();
  } else resolveEnded('end');
  return {
    status: res.status,
    ended,
    async next(check) {
      const deadline = Date.now() + 8000;
      for (;;) {
        const found = events.findIndex(check);
        if (found >= 0) return events.splice(0, found + 1).at(-1);
        if (Date.now() > deadline) throw new Error(`no matching event; saw ${JSON.stringify(events)}`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 200);
        });
      }
    },
    close: () => abort.abort(),
  };
}

describe('tab API: live status events', () => {
  let h: IdentityHarness;
  const clock = new ShiftedClock();
  const streams: Stream[] = [];
  before(async () => {
    h = await startIdentityHarness({}, clock);
  });
  afterEach(() => {
    streams.splice(0).forEach((s) => s.close());
    clock.offsetMs = 0;
  });
  after(() => h.close());
  const open = async (path: string, headers?: Record<string, string>) => {
    const s = await openStream(`${h.fixture.app.url}${path}`, headers);
    streams.push(s);
    return s;
  };
  const ticket = async (token: string) =>
    (await h.tab('POST', '/api/tab/events/ticket', token)).json.ticket as string;

  it('pushes my status on connect and again when the store changes, by ticket', async () => {
    const oid = randomUUID();
    const token = h.token(oid);
    const s = await open(`/api/tab/events?ticket=${encodeURIComponent(await ticket(token))}`);
    assert.equal(s.status, 200);
    assert.deepEqual(await s.next(() => true), { link: { state: 'none' }, agent: null });
    // A link and a state change committed straight to the store (as another instance would) still arrive.
    await h.fixture.app.store.putLink({
      agentId: agentId('LIVE-1'),
      teamsUserId: teamsUserId(oid),
      createdAt: new Date().toISOString(),
    });
    const linked = await s.next((d) => d.link.state === 'linked');
    assert.equal(linked.link.agentId, 'LIVE-1');
    await h.fixture.postEvents(stateEvent('LIVE-1', 'Busy'));
    const busy = await s.next((d) => d.agent?.ccState === 'Busy');
    assert.equal(busy.agent.agentId, 'LIVE-1');
    assert.match(busy.agent.lastDecision.reason, /Busy/);
    await eventually(() => h.fixture.emulator.presenceOf(oid).activity === 'InACall');
  });

  it('accepts the SSO bearer token (fetch streaming) and refuses bad credentials', async () => {
    const oid = randomUUID();
    const s = await open('/api/tab/events', { authorization: `Bearer ${h.token(oid)}` });
    assert.equal(s.status, 200);
    await s.next((d) => d.link.state === 'none');
    const none = await h.tab('GET', '/api/tab/events');
    assert.deepEqual([none.status, none.json.error.code], [401, 'token_missing']);
    const expired = await h.tab('GET', '/api/tab/events', h.token(oid, { expiresInSeconds: -600 }));
    assert.equal(expired.json.error.code, 'token_expired');
    const forged = (await ticket(h.token(oid))).replace(/^[^.]+/, randomUUID());
    const bad = await h.tab('GET', `/api/tab/events?ticket=${forged}`);
    assert.deepEqual([bad.status, bad.json.error.code], [401, 'invalid_ticket']);
    const old = await ticket(h.token(oid));
    clock.offsetMs = 61_000;
    const late = await h.tab('GET', `/api/tab/events?ticket=${old}`);
    assert.deepEqual([late.status, late.json.error.code], [401, 'invalid_ticket']);
    const noTicket = await h.tab('POST', '/api/tab/events/ticket', h.token(oid, { scp: 'User.Read' }));
    assert.deepEqual([noTicket.status, noTicket.json.error.code], [401, 'insufficient_scope']);
  });

  it('caps open streams per user (429 too_many_streams) and frees a slot when one closes', async () => {
    const token = h.token(randomUUID());
    const auth = { authorization: `Bearer ${token}` };
    const three = await Promise.all([1, 2, 3].map(() => open('/api/tab/events', auth)));
    assert.deepEqual(
      three.map((s) => s.status),
      [200, 200, 200],
    );
    const fourth = await h.tab('GET', '/api/tab/events', token);
    assert.deepEqual([fourth.status, fourth.json.error.code], [429, 'too_many_streams']);
    three[0]?.close();
    await eventually(async () => (await open('/api/tab/events', auth)).status === 200);
  });
});

describe('tab API: live status events on shutdown', () => {
  it('ends every open stream when the service stops', async () => {
    const h = await startIdentityHarness();
    const s = await openStream(`${h.fixture.app.url}/api/tab/events`, {
      authorization: `Bearer ${h.token(randomUUID())}`,
    });
    await s.next(() => true);
    await h.close();
    // Ended by the service, not reset when the drain budget ran out.
    assert.equal(await s.ended, 'end');
  });
});
