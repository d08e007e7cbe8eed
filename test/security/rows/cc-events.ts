// Rows of POST /api/cc/events: signatures (unsigned, wrong secret, stale, tampered) and event content
// (wrong types, control and unicode characters, long and odd ids, broken and far-future dates).
import type { SecurityRow } from '../table';
import { send, signedHeaders, type Target } from '../target';

const ROUTE = 'POST /api/cc/events';
const LONG_ID = 'L'.repeat(10_000);
let n = 0;

/** A valid agent.state for an agent of its own (never linked), with `extra` overriding fields. */
function event(extra: Record<string, unknown> = {}): Record<string, unknown> {
  n += 1;
  const fields = { id: `sec-evt-${n}`, type: 'agent.state', occurredAt: new Date().toISOString() };
  return { ...fields, agentId: 'SEC-AGENT', state: 'Available', ...extra };
}

const signed =
  (body: () => unknown, options: Parameters<typeof signedHeaders>[1] = {}) =>
  (t: Target) => {
    const text = JSON.stringify(body());
    return send(t, '/api/cc/events', { body: text, headers: signedHeaders(text, options) });
  };

const invalid = (input: string, body: () => unknown, notEchoed?: string): SecurityRow => ({
  input,
  route: ROUTE,
  send: signed(body),
  status: 400,
  code: 'invalid_event',
  ...(notEchoed ? { notEchoed } : {}),
});

const signatureRows: SecurityRow[] = [
  {
    input: 'unsigned',
    route: ROUTE,
    send: (t) =>
      send(t, '/api/cc/events', {
        body: JSON.stringify(event()),
        headers: { 'content-type': 'application/json' },
      }),
    status: 401,
    code: 'signature_missing',
  },
  {
    input: 'wrong secret',
    route: ROUTE,
    send: signed(() => event(), { secret: 'not-the-secret' }),
    status: 401,
    code: 'signature_invalid',
  },
  {
    input: 'stale timestamp (10 min)',
    route: ROUTE,
    send: signed(() => event(), { at: Date.now() / 1000 - 600 }),
    status: 401,
    code: 'signature_expired',
  },
  {
    input: 'body changed after signing',
    route: ROUTE,
    send: (t) => {
      const text = JSON.stringify(event());
      return send(t, '/api/cc/events', {
        body: text.replace('Available', 'Busy'),
        headers: signedHeaders(text),
      });
    },
    status: 401,
    code: 'signature_invalid',
  },
  {
    input: 'signed, no Content-Type',
    route: ROUTE,
    send: signed(() => event(), { contentType: null }),
    status: 415,
    code: 'unsupported_media_type',
  },
];

const contentRows: SecurityRow[] = [
  invalid('wrong types (id a number)', () => event({ id: 5 })),
  invalid('wrong types (events not an array)', () => ({ events: { a: event() } })),
  invalid('one bad event in a batch', () => ({ events: [event(), event({ state: 42 })] })),
  invalid('NUL in an id', () => event({ id: 'a\u0000b' })),
  invalid('control character in agentId', () => event({ agentId: 'A\u0007' })),
  invalid('bidi override in agentId', () => event({ agentId: 'A\u202E1' })),
  invalid('lone surrogate in agentId', () => event({ agentId: 'A\uD800' })),
  invalid('surrounding spaces in agentId', () => event({ agentId: ' SEC-AGENT ' })),
  invalid('empty id', () => event({ id: '' })),
  invalid('id of 257 characters', () => event({ id: 'x'.repeat(257) })),
  invalid('id of 10,000 characters', () => event({ id: LONG_ID }), LONG_ID),
  invalid('unknown state', () => event({ state: 'Napping' })),
  invalid('broken date', () => event({ occurredAt: 'yesterday' })),
  invalid('offset +99:99', () => event({ occurredAt: '2026-01-01T00:00:00+99:99' })),
  invalid('far-future date', () => event({ occurredAt: '9999-12-31T23:59:59Z' })),
];

export const ccEventRows = (): SecurityRow[] => [...signatureRows, ...contentRows];
