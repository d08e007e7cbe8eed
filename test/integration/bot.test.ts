// POST /api/messages: the bot answers "status" through the activity's serviceUrl (the emulator's Bot
// Connector), authenticated both ways as in production.
import assert from 'node:assert/strict';
import { startGraphEmulator, type GraphEmulator } from '../../src/adapters/graph-emulator';
import {
  eventually,
  GRAPH_TOKEN,
  newTeamsUserId,
  startFixture,
  stateEvent,
  type Fixture,
} from '../support/switchboard-fixture';
import { activity, BOT_ID, BOT_PASSWORD, botEnv, postActivity } from './bot-support';

describe('the Teams bot', () => {
  let emulator: GraphEmulator;
  let f: Fixture;
  beforeEach(async () => {
    emulator = await startGraphEmulator({ token: GRAPH_TOKEN });
    emulator.bot.registerApp(BOT_ID, BOT_PASSWORD);
    f = await startFixture(botEnv(emulator), undefined, emulator);
  });
  afterEach(async () => {
    await f.close();
    await emulator.close();
  });

  it('tells a linked user their contact-center state and the last decision', async () => {
    const user = newTeamsUserId();
    await f.admin('PUT', '/api/admin/links/A100', { teamsUserId: user });
    await f.postEvents(stateEvent('A100', 'Busy'));
    await eventually(() => emulator.presenceOf(user).activity === 'InACall');
    const serviceUrl = emulator.bot.serviceUrl;
    const token = await emulator.bot.issueChannelToken({ appId: BOT_ID, serviceUrl });
    const res = await postActivity(f.app.url, activity(serviceUrl, user, 'status'), token);
    assert.equal(res.status, 200);
    const reply = emulator.bot.calls()[0]?.body as { text?: string } | undefined;
    assert.match(reply?.text ?? '', /Agent A100: contact center \*\*Busy\*\*, Teams \*\*Busy\/InACall\*\*/);
    assert.match(reply?.text ?? '', /Agent went Busy → Teams In a call \(8x8 profile\)/);
  });

  it('tells an unlinked user to ask for a link', async () => {
    const serviceUrl = emulator.bot.serviceUrl;
    const token = await emulator.bot.issueChannelToken({ appId: BOT_ID, serviceUrl });
    const res = await postActivity(f.app.url, activity(serviceUrl, newTeamsUserId(), 'status'), token);
    assert.equal(res.status, 200);
    const reply = emulator.bot.calls()[0]?.body as { text?: string } | undefined;
    assert.match(reply?.text ?? '', /not linked/);
  });
});
