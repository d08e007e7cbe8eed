// Opens the database file with the settings durability depends on: WAL so readers never block the writer,
// synchronous=FULL so a committed transaction is on disk before commit returns (WAL's default, NORMAL, may
// lose the last commits on power loss, and "accepted" is a promise to the contact center).
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../data-dir/private-dir';

export const DATABASE_FILE = 'switchboard.db';
const BUSY_TIMEOUT_MS = 5000;

export function openDatabase(dataDir: string): Database.Database {
  let file = ':memory:';
  if (dataDir !== ':memory:') {
    fs.mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
    file = path.join(dataDir, DATABASE_FILE);
    // SQLite gives the -wal and -shm files the database file's mode, so creating it 0600 covers all three.
    fs.closeSync(fs.openSync(file, 'a', PRIVATE_FILE_MODE));
  }
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('foreign_keys = ON');
    if (file !== ':memory:') tighten(file);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

// Files of an install made before the 0600 rule keep their old mode until tightened here.
function tighten(file: string): void {
  for (const name of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      fs.chmodSync(name, PRIVATE_FILE_MODE);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
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
