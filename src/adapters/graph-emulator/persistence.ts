// Saving and restoring what an emulator holds (see state-file.ts for the file). Saving is cheap when nothing
// changed: the serialised state is compared with what was last written, so callers may save after every
// request. Faults, quota usage and the request log are not kept: they describe one run.
import type { DelegatedTokens } from './delegated-tokens';
import { parseEncryptionCertificate } from './encryption';
import type { PresenceStore } from './presence-store';
import type { SsoIssuer } from './sso-issuer';
import type { Subscription, SubscriptionStore } from './subscription-store';
import { readStateFile, stateFilePath, writeStateFile, type StateSnapshot } from './state-file';
import type { UsersStore } from './users-store';

export interface Persister {
  /** Writes the state when it differs from the last write; throws when the file cannot be written. */
  save(): void;
}

export const IN_MEMORY: Persister = { save: () => {} };

/** The parts of an emulator's state that outlive a restart. */
export interface KeptState {
  readonly store: PresenceStore;
  readonly subs: SubscriptionStore;
  readonly users: UsersStore;
  readonly tokens: DelegatedTokens;
  readonly sso: SsoIssuer;
}

/** What goes in the file (read back as a StateSnapshot). */
function snapshotOf(state: KeptState) {
  const subscriptions = state.subs.all().map(({ encryption, ...sub }) => ({
    ...sub,
    ...(encryption
      ? { encryption: { certificate: encryption.certificate, certificateId: encryption.certificateId } }
      : {}),
  }));
  return {
    version: 1,
    presence: state.store.snapshot(),
    tokens: state.tokens.snapshot(),
    subscriptions,
    sso: state.sso.snapshot(),
    users: state.users.snapshot(),
  };
}

function savedSubscription(saved: StateSnapshot['subscriptions'][number]): Subscription {
  const { encryption, ...sub } = saved;
  if (!encryption) return sub;
  const key = parseEncryptionCertificate(encryption.certificate);
  if (typeof key === 'string') throw new Error(`subscription ${saved.id}: ${key}`);
  return { ...sub, encryption: { ...encryption, key } };
}

function restore(state: KeptState, snapshot: StateSnapshot): void {
  state.tokens.restore(snapshot.tokens);
  state.sso.restore(snapshot.sso);
  state.store.restore(snapshot.presence);
  state.subs.restore(snapshot.subscriptions.map(savedSubscription));
  if (snapshot.users) state.users.restore(snapshot.users);
}

/** Restores the state kept under `dataDir` (if any) and returns what saves it there from now on. */
export function persistUnder(dataDir: string, state: KeptState): Persister {
  const path = stateFilePath(dataDir);
  const saved = readStateFile(path);
  if (saved) restore(state, saved);
  let written = saved ? JSON.stringify(snapshotOf(state)) : '';
  return {
    save() {
      const text = JSON.stringify(snapshotOf(state));
      if (text === written) return;
      writeStateFile(path, text);
      written = text;
    },
  };
}
