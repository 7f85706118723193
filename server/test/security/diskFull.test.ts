/**
 * Issue 12: a full disk during a build left it `running` forever and every
 * POST answered 500. On a real 30 MB tmpfs (needs root, as the test machines
 * give): the build ends `failed` with `disk_full`, requests answer 507 with
 * what to do, and everything works again once space is freed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildRecord } from '../../../shared/api/types.ts';
import { emptyDesign } from '../../../shared/design/emptyDesign.ts';
import { resolveConfig } from '../../config.ts';
import { createServer, type RunningServer } from '../../createServer.ts';
import { readSse } from '../helpers/sseClient.ts';

const mnt = mkdtempSync(path.join(tmpdir(), 'lago-grey-diskfull-'));
const dataDir = path.join(mnt, 'data');
let srv: RunningServer;

const free = (): number => {
  const s = statfsSync(mnt);
  return s.bavail * s.bsize;
};

/** Fills the disk, leaving `leave` bytes free. */
function fill(name: string, leave: number): void {
  const size = Math.max(0, free() - leave);
  try {
    writeFileSync(path.join(mnt, name), Buffer.alloc(size));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
  }
}

const post = (p: string, body: unknown, type = 'application/json'): Promise<Response> =>
  fetch(`${srv.url}${p}`, {
    method: 'POST',
    headers: { 'Content-Type': type },
    body: type === 'application/json' ? JSON.stringify(body) : new Uint8Array(body as Uint8Array),
  });

beforeAll(async () => {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=30m', 'tmpfs', mnt]);
  srv = await createServer(
    resolveConfig({ port: 0, host: '127.0.0.1', dataDir, clientDir: path.join(mnt, 'no-client') }),
    { warmUp: false, log: { info: () => undefined, error: () => undefined } },
  );
});
afterAll(async () => {
  await srv?.close();
  execFileSync('umount', ['-l', mnt]);
  rmSync(mnt, { recursive: true, force: true });
});

describe('a full disk', () => {
  it('fails a build with disk_full (not running forever), answers 507, and recovers when space is freed', async () => {
    // A 12.9 MB static-pie binary: its layer cannot be written into what is left.
    const big = new Uint8Array(readFileSync('/usr/bin/qemu-aarch64-static'));
    const up = await fetch(`${srv.url}/api/uploads?name=big&path=/usr/bin/big`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: big,
    });
    expect(up.status).toBe(201);
    const upload = (await up.json()) as { id: string };
    fill('filler-1', 3_000_000);

    const design = {
      ...emptyDesign(),
      name: 'big',
      layers: [{ name: 'base', components: ['lago-grey-base', upload.id] }],
      config: { ...emptyDesign().config, entrypoint: ['/usr/bin/big'] },
    };
    const created = await post('/api/builds', { design, engine: 'builtin', smokeTest: false });
    expect(created.status).toBe(202);
    const { id } = (await created.json()) as { id: string };
    const events = await readSse(`${srv.url}/api/builds/${id}/events`);
    const done = events.events.find((e) => e.event === 'done');
    expect(done?.data).toMatchObject({ status: 'failed', error: { code: 'disk_full' } });
    const record = (await (await fetch(`${srv.url}/api/builds/${id}`)).json()) as BuildRecord;
    expect(record.status).toBe('failed');
    expect(record.error?.code).toBe('disk_full');

    // Now nothing at all is left.
    fill('filler-2', 0);
    fill('filler-3', 0);
    const write = await post('/api/designs', { ...emptyDesign(), name: 'x' });
    const upload2 = await post(
      '/api/uploads?name=y',
      readFileSync(path.join(import.meta.dirname, '../fixtures/uploads/static-hello.elf')),
      'application/octet-stream',
    );
    for (const r of [write, upload2]) {
      expect(r.status).toBe(507);
      const body = (await r.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('disk_full');
      expect(body.error.message).toMatch(/disk is full.*LAGO_DATA_DIR/);
    }

    for (const f of ['filler-1', 'filler-2', 'filler-3']) rmSync(path.join(mnt, f), { force: true });
    expect((await post('/api/designs', { ...emptyDesign(), name: 'after' })).status).toBe(201);
  });
});
