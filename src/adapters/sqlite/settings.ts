// Small persisted key/value settings.
import type Database from 'better-sqlite3';

export class SqliteSettings {
  private readonly one: Database.Statement<[string], { value: string }>;
  private readonly upsert: Database.Statement<[string, string]>;

  constructor(db: Database.Database) {
    this.one = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
    this.upsert = db.prepare<[string, string]>(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
  }

  get(key: string): string | null {
    return this.one.get(key)?.value ?? null;
  }

  put(key: string, value: string): void {
    this.upsert.run(key, value);
  }
}
