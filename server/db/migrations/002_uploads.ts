import type { Migration } from './types.ts';

/**
 * Uploaded binaries (the bytes live in `uploads/sha256/<hex>`; this is their
 * metadata), plus the index the build history needs (`?design=<id>`, newest first).
 */
export const migration002: Migration = {
  version: 2,
  name: 'uploads and build history index',
  sql: `
    CREATE TABLE uploads (
      sha256        TEXT PRIMARY KEY CHECK (length(sha256) = 64),
      name          TEXT NOT NULL,
      install_path  TEXT NOT NULL,
      size_bytes    INTEGER NOT NULL CHECK (size_bytes > 0),
      created_at    TEXT NOT NULL,
      updated_at    TEXT NOT NULL
    );
    CREATE INDEX builds_design ON builds (design_id, created_at);
    CREATE INDEX designs_live ON designs (deleted_at, updated_at);
  `,
};
