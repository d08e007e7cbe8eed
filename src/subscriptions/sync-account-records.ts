// Sync accounts as persisted through the Store's settings (no schema of their own): an index of names under
// "sync-accounts" and one JSON record per account. Secrets in a record (refresh token, clientState) are sealed.
import { z } from 'zod';
import type { Store } from '../ports/store.port';

export type SettingsStore = Pick<Store, 'getSetting' | 'putSetting'>;

const errorSchema = z.object({ at: z.string(), code: z.string(), message: z.string() });

const subscriptionSchema = z.object({
  id: z.string(),
  userIds: z.array(z.string()),
  expiresAt: z.string(),
  /** Sealed with the context "sync-subscription:<id>:client-state". */
  clientState: z.string(),
  notificationUrl: z.string(),
  certificateId: z.string().nullable(),
});

const recordSchema = z.object({
  name: z.string(),
  userPrincipalName: z.string().nullable(),
  /** Sealed with the context "sync-account:<name>:refresh-token". */
  refreshToken: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The users this account is to watch (stable across restarts); the subscription may lag behind. */
  assigned: z.array(z.string()),
  subscription: subscriptionSchema.nullable(),
  lastError: errorSchema.nullable(),
});

export type StoredSubscription = z.infer<typeof subscriptionSchema>;
export type SyncAccountRecord = z.infer<typeof recordSchema>;
export type AccountError = z.infer<typeof errorSchema>;

export const INDEX_KEY = 'sync-accounts';
export const recordKey = (name: string): string => `sync-account:${name}`;
export const refreshTokenContext = (name: string): string => `sync-account:${name}:refresh-token`;
export const clientStateContext = (subscriptionId: string): string =>
  `sync-subscription:${subscriptionId}:client-state`;

export const ACCOUNT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export class SyncAccountRecords {
  constructor(private readonly store: SettingsStore) {}

  async names(): Promise<string[]> {
    const parsed = z.array(z.string()).safeParse(parseJson(await this.store.getSetting(INDEX_KEY)));
    return parsed.success ? parsed.data : [];
  }

  /** Every readable record; names whose record is missing or unreadable are reported, not thrown. */
  async loadAll(): Promise<{ records: SyncAccountRecord[]; unreadable: string[] }> {
    const records: SyncAccountRecord[] = [];
    const unreadable: string[] = [];
    for (const name of await this.names()) {
      const parsed = recordSchema.safeParse(parseJson(await this.store.getSetting(recordKey(name))));
      if (parsed.success && parsed.data.name === name) records.push(parsed.data);
      else unreadable.push(name);
    }
    return { records, unreadable };
  }

  /** The record first, then the index: a crash in between leaves an orphan record, never a dangling name. */
  async put(record: SyncAccountRecord): Promise<void> {
    await this.store.putSetting(recordKey(record.name), JSON.stringify(record));
    const names = await this.names();
    if (!names.includes(record.name))
      await this.store.putSetting(INDEX_KEY, JSON.stringify([...names, record.name]));
  }

  /** The index first, then the record is blanked (settings cannot be deleted). */
  async remove(name: string): Promise<void> {
    const names = await this.names();
    await this.store.putSetting(INDEX_KEY, JSON.stringify(names.filter((n) => n !== name)));
    await this.store.putSetting(recordKey(name), 'null');
  }
}
