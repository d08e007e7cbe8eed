// Two small middlewares for the Graph SDK's chain. The SDK's own AuthenticationHandler is not used: its
// host check (GraphRequestUtil.isValidEndpoint) only recognises `https://` URLs, so with an `http://`
// emulator it never attaches the token, even when the host is listed in `customHosts`, and it deletes any
// Authorization header set another way.
import { GraphClientError, type Context, type Middleware } from '@microsoft/microsoft-graph-client';
import type { TokenProvider } from './token-providers';

function requestUrl(context: Context): string {
  return typeof context.request === 'string' ? context.request : context.request.url;
}

function setHeader(context: Context, name: string, value: string): void {
  if (typeof context.request !== 'string') {
    context.request.headers.set(name, value);
    return;
  }
  const options = (context.options ??= {});
  if (options.headers instanceof Headers) options.headers.set(name, value);
  else if (Array.isArray(options.headers))
    options.headers = [...options.headers.filter(([k]) => k !== name), [name, value]];
  else options.headers = { ...options.headers, [name]: value };
}

/** Attaches `Authorization: Bearer` to requests for the configured Graph origin only, never to other hosts. */
export class BearerTokenHandler implements Middleware {
  private next: Middleware | undefined;

  constructor(
    private readonly origin: string,
    private readonly tokenProvider: TokenProvider,
  ) {}

  async execute(context: Context): Promise<void> {
    if (new URL(requestUrl(context)).origin === this.origin) {
      let token: string;
      try {
        token = await this.tokenProvider();
      } catch (error) {
        // GraphRequest.send rethrows GraphClientError unchanged, so callers can tell "no token" from "no network".
        const wrapped = new GraphClientError(`Could not get a Graph access token: ${String(error)}`);
        wrapped.customError = error;
        throw wrapped;
      }
      setHeader(context, 'Authorization', `Bearer ${token}`);
    }
    await this.next?.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/** Bounds each HTTP attempt (not the whole call, which may include Retry-After waits). */
export class AttemptTimeoutHandler implements Middleware {
  private next: Middleware | undefined;

  constructor(private readonly timeoutMs: number) {}

  async execute(context: Context): Promise<void> {
    const options = (context.options ??= {});
    options.signal = AbortSignal.timeout(this.timeoutMs);
    await this.next?.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}
