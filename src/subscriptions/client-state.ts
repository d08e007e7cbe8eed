// clientState: a random secret per subscription (Graph allows ≤ 128 characters), compared in constant time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 43 URL-safe characters carrying 256 random bits. */
export const newClientState = (): string => randomBytes(32).toString('base64url');

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** Digests first, so neither the content nor the length of the expected secret leaks through timing. */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}
