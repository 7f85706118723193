import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../errors/AppError.ts';
import { runSupplyJobInWorker } from './runSupplyJobInWorker.ts';
import { buildSbomModel } from './sbomModel.ts';
import { signPayload } from './signatureBundle.ts';
import { generateSigningKeys, type SigningKeys } from './signingKeys.ts';
import { simpleSigningPayload } from './simpleSigning.ts';
import { renderSupplyDocuments } from './supplyDocuments.ts';
import { SBOM_FILES, SIGNATURE_FILE } from './supplyFiles.ts';
import type { SupplyWorkerJob } from './supplyWorkerMain.ts';
import { sampleDesign, sampleInspection, sampleResolved } from './testFixtures.ts';

const model = buildSbomModel({
  design: sampleDesign,
  inspection: sampleInspection(40),
  resolved: sampleResolved,
  sourceDateEpoch: 1_700_000_000,
});
let keys: SigningKeys;
let job: SupplyWorkerJob;
const freshDir = (): string => mkdtempSync(join(tmpdir(), 'lg-supply-worker-'));

beforeAll(() => {
  keys = generateSigningKeys();
  job = { model, formats: ['spdx', 'cyclonedx'], keys, outDir: freshDir() };
});

const rejection = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(isAppError(e)).toBe(true);
  return e as { code: string; status: number; message: string };
};

describe('runSupplyJobInWorker', () => {
  it('writes exactly what the in-process render gives: same SBOM texts, byte-identical bundle', async () => {
    const summary = await runSupplyJobInWorker(job);
    const local = renderSupplyDocuments(job);
    expect(summary.formats).toEqual(['spdx', 'cyclonedx']);
    for (const { format, text } of local.sboms)
      expect(readFileSync(join(job.outDir, SBOM_FILES[format]), 'utf8')).toBe(text);
    const written = readFileSync(join(job.outDir, SIGNATURE_FILE), 'utf8');
    expect(written).toBe(local.signature?.text);
    expect(summary.signature?.algorithms).toEqual(['ML-DSA-87', 'Ed448', 'SLH-DSA-SHA2-256f']);
    expect(summary.signature?.keyIds).toEqual(
      Object.fromEntries(Object.values(keys.pairs).map((p) => [p.alg, p.keyId])),
    );
    // The bundle signs the payload binding both SBOM hashes, exactly as signPayload does in process.
    const bundle = JSON.parse(written) as { payload: string };
    const payload = JSON.parse(Buffer.from(bundle.payload, 'base64').toString('utf8')) as Parameters<
      typeof signPayload
    >[0];
    expect(payload.optional['dev.lago-grey.sbom-cyclonedx-sha256']).toMatch(/^[0-9a-f]{64}$/);
    const again = signPayload(simpleSigningPayload(model.reference, model.digest, payload.optional), keys);
    expect(`${JSON.stringify(again, null, 2)}\n`).toBe(written);
  });

  it('without keys writes the SBOMs only', async () => {
    const outDir = freshDir();
    const summary = await runSupplyJobInWorker({ model, formats: ['cyclonedx'], outDir });
    expect(summary.formats).toEqual(['cyclonedx']);
    expect(summary.signature).toBeUndefined();
    expect(existsSync(join(outDir, SBOM_FILES.cyclonedx))).toBe(true);
    expect(existsSync(join(outDir, SBOM_FILES.spdx))).toBe(false);
    expect(existsSync(join(outDir, SIGNATURE_FILE))).toBe(false);
  });

  it('a failure inside the worker comes back as an AppError naming the step and algorithm', async () => {
    const broken: SigningKeys = {
      ...keys,
      pairs: {
        ...keys.pairs,
        'SLH-DSA-SHA2-256f': { ...keys.pairs['SLH-DSA-SHA2-256f'], secretKey: new Uint8Array(3) },
      },
    };
    const e = await rejection(runSupplyJobInWorker({ ...job, keys: broken, outDir: freshDir() }));
    expect(e.code).toBe('signing_failed');
    expect(e.status).toBe(500);
    expect(e.message).toMatch(/^signing: SLH-DSA-SHA2-256f: ./);
    const missing = await rejection(
      runSupplyJobInWorker({ model, formats: ['spdx'], outDir: join(freshDir(), 'gone') }),
    );
    expect(missing.message).toMatch(/^writing sbom\.spdx\.json: ENOENT/);
  });

  it('abort terminates the worker and rejects with code aborted', async () => {
    const controller = new AbortController();
    let worker: Worker | undefined;
    const running = runSupplyJobInWorker(
      { ...job, outDir: freshDir() },
      {
        signal: controller.signal,
        onWorker: (w) => {
          worker = w;
        },
      },
    );
    expect(worker).toBeDefined();
    const exited = once(worker as Worker, 'exit');
    await once(worker as Worker, 'online');
    controller.abort();
    const e = await rejection(running);
    expect(e.code).toBe('aborted');
    const [code] = (await exited) as [number];
    // terminate() makes the worker exit with code 1; a worker that finished on its own exits 0.
    expect(code).toBe(1);
  });

  it('an already aborted signal starts no worker', async () => {
    let started = false;
    const e = await rejection(
      runSupplyJobInWorker(job, { signal: AbortSignal.abort(), onWorker: () => (started = true) }),
    );
    expect(e.code).toBe('aborted');
    expect(started).toBe(false);
  });
});
