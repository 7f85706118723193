import type Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations/index.ts';

export interface MigrationOutcome {
  from: number;
  to: number;
  applied: string[];
}

/**
 * Brings the schema to `target` (default: the latest). Each migration runs in
 * its own transaction together with its `schema_migrations` row and the
 * `user_version` bump, so a crash leaves the database at a whole version.
 * A database newer than this code is refused rather than guessed at.
 */
export function runMigrations(
  db: Database.Database,
  migrations: readonly Migration[] = MIGRATIONS,
  target: number = migrations.at(-1)?.version ?? 0,
): MigrationOutcome {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const from = currentSchemaVersion(db);
  const latest = migrations.at(-1)?.version ?? 0;
  if (from > latest) {
    throw new Error(
      `database schema version ${from} is newer than this server knows (${latest}); upgrade the server or use another LAGO_DATA_DIR`,
    );
  }
  const applied: string[] = [];
  for (const m of migrations) {
    if (m.version <= from || m.version > target) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.name,
        new Date().toISOString(),
      );
      // user_version cannot be bound as a parameter; version is an integer from our own code.
      db.pragma(`user_version = ${Math.trunc(m.version)}`);
    })();
    applied.push(`${m.version}:${m.name}`);
  }
  return { from, to: currentSchemaVersion(db), applied };
}

export function currentSchemaVersion(db: Database.Database): number {
  return Number(db.pragma('user_version', { simple: true }));
}
