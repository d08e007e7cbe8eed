// One HTTP call to the Bot Connector, classified into the ChatTransport's results. Never throws: a network
// failure, a timeout or a token we cannot get is a retry; the answer's body never leaves this file except
// as a short, bounded error string (Teams error texts can echo what was sent).
import type { ChatSendResult } from '../../ports/chat-transport.port';

export interface CallSettings {
  /** The bearer to send; null = anonymous (the emulator's connector before a bot is registered). */
  readonly authorize: () => Promise<string | null>;
  /** Per call; well within the dispatcher's claim lease. */
  readonly timeoutMs: number;
  readonly now: () => number;
}

export type CallAnswer =
  | { readonly kind: 'ok'; readonly status: number; readonly json: unknown }
  | Exclude<ChatSendResult, { kind: 'delivered' }>;

/** Retried by the dispatcher (Teams' rate limit guidance): throttled, precondition, gateway trouble. */
const RETRYABLE = new Set([412, 429, 500, 502, 503, 504]);
const ERROR_TEXT_LIMIT = 200;

/** Retry-After is seconds or an HTTP date; anything else is ignored. */
export function retryAfterMs(header: string | null, nowMs: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

async function teamsCode(response: Response): Promise<string> {
  const body = (await response.json().catch(() => null)) as { error?: { code?: unknown } } | null;
  const code = body?.error?.code;
  return typeof code === 'string' ? code.slice(0, 64) : '';
}

export async function connectorCall(
  settings: CallSettings,
  method: 'POST' | 'PUT' | 'DELETE',
  url: string,
  body?: unknown,
): Promise<CallAnswer> {
  let bearer: string | null;
  try {
    bearer = await settings.authorize();
  } catch (error) {
    return { kind: 'retry', error: `bot token unavailable: ${String(error).slice(0, ERROR_TEXT_LIMIT)}` };
  }
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(settings.timeoutMs),
      redirect: 'error',
    });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    return { kind: 'retry', error: timedOut ? 'Bot Connector timed out' : 'Bot Connector unreachable' };
  }
  return classify(response, settings.now());
}

async function classify(response: Response, nowMs: number): Promise<CallAnswer> {
  const { status } = response;
  if (response.ok) {
    const text = await response.text().catch(() => '');
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { kind: 'ok', status, json };
  }
  const code = await teamsCode(response);
  const said = `Teams answered ${status}${code ? ` ${code}` : ''}`;
  if (RETRYABLE.has(status)) {
    const wait = retryAfterMs(response.headers.get('retry-after'), nowMs);
    return { kind: 'retry', error: said, ...(wait === undefined ? {} : { retryAfterMs: wait }) };
  }
  if (status === 403)
    return {
      kind: 'failed',
      code: 'app_not_installed',
      message: `${said}: the user has not installed the app.`,
    };
  if (status === 401)
    return { kind: 'failed', code: 'bot_unauthorized', message: `${said}: check BOT_ID and BOT_PASSWORD.` };
  if (status === 404) return { kind: 'failed', code: 'not_found', message: said };
  return { kind: 'failed', code: 'teams_rejected', message: said };
}
