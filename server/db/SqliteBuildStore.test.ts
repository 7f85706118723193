import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BuildRecord } from '../../shared/api/types.ts';
import { emptyDesign } from '../../shared/design/emptyDesign.ts';
import { openDatabase } from './openDatabase.ts';
import { queuedBuildsToResume, recoverInterrupted } from './recoverInterrupted.ts';
import { SqliteBuildStore } from './SqliteBuildStore.ts';

let dir: string;
let db: Database.Database;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lago-store-'));
  db = openDatabase(dir);
});
afterEach(() => {
  if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

const build = (id: string, createdAt: string, extra: Partial<BuildRecord> = {}): BuildRecord => ({
  id,
  status: 'queued',
  engine: 'builtin',
  createdAt,
  design: emptyDesign(),
  ...extra,
});

describe('SqliteBuildStore', () => {
  it('round-trips a record with result and error, and patches it', () => {
    const store = new SqliteBuildStore(db);
    store.create(build('a', '2026-01-01T00:00:00.000Z', { designId: 'd_1' }));
    store.update('a', { status: 'running', startedAt: '2026-01-01T00:00:01.000Z' });
    store.update('a', {
      status: 'failed',
      finishedAt: '2026-01-01T00:00:02.000Z',
      error: { code: 'build_failed', message: 'boom', step: 'stage' },
    });
    expect(store.get('a')).toEqual({
      ...build('a', '2026-01-01T00:00:00.000Z', { designId: 'd_1' }),
      status: 'failed',
      startedAt: '2026-01-01T00:00:01.000Z',
      finishedAt: '2026-01-01T00:00:02.000Z',
      error: { code: 'build_failed', message: 'boom', step: 'stage' },
    });
    expect(store.get('missing')).toBeUndefined();
    expect(() => store.update('missing', { status: 'failed' })).toThrow(/not found/);
  });

  it('lists newest first, by design, with a limit, and by status oldest first', () => {
    const store = new SqliteBuildStore(db);
    store.create(build('a', '2026-01-01T00:00:00.000Z', { designId: 'd1' }));
    store.create(build('b', '2026-01-02T00:00:00.000Z', { designId: 'd2', status: 'running' }));
    store.create(build('c', '2026-01-03T00:00:00.000Z', { designId: 'd1' }));
    store.create(build('d', '2026-01-03T00:00:00.000Z')); // same instant: insertion order breaks the tie
    expect(store.list().map((b) => b.id)).toEqual(['d', 'c', 'b', 'a']);
    expect(store.list({ designId: 'd1' }).map((b) => b.id)).toEqual(['c', 'a']);
    expect(store.list({ limit: 2 }).map((b) => b.id)).toEqual(['d', 'c']);
    expect(store.listByStatus('queued').map((b) => b.id)).toEqual(['a', 'c', 'd']);
  });

  it('numbers events from 1 per build, replays after an id, and continues numbering after a reopen', () => {
    let store = new SqliteBuildStore(db);
    store.create(build('a', '2026-01-01T00:00:00.000Z'));
    store.create(build('b', '2026-01-01T00:00:00.000Z'));
    expect(store.appendEvent('a', { type: 'status', data: { status: 'queued', position: 1 } }).id).toBe(1);
    expect(store.appendEvent('b', { type: 'status', data: { status: 'queued', position: 2 } }).id).toBe(1);
    expect(
      store.appendEvent('a', { type: 'log', data: { step: 's', stream: 'stdout', line: 'hello' } }),
    ).toEqual({
      type: 'log',
      data: { step: 's', stream: 'stdout', line: 'hello' },
      id: 2,
    });
    expect(store.events('a', 1)).toEqual([
      { type: 'log', data: { step: 's', stream: 'stdout', line: 'hello' }, id: 2 },
    ]);
    db.close();
    db = openDatabase(dir);
    store = new SqliteBuildStore(db);
    expect(store.appendEvent('a', { type: 'done', data: { status: 'succeeded' } }).id).toBe(3);
    expect(store.events('a').map((e) => e.type)).toEqual(['status', 'log', 'done']);
    expect(() => store.appendEvent('nope', { type: 'done', data: { status: 'failed' } })).toThrow();
  });

  it('deletes a build with its events', () => {
    const store = new SqliteBuildStore(db);
    store.create(build('a', '2026-01-01T00:00:00.000Z'));
    store.appendEvent('a', { type: 'status', data: { status: 'running' } });
    store.delete('a');
    expect(store.get('a')).toBeUndefined();
    expect(store.events('a')).toEqual([]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM build_events').get()).toEqual({ n: 0 });
  });
});

describe('recoverInterrupted', () => {
  it('fails running builds as interrupted, keeps their log, ends it with done, and returns queued builds in order', () => {
    let store = new SqliteBuildStore(db);
    store.create(build('q2', '2026-01-02T00:00:00.000Z'));
    store.create(
      build('r', '2026-01-01T00:00:00.000Z', { status: 'running', startedAt: '2026-01-01T00:00:01.000Z' }),
    );
    store.create(build('q1', '2026-01-01T12:00:00.000Z'));
    store.create(build('ok', '2026-01-01T00:00:00.000Z', { status: 'succeeded' }));
    store.appendEvent('r', { type: 'status', data: { status: 'running' } });
    store.appendEvent('r', { type: 'log', data: { step: 'zig', stream: 'stderr', line: 'compiling hello' } });
    // The server dies here; a new process opens the same data dir.
    db.close();
    db = openDatabase(dir);
    store = new SqliteBuildStore(db);

    const outcome = recoverInterrupted(store, new Date('2026-01-03T00:00:00.000Z'));
    expect(outcome.interrupted.map((b) => b.id)).toEqual(['r']);
    expect(outcome.queued.map((b) => b.id)).toEqual(['q1', 'q2']);
    expect(queuedBuildsToResume(store).map((b) => b.id)).toEqual(['q1', 'q2']);

    const r = store.get('r');
    expect(r).toMatchObject({
      status: 'failed',
      finishedAt: '2026-01-03T00:00:00.000Z',
      error: { code: 'interrupted' },
    });
    expect(r?.error?.message).toMatch(/server stopped/);
    const events = store.events('r');
    expect(events.slice(0, 2).map((e) => e.type)).toEqual(['status', 'log']);
    expect(events[1]).toMatchObject({ data: { line: 'compiling hello' } });
    expect(events.at(-1)).toMatchObject({
      type: 'done',
      data: { status: 'failed', error: { code: 'interrupted' } },
    });
    expect(store.get('ok')?.status).toBe('succeeded');
    expect(recoverInterrupted(store).interrupted).toEqual([]);
  });
});
