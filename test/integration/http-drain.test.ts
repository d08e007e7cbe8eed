// Issue 7 item 1: the HTTP server's close() drains: a request in flight gets its normal answer, marked
// Connection: close so its keep-alive connection ends with it, and only then does close() resolve.
import assert from 'node:assert/strict';
import { Agent, get } from 'node:http';
import type { Request, Response } from 'restify';
import { createHttpServer } from '../../bot/http/server';

describe('the HTTP server’s close()', () => {
  it('answers the request in flight with Connection: close, then resolves', async () => {
    const http = createHttpServer();
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let arrived = () => {};
    const inHandler = new Promise<void>((resolve) => (arrived = resolve));
    http.server.get('/slow', async (_req: Request, res: Response) => {
      arrived();
      await held;
      res.send(200, { done: true });
    });
    const url = await http.listen(0, '127.0.0.1');
    http.markReady();
    const agent = new Agent({ keepAlive: true });
    const answer = new Promise<{ status: number; connection: string | undefined; body: string }>(
      (resolve, reject) => {
        get(`${url}/slow`, { agent }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body }),
          );
        }).on('error', reject);
      },
    );
    await inHandler;
    let closed = false;
    const closing = http.close(60_000).then(() => (closed = true));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(closed, false, 'close() waits for the request in flight');
    release();
    assert.deepEqual(await answer, { status: 200, connection: 'close', body: '{"done":true}' });
    await closing;
    agent.destroy();
  });
});
