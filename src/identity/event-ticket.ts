// Short-lived tickets for the tab's event stream: EventSource cannot send an Authorization header, so the tab
// trades its SSO token for a ticket (POST /api/tab/events/ticket) and opens /api/tab/events?ticket=…
// A ticket is `<oid>.<expiry ms>.<HMAC-SHA256>` under a key every instance derives from the same secret, so
// any instance accepts a ticket another issued; it carries nothing but who and until when.
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

export const TICKET_TTL_MS = 60_000;

export function ticketKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'switchboard', 'tab-events-ticket', 32));
}

const mac = (key: Buffer, payload: string): string =>
  createHmac('sha256', key).update(payload).digest('base64url');

export function issueTicket(key: Buffer, oid: string, now: number): { ticket: string; expiresAt: string } {
  const expires = now + TICKET_TTL_MS;
  const payload = `${oid}.${expires}`;
  return { ticket: `${payload}.${mac(key, payload)}`, expiresAt: new Date(expires).toISOString() };
}

/** The oid of a valid, unexpired ticket; null otherwise (never throws). */
export function checkTicket(key: Buffer, ticket: string, now: number): string | null {
  const parts = ticket.split('.');
  if (parts.length !== 3) return null;
  const [oid, expires, signature] = parts as [string, string, string];
  const expected = Buffer.from(mac(key, `${oid}.${expires}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const until = Number(expires);
  return Number.isSafeInteger(until) && until > now && oid !== '' ? oid : null;
}
