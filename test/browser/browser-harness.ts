// The real service in local mode (a child process, as `npm start` runs it) with a test contact center
// receiving its outbound posts, the tab built as `npm start` builds it, and headless Debian Chromium
// driven by playwright-core (never a downloaded browser). Screenshots go to artifacts/screenshots/.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startReceiver, type Receiver } from '../outbound/receiver';
import { ADMIN_KEY, localEnv, startLocal, type LocalService } from '../cli/local-service';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(process.cwd(), 'artifacts', 'screenshots');
const CC_SECRET = 'browser-test-cc-secret';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface BrowserHarness {
  readonly service: LocalService;
  readonly cc: Receiver;
  readonly browser: Browser;
  readonly url: string;
  /** A fresh page (its own storage) at the given viewport width. */
  page(width?: number): Promise<Page>;
  shot(page: Page, name: string): Promise<void>;
  admin(method: string, path: string, body?: unknown): Promise<Response>;
  close(): Promise<void>;
}

export const chromiumAvailable = (): boolean => existsSync(CHROMIUM);

export async function startBrowserHarness(dataDir: string): Promise<BrowserHarness> {
  execFileSync(process.execPath, ['scripts/build-tab.mjs'], { stdio: 'ignore' });
  const cc = await startReceiver(CC_SECRET, () => Date.now() / 1000);
  const env = { ...(await localEnv(dataDir)), CC_OUTBOUND_SECRET: CC_SECRET, CC_OUTBOUND_URL: cc.url };
  const service = await startLocal(env);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  mkdirSync(SCREENSHOTS, { recursive: true });
  const url = service.child.url;
  return {
    service,
    cc,
    browser,
    url,
    async page(width = 1100) {
      const context = await browser.newContext({ viewport: { width, height: 800 } });
      return context.newPage();
    },
    async shot(page, name) {
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    },
    admin: (method, path, body) =>
      fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    async close() {
      await browser.close();
      await service.stop();
      await cc.close();
    },
  };
}
