import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyDesign } from '../../shared/design/emptyDesign.ts';
import { openDatabase } from '../db/openDatabase.ts';
import { SqliteBuildStore } from '../db/SqliteBuildStore.ts';
import { withRetention } from './withRetention.ts';

let dataDir: string;
let db: Database.Database;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'lago-withret-'));
  db = openDatabase(dataDir);
});
afterEach(() => {
  db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('withRetention', () => {
  it('prunes the oldest finished build when another one finishes, leaving running ones alone', async () => {
    const store = withRetention(new SqliteBuildStore(db), {
      dataDir,
      maxBuilds: 2,
      maxBytes: 1e12,
      onError: (e) => {
        throw e;
      },
    });
    for (const [i, id] of ['a', 'b', 'c'].entries()) {
      store.create({
        id,
        status: 'running',
        engine: 'builtin',
        createdAt: `2026-01-0${i + 1}T00:00:00.000Z`,
        design: emptyDesign(),
      });
      mkdirSync(join(dataDir, 'builds', id), { recursive: true });
      writeFileSync(join(dataDir, 'builds', id, 'image.oci.tar'), 'x');
    }
    store.update('b', { status: 'succeeded' });
    await store.idle();
    // Three builds but only b is finished: b goes, a and c (running) stay.
    expect(store.list().map((r) => r.id)).toEqual(['c', 'a']);
    expect(existsSync(join(dataDir, 'builds', 'b'))).toBe(false);
    store.update('c', { status: 'running', startedAt: '2026-01-03T00:00:01.000Z' }); // not a finish: no pass
    store.update('a', { status: 'failed' });
    await store.idle();
    expect(store.list().map((r) => r.id)).toEqual(['c', 'a']);
    expect((await store.runRetention()).deleted).toEqual([]);
  });
});
