// Issue 9 "Done when" and issue 10's Contacts page: the real built tab in headless Chromium against the
// service in local mode (as after `npm start`) with the emulator. Signs in through the local preview, sees
// the state, watches a change arrive without a reload, and, where the server offers the routes, links with
// a code from the contact center, imports links with a conflict, dry-runs the mapping and searches
// contacts. Screenshots: artifacts/screenshots/.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { LocalUser } from '../../bot/http/tab-config-route';
import { eventually } from '../support/switchboard-fixture';
import { chromiumAvailable, startBrowserHarness, type BrowserHarness } from './browser-harness';

describe('the tab in headless Chromium (local preview)', function () {
  this.timeout(180_000);
  let dir: string;
  let h: BrowserHarness;
  let page: Page;
  /** The emulator's users as the tab offers them: one linked by an admin, one admin, one who links. */
  let avery: LocalUser, blake: LocalUser, casey: LocalUser;

  before(async function () {
    // Debian's chromium is installed by .ci/run; without it this suite fails rather than passing unseen.
    assert.ok(chromiumAvailable(), 'Chromium is missing at /usr/bin/chromium: apt-get install chromium');
    dir = mkdtempSync(join(tmpdir(), 'switchboard-browser-'));
    h = await startBrowserHarness(join(dir, 'data'));
    page = await h.page();
    const config = (await (await fetch(`${h.url}/api/tab/config`)).json()) as { users: LocalUser[] };
    [avery, blake, casey] = config.users as [LocalUser, LocalUser, LocalUser];
    assert.ok(casey, 'the emulator offers at least three users');
  });
  after(async () => {
    await h?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const signIn = async (p: Page, name: string, admin = false) => {
    if (admin) await p.getByRole('checkbox', { name: /As an administrator/ }).check();
    await p.getByRole('button', { name: new RegExp(`Sign in as ${name}`) }).click();
    await p.getByRole('heading', { name: 'Switchboard' }).waitFor();
  };

  it('offers the emulator users outside Teams and signs in through SSO validation', async () => {
    await page.goto(`${h.url}/tab/`);
    await page.getByRole('button', { name: new RegExp(`Sign in as ${avery.name}`) }).waitFor();
    const firstRenderMs = await page.evaluate(() => performance.now());
    console.log(`      time to first render (sign-in shown): ${Math.round(firstRenderMs)} ms`);
    await h.shot(page, '01-local-sign-in');
    await signIn(page, avery.name);
    await page.getByText('Not linked', { exact: true }).waitFor();
    await page.getByRole('textbox', { name: 'Your agent id' }).waitFor();
    await h.shot(page, '02-not-linked');
  });

  it('shows the linked state and a contact-center change arrives live, without a reload', async () => {
    await page.evaluate(() => ((window as any).sameDocument = true));
    assert.equal((await h.admin('PUT', '/api/admin/links/A100', { teamsUserId: avery.oid })).ok, true);
    assert.equal((await h.service.sendState('A100', 'Busy')).status, 202);
    const ccState = page.getByRole('group', { name: 'Contact-center state' });
    await page.getByText('Active', { exact: true }).waitFor({ timeout: 20_000 });
    await page.getByText(/Contact center went Busy → Teams shows/).waitFor({ timeout: 20_000 });
    await h.shot(page, '03-linked-busy');
    assert.equal((await h.service.sendState('A100', 'Available')).status, 202);
    await page.getByText(/Contact center went Available → Teams shows/).waitFor({ timeout: 20_000 });
    assert.equal(await page.evaluate(() => (window as any).sameDocument), true, 'the page was reloaded');
    void ccState;
    await h.shot(page, '04-live-change');
  });

  it('follows the theme and fits a narrow side panel', async () => {
    for (const [theme, width] of [
      ['dark', 1100],
      ['contrast', 1100],
      ['default', 320],
    ] as const) {
      const p = await h.page(width);
      await p.goto(`${h.url}/tab/?theme=${theme}`);
      await signIn(p, avery.name);
      await p.getByText('Recent sync decisions').waitFor({ timeout: 20_000 });
      const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${theme} at ${width}px scrolls sideways by ${overflow}px`);
      await h.shot(p, `05-theme-${theme}-${width}px`);
      await p.context().close();
    }
  });

  it('links with the code the contact center received', async function () {
    assert.equal((await h.service.sendState('A300', 'Available')).status, 202);
    const p = await h.page(480);
    await p.goto(`${h.url}/tab/`);
    await signIn(p, casey.name);
    await p.getByRole('textbox', { name: 'Your agent id' }).fill('A300');
    await p.getByRole('button', { name: 'Send me a code' }).click();
    let code = '';
    await eventually(() => {
      const sent = h.cc.accepted().filter((b) => b.type === 'link.verification' && b.agentId === 'A300');
      code = String(sent[sent.length - 1]?.code ?? '');
      return code !== '';
    }, 20_000);
    await p.getByRole('textbox', { name: /Code from your workspace/ }).fill('000000-wrong');
    await p.getByRole('button', { name: 'Link', exact: true }).click();
    await p.getByText('That code is not right').waitFor();
    await h.shot(p, '06-link-wrong-code');
    await p.getByRole('textbox', { name: /Code from your workspace/ }).fill(code);
    await p.getByRole('button', { name: 'Link', exact: true }).click();
    await p.getByText(/linked to agent A300/).waitFor({ timeout: 20_000 });
    await h.shot(p, '07-linked-with-code');
    await p.context().close();
  });

  it('imports links with a conflict (dry run, then apply) and dry-runs the mapping as an admin', async function () {
    const p = await h.page();
    await p.goto(`${h.url}/tab/#admin`);
    await signIn(p, blake.name, true);
    await p.getByRole('tab', { name: 'Import CSV' }).click();
    const csv = `agentId,teamsUserId\nA100,${casey.oid}\nA400,${blake.oid}\n`;
    await p.getByRole('textbox', { name: 'CSV' }).fill(csv);
    await p.getByRole('button', { name: 'Dry run' }).click();
    await p.getByText('Conflict', { exact: true }).waitFor();
    await h.shot(p, '08-admin-import-dry-run');
    await p.getByRole('button', { name: 'Apply exactly this' }).click();
    await p.getByText('Import applied.').waitFor();
    await p.getByRole('tab', { name: 'Mapping' }).click();
    await p.getByRole('button', { name: 'Dry run' }).click();
    await p
      .getByRole('table', { name: 'Mapping dry run' })
      .or(p.getByText('No agent would change.'))
      .waitFor();
    await h.shot(p, '09-admin-mapping-dry-run');
    await p.context().close();
  });

  it('searches contacts', async function () {
    await page.goto(`${h.url}/tab/#contacts`);
    await page.getByRole('searchbox', { name: /Search by name or email/ }).fill('avery');
    await page.getByRole('list', { name: 'People' }).waitFor({ timeout: 20_000 });
    await h.shot(page, '10-contacts-search');
  });
});
