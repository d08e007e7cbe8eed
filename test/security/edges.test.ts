// What the bad-input table cannot show: compressed bodies within the limit are decoded and their signature
// checked over the decoded bytes; start-up answers 503 `starting` until ready; the tab's frame-ancestors;
// node's own parser errors answer JSON. Issue 6, items 1, 6, 7, 8 and 10.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import type { Request, Response } from 'restify';
import { createHttpServer } from '../../bot/http/server';
import { TAB_FRAME_ANCESTORS } from '../../bot/http/tab-routes';
import { adminHeaders, send, signedHeaders, startTarget, type Target } from './target';

const COMPRESS = { gzip: gzipSync, deflate: deflateSync, br: brotliCompressSync } as const;

/** Writes raw bytes to the server and reads until it closes. */
function rawExchange(url: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(bytes));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('security: edges of the running service', function () {
  this.timeout(60_000);
  let t: Target;
  before(async () => {
    t = await startTarget();
  });
  after(() => t?.close());

  for (const coding of ['gzip', 'deflate', 'br'] as const) {
    it(`accepts a signed ${coding} event: the signature covers the decoded bytes`, async () => {
      const id = `compressed-${coding}-${Date.now()}`;
      const text = JSON.stringify({
        id,
        type: 'agent.state',
        occurredAt: new Date().toISOString(),
        agentId: 'A100',
        state: 'Available',
      });
      const headers = { ...signedHeaders(text), 'content-encoding': coding };
      const first = await send(t, '/api/cc/events', { body: COMPRESS[coding](text), headers });
      assert.equal(first.status, 202, first.text);
      assert.deepEqual(first.json, { accepted: 1, duplicates: 0 });
      // Stored under its id: the same event sent plain is a duplicate.
      const again = await send(t, '/api/cc/events', { body: text, headers: signedHeaders(text) });
      assert.deepEqual(again.json, { accepted: 0, duplicates: 1 });
    });
  }

  it('accepts a gzip admin body and an odd but printable agent id, which round-trips exactly', async () => {
    const body = gzipSync(JSON.stringify({ teamsUserId: '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d' }));
    const path = `/api/admin/links/${encodeURIComponent('<b>a/b</b>')}`;
    const put = await send(t, path, {
      method: 'PUT',
      body,
      headers: adminHeaders({ 'content-encoding': 'gzip' }),
    });
    assert.equal(put.status, 201, put.text);
    assert.equal(put.json.agentId, '<b>a/b</b>');
    assert.match(put.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal((await send(t, path, { method: 'DELETE', headers: adminHeaders() })).status, 204);
  });

  it('answers a signed body that is not UTF-8 with 400 invalid_json, not 401', async () => {
    const body = Buffer.concat([Buffer.from('{"id":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    const sent = await send(t, '/api/cc/events', { body, headers: signedHeaders(body) });
    assert.equal(sent.status, 400);
    assert.equal(sent.json.error.code, 'invalid_json');
  });

  it('lets only Teams, Outlook and Office hosts frame the tab', async () => {
    for (const path of ['/tab/', '/tab']) {
      const sent = await send(t, path, { method: 'GET' });
      const csp = sent.headers.get('content-security-policy') ?? '';
      const ancestors: string[] = /frame-ancestors ([^;]+)/.exec(csp)?.[1]?.split(' ') ?? [];
      assert.deepEqual(ancestors, [...TAB_FRAME_ANCESTORS], `${path}: ${csp}`);
      assert.ok(ancestors.includes('https://teams.microsoft.com'));
      assert.ok(!ancestors.some((a: string) => a === '*' || a === "'self'" || a.startsWith('http:')));
    }
  });

  it('answers JSON to a request node cannot parse, and a 431 to a 1 MB header', async () => {
    const garbage = await rawExchange(t.url, 'NOT HTTP AT ALL\r\n\r\n');
    assert.match(garbage, /^HTTP\/1\.1 400/);
    assert.match(garbage, /"code":"bad_request"/);
    const huge = await rawExchange(
      t.url,
      `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(1 << 20)}\r\n\r\n`,
    );
    assert.match(huge, /^HTTP\/1\.1 431/);
    assert.match(huge, /"code":"headers_too_large"/);
    assert.equal((await send(t, '/healthz', { method: 'GET' })).status, 200);
  });
});

describe('start-up: 503 starting until ready, /healthz and /readyz distinct', () => {
  it('answers every route 503 starting with Retry-After until markReady, even before it is mounted', async () => {
    const http = createHttpServer();
    const url = await http.listen(0, '127.0.0.1');
    try {
      const get = async (path: string) => {
        const response = await fetch(`${url}${path}`, { method: path.startsWith('/api') ? 'POST' : 'GET' });
        return {
          status: response.status,
          retry: response.headers.get('retry-after'),
          json: await response.json(),
        };
      };
      const early = await get('/api/cc/events');
      assert.deepEqual([early.status, early.json.error.code], [503, 'starting']);
      assert.ok(Number(early.retry) > 0);
      assert.equal((await get('/healthz')).status, 503);
      assert.equal((await get('/readyz')).json.error.code, 'starting');

      http.markAlive();
      http.server.post('/api/cc/events', async (_req: Request, res: Response) => {
        res.send(202, {});
      });
      assert.equal((await get('/healthz')).status, 200);
      assert.equal((await get('/readyz')).status, 503);
      assert.equal((await get('/api/cc/events')).json.error.code, 'starting');

      http.markReady();
      assert.equal((await get('/readyz')).status, 200);
      assert.equal((await get('/api/cc/events')).status, 202);
      assert.equal((await get('/api/nothing-here')).status, 404);
    } finally {
      await http.close();
    }
  });
});
