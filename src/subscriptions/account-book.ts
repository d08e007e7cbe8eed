// The sync accounts in memory (the manager's working copy) with write-through to the store, plus the opened
// clientState of every subscription we hold, for checking notifications without touching the store.
import type { Logger } from '../ports/logger.port';
import type { SecretBox } from '../ports/secret-box.port';
import {
  clientStateContext,
  SyncAccountRecords,
  type SettingsStore,
  type StoredSubscription,
  type SyncAccountRecord,
} from './sync-account-records';

export class AccountBook {
  private readonly records = new Map<string, SyncAccountRecord>();
  private readonly clientStates = new Map<string, string>();
  private readonly repo: SyncAccountRecords;

  constructor(
    store: SettingsStore,
    private readonly box: SecretBox,
    private readonly logger: Logger,
  ) {
    this.repo = new SyncAccountRecords(store);
  }

  async load(): Promise<void> {
    const { records, unreadable } = await this.repo.loadAll();
    if (unreadable.length > 0)
      this.logger.error({ accounts: unreadable }, 'sync account records are unreadable');
    this.records.clear();
    this.clientStates.clear();
    for (const record of records) this.remember(record);
  }

  get(name: string): SyncAccountRecord | undefined {
    return this.records.get(name);
  }

  /** By name, so work and listings come in a stable order. */
  all(): SyncAccountRecord[] {
    return [...this.records.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  bySubscription(subscriptionId: string): SyncAccountRecord | undefined {
    return this.all().find((r) => r.subscription?.id === subscriptionId);
  }

  clientStateOf(subscriptionId: string): string | undefined {
    return this.clientStates.get(subscriptionId);
  }

  /** Memory first (the manager keeps working if the store fails), then the store; rejects when it fails. */
  async save(record: SyncAccountRecord): Promise<void> {
    this.remember(record);
    await this.repo.put(record);
  }

  async remove(name: string): Promise<void> {
    const record = this.records.get(name);
    if (record?.subscription) this.clientStates.delete(record.subscription.id);
    this.records.delete(name);
    await this.repo.remove(name);
  }

  private remember(record: SyncAccountRecord): void {
    const previous = this.records.get(record.name)?.subscription;
    if (previous && previous.id !== record.subscription?.id) this.clientStates.delete(previous.id);
    this.records.set(record.name, { ...record, subscription: this.openable(record.subscription) });
  }

  /** A subscription whose clientState no longer opens (the key changed) cannot be checked: it is forgotten. */
  private openable(sub: StoredSubscription | null): StoredSubscription | null {
    if (!sub) return null;
    try {
      this.clientStates.set(sub.id, this.box.open(sub.clientState, clientStateContext(sub.id)));
      return sub;
    } catch {
      this.logger.error(
        { subscriptionId: sub.id },
        'clientState of a stored subscription does not open; replacing it',
      );
      return null;
    }
  }
}
