// Carries out a decision's Teams action through the PresenceGateway and says what our session is now.
import type { DecisionAction } from '../domain/decision';
import type { TeamsUserId } from '../domain/ids';
import type { Clock } from '../ports/clock.port';
import type { PresenceGateway, PresenceWriteResult } from '../ports/presence-gateway.port';
import type { PresenceSession } from '../ports/store.port';

export type WriteOutcome =
  | { readonly kind: 'done'; readonly session: PresenceSession | null; readonly refusal?: string }
  /** Graph could not be reached or kept throttling: keep the work and try again later. */
  | { readonly kind: 'retry'; readonly error: string };

export interface WriterDeps {
  readonly gateway: PresenceGateway;
  readonly clock: Clock;
  readonly sessionMinutes: number;
}

export async function writePresence(
  deps: WriterDeps,
  userId: TeamsUserId,
  action: DecisionAction,
  current: PresenceSession | null,
): Promise<WriteOutcome> {
  let result: PresenceWriteResult;
  let next: PresenceSession | null;
  if (action.kind === 'setPresence') {
    result = await deps.gateway.setPresence(userId, action.presence, deps.sessionMinutes);
    const expiresAt = new Date(deps.clock.now() + deps.sessionMinutes * 60_000).toISOString();
    next = { presence: action.presence, expiresAt };
  } else if (action.kind === 'clearPresence') {
    result = await deps.gateway.clearPresence(userId);
    next = null;
  } else {
    return { kind: 'done', session: current };
  }
  if (result.ok) return { kind: 'done', session: next };
  const error = `${result.status} ${result.code}: ${result.message}`;
  if (result.retryable) return { kind: 'retry', error };
  return { kind: 'done', session: current, refusal: `Graph refused it (${error})` };
}
