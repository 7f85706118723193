import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from './migrations/index.ts';
import { DATABASE_FILE, openDatabase } from './openDatabase.ts';
import { currentSchemaVersion, runMigrations } from './runMigrations.ts';

const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'lago-mig-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const tables = (db: Database.Database): string[] =>
  db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type IN ('table','index') AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all()
    .map((r) => r.name);

describe('runMigrations', () => {
  it('creates the latest schema in an empty database, in WAL mode with foreign keys on', () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    expect(currentSchemaVersion(db)).toBe(MIGRATIONS.at(-1)?.version);
    expect(tables(db)).toEqual(
      expect.arrayContaining([
        'builds',
        'build_events',
        'designs',
        'uploads',
        'schema_migrations',
        'builds_design',
      ]),
    );
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const applied = db
      .prepare<[], { version: number }>('SELECT version FROM schema_migrations ORDER BY version')
      .all();
    expect(applied.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    db.close();
  });

  it('upgrades a version-1 database with data in it, keeping the data', () => {
    const dir = tempDir();
    const v1 = new Database(join(dir, DATABASE_FILE));
    expect(runMigrations(v1, MIGRATIONS, 1)).toMatchObject({ from: 0, to: 1 });
    expect(tables(v1)).not.toContain('uploads');
    v1.prepare(
      `INSERT INTO builds (id, status, engine, design_id, created_at, design_json) VALUES ('b1', 'succeeded', 'builtin', 'd1', '2026-01-01T00:00:00.000Z', '{}')`,
    ).run();
    v1.prepare(
      `INSERT INTO build_events (build_id, id, type, data) VALUES ('b1', 1, 'log', '{"line":"x"}')`,
    ).run();
    v1.prepare(
      `INSERT INTO designs (id, name, revision, design_json, total_bytes, created_at, updated_at) VALUES ('d1', 'x', 3, '{}', 10, 't', 't')`,
    ).run();
    v1.close();

    const db = openDatabase(dir);
    expect(currentSchemaVersion(db)).toBe(MIGRATIONS.at(-1)?.version);
    expect(tables(db)).toEqual(expect.arrayContaining(['uploads', 'builds_design', 'designs_live']));
    expect(db.prepare('SELECT revision FROM designs WHERE id = ?').get('d1')).toEqual({ revision: 3 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM build_events').get()).toEqual({ n: 1 });
    db.prepare(
      `INSERT INTO uploads (sha256, name, install_path, size_bytes, created_at, updated_at) VALUES (?, 'a', '/usr/local/bin/a', 1, 't', 't')`,
    ).run('a'.repeat(64));
    db.close();
  });

  it('is a no-op when reopened at the latest version', () => {
    const dir = tempDir();
    openDatabase(dir).close();
    const db = new Database(join(dir, DATABASE_FILE));
    const latest = MIGRATIONS.at(-1)?.version;
    expect(runMigrations(db)).toEqual({ from: latest, to: latest, applied: [] });
    db.close();
  });

  it('refuses a database newer than the code', () => {
    const dir = tempDir();
    const db = new Database(join(dir, DATABASE_FILE));
    db.pragma('user_version = 99');
    db.close();
    expect(() => openDatabase(dir)).toThrow(/newer than this server/);
  });

  it('rolls a failing migration back whole', () => {
    const db = new Database(':memory:');
    const broken = [
      ...MIGRATIONS,
      { version: 99, name: 'broken', sql: 'CREATE TABLE t3 (x); SELECT * FROM nope;' },
    ];
    expect(() => runMigrations(db, broken)).toThrow();
    expect(currentSchemaVersion(db)).toBe(MIGRATIONS.at(-1)?.version);
    expect(tables(db)).not.toContain('t3');
    db.close();
  });
});
