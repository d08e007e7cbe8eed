// Admin API guard: Authorization: Bearer <ADMIN_API_KEY>, compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Next, Request, Response } from 'restify';
import { sendError } from './http-errors';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

export function requireAdminKey(key: string | null) {
  const expected = key ? digest(key) : null;
  return (req: Request, res: Response, next: Next): void => {
    if (!expected) {
      sendError(res, 403, 'admin_api_disabled', 'The admin API is disabled: set ADMIN_API_KEY');
      return next(false);
    }
    const given = /^Bearer\s+(.+)$/i.exec(req.header('authorization') ?? '')?.[1]?.trim();
    if (!given || !timingSafeEqual(digest(given), expected)) {
      sendError(res, 401, 'unauthorized', 'A valid Authorization: Bearer <ADMIN_API_KEY> header is required');
      return next(false);
    }
    next();
  };
}
