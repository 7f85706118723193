/**
 * What is wrong with the database file before and as it is opened: read-only,
 * emptied while artifacts exist, not a database, or damaged pages
 * (`PRAGMA quick_check`). Nothing here changes or deletes anything.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** How many build folders and uploaded binaries the data dir holds. */
export function artifactCounts(dataDir: string): { builds: number; uploads: number } {
  const count = (dir: string): number => {
    try {
      return readdirSync(dir).length;
    } catch {
      return 0;
    }
  };
  return { builds: count(join(dataDir, 'builds')), uploads: count(join(dataDir, 'uploads', 'sha256')) };
}

export type FileProblem =
  | { kind: 'read_only' }
  | { kind: 'emptied'; builds: number; uploads: number }
  | { kind: 'damaged'; detail: string };

/** A problem of the file at `file`, or undefined when it is absent or sound. */
export function checkDatabaseFile(file: string, dataDir: string): FileProblem | undefined {
  if (!existsSync(file)) return undefined;
  const st = statSync(file);
  // Mode bits, not access(): root may write anyway, but the operator meant "do not touch".
  if ((st.mode & 0o200) === 0) return { kind: 'read_only' };
  if (st.size === 0) {
    const c = artifactCounts(dataDir);
    return c.builds + c.uploads > 0 ? { kind: 'emptied', ...c } : undefined;
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const rows = db.pragma('quick_check(5)') as Array<{ quick_check: string }>;
    const bad = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
    return bad.length === 0 ? undefined : { kind: 'damaged', detail: bad.join('; ').slice(0, 300) };
  } catch (e) {
    return { kind: 'damaged', detail: e instanceof Error ? e.message : String(e) };
  } finally {
    db?.close();
  }
}
