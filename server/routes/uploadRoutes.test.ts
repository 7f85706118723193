import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import express from 'express';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/openDatabase.ts';
import { errorMiddleware } from '../errors/errorMiddleware.ts';
import { compileZigTestBinary } from '../test/helpers/zigTestBinary.ts';
import { uploadCatalogItems } from '../uploads/uploadCatalogItems.ts';
import { createUploadUseCases } from '../usecases/uploadUseCases.ts';
import { createUploadRouter } from './uploadRoutes.ts';

let work: string;
let staticBinary: Buffer;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'lago-upl-zig-'));
  const hi = await compileZigTestBinary(work, 'uploaded floe', 'hi');
  staticBinary = readFileSync(hi);
  expect(execFileSync(hi).toString()).toBe('uploaded floe\n');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

let dataDir: string;
let db: Database.Database;
let server: Server;
let base: string;
const MAX = 512 * 1024;

function start(): Promise<void> {
  db = openDatabase(dataDir);
  const app = express();
  app.use(express.json({ limit: '1mb' }));
  app.use('/api/uploads', createUploadRouter(createUploadUseCases({ db, dataDir, maxBytes: MAX })));
  app.use(errorMiddleware(() => undefined));
  return new Promise((ok) => {
    server = app.listen(0, '127.0.0.1', () => {
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      ok();
    });
  });
}
async function stop(): Promise<void> {
  await new Promise((ok) => server.close(ok));
  db.close();
}
beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'lago-upl-'));
  await start();
});
afterEach(async () => {
  await stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const upload = (
  query: string,
  body: Uint8Array | ReadableStream | string,
  headers: Record<string, string> = {},
) =>
  fetch(`${base}/api/uploads?${query}`, {
    method: 'POST',
    body: body as BodyInit,
    headers: { 'Content-Type': 'application/octet-stream', ...headers },
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const tmpLeft = (): string[] =>
  existsSync(join(dataDir, 'uploads/tmp')) ? readdirSync(join(dataDir, 'uploads/tmp')) : [];

describe('POST /api/uploads', () => {
  it('accepts a Zig-built static binary, stores it content-addressed, and lists it after a restart', async () => {
    const res = await upload('name=hi', staticBinary);
    expect(res.status).toBe(201);
    const hex = sha(staticBinary);
    expect(await res.json()).toMatchObject({
      id: `upload:sha256:${hex}`,
      name: 'hi',
      sizeBytes: staticBinary.length,
      installPath: '/usr/local/bin/hi',
      formation: 'floe',
    });
    expect(readFileSync(join(dataDir, 'uploads/sha256', hex)).equals(staticBinary)).toBe(true);
    expect(tmpLeft()).toEqual([]);

    // A half-written upload from a killed server is cleaned at the next start.
    writeFileSync(join(dataDir, 'uploads/tmp/123-dead.part'), 'partial');
    await stop();
    await start();
    expect(tmpLeft()).toEqual([]);
    const list = (await (await fetch(`${base}/api/uploads`)).json()) as { uploads: Array<{ id: string }> };
    expect(list.uploads.map((u) => u.id)).toEqual([`upload:sha256:${hex}`]);
    expect(uploadCatalogItems(db)).toEqual([
      expect.objectContaining({
        id: `upload:sha256:${hex}`,
        category: 'binary',
        source: { kind: 'upload', sha256: hex, installPath: '/usr/local/bin/hi' },
        paths: ['/usr/local/bin/hi'],
        binaries: ['/usr/local/bin/hi'],
        sizeBytes: staticBinary.length,
        sizeIsEstimate: false,
        fileCount: 1,
        available: true,
      }),
    ]);

    const again = await upload('name=hi2&path=/opt/tools/hi2', staticBinary);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({
      id: `upload:sha256:${hex}`,
      name: 'hi2',
      installPath: '/opt/tools/hi2',
    });
  });

  it('rejects /bin/ls as dynamically linked, with how to build statically', async () => {
    const res = await upload('name=ls', readFileSync('/bin/ls'));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('dynamic_binary');
    expect(body.error.message).toMatch(/libc/);
    expect(body.error.message).toMatch(/x86_64-linux-musl/);
    expect(
      existsSync(join(dataDir, 'uploads/sha256')) ? readdirSync(join(dataDir, 'uploads/sha256')) : [],
    ).toEqual([]);
    expect(tmpLeft()).toEqual([]);
  });

  it('rejects random bytes, an empty body and a JSON body', async () => {
    const random = await upload('name=rnd', randomBytes(10_000));
    expect(random.status).toBe(400);
    expect(((await random.json()) as { error: { code: string } }).error.code).toBe('not_elf');
    const empty = await upload('name=empty', new Uint8Array(0));
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { error: { code: string } }).error.code).toBe('empty_upload');
    const json = await upload('name=j', '{"a":1}', { 'Content-Type': 'application/json' });
    expect(json.status).toBe(415);
    expect(tmpLeft()).toEqual([]);
  });

  it('answers 413 past the limit, whether the length is declared or streamed', async () => {
    const big = Buffer.concat([staticBinary, randomBytes(MAX)]);
    const declared = await upload('name=big', big);
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as { error: { code: string } }).error.code).toBe('upload_too_large');

    let sent = 0;
    const chunked = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 3 * MAX) {
          controller.close();
          return;
        }
        sent += 16 * 1024;
        controller.enqueue(randomBytes(16 * 1024));
      },
    });
    const streamed = await upload('name=big', chunked);
    expect(streamed.status).toBe(413);
    expect(tmpLeft()).toEqual([]);
  });

  it.each([
    ['name=', 'invalid_name'],
    ['name=..%2Fetc', 'invalid_name'],
    ['name=%2Fetc%2Fpasswd', 'invalid_name'],
    ['name=Hi', 'invalid_name'],
    ['name=hi%00x', 'invalid_name'],
    [`name=${'a'.repeat(65)}`, 'invalid_name'],
    ['name=hi&name=ho', 'invalid_name'],
    ['name=hi&path=relative%2Fhi', 'invalid_install_path'],
    ['name=hi&path=%2Fetc%2Fhi', 'invalid_install_path'],
    ['name=hi&path=%2Fusr%2F..%2Fetc%2Fshadow', 'invalid_install_path'],
    ['name=hi&path=%2Fusr%2F.%2Fbin%2Fhi', 'invalid_install_path'],
    ['name=hi&path=%2Fusr%2F%2Fbin%2Fhi', 'invalid_install_path'],
    ['name=hi&path=%2Fusr%2Fbin%2F', 'invalid_install_path'],
    ['name=hi&path=%2Fusr%2Fbin%2Fhi%00', 'invalid_install_path'],
    ['name=hi&path=%2Fusr', 'invalid_install_path'],
    ['name=hi&path=%2Fapp%2Fmy%20app', 'invalid_install_path'],
  ])('rejects %s with %s', async (query, code) => {
    const res = await upload(query, staticBinary);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
  });

  it('never writes through a symlink planted in the uploads directory', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'lago-outside-'));
    try {
      // A planted blob symlink is replaced by the real file; its target is left alone.
      const hex = sha(staticBinary);
      mkdirSync(join(dataDir, 'uploads/sha256'), { recursive: true });
      writeFileSync(join(outside, 'victim'), 'keep me');
      symlinkSync(join(outside, 'victim'), join(dataDir, 'uploads/sha256', hex));
      expect((await upload('name=hi', staticBinary)).status).toBe(201);
      expect(readFileSync(join(outside, 'victim'), 'utf8')).toBe('keep me');
      expect(readFileSync(join(dataDir, 'uploads/sha256', hex)).equals(staticBinary)).toBe(true);

      // A planted directory symlink makes the upload fail rather than land outside.
      rmSync(join(dataDir, 'uploads/sha256'), { recursive: true });
      symlinkSync(outside, join(dataDir, 'uploads/sha256'));
      const res = await upload('name=hi', staticBinary);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unsafe_path');
      expect(readdirSync(outside)).toEqual(['victim']);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
