// Shared by the bot tests: Teams-shaped activities, posting them, settings that point the bot at the
// emulator's Bot Framework side, and a bare listener that records whatever reaches it.
import { createServer } from 'node:http';
import type { GraphEmulator } from '../../src/adapters/graph-emulator';

export const BOT_ID = '22222222-3333-4444-5555-666666666666';
export const BOT_PASSWORD = 'bot-secret-for-tests';

/** Real-style bot settings: Microsoft's endpoints replaced by the emulator's. */
export function botEnv(emulator: GraphEmulator, tenant?: string): Record<string, string> {
  return {
    BOT_ID,
    BOT_PASSWORD,
    BOT_OPENID_METADATA_URL: emulator.bot.openIdMetadataUrl,
    BOT_LOGIN_URL: emulator.bot.loginUrl(tenant),
  };
}

export function activity(serviceUrl: string, aadObjectId: string, text: string) {
  return {
    type: 'message',
    id: 'm1',
    channelId: 'msteams',
    serviceUrl,
    text,
    from: { id: '29:user', aadObjectId },
    recipient: { id: '28:bot' },
    conversation: { id: 'a:conv-1', conversationType: 'personal' },
  };
}

export async function postActivity(
  baseUrl: string,
  body: unknown,
  token?: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: any; text: string; headers: Headers }> {
  const res = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, json, text, headers: res.headers };
}

export interface Listener {
  readonly url: string;
  readonly requests: { method: string; url: string }[];
  close(): Promise<void>;
}

/** Something an attacker would point serviceUrl at: it records requests and answers 400 with a tell-tale. */
export async function startListener(): Promise<Listener> {
  const requests: { method: string; url: string }[] = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '' });
    res.writeHead(400, { 'content-type': 'text/plain' });
    res.end('INTERNAL-SECRET-TEXT');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
