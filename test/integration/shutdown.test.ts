// Issue 7 item 1: `npm start` is the server itself, so a process manager's SIGTERM reaches it; on SIGTERM the
// requests in flight finish with their normal answers and the port is freed.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signatureHeaders } from '../../src/adapters/signature/hmac-signature';
import { LOCK_FILE } from '../../bot/data-dir-lock';
import { startChild } from '../support/child-switchboard';
import { eventually, stateEvent } from '../support/switchboard-fixture';

const SECRET = 'shutdown-secret';

interface NpmStart {
  readonly npm: ChildProcess;
  readonly url: string;
  readonly exited: Promise<number | string>;
}

function npmStart(dataDir: string): Promise<NpmStart> {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir() };
  const npm = spawn('npm', ['start'], {
    env: { ...env, PORT: '0', DATA_DIR: dataDir, EMULATOR_PORT: '0', CC_WEBHOOK_SECRET: SECRET },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | string>((resolve) =>
    npm.on('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /"url":"(http:\/\/[^"]+)".*Switchboard is running/.exec(output);
      if (match?.[1]) resolve({ npm, url: match[1], exited });
    };
    npm.stdout.on('data', onData);
    npm.stderr.on('data', onData);
    void exited.then((code) => reject(new Error(`npm start exited (${code}):\n${output}`)));
  });
}

function parentOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

async function portIsFree(url: string): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(Number(new URL(url).port), () => server.close(() => resolve(true)));
  });
}

const within = <T>(promise: Promise<T>, ms: number): Promise<T | 'timed out'> =>
  Promise.race([promise, new Promise<'timed out'>((r) => setTimeout(() => r('timed out'), ms).unref())]);

describe('stopping the service', function () {
  this.timeout(90_000);
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'switchboard-stop-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const serverPid = () => (JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')) as { pid: number }).pid;

  it('npm start runs the server as npm’s own child: SIGTERM to npm frees the port and exits 0', async () => {
    const started = await npmStart(dataDir);
    assert.equal(parentOf(serverPid()), started.npm.pid, 'no shell or tsx between npm and the server');
    started.npm.kill('SIGTERM');
    assert.equal(await within(started.exited, 10_000), 0);
    assert.equal(await portIsFree(started.url), true);
  });

  it('SIGTERM to the server under npm start frees the port, and npm exits 0', async () => {
    const started = await npmStart(dataDir);
    process.kill(serverPid(), 'SIGTERM');
    assert.equal(await within(started.exited, 10_000), 0);
    assert.equal(await portIsFree(started.url), true);
  });

  it('lets requests in flight at SIGTERM finish with their normal answers', async () => {
    const child = await startChild({
      PORT: '0',
      DATA_DIR: dataDir,
      EMULATOR_PORT: '0',
      CC_WEBHOOK_SECRET: SECRET,
    });
    const answers = Array.from({ length: 20 }, () => slowSignedPost(child.url));
    await Promise.all(answers.map((a) => a.started));
    child.process.kill('SIGTERM');
    await eventually(() => child.output().includes('stopping'));
    answers.forEach((a) => a.finish());
    const statuses = await Promise.all(answers.map((a) => a.status));
    assert.deepEqual(statuses, Array<number>(20).fill(202));
    assert.equal(await within(child.exited, 10_000), 0);
  });
});

/** A signed event whose body waits for finish(): `started` resolves once the server has read the headers
 * and dispatched the request (its 100 Continue), so the request is in flight when SIGTERM comes. */
function slowSignedPost(url: string) {
  const body = JSON.stringify(stateEvent('A100', 'Busy'));
  const headers = {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    expect: '100-continue',
    ...signatureHeaders(SECRET, body, Date.now() / 1000),
  };
  const req = request(`${url}/api/cc/events`, { method: 'POST', headers });
  const started = new Promise<void>((resolve) => req.once('continue', resolve));
  const status = new Promise<number>((resolve, reject) => {
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
  });
  req.flushHeaders();
  return { status, started, finish: () => req.end(body) };
}
