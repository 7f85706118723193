/**
 * A build's options live in its SQLite record: a build left queued by a
 * previous run resumes with its smoke-test setting and its rebuild origin.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { BuildRecord } from '../../shared/api/types.ts';
import { openDatabase } from '../db/openDatabase.ts';
import { SqliteBuildStore } from '../db/SqliteBuildStore.ts';
import { seedDesign, startTestServer, type TestServer } from './helpers/testServer.ts';

const dbDir = mkdtempSync(path.join(tmpdir(), 'lago-grey-db-'));
let srv: TestServer | undefined;
afterAll(async () => {
  await srv?.stop();
  rmSync(dbDir, { recursive: true, force: true });
});

it('resumes a queued build with its stored smokeTest and rebuildOf', async () => {
  const id = randomUUID();
  const gone = randomUUID();
  const before = openDatabase(dbDir);
  new SqliteBuildStore(before).create({
    id,
    status: 'queued',
    engine: 'builtin',
    createdAt: new Date().toISOString(),
    design: seedDesign(),
    smokeTest: false,
    rebuildOf: gone,
  });
  before.close();

  const db = openDatabase(dbDir);
  srv = await startTestServer({}, { store: new SqliteBuildStore(db), onClose: () => db.close() });
  expect((await srv.waitDone(id)).status).toBe('succeeded');
  const record = (await srv.json<BuildRecord>('GET', `/api/builds/${id}`)).body;
  expect(record).toMatchObject({ smokeTest: false, rebuildOf: gone });
  expect(record.result?.smoke?.skippedReason).toBe('smoke test not requested (smokeTest: false)');
  expect(record.result?.comparison).toBeUndefined();
  const lines = (await srv.events(id)).flatMap((e) => (e.type === 'log' ? [e.data.line] : []));
  expect(lines).toContain(`not compared with build ${gone}: that build no longer exists`);
});
