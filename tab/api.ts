// The tab's calls to Switchboard, each with the SSO token. Errors come back as values to show, with the
// contract's stable code, so every page can explain a refusal instead of throwing.
import type { AgentStatusView as ServerAgentStatus } from '../bot/http/tab-routes';

/** ccChangedBy arrived after the first tab; optional so an older server still renders. */
export type AgentStatusView = ServerAgentStatus & { readonly ccChangedBy?: 'agent' | 'system' | null };

export interface TabLink {
  readonly state: 'linked' | 'pending' | 'none';
  readonly agentId?: string;
  readonly expiresAt?: string;
}

/** GET /api/tab/me. `link` is optional: a server without self-service linking leaves it out. */
export interface TabMe {
  readonly user: { readonly oid: string; readonly name: string | null; readonly upn: string | null };
  readonly agent: AgentStatusView | null;
  readonly link?: TabLink;
}

export type ApiResult<T> =
  | { readonly ok: true; readonly status: number; readonly body: T }
  | { readonly ok: false; readonly status: number; readonly code: string; readonly message: string };

export type MeResult =
  | { readonly ok: true; readonly me: TabMe }
  | { readonly ok: false; readonly status: number; readonly code: string; readonly message: string };

interface ErrorBody {
  readonly error?: { readonly code?: string; readonly message?: string };
}

export interface CallOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** JSON-encoded unless it is a string (then sent as `contentType`, e.g. text/csv). */
  readonly body?: unknown;
  readonly contentType?: string;
}

export type TokenSource = () => Promise<string>;

export async function call<T>(token: string, path: string, options: CallOptions = {}): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  let body: string | undefined;
  if (options.body !== undefined) {
    const raw = typeof options.body === 'string';
    body = raw ? (options.body as string) : JSON.stringify(options.body);
    headers['content-type'] = options.contentType ?? (raw ? 'text/plain' : 'application/json');
  }
  let response: Response;
  try {
    response = await fetch(path, { method: options.method ?? 'GET', headers, body });
  } catch {
    return { ok: false, status: 0, code: 'network_error', message: 'Switchboard cannot be reached.' };
  }
  const parsed = (await response.json().catch(() => null)) as unknown;
  if (response.ok) return { ok: true, status: response.status, body: parsed as T };
  const error = (parsed as ErrorBody | null)?.error;
  return {
    ok: false,
    status: response.status,
    code: error?.code ?? 'http_error',
    message: error?.message ?? `Switchboard answered ${response.status}.`,
  };
}

/** A client bound to a token source: every call asks for a token (Teams caches it). */
export interface Api {
  <T>(path: string, options?: CallOptions): Promise<ApiResult<T>>;
}

export function bindApi(tokens: TokenSource): Api {
  return async <T>(path: string, options?: CallOptions) => {
    let token: string;
    try {
      token = await tokens();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, status: 0, code: 'no_token', message } as const;
    }
    return call<T>(token, path, options);
  };
}

export async function fetchMe(token: string): Promise<MeResult> {
  const result = await call<TabMe>(token, '/api/tab/me');
  return result.ok ? { ok: true, me: result.body } : result;
}

/** The link as the server states it, or as it follows from the agent when the server predates `link`. */
export function linkOf(me: TabMe): TabLink {
  if (me.link) return me.link;
  return me.agent ? { state: 'linked', agentId: me.agent.agentId } : { state: 'none' };
}
