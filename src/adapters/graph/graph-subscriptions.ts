// SubscriptionGateway on Microsoft Graph: presence subscriptions made with a sync account's delegated token.
// Each call gets a client whose token provider returns that account's token (building one is cheap: a few
// middleware objects), so the shared retry (Retry-After) and timeout behaviour applies here too.
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Logger } from '../../ports/logger.port';
import type { Metrics } from '../../ports/metrics.port';
import type {
  GatewayFailure,
  GatewayOutcome,
  SubscriptionGateway,
  SubscriptionOutcome,
  SubscriptionRequest,
} from '../../ports/subscription-gateway.port';
import { createGraphClient } from './graph-client';
import { graphErrorOf, graphRequest, segment, type GraphResponse } from './graph-request';
import { staticToken } from './token-providers';

export interface GraphSubscriptionsOptions {
  /** GRAPH_BASE_URL, with its version. */
  readonly baseUrl: string;
  readonly logger: Logger;
  readonly metrics?: Metrics;
  readonly maxRetries?: number;
  /** Creation waits for Graph's validation handshake (up to 10 s), so the default leaves room for it. */
  readonly attemptTimeoutMs?: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function failureOf(response: GraphResponse): GatewayFailure {
  const { code, message } = graphErrorOf(response);
  return {
    ok: false,
    status: response.status,
    code,
    message,
    notFound: response.status === 404,
    conflict: response.status === 409,
  };
}

function termsOf(response: GraphResponse): SubscriptionOutcome {
  if (response.status !== 200 && response.status !== 201) return failureOf(response);
  const body = response.body;
  const id = isRecord(body) ? body['id'] : undefined;
  const expiry = isRecord(body) ? Date.parse(String(body['expirationDateTime'])) : NaN;
  if (typeof id !== 'string' || Number.isNaN(expiry)) {
    const bad = { code: 'graph_unexpected_response', message: 'subscription answer without id or expiry' };
    return { ok: false, status: response.status, ...bad, notFound: false, conflict: false };
  }
  return { ok: true, subscription: { id, expiresAt: expiry } };
}

const done = (response: GraphResponse, okStatuses: readonly number[]): GatewayOutcome =>
  okStatuses.includes(response.status) ? { ok: true } : failureOf(response);

export class GraphSubscriptionGateway implements SubscriptionGateway {
  constructor(private readonly options: GraphSubscriptionsOptions) {}

  async create(accessToken: string, request: SubscriptionRequest): Promise<SubscriptionOutcome> {
    const body: Record<string, unknown> = {
      changeType: 'updated',
      resource: request.resource,
      notificationUrl: request.notificationUrl,
      lifecycleNotificationUrl: request.lifecycleNotificationUrl,
      expirationDateTime: request.expirationDateTime,
      clientState: request.clientState,
      latestSupportedTlsVersion: 'v1_2',
    };
    if (request.encryption) {
      body['includeResourceData'] = true;
      body['encryptionCertificate'] = request.encryption.certificate;
      body['encryptionCertificateId'] = request.encryption.certificateId;
    }
    return termsOf(await graphRequest(this.client(accessToken), 'POST', '/subscriptions', body));
  }

  async renew(accessToken: string, id: string, expirationDateTime: string): Promise<SubscriptionOutcome> {
    const path = `/subscriptions/${segment(id)}`;
    return termsOf(await graphRequest(this.client(accessToken), 'PATCH', path, { expirationDateTime }));
  }

  async delete(accessToken: string, id: string): Promise<GatewayOutcome> {
    const response = await graphRequest(this.client(accessToken), 'DELETE', `/subscriptions/${segment(id)}`);
    return done(response, [200, 204, 404]);
  }

  async reauthorize(accessToken: string, id: string): Promise<GatewayOutcome> {
    const path = `/subscriptions/${segment(id)}/reauthorize`;
    return done(await graphRequest(this.client(accessToken), 'POST', path, {}), [200, 202, 204]);
  }

  async list(accessToken: string): Promise<{ ok: true; ids: readonly string[] } | GatewayFailure> {
    const response = await graphRequest(this.client(accessToken), 'GET', '/subscriptions');
    if (response.status !== 200) return failureOf(response);
    const value = isRecord(response.body) ? response.body['value'] : undefined;
    const items = Array.isArray(value) ? (value as unknown[]) : [];
    const ids = items
      .filter((s) => isRecord(s) && typeof s['resource'] === 'string' && /presences/i.test(s['resource']))
      .map((s) => (s as Record<string, unknown>)['id'])
      .filter((id): id is string => typeof id === 'string');
    return { ok: true, ids };
  }

  private client(accessToken: string): Client {
    return createGraphClient({
      baseUrl: this.options.baseUrl,
      tokenProvider: staticToken(accessToken),
      logger: this.options.logger,
      metrics: this.options.metrics,
      maxRetries: this.options.maxRetries ?? 2,
      attemptTimeoutMs: this.options.attemptTimeoutMs ?? 20_000,
    });
  }
}
