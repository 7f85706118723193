import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BuildStatus } from '../../shared/api/types.ts';
import { emptyDesign } from '../../shared/design/emptyDesign.ts';
import { openDatabase } from '../db/openDatabase.ts';
import { SqliteBuildStore } from '../db/SqliteBuildStore.ts';
import { applyRetention, retentionLimitsFromEnv } from './applyRetention.ts';

let dataDir: string;
let db: Database.Database;
let store: SqliteBuildStore;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'lago-ret-'));
  db = openDatabase(dataDir);
  store = new SqliteBuildStore(db);
});
afterEach(() => {
  db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A build whose artifact dir holds `bytes` bytes; `day` orders them (1 = oldest). */
function addBuild(id: string, day: number, status: BuildStatus, bytes: number): void {
  store.create({
    id,
    status,
    engine: 'builtin',
    createdAt: `2026-01-${String(day).padStart(2, '0')}T00:00:00.000Z`,
    design: emptyDesign(),
  });
  mkdirSync(join(dataDir, 'builds', id, 'context'), { recursive: true });
  writeFileSync(join(dataDir, 'builds', id, 'image.oci.tar'), Buffer.alloc(bytes));
}

const ids = (): string[] =>
  store
    .list()
    .map((b) => b.id)
    .sort();

describe('applyRetention', () => {
  it('deletes the oldest finished builds first to respect the count', async () => {
    addBuild('b1', 1, 'succeeded', 10);
    addBuild('b2', 2, 'failed', 10);
    addBuild('b3', 3, 'cancelled', 10);
    addBuild('b4', 4, 'succeeded', 10);
    store.appendEvent('b1', { type: 'done', data: { status: 'succeeded' } });
    const out = await applyRetention({ store, dataDir, maxBuilds: 2, maxBytes: 1e9 });
    expect(out).toEqual({ deleted: ['b1', 'b2'], freedBytes: 20, keptBuilds: 2, keptBytes: 20 });
    expect(ids()).toEqual(['b3', 'b4']);
    expect(existsSync(join(dataDir, 'builds', 'b1'))).toBe(false);
    expect(store.events('b1')).toEqual([]);
  });

  it('deletes by bytes, and never touches a running or queued build, even when they alone exceed the limits', async () => {
    addBuild('old-running', 1, 'running', 500);
    addBuild('old-queued', 2, 'queued', 0);
    addBuild('done1', 3, 'succeeded', 300);
    addBuild('done2', 4, 'succeeded', 300);
    const out = await applyRetention({ store, dataDir, maxBuilds: 1, maxBytes: 600 });
    expect(out.deleted).toEqual(['done1', 'done2']);
    expect(ids()).toEqual(['old-queued', 'old-running']);
    expect(readFileSync(join(dataDir, 'builds', 'old-running', 'image.oci.tar')).length).toBe(500);
    expect(existsSync(join(dataDir, 'builds', 'old-queued', 'context'))).toBe(true);
  });

  it('stops as soon as both limits hold', async () => {
    addBuild('a', 1, 'succeeded', 400);
    addBuild('b', 2, 'succeeded', 400);
    addBuild('c', 3, 'succeeded', 400);
    expect((await applyRetention({ store, dataDir, maxBuilds: 50, maxBytes: 800 })).deleted).toEqual(['a']);
    expect((await applyRetention({ store, dataDir, maxBuilds: 50, maxBytes: 800 })).deleted).toEqual([]);
  });

  it('removes a symlinked artifact dir without touching its target', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'lago-ret-outside-'));
    try {
      writeFileSync(join(outside, 'precious'), 'x'.repeat(1000));
      store.create({
        id: 'evil',
        status: 'succeeded',
        engine: 'builtin',
        createdAt: '2026-01-01T00:00:00.000Z',
        design: emptyDesign(),
      });
      mkdirSync(join(dataDir, 'builds'), { recursive: true });
      symlinkSync(outside, join(dataDir, 'builds', 'evil'));
      addBuild('keep', 2, 'succeeded', 10);
      const out = await applyRetention({ store, dataDir, maxBuilds: 1, maxBytes: 1e9 });
      expect(out.deleted).toEqual(['evil']);
      expect(out.freedBytes).toBe(0); // a symlink's target is never counted
      expect(readFileSync(join(outside, 'precious'), 'utf8')).toHaveLength(1000);
      expect(existsSync(join(dataDir, 'builds', 'evil'))).toBe(false);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('reads LAGO_MAX_BUILDS and LAGO_MAX_BUILD_BYTES with defaults', () => {
    expect(retentionLimitsFromEnv({})).toEqual({ maxBuilds: 50, maxBytes: 5_000_000_000 });
    expect(retentionLimitsFromEnv({ LAGO_MAX_BUILDS: '3', LAGO_MAX_BUILD_BYTES: '1000' })).toEqual({
      maxBuilds: 3,
      maxBytes: 1000,
    });
    expect(retentionLimitsFromEnv({ LAGO_MAX_BUILDS: 'lots', LAGO_MAX_BUILD_BYTES: '-1' })).toEqual({
      maxBuilds: 50,
      maxBytes: 5_000_000_000,
    });
  });
});
