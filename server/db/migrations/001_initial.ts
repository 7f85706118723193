import type { Migration } from './types.ts';

/**
 * Builds with their event log, and saved designs. JSON columns hold the parts
 * of a record nobody queries by (design, result, error); everything the API
 * filters or sorts on is a real column.
 */
export const migration001: Migration = {
  version: 1,
  name: 'initial',
  sql: `
    CREATE TABLE builds (
      seq          INTEGER PRIMARY KEY AUTOINCREMENT,
      id           TEXT NOT NULL UNIQUE,
      status       TEXT NOT NULL CHECK (status IN ('queued','running','succeeded','failed','cancelled')),
      engine       TEXT NOT NULL,
      design_id    TEXT,
      created_at   TEXT NOT NULL,
      started_at   TEXT,
      finished_at  TEXT,
      design_json  TEXT NOT NULL,
      result_json  TEXT,
      error_json   TEXT
    );
    CREATE INDEX builds_status ON builds (status, created_at);

    CREATE TABLE build_events (
      build_id  TEXT NOT NULL REFERENCES builds (id) ON DELETE CASCADE,
      id        INTEGER NOT NULL,
      type      TEXT NOT NULL,
      data      TEXT NOT NULL,
      PRIMARY KEY (build_id, id)
    ) WITHOUT ROWID;

    CREATE TABLE designs (
      id           TEXT PRIMARY KEY,
      name         TEXT NOT NULL,
      revision     INTEGER NOT NULL,
      design_json  TEXT NOT NULL,
      total_bytes  INTEGER NOT NULL,
      created_at   TEXT NOT NULL,
      updated_at   TEXT NOT NULL,
      deleted_at   TEXT
    );
  `,
};
