// Rows of Graph's routes: forged clientState, unknown subscriptions and forged lifecycle events are
// dropped (Graph still gets 202, as it wants), change nothing, and are counted; wrong shapes get 400.
import assert from 'node:assert/strict';
import type { SecurityRow } from '../table';
import { send, type Target } from '../target';

const json = { 'content-type': 'application/json' };

const notify = (path: string, items: (t: Target) => unknown[]) => (t: Target) =>
  send(t, path, { body: JSON.stringify({ value: items(t) }), headers: json });

const change = (t: Target, clientState: string, subscriptionId = t.subscriptionId) => ({
  subscriptionId,
  clientState,
  changeType: 'updated',
  resource: `communications/presences('${t.user}')`,
  resourceData: { id: t.user },
});

const N = '/api/graph/notifications';
const L = '/api/graph/lifecycle';

export const graphRows = (): SecurityRow[] => [
  {
    input: 'forged clientState',
    route: `POST ${N}`,
    send: notify(N, (t) => [change(t, 'guessed')]),
    status: 202,
    code: null,
  },
  {
    input: 'forged clientState ×5,000 in one request',
    route: `POST ${N}`,
    send: notify(N, (t) => Array.from({ length: 5000 }, () => change(t, 'guessed'))),
    status: 202,
    code: null,
  },
  {
    input: 'unknown subscription',
    route: `POST ${N}`,
    send: notify(N, (t) => [change(t, 'guessed', '00000000-0000-4000-8000-000000000000')]),
    status: 202,
    code: null,
  },
  {
    input: 'forged lifecycle subscriptionRemoved',
    route: `POST ${L}`,
    send: notify(L, (t) => [
      { subscriptionId: t.subscriptionId, clientState: 'guessed', lifecycleEvent: 'subscriptionRemoved' },
    ]),
    status: 202,
    code: null,
  },
  ...[N, L].flatMap((path): SecurityRow[] => [
    {
      input: 'wrong types (value a string)',
      route: `POST ${path}`,
      send: (t) => send(t, path, { body: '{"value":"x"}', headers: json }),
      status: 400,
      code: 'invalid_notification',
    },
    {
      input: 'validationToken of 10,000 characters',
      route: `POST ${path}`,
      send: (t) => send(t, `${path}?validationToken=${'v'.repeat(10_000)}`, { body: '' }),
      status: 400,
      code: 'invalid_validation_token',
      notEchoed: 'v'.repeat(10_000),
    },
    {
      input: 'validationToken with markup',
      route: `POST ${path}`,
      send: (t) => send(t, `${path}?validationToken=%3Cscript%3Ealert(1)%3C%2Fscript%3E`, { body: '' }),
      status: 200,
      code: null,
      check: (sent) => {
        assert.equal(sent.headers.get('x-content-type-options'), 'nosniff');
        assert.match(sent.headers.get('content-type') ?? '', /^text\/plain/);
      },
    },
  ]),
];
