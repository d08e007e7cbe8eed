// PresenceGateway on Microsoft Graph: our app's presence session per user, and batched presence reads.
import type { Client } from '@microsoft/microsoft-graph-client';
import { CodedError } from '../../domain/errors';
import { teamsUserId, type TeamsUserId } from '../../domain/ids';
import type { TeamsPresence } from '../../domain/presence';
import type { Logger } from '../../ports/logger.port';
import type {
  ObservedPresence,
  PresenceGateway,
  PresenceWriteResult,
  RichPresenceGateway,
} from '../../ports/presence-gateway.port';
import { graphErrorOf, graphRequest, segment, type GraphResponse } from './graph-request';
import { retryAfterOf, writeOk, writeResultOf, writeResultOfError } from './presence-write-result';

/** Graph's limit on ids per getPresencesByUserId request. */
export const MAX_PRESENCE_IDS = 650;
const MIN_EXPIRATION_MINUTES = 5;
const MAX_EXPIRATION_MINUTES = 240;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const stringOr = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : fallback);

function observedPresence(item: unknown): ObservedPresence | undefined {
  if (!isRecord(item) || typeof item['id'] !== 'string') return undefined;
  const presence: ObservedPresence = {
    userId: teamsUserId(item['id']),
    availability: stringOr(item['availability'], 'PresenceUnknown'),
    activity: stringOr(item['activity'], 'PresenceUnknown'),
  };
  const sequenceNumber = item['sequenceNumber'];
  return typeof sequenceNumber === 'string' ? { ...presence, sequenceNumber } : presence;
}

/** Graph's dateTimeTimeZone in UTC; dateTime without an offset, as the presenceStatusMessage page asks. */
function utcDateTime(iso: string): { dateTime: string; timeZone: string } {
  return { dateTime: new Date(iso).toISOString().replace('Z', ''), timeZone: 'UTC' };
}

export class GraphPresenceGateway implements PresenceGateway, RichPresenceGateway {
  /** sessionId: the app's client id (AZURE_CLIENT_ID); Graph requires it to be the calling app's id. */
  constructor(
    private readonly client: Client,
    private readonly sessionId: string,
    private readonly logger: Logger,
  ) {}

  async setPresence(
    userId: TeamsUserId,
    presence: TeamsPresence,
    expirationMinutes: number,
  ): Promise<PresenceWriteResult> {
    if (
      !Number.isInteger(expirationMinutes) ||
      expirationMinutes < MIN_EXPIRATION_MINUTES ||
      expirationMinutes > MAX_EXPIRATION_MINUTES
    ) {
      throw new CodedError(
        'invalid_expiration',
        `expirationMinutes must be an integer 5..240, got ${expirationMinutes}`,
      );
    }
    const body = {
      sessionId: this.sessionId,
      availability: presence.availability,
      activity: presence.activity,
      expirationDuration: `PT${expirationMinutes}M`,
    };
    const result = await this.write(userId, 'setPresence', body);
    if (result.ok) this.logger.debug({ userId, ...presence, expirationMinutes }, 'graph presence set');
    return result;
  }

  async clearPresence(userId: TeamsUserId): Promise<PresenceWriteResult> {
    // 404: our session is already gone, which is the state clearPresence is after.
    const result = await this.write(userId, 'clearPresence', { sessionId: this.sessionId }, 404);
    if (result.ok) this.logger.debug({ userId }, 'graph presence cleared');
    return result;
  }

  setStatusMessage(userId: TeamsUserId, message: string, expiresAt?: string): Promise<PresenceWriteResult> {
    const expiry = expiresAt === undefined ? {} : { expiryDateTime: utcDateTime(expiresAt) };
    const statusMessage = { message: { content: message, contentType: 'text' }, ...expiry };
    return this.write(userId, 'setStatusMessage', { statusMessage });
  }

  clearStatusMessage(userId: TeamsUserId): Promise<PresenceWriteResult> {
    const statusMessage = { message: { content: '', contentType: 'text' } };
    return this.write(userId, 'setStatusMessage', { statusMessage });
  }

  setPreferredPresence(userId: TeamsUserId, presence: TeamsPresence): Promise<PresenceWriteResult> {
    const { availability, activity } = presence;
    return this.write(userId, 'setUserPreferredPresence', { availability, activity });
  }

  clearPreferredPresence(userId: TeamsUserId): Promise<PresenceWriteResult> {
    return this.write(userId, 'clearUserPreferredPresence', {});
  }

  async getPresences(userIds: readonly TeamsUserId[]): Promise<ObservedPresence[]> {
    if (userIds.length > MAX_PRESENCE_IDS) {
      throw new CodedError(
        'too_many_presence_ids',
        `getPresences takes at most ${MAX_PRESENCE_IDS} ids, got ${userIds.length}`,
      );
    }
    if (userIds.length === 0) return []; // Spare the tenant's presence quota.
    const response = await graphRequest(this.client, 'POST', '/communications/getPresencesByUserId', {
      ids: userIds,
    });
    if (response.status !== 200) throw this.readFailure(response, userIds.length);
    const value = isRecord(response.body) ? response.body['value'] : undefined;
    if (!Array.isArray(value)) {
      throw new CodedError(
        'graph_unexpected_response',
        'getPresencesByUserId answered without a value array',
      );
    }
    return value.map(observedPresence).filter((p): p is ObservedPresence => p !== undefined);
  }

  private async write(
    userId: TeamsUserId,
    action: string,
    body: object,
    alsoOkStatus?: number,
  ): Promise<PresenceWriteResult> {
    let result: PresenceWriteResult;
    try {
      result = writeResultOf(
        await graphRequest(this.client, 'POST', `/users/${segment(userId)}/presence/${action}`, body),
      );
    } catch (error) {
      result = writeResultOfError(error);
    }
    if (!result.ok && result.status === alsoOkStatus) return writeOk;
    if (!result.ok) {
      const { status, code, message, retryable } = result;
      this.logger.warn({ userId, action, status, code, retryable }, `graph ${action} failed: ${message}`);
    }
    return result;
  }

  private readFailure(response: GraphResponse, count: number): CodedError {
    const { code, message } = graphErrorOf(response);
    this.logger.warn(
      { status: response.status, code, count },
      `graph getPresencesByUserId failed: ${message}`,
    );
    return new CodedError(
      'graph_presence_read_failed',
      `getPresencesByUserId: HTTP ${response.status} ${code}: ${message}`,
      { status: response.status, code, ...retryAfterOf(response) },
    );
  }
}
