/**
 * Issue 12: a damaged database. The real server (spawned, as `npm start`)
 * refuses to start over a truncated, garbage, page-damaged, emptied or
 * read-only store, naming the file and what to do, and changes nothing;
 * `--repair` moves it aside and rebuilds what it can.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyDesign } from '../../../shared/design/emptyDesign.ts';
import { DATABASE_FILE, openDatabase } from '../../db/openDatabase.ts';
import { createDesignUseCases } from '../../usecases/designUseCases.ts';
import { expectStartFailure, spawnServer } from '../helpers/spawnServer.ts';

const root = mkdtempSync(path.join(tmpdir(), 'lago-grey-corrupt-'));
const ELF = readFileSync(path.join(import.meta.dirname, '../fixtures/uploads/static-hello.elf'));
const ELF_SHA = createHash('sha256').update(ELF).digest('hex');
let pristine = '';

const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

/** A data dir holding a copy of the pristine database (120 designs, several pages) and one upload on disk. */
function dataDir(name: string): { dir: string; db: string } {
  const dir = path.join(root, name);
  mkdirSync(path.join(dir, 'uploads', 'sha256'), { recursive: true });
  writeFileSync(path.join(dir, 'uploads', 'sha256', ELF_SHA), ELF);
  const db = path.join(dir, DATABASE_FILE);
  copyFileSync(pristine, db);
  return { dir, db };
}

async function refused(dir: string, db: string, pattern: RegExp): Promise<void> {
  const before = sha(db);
  const failure = await expectStartFailure({ env: { LAGO_DATA_DIR: dir } });
  expect(failure.code).toBe(1);
  expect(failure.output).toContain(db);
  expect(failure.output).toMatch(pattern);
  expect(failure.output).not.toMatch(/^\s+at /m); // a sentence, not a stack trace
  expect(sha(db)).toBe(before); // nothing changed
}

beforeAll(() => {
  const dir = path.join(root, 'pristine');
  const db = openDatabase(dir);
  const designs = createDesignUseCases({ db });
  for (let i = 0; i < 120; i++) designs.create({ ...emptyDesign(), name: `design-${i}`, labels: undefined });
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  pristine = path.join(dir, DATABASE_FILE);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a damaged database at start', () => {
  it('refuses a garbage file and a truncated one, naming the file and --repair', async () => {
    const g = dataDir('garbage');
    writeFileSync(g.db, randomBytes(64 * 1024));
    await refused(g.dir, g.db, /is damaged .*--repair/s);
    const t = dataDir('truncated');
    truncateSync(t.db, Math.floor(readFileSync(t.db).length / 3));
    await refused(t.dir, t.db, /is damaged .*--repair/s);
  });

  it('refuses damaged pages; --repair moves the file aside and saves what it can', async () => {
    const d = dataDir('pages');
    const fd = openSync(d.db, 'r+');
    writeSync(fd, randomBytes(4096), 0, 4096, 4096 * 3);
    closeSync(fd);
    await refused(d.dir, d.db, /is damaged .*Restore it from a backup/s);

    const server = await spawnServer({ env: { LAGO_DATA_DIR: d.dir }, args: ['--repair'] });
    try {
      expect(server.output()).toMatch(/--repair: [\s\S]*moved it to/);
      expect(readdirSync(d.dir).some((f) => f.startsWith(`${DATABASE_FILE}.damaged-`))).toBe(true);
      const list = (await (await fetch(`${server.url}/api/designs`)).json()) as { designs: unknown[] };
      expect(list.designs.length).toBeGreaterThan(0);
      const builds = await fetch(`${server.url}/api/builds`);
      expect(builds.status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it('refuses a 0-byte file while artifacts exist; --repair lists the uploads found on disk', async () => {
    const e = dataDir('emptied');
    writeFileSync(e.db, '');
    await refused(
      e.dir,
      e.db,
      /is empty \(0 bytes\) although the data dir holds 0 build folder\(s\) and 1 upload/,
    );
    const server = await spawnServer({ env: { LAGO_DATA_DIR: e.dir }, args: ['--repair'] });
    try {
      const list = (await (await fetch(`${server.url}/api/uploads`)).json()) as {
        uploads: Array<{ sha256: string }>;
      };
      expect(list.uploads.map((u) => u.sha256)).toEqual([ELF_SHA]);
      expect(existsSync(path.join(e.dir, 'uploads', 'sha256', ELF_SHA))).toBe(true);
    } finally {
      await server.stop();
    }
  });

  it('refuses a read-only file, saying how to make it writable', async () => {
    const r = dataDir('readonly');
    chmodSync(r.db, 0o444);
    await refused(r.dir, r.db, /read-only.*chmod u\+w/s);
  });
});
