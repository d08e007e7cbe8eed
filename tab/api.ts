// The tab's one API call: GET /api/tab/me with the Teams SSO token. Errors come back as values to show.
import type { TabMe } from '../bot/http/tab-routes';

export type { AgentStatusView, TabMe } from '../bot/http/tab-routes';

export type MeResult =
  | { readonly ok: true; readonly me: TabMe }
  | { readonly ok: false; readonly status: number; readonly code: string; readonly message: string };

interface ErrorBody {
  readonly error?: { readonly code?: string; readonly message?: string };
}

export async function fetchMe(token: string): Promise<MeResult> {
  let response: Response;
  try {
    response = await fetch('/api/tab/me', { headers: { authorization: `Bearer ${token}` } });
  } catch {
    return { ok: false, status: 0, code: 'network_error', message: 'Switchboard cannot be reached.' };
  }
  const body = (await response.json().catch(() => null)) as unknown;
  if (response.ok) return { ok: true, me: body as TabMe };
  const error = (body as ErrorBody | null)?.error;
  return {
    ok: false,
    status: response.status,
    code: error?.code ?? 'http_error',
    message: error?.message ?? `Switchboard answered ${response.status}.`,
  };
}
