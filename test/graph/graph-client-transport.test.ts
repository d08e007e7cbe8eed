// Base URL handling and failures without an HTTP answer (refused connection, a server that never answers).
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { CodedError } from '../../src/domain/errors';
import { teamsUserId } from '../../src/domain/ids';
import { silentLogger } from '../../src/ports/logger.port';
import {
  createGraphClient,
  GraphPresenceGateway,
  splitGraphBaseUrl,
  staticToken,
} from '../../src/adapters/graph/index';

const alice = teamsUserId('11111111-aaaa-4aaa-8aaa-000000000001');
const inACall = { availability: 'Busy', activity: 'InACall' };

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

function gatewayAt(baseUrl: string, attemptTimeoutMs?: number): GraphPresenceGateway {
  const client = createGraphClient({
    baseUrl,
    tokenProvider: staticToken('t'),
    maxRetries: 1,
    attemptTimeoutMs,
  });
  return new GraphPresenceGateway(client, 'app-id', silentLogger);
}

describe('splitGraphBaseUrl', () => {
  const cases: [string, { origin: string; host: string; version: string }][] = [
    [
      'https://graph.microsoft.com/v1.0',
      { origin: 'https://graph.microsoft.com', host: 'https://graph.microsoft.com', version: 'v1.0' },
    ],
    [
      'http://127.0.0.1:4000/v1.0/',
      { origin: 'http://127.0.0.1:4000', host: 'http://127.0.0.1:4000', version: 'v1.0' },
    ],
    [
      'http://proxy.local/graph/beta',
      { origin: 'http://proxy.local', host: 'http://proxy.local/graph', version: 'beta' },
    ],
  ];
  for (const [input, expected] of cases) {
    it(`splits ${input}`, () => assert.deepEqual(splitGraphBaseUrl(input), expected));
  }

  it('refuses a URL without a version segment, and a non-URL', () => {
    assert.throws(() => splitGraphBaseUrl('https://graph.microsoft.com'), { code: 'invalid_graph_base_url' });
    assert.throws(() => splitGraphBaseUrl('graph.microsoft.com/v1.0'), { code: 'invalid_graph_base_url' });
  });

  it('refuses maxRetries beyond the SDK limit of 10', () => {
    assert.throws(
      () =>
        createGraphClient({
          baseUrl: 'http://127.0.0.1:1/v1.0',
          tokenProvider: staticToken('t'),
          maxRetries: 11,
        }),
      (e: unknown) => e instanceof CodedError && e.code === 'invalid_graph_max_retries',
    );
  });
});

describe('Graph client without an HTTP answer', () => {
  it('maps a refused connection to a retryable result', async () => {
    const server = createServer();
    const port = await listen(server);
    await close(server); // The port is now free, so the connection is refused.

    const result = await gatewayAt(`http://127.0.0.1:${port}/v1.0`).setPresence(alice, inACall, 5);

    assert.ok(!result.ok);
    assert.equal(result.retryable, true);
    assert.equal(result.status, 0);
    assert.equal(result.code, 'graph_unreachable');
  });

  it('maps an attempt that gets no answer in time to a retryable timeout, and reads throw it', async () => {
    const sockets: Socket[] = [];
    const server = createServer((socket) => void sockets.push(socket)); // Accepts, never answers.
    const port = await listen(server);
    try {
      const gateway = gatewayAt(`http://127.0.0.1:${port}/v1.0`, 200);
      const result = await gateway.clearPresence(alice);
      assert.ok(!result.ok);
      assert.equal(result.retryable, true);
      assert.equal(result.code, 'graph_timeout');
      await assert.rejects(gateway.getPresences([alice]), { code: 'graph_timeout' });
    } finally {
      for (const s of sockets) s.destroy();
      await close(server);
    }
  });
});
