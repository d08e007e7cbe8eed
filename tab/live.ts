// Live updates: /api/tab/events is a server-sent event stream behind the same SSO token. EventSource cannot
// send an Authorization header, so the stream is read with fetch. Any event means "your status changed":
// the page fetches /api/tab/me again. Where the stream is missing or drops, polling keeps the page fresh.
import type { TokenSource } from './api';

const POLL_MS = 5_000;
const RECONNECT_MS = 3_000;

export interface LiveHandle {
  stop(): void;
}

/** Counts complete SSE messages (blank-line separated) in `buffer`; returns them and the unfinished rest. */
export function splitSseMessages(buffer: string): { messages: string[]; rest: string } {
  const parts = buffer.replace(/\r\n/g, '\n').split('\n\n');
  const rest = parts.pop() ?? '';
  // Comment-only messages (": keep-alive") are not changes.
  const messages = parts.filter((m) => m.split('\n').some((line) => line !== '' && !line.startsWith(':')));
  return { messages, rest };
}

async function readStream(response: Response, onChange: () => void, signal: AbortSignal): Promise<void> {
  const reader = response.body?.getReader();
  if (!reader) return;
  const decoder = new TextDecoder();
  let buffer = '';
  while (!signal.aborted) {
    const { done, value } = await reader.read();
    if (done) return;
    const { messages, rest } = splitSseMessages(buffer + decoder.decode(value, { stream: true }));
    buffer = rest;
    if (messages.length > 0) onChange();
  }
}

export function followChanges(tokens: TokenSource, onChange: () => void): LiveHandle {
  const abort = new AbortController();
  let poller: ReturnType<typeof setInterval> | null = null;
  const poll = () => {
    if (!poller) poller = setInterval(onChange, POLL_MS);
  };
  const connect = async (): Promise<void> => {
    while (!abort.signal.aborted) {
      try {
        const token = await tokens();
        const response = await fetch('/api/tab/events', {
          headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
          signal: abort.signal,
        });
        const streaming =
          response.ok && (response.headers.get('content-type') ?? '').includes('event-stream');
        if (!streaming) return poll();
        if (poller) clearInterval(poller);
        poller = null;
        await readStream(response, onChange, abort.signal);
      } catch {
        if (abort.signal.aborted) return;
      }
      poll();
      await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS));
    }
  };
  void connect();
  return {
    stop() {
      abort.abort();
      if (poller) clearInterval(poller);
    },
  };
}
