import { SCHEMA_VERSION } from './types.ts';
import { ValidationError } from './validationIssue.ts';

/** One step turns a document of version `n` into one of version `n + 1`. */
export type MigrationStep = (doc: Record<string, unknown>) => Record<string, unknown>;

/**
 * Steps keyed by the version they migrate FROM. Empty while the format is at
 * version 1; when version 2 arrives, add `1: (doc) => ({ ...doc, schemaVersion: 2, ... })`
 * and bump `SCHEMA_VERSION`.
 */
export const MIGRATIONS: Readonly<Record<number, MigrationStep>> = {};

/**
 * Brings a raw design document up to the current schema version. Anything that
 * is not an object with a numeric `schemaVersion` passes through untouched, so
 * the schema reports it with a path. A version newer than this app, or one with
 * no migration path, throws a {@link ValidationError} at `schemaVersion`.
 */
export function migrateDesign(raw: unknown): unknown {
  return migrateWith(raw, MIGRATIONS, SCHEMA_VERSION);
}

/** {@link migrateDesign} with an explicit step table; exported for tests. */
export function migrateWith(
  raw: unknown,
  steps: Readonly<Record<number, MigrationStep>>,
  current: number,
): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  let doc = raw as Record<string, unknown>;
  const initial = doc.schemaVersion;
  if (typeof initial !== 'number' || !Number.isInteger(initial) || initial < 1) return raw;
  let version: number = initial;
  if (version > current) {
    throw new ValidationError([
      {
        path: 'schemaVersion',
        code: 'unsupported-version',
        message: `design format version ${version} is newer than this app supports (${current}); update Lago Grey Designer`,
      },
    ]);
  }
  while (version < current) {
    const step: MigrationStep | undefined = steps[version];
    if (!step) {
      throw new ValidationError([
        {
          path: 'schemaVersion',
          code: 'unsupported-version',
          message: `no migration from design format version ${version}`,
        },
      ]);
    }
    doc = step(doc);
    const next = doc.schemaVersion;
    if (typeof next !== 'number' || next <= version) {
      throw new Error(`migration step from version ${version} must raise schemaVersion`);
    }
    version = next;
  }
  return doc;
}
