import { mkdtempSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildRecord } from '../../shared/api/types.ts';
import { errorMiddleware } from '../errors/errorMiddleware.ts';
import { runSupplyChain } from '../supply/runSupplyChain.ts';
import { generateSigningKeys } from '../supply/signingKeys.ts';
import {
  sampleDesign,
  sampleInspection,
  sampleResolved,
  writeTestOciArchive,
} from '../supply/testFixtures.ts';
import { createSupplyUseCases } from '../usecases/supplyUseCases.ts';
import { createSupplyRouter } from './supplyRoutes.ts';

const keys = generateSigningKeys();
const buildDir = mkdtempSync(join(tmpdir(), 'lg-routes-'));
const archive = join(buildDir, 'image.oci.tar');
let base = '';
let digest = '';
let close: () => void = () => {};
const ID = '11111111-2222-4333-8444-555555555555';

beforeAll(async () => {
  digest = await writeTestOciArchive(mkdtempSync(join(tmpdir(), 'lg-routes-img-')), archive);
  await runSupplyChain({
    buildId: ID,
    buildDir,
    archivePath: archive,
    inspection: sampleInspection(0, digest),
    design: sampleDesign,
    resolved: sampleResolved,
    log: () => {},
    keys,
  });
  const record: BuildRecord = {
    id: ID,
    status: 'succeeded',
    engine: 'builtin',
    createdAt: '1970-01-01T00:00:00Z',
    design: sampleDesign,
  };
  const running: BuildRecord = { ...record, id: 'running', status: 'running' };
  const app = express();
  const api = express.Router();
  api.use(express.json({ limit: 1_000_000 }));
  api.use(
    '/',
    createSupplyRouter(
      createSupplyUseCases({
        getBuild: (id) => (id === ID ? record : id === 'running' ? running : undefined),
        buildDir: () => buildDir,
        keys,
        tmpDir: join(buildDir, '..', 'spool'),
        maxUploadBytes: 4_000_000_000,
      }),
    ),
  );
  app.use('/api', api);
  app.use(errorMiddleware());
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close());

describe('supply routes', () => {
  it('serves both SBOMs with their media types', async () => {
    const spdx = await fetch(`${base}/api/builds/${ID}/sbom?format=spdx`);
    expect(spdx.status).toBe(200);
    expect(spdx.headers.get('content-type')).toMatch(/^application\/spdx\+json/);
    expect(((await spdx.json()) as { spdxVersion: string }).spdxVersion).toBe('SPDX-2.3');
    const cdx = await fetch(`${base}/api/builds/${ID}/sbom?format=cyclonedx`);
    expect(cdx.headers.get('content-type')).toMatch(/^application\/vnd\.cyclonedx\+json/);
    expect(((await cdx.json()) as { bomFormat: string }).bomFormat).toBe('CycloneDX');
    expect(cdx.headers.get('content-disposition')).toContain('lago-grey-latest.cdx.json');
  });

  it('answers bad input with the JSON error format', async () => {
    const bad = await fetch(`${base}/api/builds/${ID}/sbom?format=xml`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: { code: 'invalid_format', message: 'format must be "spdx" or "cyclonedx"', path: 'format' },
    });
    expect((await fetch(`${base}/api/builds/nope/signature`)).status).toBe(404);
    expect((await fetch(`${base}/api/builds/running/signature`)).status).toBe(409);
  });

  it('serves public keys only, and verifies a digest + bundle (fail closed)', async () => {
    const keysDoc = (await (await fetch(`${base}/api/keys`)).json()) as {
      keys: { alg: string; pem?: string }[];
    };
    expect(keysDoc.keys.map((k) => k.alg)).toEqual(['ML-DSA-87', 'Ed448', 'SLH-DSA-SHA2-256f']);
    expect(JSON.stringify(keysDoc)).not.toMatch(/secret/i);
    expect(keysDoc.keys[1]?.pem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    const bundle = (await (await fetch(`${base}/api/builds/${ID}/signature`)).json()) as unknown;
    const post = (imageDigest: string) =>
      fetch(`${base}/api/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ imageDigest, bundle }),
      });
    const ok = await post(digest);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ ok: true, imageDigest: digest, reference: 'lago-grey:latest' });
    const other = await post(`sha256:${'0'.repeat(64)}`);
    expect(other.status).toBe(422);
    expect(await other.json()).toMatchObject({
      ok: false,
      error: { code: 'verification_failed', message: 'payload digest does not match image' },
    });
    const invalid = await post('sha256:xyz');
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: { path: string } }).error.path).toBe('imageDigest');
  });

  it('verifies an uploaded oci-archive with the bundle as multipart, and rejects a tampered one', async () => {
    const bundleText = readFileSync(join(buildDir, 'signature.json'), 'utf8');
    const send = (image: Buffer) => {
      const form = new FormData();
      form.append('image', new Blob([new Uint8Array(image)]), 'image.tar');
      form.append('bundle', new Blob([bundleText]), 'bundle.json');
      return fetch(`${base}/api/verify`, { method: 'POST', body: form });
    };
    const bytes = readFileSync(archive);
    const ok = await send(bytes);
    expect(await ok.json()).toMatchObject({ ok: true, imageDigest: digest });
    const gz = bytes.indexOf(Buffer.from([0x1f, 0x8b, 0x08]));
    bytes[gz + 30] = (bytes[gz + 30] ?? 0) ^ 0x01;
    const bad = await send(bytes);
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { reason: string }).reason).toMatch(
      /^image archive corrupt: blob sha256:[0-9a-f]{64} does not match its digest$/,
    );
  });
});
