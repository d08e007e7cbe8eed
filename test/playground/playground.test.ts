// Issue 8 ("Done when", Agents Playground) and issue 12 item 5: `npm run playground`'s script starts
// Switchboard in local mode and Microsoft 365 Agents Playground offline; headless Chromium types in the
// Playground UI and the bot's real answers come back: browser → Playground → Switchboard's /api/messages →
// Playground's Bot Connector (the activity's serviceUrl) → browser. SIGTERM stops both processes.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PLAYGROUND_USER } from '../../scripts/playground-config';
import { stopProcess } from '../../scripts/playground-process';
import { signatureHeaders } from '../../src/adapters/signature/hmac-signature';
import { freePort } from '../support/free-port';
import { eventually, stateEvent } from '../support/switchboard-fixture';
import {
  openChat,
  openPlayground,
  saveScreenshot,
  sendAndWaitForReply,
  startPlaygroundStack,
  type PlaygroundBrowser,
  type PlaygroundStack,
} from './support';

const ADMIN_KEY = 'playground-admin';
const CC_SECRET = 'playground-cc-secret';

async function call(url: string, init: RequestInit = {}): Promise<{ status: number; json: any }> {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null };
}

/** As an admin and a contact center would: link Playground's user to agent A100, then A100 goes Busy. */
async function linkedAgentIsBusy(switchboardUrl: string): Promise<void> {
  const admin = { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' };
  const link = await call(`${switchboardUrl}/api/admin/links/A100`, {
    method: 'PUT',
    headers: admin,
    body: JSON.stringify({ teamsUserId: PLAYGROUND_USER.objectId }),
  });
  assert.equal(link.status, 201, JSON.stringify(link.json));
  const body = JSON.stringify(stateEvent('A100', 'Busy'));
  const headers = {
    'content-type': 'application/json',
    ...signatureHeaders(CC_SECRET, body, Date.now() / 1000),
  };
  const posted = await call(`${switchboardUrl}/api/cc/events`, { method: 'POST', headers, body });
  assert.equal(posted.status, 202, JSON.stringify(posted.json));
  await eventually(async () => {
    const status = await call(`${switchboardUrl}/api/admin/agents/A100/status`, { headers: admin });
    return status.json?.teams?.availability === 'Busy';
  }, 30_000);
}

describe('Agents Playground, offline, in headless Chromium (issues 8 and 12)', function () {
  this.timeout(240_000);
  let dataDir: string;
  let stack: PlaygroundStack | undefined;
  let browser: PlaygroundBrowser | undefined;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'switchboard-pg-'));
    stack = await startPlaygroundStack({
      DATA_DIR: dataDir,
      PORT: String(await freePort()),
      PLAYGROUND_PORT: String(await freePort()),
      EMULATOR_PORT: '0',
      ADMIN_API_KEY: ADMIN_KEY,
      CC_WEBHOOK_SECRET: CC_SECRET,
    });
  });
  afterEach(async function () {
    // What the page showed when a case failed, for whoever reads the CI log.
    if (this.currentTest?.state === 'failed' && browser)
      await saveScreenshot(browser.page, 'playground-failed');
  });
  after(async () => {
    await browser?.close();
    if (stack) await stopProcess(stack.script);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers help and status in the Playground UI, through Playground’s Bot Connector', async () => {
    assert.match(stack!.script.output(), /"botMode":"anonymous"/);
    await linkedAgentIsBusy(stack!.switchboardUrl);
    browser = await openPlayground(stack!.playgroundUrl);
    await openChat(browser.page, 'Personal Chat');

    const help = await sendAndWaitForReply(browser.page, 'help', /keeps your contact-center state/);
    assert.match(help, /Say status to see both/);
    const status = await sendAndWaitForReply(browser.page, 'status', /^Agent A100:/);
    assert.equal(status, 'Agent A100: contact center Busy, Teams Busy/InACall.');
    await saveScreenshot(browser.page, 'playground-help-status');
    assert.doesNotMatch(stack!.script.output(), /bot turn failed/);
  });

  it('stops Switchboard and Agents Playground on SIGTERM, exit 0', async () => {
    const { switchboardUrl, playgroundUrl } = stack!;
    await browser?.close();
    browser = undefined;
    assert.equal(await stopProcess(stack!.script), 0);
    stack = undefined;
    for (const url of [`${switchboardUrl}/healthz`, `${playgroundUrl}/_internal/v1/config`]) {
      await assert.rejects(fetch(url), `${url} still answers`);
    }
  });
});
