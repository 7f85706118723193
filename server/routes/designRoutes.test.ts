import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import express from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeBudget } from '../../shared/budget/computeBudget.ts';
import { staticCatalogItems } from '../../shared/catalog/staticCatalogItems.ts';
import { TEMPLATES } from '../../shared/design/templates.ts';
import type { Design } from '../../shared/design/types.ts';
import { validateDesign } from '../../shared/design/validateDesign.ts';
import { openDatabase } from '../db/openDatabase.ts';
import { errorMiddleware } from '../errors/errorMiddleware.ts';
import { createDesignUseCases } from '../usecases/designUseCases.ts';
import { createDesignRouter } from './designRoutes.ts';

const seed = (): Design =>
  structuredClone((TEMPLATES.find((t) => t.id === 'seed-minimal') ?? TEMPLATES[0])!.design);

let dataDir: string;
let db: Database.Database;
let server: Server | undefined;
let base: string;
let clock: Date;

async function start(): Promise<void> {
  if (server) await new Promise((ok) => server?.close(ok));
  const app = express();
  app.use(
    '/api/designs',
    createDesignRouter(createDesignUseCases({ db, validate: validateDesign, now: () => clock })),
  );
  app.use(errorMiddleware(() => undefined));
  await new Promise<void>((ok) => {
    server = app.listen(0, '127.0.0.1', () => ok());
  });
  base = `http://127.0.0.1:${(server?.address() as AddressInfo).port}/api/designs`;
}

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'lago-designs-'));
  db = openDatabase(dataDir);
  clock = new Date('2026-03-01T10:00:00.000Z');
  await start();
});
afterEach(async () => {
  await new Promise((ok) => server?.close(ok));
  server = undefined;
  db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const json = (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });

async function create(design: Design = seed()): Promise<{ id: string; revision: number }> {
  const res = await json('POST', base, design);
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; revision: number };
}

