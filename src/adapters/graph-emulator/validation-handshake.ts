// Graph's subscription validation: POST {url}?validationToken=… and expect, within 10 s, 200 with
// Content-Type text/plain and the decoded token as the body (Microsoft Learn, notificationUrl validation).
import { randomUUID } from 'node:crypto';

export const VALIDATION_TIMEOUT_MS = 10_000;

/** undefined when the endpoint passed; otherwise why it failed. */
export async function validateEndpoint(url: string, signal?: AbortSignal): Promise<string | undefined> {
  // Graph's token has spaces and colons, so receivers that forget to URL-decode it fail here as they would there.
  const token = `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;
  const target = new URL(url);
  target.searchParams.set('validationToken', token);
  const timeout = AbortSignal.timeout(VALIDATION_TIMEOUT_MS);
  try {
    const res = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    const body = await res.text();
    if (res.status !== 200) return `${url} answered ${res.status}`;
    if (!(res.headers.get('content-type') ?? '').toLowerCase().startsWith('text/plain')) {
      return `${url} did not answer with Content-Type text/plain`;
    }
    if (body !== token) return `${url} did not echo the validation token`;
    return undefined;
  } catch (error) {
    if (timeout.aborted) return `${url} did not answer within ${VALIDATION_TIMEOUT_MS / 1000} s`;
    return `${url} could not be reached (${error instanceof Error ? error.message : String(error)})`;
  }
}
