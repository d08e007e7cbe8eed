// Shared helpers for the Graph emulator suites: HTTP calls, delegated tokens, and a webhook receiver.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphEmulator } from '../../src/adapters/graph-emulator';

export interface HttpResult {
  readonly status: number;
  readonly headers: Headers;
  readonly json: unknown;
}

export async function call(
  url: string,
  method: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<HttpResult> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    json: text === '' ? undefined : (JSON.parse(text) as unknown),
  };
}

/** A Graph call relative to the emulator's Graph root (v1.0). */
export function graph(
  emu: GraphEmulator,
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) {
  return call(`${emu.url}${path}`, method, body, headers);
}

export async function tokenRequest(emu: GraphEmulator, form: Record<string, string>): Promise<HttpResult> {
  const res = await fetch(`${emu.origin}/common/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as unknown };
}

/** A delegated access token for `upn` in application `clientId`, obtained through the token endpoint. */
export async function delegatedToken(emu: GraphEmulator, upn: string, clientId = 'app-1'): Promise<string> {
  const refresh = emu.issueDelegatedRefreshToken(upn);
  const res = await tokenRequest(emu, {
    grant_type: 'refresh_token',
    refresh_token: refresh,
    client_id: clientId,
  });
  return (res.json as { access_token: string }).access_token;
}

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

export type ValidationBehaviour =
  'echo' | { readonly status: number; readonly body?: string; readonly contentType?: string };

export interface Receiver {
  readonly url: string;
  readonly validations: string[];
  readonly notifications: unknown[];
  validation: ValidationBehaviour;
  notificationStatus: number;
  /** Resolves once at least n notifications (not validations) have arrived. */
  waitFor(n: number): Promise<unknown[]>;
  close(): Promise<void>;
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A subscriber endpoint: answers Graph's validation handshake and collects notifications. */
export async function startReceiver(): Promise<Receiver> {
  const waiters: { n: number; resolve: (v: unknown[]) => void }[] = [];
  const receiver: Receiver = {
    url: '',
    validations: [],
    notifications: [],
    validation: 'echo',
    notificationStatus: 202,
    waitFor: (n) =>
      new Promise((resolve) => {
        if (receiver.notifications.length >= n) resolve(receiver.notifications);
        else waiters.push({ n, resolve });
      }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  const server: Server = createServer((req, res) => {
    void bodyOf(req).then((text) => {
      const token = new URL(req.url ?? '/', 'http://x').searchParams.get('validationToken');
      if (token !== null) {
        receiver.validations.push(token);
        const v = receiver.validation;
        // Not chained: restify, loaded by other suites, patches writeHead to return undefined.
        if (v === 'echo') {
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.end(token);
        } else {
          res.writeHead(v.status, { 'content-type': v.contentType ?? 'text/plain' });
          res.end(v.body ?? token);
        }
        return;
      }
      receiver.notifications.push(JSON.parse(text) as unknown);
      res.writeHead(receiver.notificationStatus);
      res.end();
      for (const w of waiters.filter((x) => receiver.notifications.length >= x.n)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(receiver.notifications);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  (receiver as { url: string }).url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/notify`;
  return receiver;
}

/** One entry of a change or lifecycle notification's `value`. */
export interface NotificationItem {
  subscriptionId: string;
  clientState: string;
  changeType: string;
  resource: string;
  subscriptionExpirationDateTime: string;
  tenantId: string;
  resourceData: Record<string, string>;
  lifecycleEvent?: string;
  encryptedContent?: {
    data: string;
    dataSignature: string;
    dataKey: string;
    encryptionCertificateId: string;
    encryptionCertificateThumbprint: string;
  };
}

export const itemsOf = (notifications: unknown[]): NotificationItem[] =>
  notifications.flatMap((n) => (n as { value: NotificationItem[] }).value);
