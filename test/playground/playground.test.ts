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
import { startGraphEmulator, type GraphEmulator } from '../../src/adapters/graph-emulator';
import { signatureHeaders } from '../../src/adapters/signature/hmac-signature';
import { freePort } from '../support/free-port';
import { eventually, GRAPH_TOKEN, stateEvent } from '../support/switchboard-fixture';
import {
  chromiumPath,
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

/** Ports, a DATA_DIR and keys for one run of the script; `extra` adds real-style settings. */
async function scriptEnv(
  dataDir: string,
  extra: Record<string, string> = {},
): Promise<Record<string, string>> {
  return {
    DATA_DIR: dataDir,
    PORT: String(await freePort()),
    PLAYGROUND_PORT: String(await freePort()),
    EMULATOR_PORT: '0',
    ADMIN_API_KEY: ADMIN_KEY,
    CC_WEBHOOK_SECRET: CC_SECRET,
    ...extra,
  };
}

describe('Agents Playground, offline, in headless Chromium (issues 8 and 12)', function () {
  this.timeout(240_000);
  let dataDir: string;
  let stack: PlaygroundStack | undefined;
  let browser: PlaygroundBrowser | undefined;
  let emulator: GraphEmulator | undefined;

  beforeEach(() => {
    chromiumPath(); // fails at once, with the fix, when the browser is missing
    dataDir = mkdtempSync(join(tmpdir(), 'switchboard-pg-'));
  });
  afterEach(async function () {
    // What the page showed when a case failed, for whoever reads the CI log.
    if (this.currentTest?.state === 'failed' && browser)
      await saveScreenshot(browser.page, 'playground-failed');
    await browser?.close();
    browser = undefined;
    if (stack) await stopProcess(stack.script);
    stack = undefined;
    await emulator?.close();
    emulator = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('local mode: help and status answered in the Playground UI through its connector; SIGTERM stops both', async () => {
    stack = await startPlaygroundStack(await scriptEnv(dataDir));
    assert.match(stack.script.output(), /"botMode":"anonymous"/);
    await linkedAgentIsBusy(stack.switchboardUrl);
    browser = await openPlayground(stack.playgroundUrl);
    await openChat(browser.page, 'Personal Chat');

    const help = await sendAndWaitForReply(browser.page, 'help', /keeps your contact-center state/);
    assert.match(help, /Say status to see both/);
    const status = await sendAndWaitForReply(browser.page, 'status', /^Agent A100:/);
    assert.equal(status, 'Agent A100: contact center Busy, Teams Busy/InACall.');
    await saveScreenshot(browser.page, 'playground-help-status');
    assert.doesNotMatch(stack.script.output(), /bot turn failed/);

    // One SIGTERM to the script (what Ctrl-C or a process manager sends) stops both, exit 0.
    const { switchboardUrl, playgroundUrl } = stack;
    assert.equal(await stopProcess(stack.script), 0);
    stack = undefined;
    for (const url of [`${switchboardUrl}/healthz`, `${playgroundUrl}/_internal/v1/config`]) {
      await assert.rejects(fetch(url), `${url} still answers`);
    }
  });

  it('real-style settings (Graph on the emulator, AZURE_TENANT_ID, BOT_ID empty): the bot still answers', async () => {
    emulator = await startGraphEmulator({ token: GRAPH_TOKEN });
    const real = {
      GRAPH_BASE_URL: emulator.url,
      GRAPH_TOKEN,
      AZURE_TENANT_ID: '9188040d-6c67-4c5b-b112-36a304b66dad',
      AZURE_CLIENT_ID: '44444444-4444-4444-4444-444444444444',
      AZURE_AUTHORITY_HOST: emulator.origin,
    };
    stack = await startPlaygroundStack(await scriptEnv(dataDir, real));
    // Without the script's BOT_ALLOW_ANONYMOUS=true this start would be "refused" (503 bot_not_configured).
    assert.match(stack.script.output(), /"botMode":"anonymous"/);
    browser = await openPlayground(stack.playgroundUrl);
    await openChat(browser.page, 'Personal Chat');
    const status = await sendAndWaitForReply(browser.page, 'status', /not linked to a contact-center agent/);
    assert.match(status, /You are not linked to a contact-center agent yet/);
  });

  it('refuses to start with BOT_ID set, in one line: Playground sends no token', async () => {
    const env = { ...(await scriptEnv(dataDir)), BOT_ID: '11111111-1111-1111-1111-111111111111' };
    await assert.rejects(startPlaygroundStack(env), /exited \(1\)[\s\S]*BOT_ID is set/);
  });
});
