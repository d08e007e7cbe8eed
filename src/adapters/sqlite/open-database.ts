// Opens the database file with the settings durability depends on: WAL so readers never block the writer,
// synchronous=FULL so a committed transaction is on disk before commit returns (WAL's default, NORMAL, may
// lose the last commits on power loss, and "accepted" is a promise to the contact center).
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export const DATABASE_FILE = 'switchboard.db';
const BUSY_TIMEOUT_MS = 5000;

export function openDatabase(dataDir: string): Database.Database {
  let file = ':memory:';
  if (dataDir !== ':memory:') {
    fs.mkdirSync(dataDir, { recursive: true });
    file = path.join(dataDir, DATABASE_FILE);
  }
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('foreign_keys = ON');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export interface SqlitePragmas {
  readonly journalMode: string;
  readonly synchronous: number;
  readonly busyTimeout: number;
  readonly foreignKeys: boolean;
}

/** The connection's effective settings, for diagnostics and tests. */
export function readPragmas(db: Database.Database): SqlitePragmas {
  return {
    journalMode: String(db.pragma('journal_mode', { simple: true })),
    synchronous: Number(db.pragma('synchronous', { simple: true })),
    busyTimeout: Number(db.pragma('busy_timeout', { simple: true })),
    foreignKeys: Number(db.pragma('foreign_keys', { simple: true })) === 1,
  };
}
