/**
 * An uploaded binary is a real component: upload a Zig-built static binary,
 * build a design holding it (builtin engine, wired exactly like main.ts),
 * load the image into podman and run it.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildRecord } from '../../shared/api/types.ts';
import { emptyDesign } from '../../shared/design/emptyDesign.ts';
import { resolveConfig } from '../config.ts';
import { createServer, type RunningServer } from '../createServer.ts';
import { TestPodman } from '../test/helpers/podman.ts';
import { readSse } from '../test/helpers/sseClient.ts';
import { SHARED_CACHE_DIR } from '../test/helpers/testServer.ts';
import { compileZigTestBinary } from '../test/helpers/zigTestBinary.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'lago-upload-build-'));
const podman = new TestPodman();
let server: RunningServer;
let binary: Buffer;

beforeAll(async () => {
  binary = readFileSync(await compileZigTestBinary(join(dataDir, 'src'), 'my own floe runs', 'floe'));

  mkdirSync(SHARED_CACHE_DIR, { recursive: true });
  symlinkSync(SHARED_CACHE_DIR, join(dataDir, 'cache'));
  const config = resolveConfig({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    clientDir: join(dataDir, 'no-client'),
  });
  server = await createServer(config, { warmUp: false });
}, 180_000);

afterAll(async () => {
  await server?.close();
  podman.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a design holding an uploaded binary', () => {
  it('builds with the upload in its layer, and the image runs it in podman', async () => {
    const up = await fetch(`${server.url}/api/uploads?name=my-floe&path=/app/bin/my-floe`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: new Uint8Array(binary),
    });
    expect(up.status).toBe(201);
    const upload = (await up.json()) as { id: string; sizeBytes: number; formation: string };
    expect(upload.formation).toBe('floe');

    const catalog = (await (await fetch(`${server.url}/api/catalog`)).json()) as unknown;
    expect(JSON.stringify(catalog)).toContain(upload.id);

    const design = emptyDesign();
    design.name = 'upload-floe';
    design.layers = [
      { name: 'base', components: ['lago-grey-base'] },
      { name: 'mine', components: [upload.id] },
    ];
    design.config.entrypoint = ['/app/bin/my-floe'];
    const saved = await fetch(`${server.url}/api/designs`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(design),
    });
    expect(saved.status).toBe(201);

    const started = await fetch(`${server.url}/api/builds`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ design, engine: 'builtin', smokeTest: false }),
    });
    expect(started.status).toBe(202);
    const { id } = (await started.json()) as { id: string };
    const sse = await readSse(`${server.url}/api/builds/${id}/events`, { timeoutMs: 240_000 });
    const done = sse.events.find((e) => e.event === 'done');
    expect(done?.data, JSON.stringify(done?.data)).toMatchObject({ status: 'succeeded' });

    const record = (await (await fetch(`${server.url}/api/builds/${id}`)).json()) as BuildRecord;
    const mine = record.result?.layers.find((l) => l.name === 'mine');
    expect(mine).toMatchObject({ contentBytes: upload.sizeBytes, fileCount: 1 });

    const image = await fetch(`${server.url}/api/builds/${id}/image`);
    expect(image.status).toBe(200);
    const archive = join(dataDir, 'image.oci.tar');
    writeFileSync(archive, Buffer.from(await image.arrayBuffer()));
    const load = await podman.run(['load', '-i', archive]);
    expect(load.code, load.stderr).toBe(0);
    const ref = /Loaded image(?:\(s\))?: *(\S+)/.exec(load.stdout)?.[1];
    expect(ref).toBeDefined();
    const run = await podman.runImage(ref ?? '');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('my own floe runs\n');
  }, 300_000);
});
