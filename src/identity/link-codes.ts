// One-time codes for self-service linking: random, 8 digits, kept only as a hash bound to the Teams user
// (so a leaked hash cannot be replayed for someone else), compared in constant time.
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

export const CODE_DIGITS = 8;
export const CODE_TTL_MS = 10 * 60_000;
export const MAX_ATTEMPTS = 5;
/** New codes a Teams user may ask for per hour: with 5 guesses each, guessing stays hopeless. */
export const REQUESTS_PER_HOUR = 5;
export const CODE_PATTERN = new RegExp(`^\\d{${CODE_DIGITS}}$`);

/** A uniformly random code of CODE_DIGITS digits, leading zeros kept. */
export function newCode(random: (max: number) => number = randomInt): string {
  return String(random(10 ** CODE_DIGITS)).padStart(CODE_DIGITS, '0');
}

export function hashCode(teamsUserId: string, code: string): string {
  return createHash('sha256').update(`${teamsUserId}\n${code}`).digest('hex');
}

export function codeMatches(teamsUserId: string, code: string, storedHash: string): boolean {
  const given = Buffer.from(hashCode(teamsUserId, code), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
