/**
 * `--repair`: moves a damaged database (and its -wal/-shm) aside, never
 * deleting it, then fills a new one with what can be saved: every row the
 * old file still yields, table by table, and every uploaded binary found in
 * `uploads/sha256/` (as "recovered-<hash>"). Build folders stay on disk.
 */
import { existsSync, readdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { UploadRepository } from '../uploads/UploadRepository.ts';

export interface RepairOutcome {
  movedTo: string;
  rows: Record<string, number>;
  uploadsFromDisk: number;
}

const TABLES = ['designs', 'builds', 'build_events', 'uploads'] as const;

export function moveAside(file: string, now = new Date()): string {
  const movedTo = `${file}.damaged-${now.toISOString().replace(/[:.]/g, '-')}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, movedTo + suffix);
  }
  return movedTo;
}

/** Copies what the damaged file at `from` still yields into the migrated `db`. */
export function salvageRows(db: Database.Database, from: string): Record<string, number> {
  const rows: Record<string, number> = {};
  let old: Database.Database | undefined;
  try {
    old = new Database(from, { readonly: true, fileMustExist: true });
  } catch {
    return rows;
  }
  try {
    for (const table of TABLES) {
      rows[table] = 0;
      const cols = (db.pragma(`table_info(${table})`) as Array<{ name: string }>).map((c) => c.name);
      const insert = db.prepare(
        `INSERT OR IGNORE INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
      );
      try {
        for (const row of old.prepare(`SELECT ${cols.join(', ')} FROM ${table}`).iterate() as Iterable<
          Record<string, unknown>
        >) {
          try {
            insert.run(...cols.map((c) => row[c]));
            rows[table] = (rows[table] ?? 0) + 1;
          } catch {
            // A row that breaks a constraint (e.g. events of a lost build) is skipped.
          }
        }
      } catch {
        // The rest of this table is unreadable; keep what was copied.
      }
    }
  } finally {
    old.close();
  }
  return rows;
}

/** Lists uploaded binaries on disk that the database no longer knows. */
export function recoverUploads(db: Database.Database, dataDir: string, now = new Date()): number {
  const dir = join(dataDir, 'uploads', 'sha256');
  if (!existsSync(dir)) return 0;
  const repo = new UploadRepository(db);
  let n = 0;
  for (const sha256 of readdirSync(dir)) {
    if (!/^[0-9a-f]{64}$/.test(sha256) || repo.get(sha256) !== undefined) continue;
    const size = statSync(join(dir, sha256)).size;
    if (size === 0) continue;
    const name = `recovered-${sha256.slice(0, 12)}`;
    repo.upsert({
      sha256,
      name,
      installPath: `/usr/local/bin/${name}`,
      sizeBytes: size,
      now: now.toISOString(),
    });
    n++;
  }
  return n;
}
