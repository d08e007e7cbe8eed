// GET /: a small JSON landing, so a newcomer opening the service's URL sees what answers where instead of 404.
import type { Request, Response, Server } from 'restify';

const LANDING = {
  service: 'switchboard',
  description: 'Keeps contact-center agent state and Microsoft Teams presence in step.',
  links: {
    health: { method: 'GET', path: '/healthz' },
    tab: { method: 'GET', path: '/tab/', note: 'the personal Teams tab; open it inside Teams' },
    contactCenterEvents: { method: 'POST', path: '/api/cc/events', note: 'signed with CC_WEBHOOK_SECRET' },
    adminLinks: { method: 'GET', path: '/api/admin/links', note: 'Authorization: Bearer ADMIN_API_KEY' },
    bot: { method: 'POST', path: '/api/messages', note: 'Bot Framework activities' },
  },
} as const;

export function mountRoot(server: Server): void {
  server.get('/', async (_req: Request, res: Response) => {
    res.send(200, LANDING);
  });
}
