// The app manifest's privacyUrl and termsOfUseUrl (appPackage/manifest.json) must be real pages: built into
// the tab's directory by scripts/build-tab.mjs and served under /tab/ like the rest of the tab (issue 7).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startTabHarness, type TabHarness } from '../tab/tab-harness';

const manifest = JSON.parse(readFileSync('appPackage/manifest.json', 'utf8')) as {
  developer: { privacyUrl: string; termsOfUseUrl: string };
};
const pathOf = (url: string): string => new URL(url.replace('${{BOT_DOMAIN}}', 'example.com')).pathname;

describe('docs: the privacy and terms pages the manifest links to', () => {
  let h: TabHarness;
  let distDir: string;

  before(async function () {
    this.timeout(60_000);
    distDir = mkdtempSync(join(tmpdir(), 'switchboard-legal-'));
    await promisify(execFile)(process.execPath, ['scripts/build-tab.mjs', '--outdir', distDir]);
    h = await startTabHarness(distDir);
  });
  after(async () => {
    await h?.close();
    rmSync(distDir, { recursive: true, force: true });
  });

  const pages = [
    {
      url: manifest.developer.privacyUrl,
      headings: ['What is stored', 'Where', 'How long', 'Who can read it'],
    },
    { url: manifest.developer.termsOfUseUrl, headings: ['Using it', 'No warranty'] },
  ];
  for (const page of pages) {
    it(`serves ${pathOf(page.url)} as HTML, without a sign-in, with its sections`, async () => {
      const res = await h.get(pathOf(page.url));
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
      for (const heading of page.headings)
        assert.ok(String(res.json).includes(`<h2>${heading}</h2>`), heading);
      const css = /<link rel="stylesheet" href="([^"]+)"/.exec(String(res.json))?.[1];
      assert.ok(css, 'the page links its stylesheet');
      const style = await h.get(css);
      assert.equal(style.status, 200);
      assert.match(style.headers.get('content-type') ?? '', /^text\/css/);
    });
  }

  it('links only to pages that exist', async () => {
    for (const page of pages) {
      const html = String((await h.get(pathOf(page.url))).json);
      for (const [, href] of html.matchAll(/<a href="([^"]+)"/g)) {
        assert.equal((await h.get(href!)).status, 200, `${pathOf(page.url)} links to ${href}`);
      }
    }
  });
});
