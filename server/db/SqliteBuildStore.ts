import type Database from 'better-sqlite3';
import type {
  BuildEvent,
  BuildRecord,
  BuildStatus,
  EngineName,
  StoredBuildEvent,
} from '../../shared/api/types.ts';
import type { BuildListQuery, BuildStore } from '../builds/BuildStore.ts';

interface BuildRow {
  id: string;
  status: BuildStatus;
  engine: EngineName;
  design_id: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  design_json: string;
  result_json: string | null;
  error_json: string | null;
  smoke_test: number | null;
  rebuild_of: string | null;
}

interface EventRow {
  id: number;
  type: BuildEvent['type'];
  data: string;
}

const COLUMNS =
  'id, status, engine, design_id, created_at, started_at, finished_at, design_json, result_json, error_json, smoke_test, rebuild_of';

function toRecord(row: BuildRow): BuildRecord {
  const record: BuildRecord = {
    id: row.id,
    status: row.status,
    engine: row.engine,
    createdAt: row.created_at,
    design: JSON.parse(row.design_json) as BuildRecord['design'],
  };
  if (row.started_at !== null) record.startedAt = row.started_at;
  if (row.finished_at !== null) record.finishedAt = row.finished_at;
  if (row.design_id !== null) record.designId = row.design_id;
  if (row.smoke_test !== null) record.smokeTest = row.smoke_test === 1;
  if (row.rebuild_of !== null) record.rebuildOf = row.rebuild_of;
  if (row.result_json !== null)
    record.result = JSON.parse(row.result_json) as NonNullable<BuildRecord['result']>;
  if (row.error_json !== null) record.error = JSON.parse(row.error_json) as NonNullable<BuildRecord['error']>;
  return record;
}

function toParams(r: BuildRecord): Record<string, string | number | null> {
  return {
    id: r.id,
    status: r.status,
    engine: r.engine,
    design_id: r.designId ?? null,
    created_at: r.createdAt,
    started_at: r.startedAt ?? null,
    finished_at: r.finishedAt ?? null,
    design_json: JSON.stringify(r.design),
    result_json: r.result === undefined ? null : JSON.stringify(r.result),
    error_json: r.error === undefined ? null : JSON.stringify(r.error),
    smoke_test: r.smokeTest === undefined ? null : r.smokeTest ? 1 : 0,
    rebuild_of: r.rebuildOf ?? null,
  };
}

/**
 * {@link BuildStore} on SQLite: one row per build, one row per SSE event
 * (ids count from 1 per build). Statements are prepared once; every write is
 * synchronous, so an event is durable before it is sent to viewers.
 */
export class SqliteBuildStore implements BuildStore {
  readonly #db: Database.Database;
  readonly #stmt;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#stmt = {
      insert: db.prepare(
        `INSERT INTO builds (${COLUMNS}) VALUES (@id, @status, @engine, @design_id, @created_at, @started_at, @finished_at, @design_json, @result_json, @error_json, @smoke_test, @rebuild_of)`,
      ),
      get: db.prepare<[string], BuildRow>(`SELECT ${COLUMNS} FROM builds WHERE id = ?`),
      update: db.prepare(
        `UPDATE builds SET status = @status, engine = @engine, design_id = @design_id, created_at = @created_at,
           started_at = @started_at, finished_at = @finished_at, design_json = @design_json,
           result_json = @result_json, error_json = @error_json, smoke_test = @smoke_test,
           rebuild_of = @rebuild_of WHERE id = @id`,
      ),
      list: db.prepare<[number], BuildRow>(
        `SELECT ${COLUMNS} FROM builds ORDER BY created_at DESC, seq DESC LIMIT ?`,
      ),
      listByDesign: db.prepare<[string, number], BuildRow>(
        `SELECT ${COLUMNS} FROM builds WHERE design_id = ? ORDER BY created_at DESC, seq DESC LIMIT ?`,
      ),
      listByStatus: db.prepare<[string], BuildRow>(
        `SELECT ${COLUMNS} FROM builds WHERE status = ? ORDER BY created_at ASC, seq ASC`,
      ),
      // One statement, so the next id is read and used atomically.
      appendEvent: db.prepare<[string, string, string, string], { id: number }>(
        `INSERT INTO build_events (build_id, id, type, data)
         SELECT ?, COALESCE(MAX(id), 0) + 1, ?, ? FROM build_events WHERE build_id = ? RETURNING id`,
      ),
      events: db.prepare<[string, number], EventRow>(
        'SELECT id, type, data FROM build_events WHERE build_id = ? AND id > ? ORDER BY id',
      ),
      delete: db.prepare('DELETE FROM builds WHERE id = ?'),
    };
  }

  create(record: BuildRecord): void {
    this.#stmt.insert.run(toParams(record));
  }

  get(id: string): BuildRecord | undefined {
    const row = this.#stmt.get.get(id);
    return row === undefined ? undefined : toRecord(row);
  }

  update(id: string, patch: Partial<Omit<BuildRecord, 'id'>>): void {
    this.#db.transaction(() => {
      const current = this.get(id);
      if (current === undefined) throw new Error(`build ${id} not found`);
      this.#stmt.update.run(toParams({ ...current, ...patch, id }));
    })();
  }

  /** Newest first; all builds unless `limit` is given. */
  list(query: BuildListQuery = {}): BuildRecord[] {
    const limit = query.limit !== undefined && query.limit > 0 ? Math.trunc(query.limit) : -1;
    const rows =
      query.designId !== undefined
        ? this.#stmt.listByDesign.all(query.designId, limit)
        : this.#stmt.list.all(limit);
    return rows.map(toRecord);
  }

  /** Oldest first, which is queue order for `queued`. */
  listByStatus(status: BuildStatus): BuildRecord[] {
    return this.#stmt.listByStatus.all(status).map(toRecord);
  }

  appendEvent(buildId: string, event: BuildEvent): StoredBuildEvent {
    // MAX(id) is one primary-key seek; computing it inside the INSERT keeps ids
    // gapless and correct even with several stores on one database.
    const row = this.#stmt.appendEvent.get(buildId, event.type, JSON.stringify(event.data), buildId);
    if (row === undefined) throw new Error(`event for build ${buildId} was not stored`);
    const id = row.id;
    return { ...event, id } as StoredBuildEvent;
  }

  events(buildId: string, afterId = 0): StoredBuildEvent[] {
    return this.#stmt.events
      .all(buildId, afterId)
      .map(
        (row) => ({ type: row.type, data: JSON.parse(row.data) as unknown, id: row.id }) as StoredBuildEvent,
      );
  }

  delete(id: string): void {
    this.#stmt.delete.run(id);
  }
}