describe('/api/designs', () => {
  it('creates, lists with total bytes, and reads a design with its revision as ETag', async () => {
    const { id, revision } = await create();
    expect(revision).toBe(1);
    const list = (await (await fetch(base)).json()) as { designs: unknown[] };
    expect(list.designs).toEqual([
      {
        id,
        name: seed().name,
        revision: 1,
        updatedAt: clock.toISOString(),
        totalBytes: computeBudget(seed(), staticCatalogItems()).totalBytes,
      },
    ]);
    expect(computeBudget(seed(), staticCatalogItems()).totalBytes).toBeGreaterThan(0);
    const res = await fetch(`${base}/${id}`);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(await res.json()).toEqual({ id, revision: 1, updatedAt: clock.toISOString(), design: seed() });
  });

  it('rejects an invalid design with 400 and the path of the problem', async () => {
    const bad = seed();
    bad.layers[0]!.components.unshift('libfoo');
    const res = await json('POST', base, bad);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; path: string; message: string } };
    expect(body.error).toMatchObject({ code: 'invalid_design', path: 'layers[0].components[0]' });
    expect(body.error.message).toMatch(/libfoo/);
    expect((await json('POST', base, '{"not json')).status).toBe(400);
    expect((await json('POST', base, { ...seed(), name: 'x'.repeat(2_000_000) })).status).toBe(413);
  });

  it('updates only with a current If-Match, and answers a stale one with 409 and both revisions', async () => {
    const { id } = await create();
    const tabA = { ...seed(), tag: 'tab-a' };
    const tabB = { ...seed(), tag: 'tab-b' };

    const missing = await json('PUT', `${base}/${id}`, tabA);
    expect(missing.status).toBe(428);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('precondition_required');

    const a = await json('PUT', `${base}/${id}`, tabA, { 'If-Match': '"1"' });
    expect(a.status).toBe(200);
    expect(a.headers.get('etag')).toBe('"2"');
    expect(await a.json()).toMatchObject({ id, revision: 2 });

    const b = await json('PUT', `${base}/${id}`, tabB, { 'If-Match': '"1"' });
    expect(b.status).toBe(409);
    expect(await b.json()).toEqual({
      error: {
        code: 'revision_conflict',
        message: expect.stringMatching(/revision 2.*revision 1/) as unknown,
      },
      current: { revision: 2, updatedAt: clock.toISOString(), design: tabA },
      yours: { revision: 1 },
    });
    expect(((await (await fetch(`${base}/${id}`)).json()) as { design: Design }).design.tag).toBe('tab-a');

    expect((await json('PUT', `${base}/${id}`, tabB, { 'If-Match': 'W/"2"' })).status).toBe(200);
    expect((await json('PUT', `${base}/${id}`, tabB, { 'If-Match': 'yesterday' })).status).toBe(400);
    expect((await json('PUT', `${base}/${id}`, { nope: 1 }, { 'If-Match': '"3"' })).status).toBe(400);
    expect((await json('PUT', `${base}/d_0000000000000000`, tabB, { 'If-Match': '"1"' })).status).toBe(404);
  });

  it('searches by name', async () => {
    await create({ ...seed(), name: 'alpha-api' });
    await create({ ...seed(), name: 'beta_worker' });
    const names = async (q: string) =>
      (
        (await (await fetch(`${base}?q=${encodeURIComponent(q)}`)).json()) as { designs: { name: string }[] }
      ).designs.map((d) => d.name);
    expect(await names('alpha')).toEqual(['alpha-api']);
    expect(await names('_')).toEqual(['beta_worker']);
    expect((await names('')).sort()).toEqual(['alpha-api', 'beta_worker']);
  });

  it('soft-deletes, restores within 30 days, and purges after that at start', async () => {
    const { id } = await create();
    const del = await json('DELETE', `${base}/${id}`);
    expect(del.status).toBe(200);
    expect(await del.json()).toEqual({
      id,
      deletedAt: clock.toISOString(),
      restorableUntil: '2026-03-31T10:00:00.000Z',
    });
    const gone = await fetch(`${base}/${id}`);
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as { error: { code: string } }).error.code).toBe('design_deleted');
    expect(((await (await fetch(base)).json()) as { designs: unknown[] }).designs).toEqual([]);
    expect(
      ((await (await fetch(`${base}?deleted=1`)).json()) as { designs: { id: string }[] }).designs.map(
        (d) => d.id,
      ),
    ).toEqual([id]);
    expect((await json('PUT', `${base}/${id}`, seed(), { 'If-Match': '"1"' })).status).toBe(404);

    clock = new Date('2026-03-20T10:00:00.000Z');
    const restored = await json('POST', `${base}/${id}/restore`);
    expect(restored.status).toBe(200);
    expect(await restored.json()).toMatchObject({ id, revision: 1 });
    expect((await fetch(`${base}/${id}`)).status).toBe(200);

    // Deleted again, then 31 days pass: restore is refused, and the next start purges it.
    await json('DELETE', `${base}/${id}`);
    clock = new Date('2026-04-21T10:00:00.000Z');
    const late = await json('POST', `${base}/${id}/restore`);
    expect(late.status).toBe(410);
    await start();
    expect((await json('POST', `${base}/${id}/restore`)).status).toBe(404);
    expect(db.prepare('SELECT COUNT(*) AS n FROM designs').get()).toEqual({ n: 0 });
  });

  it('keeps designs across a reopen of the database', async () => {
    const { id } = await create();
    db.close();
    db = openDatabase(dataDir);
    await start();
    expect((await fetch(`${base}/${id}`)).status).toBe(200);
  });

  it.each([
    ['..%2F..%2Fetc%2Fpasswd', 400],
    ['%2Fetc%2Fpasswd', 400],
    ['d_1%00', 400],
    ['...', 400],
    ['a.b', 400],
    ['a'.repeat(65), 400],
    ['d_doesnotexist', 404],
  ])('refuses the id %s with %i', async (id, status) => {
    const res = await fetch(`${base}/${id}`);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: { code: string } }).error.code).toMatch(
      /invalid_id|design_not_found/,
    );
    expect((await json('DELETE', `${base}/${id}`)).status).toBe(status);
    expect((await json('POST', `${base}/${id}/restore`)).status).toBe(status);
  });
});
