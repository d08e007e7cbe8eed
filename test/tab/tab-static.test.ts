// GET /tab/*: the tab built by scripts/build-tab.mjs (into a temp dir) is served with the right types and
// caching; nothing outside the built directory can be reached, however the path is spelled.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startTabHarness, type TabHarness } from './tab-harness';

const SECRET = 'top-secret-outside-dist';

/** A request with the path sent exactly as written (fetch would normalise the dots away). */
function rawGet(url: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const req = request({ hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('tab: static files under /tab/', () => {
  let h: TabHarness;
  let workDir: string;
  let distDir: string;

  before(async function () {
    this.timeout(60_000);
    workDir = mkdtempSync(join(tmpdir(), 'switchboard-tab-static-'));
    distDir = join(workDir, 'dist');
    await promisify(execFile)(process.execPath, ['scripts/build-tab.mjs', '--outdir', distDir]);
    writeFileSync(join(workDir, 'secret.txt'), SECRET);
    writeFileSync(join(distDir, '.env'), SECRET);
    symlinkSync(join(workDir, 'secret.txt'), join(distDir, 'linked.txt'));
    mkdirSync(join(distDir, 'assets'));
    h = await startTabHarness(distDir);
  });
  after(async () => {
    await h?.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('serves the built index.html at /tab/, which loads the bundled script', async () => {
    const page = await h.get('/tab/');
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(page.headers.get('cache-control'), 'no-cache');
    assert.match(page.json, /<div id="root"><\/div>/);
    const src = /<script type="module" src="(\/tab\/main-[A-Z0-9]+\.js)"><\/script>/.exec(page.json)?.[1];
    assert.ok(src, 'index.html names the hashed bundle');
    assert.deepEqual(
      readdirSync(distDir).filter((f) => f.endsWith('.js')),
      [src.slice('/tab/'.length)],
    );
    const script = await h.get(src);
    assert.equal(script.status, 200);
    assert.match(script.headers.get('content-type') ?? '', /^text\/javascript/);
    assert.match(script.headers.get('cache-control') ?? '', /immutable/);
    assert.equal(script.headers.get('x-content-type-options'), 'nosniff');
    assert.ok(script.json.length > 1000);
  });

  it('redirects /tab to /tab/ so the page has one address', async () => {
    const res = await h.get('/tab');
    assert.equal(res.status, 301);
    assert.equal(res.headers.get('location'), '/tab/');
  });

  it('answers 404 in the contract shape for a file that is not there, or a directory', async () => {
    for (const path of ['/tab/nothing.js', '/tab/assets', '/tab/assets/']) {
      const res = await h.get(path);
      assert.equal(res.status, 404, path);
      assert.equal(res.json.error.code, 'not_found');
    }
  });

  it('refuses every traversal attempt, dot file and link out of the directory', async () => {
    const attempts = [
      '/tab/../secret.txt',
      '/tab/%2e%2e/secret.txt',
      '/tab/..%2fsecret.txt',
      '/tab/%2e%2e%5csecret.txt',
      `/tab/${encodeURIComponent(join(workDir, 'secret.txt'))}`,
      `/tab/${join(workDir, 'secret.txt')}`,
      '/tab/../../../../../../etc/passwd',
      '/tab/.env',
      '/tab/linked.txt',
      '/tab/index.html%00.js',
    ];
    for (const path of attempts) {
      const res = await rawGet(h.url, path);
      assert.ok(res.status >= 400 && res.status < 500, `${path} → ${res.status}`);
      assert.ok(!res.body.includes(SECRET) && !res.body.includes('root:'), `${path} leaked a file`);
    }
  });
});

describe('tab: before the tab is built', () => {
  let h: TabHarness;
  before(async () => {
    h = await startTabHarness();
  });
  after(() => h.close());

  it('says how to build it instead of serving nothing', async () => {
    const res = await h.get('/tab/');
    assert.equal(res.status, 404);
    assert.equal(res.json.error.code, 'tab_not_built');
    assert.match(res.json.error.message, /build-tab/);
  });
});
