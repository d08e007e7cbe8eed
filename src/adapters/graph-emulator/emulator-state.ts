// Everything one emulator instance holds, built from its options, plus the read-outs the control routes show.
import type { Clock } from '../../ports/clock.port';
import type { Logger } from '../../ports/logger.port';
import { DelegatedTokens } from './delegated-tokens';
import { FaultQueue } from './faults';
import { graphDateTime } from './http-kit';
import { Notifier } from './notifications';
import { IN_MEMORY, persistUnder, type Persister } from './persistence';
import { PresenceStore } from './presence-store';
import { DEFAULT_QUOTA, PresenceQuota, type QuotaSettings } from './quota';
import { RequestLog } from './request-log';
import { SsoIssuer } from './sso-issuer';
import { SubscriptionStore } from './subscription-store';
import { EMULATOR_TENANT_ID } from './tenant';
import { UsersStore } from './users-store';
import { validationTokenClaims } from './validation-tokens';

export { EMULATOR_TENANT_ID } from './tenant';

export interface EmulatorState {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly tokens: DelegatedTokens;
  readonly store: PresenceStore;
  readonly subs: SubscriptionStore;
  /** The tenant's directory users (GET /users). */
  readonly users: UsersStore;
  readonly notifier: Notifier;
  /** The identity provider's signing key: SSO tokens and notification validationTokens. */
  readonly sso: SsoIssuer;
  readonly quota: PresenceQuota;
  readonly faults: FaultQueue;
  readonly log: RequestLog;
  /** Saves what changed to the state file, if there is one; call before answering a request that may change state. */
  readonly persist: () => void;
}

/** With `dataDir`, the state kept there is restored first (no notifications are sent for it). */
export function createState(
  clock: Clock,
  logger: Logger,
  quota: QuotaSettings = DEFAULT_QUOTA,
  dataDir?: string,
): EmulatorState {
  const store = new PresenceStore(clock);
  const subs = new SubscriptionStore(clock);
  let persister: Persister = IN_MEMORY;
  const persist = (): void => persister.save();
  const sso = new SsoIssuer(clock, persist);
  const notifier = new Notifier(subs, logger, EMULATOR_TENANT_ID, (sub) =>
    sso.sign(validationTokenClaims({ aud: sub.applicationId, tid: EMULATOR_TENANT_ID }, clock.now())),
  );
  const state: EmulatorState = {
    clock,
    logger,
    tokens: new DelegatedTokens(clock, EMULATOR_TENANT_ID),
    store,
    subs,
    users: new UsersStore(),
    notifier,
    sso,
    quota: new PresenceQuota(clock, quota),
    faults: new FaultQueue(),
    log: new RequestLog(),
    persist,
  };
  if (dataDir !== undefined) persister = persistUnder(dataDir, state);
  store.onChange((presence) => notifier.presenceChanged(presence));
  return state;
}

/** Issued tokens survive a reset so a running app's sync account keeps working. */
export function resetState(state: EmulatorState): void {
  state.store.reset();
  state.subs.reset();
  state.users.reset();
  state.faults.reset();
  state.quota.reset();
  state.log.reset();
  state.persist();
}

export function userDetails(store: PresenceStore, userId: string): unknown {
  const { client, preferred } = store.details(userId);
  const presence = store.presenceOf(userId);
  const message = presence.statusMessage;
  return {
    id: userId,
    presence,
    statusMessage: message
      ? {
          message: { content: message.content, contentType: 'text' },
          publishedDateTime: graphDateTime(message.publishedAt),
          expiryDateTime:
            message.expiresAt === undefined
              ? null
              : { dateTime: graphDateTime(message.expiresAt).replace('Z', ''), timeZone: 'UTC' },
        }
      : null,
    sessions: store.sessionsOf(userId).map((s) => ({
      sessionId: s.sessionId,
      availability: s.availability,
      activity: s.activity,
      expirationDateTime: graphDateTime(s.expiresAt),
    })),
    clientPresence: client,
    preferredPresence: preferred
      ? {
          availability: preferred.availability,
          activity: preferred.activity,
          expirationDateTime: graphDateTime(preferred.expiresAt),
        }
      : null,
  };
}
