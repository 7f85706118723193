import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrateDesign, migrateWith, type MigrationStep } from './migrateDesign.ts';
import { TEMPLATES } from './templates.ts';
import { ValidationError } from './validationIssue.ts';

describe('migrateDesign', () => {
  it('passes a version 1 design through unchanged (same object)', () => {
    const d = TEMPLATES[0]!.design;
    expect(migrateDesign(d)).toBe(d);
    expect(Object.keys(MIGRATIONS)).toEqual([]);
  });

  it('leaves non-designs to the schema', () => {
    for (const raw of [
      null,
      42,
      'x',
      [],
      {},
      { schemaVersion: '1' },
      { schemaVersion: 0 },
      { schemaVersion: 1.5 },
    ]) {
      expect(migrateDesign(raw)).toBe(raw);
    }
  });

  it('throws a clear issue for a version from the future', () => {
    try {
      migrateDesign({ schemaVersion: 2 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).issues[0]).toMatchObject({
        path: 'schemaVersion',
        code: 'unsupported-version',
      });
    }
  });

  it('runs a chain of steps up to the current version (as v2 and v3 will)', () => {
    const steps: Record<number, MigrationStep> = {
      1: ({ layers, ...rest }) => ({ ...rest, schemaVersion: 2, stack: layers }),
      2: (doc) => ({ ...doc, schemaVersion: 3, migrated: true }),
    };
    expect(migrateWith({ schemaVersion: 1, layers: ['a'] }, steps, 3)).toEqual({
      schemaVersion: 3,
      stack: ['a'],
      migrated: true,
    });
    expect(migrateWith({ schemaVersion: 2, stack: [] }, steps, 3)).toEqual({
      schemaVersion: 3,
      stack: [],
      migrated: true,
    });
  });

  it('reports a missing step and refuses a step that does not raise the version', () => {
    expect(() => migrateWith({ schemaVersion: 1 }, {}, 2)).toThrow(
      /no migration from design format version 1/,
    );
    expect(() => migrateWith({ schemaVersion: 1 }, { 1: (d) => d }, 2)).toThrow(/must raise schemaVersion/);
  });
});
