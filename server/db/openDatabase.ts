import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runMigrations } from './runMigrations.ts';

export const DATABASE_FILE = 'lago-grey.sqlite';

/**
 * Opens (creating if needed) the server's SQLite database in `dataDir` and
 * migrates it to the latest schema. WAL lets SSE readers run while a build
 * writes events; foreign keys make deleting a build delete its events.
 */
export interface OpenDatabaseOptions {
  /** Move a damaged database aside and start a new one, rebuilt from the artifacts on disk. */
  repair?: boolean;
  log?: { info(msg: string): void };
}

export function openDatabase(dataDir: string, _opts: OpenDatabaseOptions = {}): Database.Database {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = new Database(join(dataDir, DATABASE_FILE));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    runMigrations(db);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}
