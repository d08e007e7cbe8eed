// Driving Microsoft 365 Agents Playground as a person would: `npm run playground`'s script as a child
// process, and its web UI in headless Chromium (Debian's, never a downloaded one). Every request the page
// makes off loopback is refused, so the run is offline by construction (the UI's CDN fonts are optional).
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startUntilReady, type StartedProcess } from '../../scripts/playground-process';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** A machine this slow can take a while to render the UI; generous, never a timing assertion. */
const UI_TIMEOUT_MS = 60_000;

export interface PlaygroundStack {
  readonly script: StartedProcess;
  readonly switchboardUrl: string;
  readonly playgroundUrl: string;
}

/** `scripts/playground.ts` (what `npm run playground` runs) with `env`; ready once it prints its guide. */
export async function startPlaygroundStack(env: Record<string, string>): Promise<PlaygroundStack> {
  const script = await startUntilReady(
    ['--import', 'tsx', 'scripts/playground.ts'],
    env,
    /Agents Playground: (http:\/\/\S+)[\s\S]*Switchboard: +(http:\/\/\S+)/,
    'npm run playground',
    { timeoutMs: 90_000 },
  );
  const [, playgroundUrl, switchboardUrl] = script.match;
  return { script, playgroundUrl: playgroundUrl!, switchboardUrl: switchboardUrl! };
}

/** Debian's Chromium; missing is a failure with the fix, not a skip (CI installs it in .ci/run). */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(path)) return path;
  throw new Error(
    `Chromium not found at ${path}: install Debian's package (apt-get install -y chromium, as .ci/run does) ` +
      'or set CHROMIUM_PATH. The Agents Playground test needs a real browser and does not skip.',
  );
}

export interface PlaygroundBrowser {
  readonly page: Page;
  close(): Promise<void>;
}

const isLoopback = (url: URL): boolean => ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);

/** Headless Chromium with a fresh profile, on Playground's UI, with its chat box ready. */
export async function openPlayground(playgroundUrl: string): Promise<PlaygroundBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'switchboard-chromium-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath(),
      args: CHROMIUM_ARGS,
    });
    await context.route(
      (url) => !isLoopback(url),
      (route) => route.abort('internetdisconnected'),
    );
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(UI_TIMEOUT_MS);
    await page.goto(playgroundUrl);
    await messageBox(page).waitFor();
    const opened = context;
    return {
      page,
      close: async () => {
        await opened.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}

// The compose box is a contenteditable textbox, the only one on the page.
const messageBox = (page: Page) => page.getByRole('textbox');

/** Selects a chat in the left rail, e.g. "Personal Chat" (the bot's 1:1 chat) or "Group Chat". */
export async function openChat(page: Page, name: string): Promise<void> {
  await page.getByText(name, { exact: true }).first().click();
  await messageBox(page).waitFor();
}

/** Types `text` in the chat box and presses Send, as a person would. */
export async function sendMessage(page: Page, text: string): Promise<void> {
  await messageBox(page).fill(text);
  await page.getByRole('button', { name: 'Send Message' }).click();
}

/** Message bubbles whose text matches; Playground renders each message's text as paragraphs. */
export const messagesMatching = (page: Page, text: string | RegExp) =>
  page.getByRole('paragraph').filter({ hasText: text });

/** Sends `text` and waits for one more message matching `reply` than there was before: a new answer. */
export async function sendAndWaitForReply(page: Page, text: string, reply: RegExp): Promise<string> {
  const before = await messagesMatching(page, reply).count();
  await sendMessage(page, text);
  const answer = messagesMatching(page, reply).nth(before);
  await answer.waitFor();
  return answer.innerText();
}

/** A full-page screenshot under artifacts/screenshots/ (gitignored), for a person to look at. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync('artifacts/screenshots', { recursive: true });
  const path = join('artifacts', 'screenshots', `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
