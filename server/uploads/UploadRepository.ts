import type Database from 'better-sqlite3';

export interface UploadRow {
  sha256: string;
  name: string;
  install_path: string;
  size_bytes: number;
  created_at: string;
  updated_at: string;
}

/** Metadata of uploaded binaries; the bytes are files named by their SHA-256. */
export class UploadRepository {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  /**
   * The same bytes uploaded again keep their id, name and install path:
   * content and name are separate things, and saved designs rely on the
   * path. Returns whether the content was new.
   */
  upsert(row: {
    sha256: string;
    name: string;
    installPath: string;
    sizeBytes: number;
    now: string;
  }): boolean {
    return this.#db.transaction(() => {
      const existed = this.get(row.sha256) !== undefined;
      this.#db
        .prepare(
          `INSERT INTO uploads (sha256, name, install_path, size_bytes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (sha256) DO NOTHING`,
        )
        .run(row.sha256, row.name, row.installPath, row.sizeBytes, row.now, row.now);
      return !existed;
    })();
  }

  get(sha256: string): UploadRow | undefined {
    return this.#db.prepare<[string], UploadRow>('SELECT * FROM uploads WHERE sha256 = ?').get(sha256);
  }

  /** Newest first. */
  list(): UploadRow[] {
    return this.#db.prepare<[], UploadRow>('SELECT * FROM uploads ORDER BY created_at DESC, sha256').all();
  }
}
