import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../errors/AppError.ts';
import { checkDatabaseFile } from './checkDatabaseFile.ts';
import { moveAside, recoverUploads, salvageRows } from './repairDatabase.ts';
import { runMigrations } from './runMigrations.ts';

export const DATABASE_FILE = 'lago-grey.sqlite';

/**
 * Opens (creating if needed) the server's SQLite database in `dataDir` and
 * migrates it to the latest schema. WAL lets SSE readers run while a build
 * writes events; foreign keys make deleting a build delete its events.
 */
export interface OpenDatabaseOptions {
  /** Move a damaged database aside and start a new one, rebuilt from what it and the data dir still hold. */
  repair?: boolean;
  log?: { info(msg: string): void };
}

/**
 * Checks the file first and refuses to start over a damaged store, naming the
 * file and what to do; nothing is ever deleted. With `repair`, a damaged (or
 * emptied) file is moved aside and a new one is rebuilt.
 */
export function openDatabase(dataDir: string, opts: OpenDatabaseOptions = {}): Database.Database {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, DATABASE_FILE);
  const problem = checkDatabaseFile(file, dataDir);
  let salvageFrom: string | undefined;
  if (problem?.kind === 'read_only') {
    throw new AppError(
      'database_read_only',
      500,
      `The database ${file} is read-only, and the server must write to it. Make it writable (chmod u+w "${file}") ` +
        'or point LAGO_DATA_DIR at a writable copy. Nothing was changed.',
    );
  }
  if (problem !== undefined) {
    const what =
      problem.kind === 'emptied'
        ? `is empty (0 bytes) although the data dir holds ${problem.builds} build folder(s) and ${problem.uploads} upload(s): it was truncated`
        : `is damaged (${problem.detail})`;
    if (opts.repair !== true) {
      throw new AppError(
        'database_damaged',
        500,
        `The database ${file} ${what}. Nothing was changed or deleted. Restore it from a backup, or start the server ` +
          'with --repair (npm start -- --repair): it moves the file aside and rebuilds what it can from it and from the artifacts in the data dir.',
      );
    }
    salvageFrom = moveAside(file);
    opts.log?.info(`--repair: the database ${what}; moved it to ${salvageFrom}`);
  }
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    runMigrations(db);
    if (salvageFrom !== undefined) {
      const rows = salvageRows(db, salvageFrom);
      const uploads = recoverUploads(db, dataDir);
      opts.log?.info(
        `--repair: rebuilt ${file}: ${
          Object.entries(rows)
            .map(([t, n]) => `${n} ${t}`)
            .join(', ') || 'no rows'
        } saved from the old file, ${uploads} upload(s) re-listed from disk`,
      );
    }
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}
