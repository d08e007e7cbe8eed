// The README's chat walk-through, in local mode out of the box (no BOT_ID: the emulator's Bot Connector,
// anonymous): the agent writes with `switchboard-cc send chat.*`, the Teams user reads and answers with
// `switchboard-cc teams-*`, and the contact center receives the user's side as signed chat.* events.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReceiver, type Receiver } from '../outbound/receiver';
import { eventually, newTeamsUserId } from '../support/switchboard-fixture';
import { ADMIN_KEY, localEnv, startLocal, type LocalService } from '../cli/local-service';
import { runCli } from '../cli/run-cli';

const OUTBOUND_SECRET = 'walk-through-outbound-secret';

describe('chat walk-through with the CLI, local mode', function () {
  this.timeout(120_000);
  let cwd: string;
  let dataDir: string;
  let service: LocalService | null = null;
  let cc: Receiver;
  beforeEach(async () => {
    cwd = mkdtempSync(join(tmpdir(), 'switchboard-chat-cli-'));
    dataDir = join(cwd, 'data');
    cc = await startReceiver(OUTBOUND_SECRET, () => Date.now() / 1000);
  });
  afterEach(async () => {
    await service?.stop();
    service = null;
    await cc.close();
    rmSync(cwd, { recursive: true, force: true });
  });

  const cli = async (...args: string[]) => {
    const run = await runCli([...args, '--data-dir', dataDir], { ADMIN_API_KEY: ADMIN_KEY }, cwd);
    assert.equal(run.code, 0, `${args.join(' ')}: ${run.stderr}`);
    return run.stdout.trimEnd();
  };
  const shown = async (user: string) =>
    JSON.parse(await cli('teams-chat', user, '--json')) as { id: string; text: string }[];
  /** What the bot sent, straight from the emulator (polling through the CLI would spawn a process a time). */
  const botSent = async (method: string) => {
    const res = await fetch(`${service!.emulator}/_emulator/bot/calls`);
    const calls = ((await res.json()) as { value: { method: string; status: number; path: string }[] }).value;
    return calls.filter((c) => c.method === method && c.status < 300 && c.path.includes('/activities'));
  };
  const toCc = (type: string) => cc.accepted().filter((b) => b.type === type);

  it('agent and Teams user chat, edit and delete both ways', async () => {
    const env = {
      ...(await localEnv(dataDir)),
      CC_OUTBOUND_URL: cc.url,
      CC_OUTBOUND_SECRET: OUTBOUND_SECRET,
    };
    service = await startLocal(env);
    const user = newTeamsUserId();
    const sent = await cli(
      'send',
      'chat.message',
      '--agent',
      'A100',
      '--to',
      user,
      '--text',
      'Hello',
      '--message',
      'm-1',
    );
    assert.match(sent, /^Accepted chat\.message for A100 \(message m-1\)/);
    await eventually(async () => (await botSent('POST')).length === 1, 15_000);
    const [first] = await shown(user);
    assert.equal(first?.text, '**A100**: Hello');
    await eventually(() => toCc('chat.status').length === 1, 15_000);

    const said = await cli('teams-say', user, 'Hi back', '--name', 'Pat');
    const userMessage = /message (t-[0-9a-f]+) sent/.exec(said)?.[1] ?? '';
    await eventually(() => toCc('chat.message').length === 1, 15_000);
    assert.deepEqual([toCc('chat.message')[0].text, toCc('chat.message')[0].agentId], ['Hi back', 'A100']);

    await cli('send', 'chat.edit', '--agent', 'A100', '--message', 'm-1', '--text', 'Hello!');
    await eventually(async () => (await botSent('PUT')).length === 1, 15_000);
    await cli('teams-edit', user, userMessage, 'Hi back!');
    await cli('teams-react', user, first!.id, 'heart');
    await cli('teams-delete', user, userMessage);
    await eventually(() => toCc('chat.delete').length === 1, 15_000);
    assert.equal(toCc('chat.edit')[0]?.text, 'Hi back!');
    assert.deepEqual(
      [toCc('chat.reaction')[0]?.reaction, toCc('chat.reaction')[0]?.targetMessageId],
      ['heart', 'm-1'],
    );
    await cli('send', 'chat.delete', '--agent', 'A100', '--message', 'm-1');
    await eventually(async () => (await botSent('DELETE')).length === 1, 15_000);
    assert.equal(await cli('teams-chat', user), `[${first!.id}] (deleted)`);
  });
});
