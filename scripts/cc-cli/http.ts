// HTTP for the CLI: a server that does not answer, or answers with an error, becomes one readable line.
import { fail } from './errors';

export interface Endpoint {
  /** e.g. "Switchboard" or "the Graph emulator". */
  readonly name: string;
  readonly base: string;
  /** What to try when nothing answers. */
  readonly hint: string;
}

export interface Answer {
  readonly status: number;
  readonly json: unknown;
  readonly text: string;
}

export async function request(
  to: Endpoint,
  method: string,
  path: string,
  options: { body?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  let response: Response;
  try {
    response = await fetch(`${to.base}${path}`, { method, headers: options.headers, body: options.body });
  } catch {
    return fail(`cannot reach ${to.name} at ${to.base} (${to.hint})`);
  }
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text === '' ? null : (JSON.parse(text) as unknown);
  } catch {
    json = null; // not JSON: the text is shown instead
  }
  return { status: response.status, json, text };
}

/** The answer when it is a success; otherwise fails with the status and the error's code and message. */
export function expectOk(to: Endpoint, answer: Answer): Answer {
  if (answer.status >= 200 && answer.status < 300) return answer;
  const error = (answer.json as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  const detail =
    error && typeof error.message === 'string'
      ? `${String(error.code ?? 'error')}: ${error.message}`
      : answer.text.replace(/\s+/g, ' ').slice(0, 200) || 'no body';
  return fail(`${to.name} answered ${answer.status}: ${detail}`);
}

export const jsonBody = (value: unknown) => ({
  body: JSON.stringify(value),
  headers: { 'content-type': 'application/json' },
});
