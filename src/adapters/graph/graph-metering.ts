// A Graph SDK middleware that counts every HTTP attempt by what it does and how it ended. It sits after the
// SDK's RetryHandler, so a 429 the SDK retries is counted as the throttled attempt it was.
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import type { GraphCallKind, GraphCallOutcome, Metrics } from '../../ports/metrics.port';

const KINDS: readonly [RegExp, GraphCallKind][] = [
  [/\/presence\/setPresence$/i, 'setPresence'],
  [/\/presence\/clearPresence$/i, 'clearPresence'],
  [/\/communications\/getPresencesByUserId$/i, 'getPresencesByUserId'],
  [/\/subscriptions(\/|$)/i, 'subscriptions'],
];

export function graphCallKind(url: string): GraphCallKind {
  const path = new URL(url, 'http://graph.invalid').pathname;
  return KINDS.find(([pattern]) => pattern.test(path))?.[1] ?? 'other';
}

export function graphCallOutcome(status: number | undefined): GraphCallOutcome {
  if (status === undefined) return 'no_response';
  if (status === 429) return 'throttled';
  if (status >= 500) return 'server_error';
  if (status >= 400) return 'client_error';
  return 'ok';
}

export class MeteringHandler implements Middleware {
  private next: Middleware | undefined;

  constructor(private readonly metrics: Metrics) {}

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    const kind = graphCallKind(url);
    try {
      await this.next?.execute(context);
    } catch (error) {
      this.metrics.graphCall(kind, 'no_response');
      throw error;
    }
    this.metrics.graphCall(kind, graphCallOutcome(context.response?.status));
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}
