// The programs docs/INTEGRATION.md shows (curl + openssl, Node, Python) are taken out of the guide as written
// and run: the senders against a real Switchboard, the receivers against Switchboard's real outbound
// transport, and the Node signing functions against the service's own signer and verifier.
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { HttpContactCenterTransport } from '../../src/adapters/cc-http/cc-http-transport';
import { signatureHeaders, verifySignature } from '../../src/adapters/signature/hmac-signature';
import { agentId } from '../../src/domain/ids';
import { systemClock } from '../../src/ports/clock.port';
import { CC_SECRET, eventually, startFixture, type Fixture } from '../support/switchboard-fixture';
import { blocksOf, writeExamples } from './doc-blocks';

interface GuideSigning {
  signatureHeaders(secret: string, body: string, nowMs?: number): Record<string, string>;
  verifySignature(
    secret: string,
    body: string,
    timestamp: string,
    signature: string,
    nowMs?: number,
  ): boolean;
}

const run = promisify(execFile);
const hasPython = (): Promise<boolean> =>
  run('python3', ['--version']).then(
    () => true,
    () => false,
  );

async function runSender(command: string, file: string, env: Record<string, string>, args: string[]) {
  try {
    const { stdout } = await run(command, [file, ...args], { env: { PATH: process.env.PATH ?? '', ...env } });
    return { code: 0, output: stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

/** Starts a receiver program and resolves once it says where it listens. */
function startReceiver(command: string, file: string, secret: string) {
  const child = spawn(command, [file], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', CC_OUTBOUND_SECRET: secret },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise<{ child: ChildProcess; url: string; output: () => string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${file} did not start:\n${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url, output: () => output });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${file} exited (${code}):\n${output}`)));
  });
}

describe('docs: the signing programs in docs/INTEGRATION.md', function () {
  this.timeout(60_000);
  let dir: string;
  let files: Map<string, string>;
  const file = (name: string): string => {
    const path = files.get(name);
    assert.ok(path, `the guide has a block tagged example=${name}`);
    return path;
  };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'switchboard-doc-examples-'));
    files = writeExamples(blocksOf('docs/INTEGRATION.md'), dir);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('has a sender in curl, Node and Python, and a receiver in Node and Python', () => {
    assert.deepEqual([...files.keys()].sort(), [
      'receiver.mjs',
      'receiver.py',
      'send-event.mjs',
      'send-event.sh',
      'send_event.py',
      'sign.mjs',
    ]);
  });

  it("sign.mjs signs exactly as Switchboard does, and its verifier agrees with Switchboard's", async () => {
    const guide = (await import(pathToFileURL(file('sign.mjs')).href)) as GuideSigning;
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.string({ minLength: 1 }),
        fc.integer({ min: 1_000_000_000, max: 4_000_000_000 }),
        (body, secret, nowSeconds) => {
          const ours = signatureHeaders(secret, body, nowSeconds);
          const theirs = guide.signatureHeaders(secret, body, nowSeconds * 1000);
          const ts = theirs['X-Switchboard-Timestamp']!;
          const sig = theirs['X-Switchboard-Signature']!;
          assert.equal(sig, ours['x-switchboard-signature']);
          assert.equal(verifySignature(secret, body, ts, sig, nowSeconds).ok, true);
          const ourTs = ours['x-switchboard-timestamp']!;
          const ourSig = ours['x-switchboard-signature']!;
          assert.equal(guide.verifySignature(secret, body, ourTs, ourSig, nowSeconds * 1000), true);
          assert.equal(guide.verifySignature(secret, `${body}x`, ourTs, ourSig, nowSeconds * 1000), false);
          assert.equal(guide.verifySignature(`${secret}x`, body, ourTs, ourSig, nowSeconds * 1000), false);
          assert.equal(guide.verifySignature(secret, body, ourTs, ourSig, (nowSeconds + 301) * 1000), false);
        },
      ),
    );
  });

  describe('the senders, against a running Switchboard', () => {
    let f: Fixture;
    before(async () => {
      f = await startFixture();
    });
    after(() => f.close());

    const senders = [
      { command: 'bash', name: 'send-event.sh', agent: 'A-curl', state: 'Busy' },
      { command: process.execPath, name: 'send-event.mjs', agent: 'A-node', state: 'Break' },
      { command: 'python3', name: 'send_event.py', agent: 'A-python', state: 'Work Offline' },
    ];
    for (const sender of senders) {
      it(`${sender.name} sends a signed event that Switchboard accepts and applies`, async function () {
        if (sender.command === 'python3' && !(await hasPython())) this.skip();
        const env = { SWITCHBOARD_URL: f.app.url, CC_WEBHOOK_SECRET: CC_SECRET };
        const sent = await runSender(sender.command, file(sender.name), env, [sender.agent, sender.state]);
        assert.equal(sent.code, 0, sent.output);
        assert.match(sent.output, /\{"accepted":1,"duplicates":0\}/);
        await eventually(async () => {
          const status = await f.admin('GET', `/api/admin/agents/${sender.agent}/status`);
          return status.status === 200 && status.json.ccState === sender.state;
        });
        const refused = await runSender(
          sender.command,
          file(sender.name),
          { ...env, CC_WEBHOOK_SECRET: 'wrong' },
          [sender.agent, 'Available'],
        );
        assert.notEqual(refused.code, 0, 'a refused event makes the program fail');
        assert.match(refused.output, /signature_invalid/);
      });
    }
  });

  const receivers = [
    { command: process.execPath, name: 'receiver.mjs' },
    { command: 'python3', name: 'receiver.py' },
  ];
  for (const receiver of receivers) {
    it(`${receiver.name} takes Switchboard's signed posts once each and refuses other signatures`, async function () {
      if (receiver.command === 'python3' && !(await hasPython())) this.skip();
      const secret = 'outbound-secret';
      const started = await startReceiver(receiver.command, file(receiver.name), secret);
      try {
        const transport = (key: string) =>
          new HttpContactCenterTransport({ url: started.url, secret: key, clock: systemClock });
        const id = 'out-1';
        const body = {
          id,
          type: 'agent.state.requested',
          occurredAt: new Date().toISOString(),
          agentId: 'A100',
          state: 'Work Offline',
          cause: { teams: { availability: 'Busy', activity: 'InACall' } },
        };
        const message = { id, agentId: agentId('A100'), type: body.type, body };
        assert.deepEqual(await transport(secret).deliver(message), { ok: true });
        assert.deepEqual(
          await transport(secret).deliver(message),
          { ok: true },
          'a redelivery is answered 2xx',
        );
        const refused = await transport('another-secret').deliver({
          ...message,
          id: 'out-2',
          body: { ...body, id: 'out-2' },
        });
        assert.equal(refused.ok, false);
        assert.match(refused.ok ? '' : refused.error, /^HTTP 401/);
        assert.equal(
          refused.ok ? true : refused.retryable,
          false,
          'Switchboard parks what the receiver refuses',
        );
        const verified = started
          .output()
          .split('\n')
          .filter((l) => l.startsWith('verified '));
        assert.equal(verified.length, 1, started.output());
        assert.deepEqual(JSON.parse(verified[0]!.slice('verified '.length)), body);
      } finally {
        started.child.kill('SIGTERM');
      }
    });
  }
});
