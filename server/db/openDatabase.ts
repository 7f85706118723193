import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { runMigrations } from './runMigrations.ts';

export const DATABASE_FILE = 'lago-grey.sqlite';

/** `LAGO_DATA_DIR`, default `./.lago-grey/`, as an absolute path. */
export function dataDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.LAGO_DATA_DIR && env.LAGO_DATA_DIR.length > 0 ? env.LAGO_DATA_DIR : '.lago-grey');
}

/**
 * Opens (creating if needed) the server's SQLite database in `dataDir` and
 * migrates it to the latest schema. WAL lets SSE readers run while a build
 * writes events; foreign keys make deleting a build delete its events.
 */
export function openDatabase(dataDir: string): Database.Database {
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
