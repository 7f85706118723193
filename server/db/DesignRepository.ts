import type Database from 'better-sqlite3';

export interface DesignRow {
  id: string;
  name: string;
  revision: number;
  design_json: string;
  total_bytes: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface DesignListRow {
  id: string;
  name: string;
  revision: number;
  total_bytes: number;
  updated_at: string;
  deleted_at: string | null;
}

export interface NewDesignRow {
  id: string;
  name: string;
  designJson: string;
  totalBytes: number;
  now: string;
}

/** Escapes `%`, `_` and `\` for a LIKE pattern with `ESCAPE '\'`. */
const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * SQL for saved designs, and nothing else: revisions and soft deletes are
 * enforced in the WHERE clauses so that two concurrent writers cannot both win.
 */
export class DesignRepository {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  insert(row: NewDesignRow): void {
    this.#db
      .prepare(
        `INSERT INTO designs (id, name, revision, design_json, total_bytes, created_at, updated_at, deleted_at)
         VALUES (?, ?, 1, ?, ?, ?, ?, NULL)`,
      )
      .run(row.id, row.name, row.designJson, row.totalBytes, row.now, row.now);
  }

  /** Deleted rows included; callers decide what a deleted design means. */
  get(id: string): DesignRow | undefined {
    return this.#db.prepare<[string], DesignRow>('SELECT * FROM designs WHERE id = ?').get(id);
  }

  /** Live designs (or only deleted ones), most recently updated first, optionally filtered by name. */
  list(opts: { search?: string; deleted?: boolean } = {}): DesignListRow[] {
    const where = [opts.deleted === true ? 'deleted_at IS NOT NULL' : 'deleted_at IS NULL'];
    const params: string[] = [];
    if (opts.search !== undefined && opts.search.length > 0) {
      where.push(`name LIKE ? ESCAPE '\\'`);
      params.push(`%${likeEscape(opts.search)}%`);
    }
    return this.#db
      .prepare<string[], DesignListRow>(
        `SELECT id, name, revision, total_bytes, updated_at, deleted_at FROM designs
         WHERE ${where.join(' AND ')} ORDER BY updated_at DESC, id`,
      )
      .all(...params);
  }

  /**
   * Writes a new revision if the live design is still at `expectedRevision`
   * (`undefined`: at any revision). Returns the new revision, or undefined when
   * nothing matched (missing, deleted or stale).
   */
  updateIfRevision(
    id: string,
    expectedRevision: number | undefined,
    row: Omit<NewDesignRow, 'id'>,
  ): number | undefined {
    const info = this.#db
      .prepare(
        `UPDATE designs SET name = ?, design_json = ?, total_bytes = ?, updated_at = ?, revision = revision + 1
         WHERE id = ? AND deleted_at IS NULL AND (? IS NULL OR revision = ?)`,
      )
      .run(
        row.name,
        row.designJson,
        row.totalBytes,
        row.now,
        id,
        expectedRevision ?? null,
        expectedRevision ?? null,
      );
    if (info.changes === 0) return undefined;
    return this.get(id)?.revision;
  }

  softDelete(id: string, now: string): boolean {
    return (
      this.#db.prepare('UPDATE designs SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL').run(now, id)
        .changes > 0
    );
  }

  /** Un-deletes a design deleted at or after `notBefore`. */
  restore(id: string, notBefore: string): boolean {
    return (
      this.#db
        .prepare(
          'UPDATE designs SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL AND deleted_at >= ?',
        )
        .run(id, notBefore).changes > 0
    );
  }

  /** Hard-deletes designs soft-deleted before `cutoff`; returns how many. */
  purgeDeletedBefore(cutoff: string): number {
    return this.#db.prepare('DELETE FROM designs WHERE deleted_at IS NOT NULL AND deleted_at < ?').run(cutoff)
      .changes;
  }
}
