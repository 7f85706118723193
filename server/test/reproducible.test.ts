/**
 * Reproducible images and "Rebuild and compare" on a real server: the same
 * design built twice gives the same manifest digest (builtin and podman), and
 * a changed input (an operator artifact's bytes, an env var) gives another
 * digest and a comparison naming the layer and, for a file, the path.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ApiErrorBody,
  BuildRecord,
  CreateBuildResponse,
  EngineName,
  ImageComparison,
} from '../../shared/api/types.ts';
import { TEMPLATES } from '../../shared/design/templates.ts';
import type { Design } from '../../shared/design/types.ts';
import { buildPaths } from '../builds/buildPaths.ts';
import { seedDesign, startTestServer, type TestServer } from './helpers/testServer.ts';

let srv: TestServer;
let artifactsDir: string;
const LIBOQS = () => path.join(artifactsDir, 'liboqs.a');

/** The whole seed design, liboqs included (its artifact lives in this test's LAGO_ARTIFACTS_DIR). */
function seedWithLiboqs(): Design {
  const t = TEMPLATES.find((x) => x.id === 'seed-minimal');
  if (!t) throw new Error('seed-minimal template missing');
  return structuredClone(t.design) as Design;
}

beforeAll(async () => {
  artifactsDir = mkdtempSync(path.join(tmpdir(), 'lago-grey-artifacts-'));
  writeFileSync(LIBOQS(), '!<arch>\nliboqs first edition\n');
  srv = await startTestServer({ artifactsDir, buildConcurrency: 1 });
});
afterAll(async () => {
  await srv?.stop();
  rmSync(artifactsDir, { recursive: true, force: true });
});

async function finished(id: string): Promise<BuildRecord> {
  const done = await srv.waitDone(id);
  if (done.status !== 'succeeded')
    throw new Error(`build ${id} ${done.status}: ${JSON.stringify(done.error)}`);
  return (await srv.json<BuildRecord>('GET', `/api/builds/${id}`)).body;
}

async function build(design: Design, engine: EngineName): Promise<BuildRecord> {
  const r = await srv.json<CreateBuildResponse>('POST', '/api/builds', { design, engine, smokeTest: false });
  if (r.status !== 202) throw new Error(`POST /api/builds: ${r.status} ${JSON.stringify(r.body)}`);
  return finished(r.body.id);
}

async function rebuild(id: string): Promise<BuildRecord> {
  const r = await srv.json<CreateBuildResponse>('POST', `/api/builds/${id}/rebuild`);
  expect(r.status).toBe(202);
  expect(r.body.eventsUrl).toBe(`/api/builds/${r.body.id}/events`);
  expect(r.headers.get('location')).toBe(`/api/builds/${r.body.id}`);
  return finished(r.body.id);
}

const compare = (id: string, withId: string) =>
  srv.json<ImageComparison & ApiErrorBody>('GET', `/api/builds/${id}/compare?with=${withId}`);

async function compareLogLines(id: string): Promise<string[]> {
  const events = await srv.events(id);
  return events.flatMap((e) => (e.type === 'log' && e.data.step === 'compare' ? [e.data.line] : []));
}

describe('builtin: rebuild and compare', () => {
  let original: BuildRecord;
  let artifactChanged: BuildRecord;

  it('rebuilds the same design to the same digest, and says so', async () => {
    original = await build(seedWithLiboqs(), 'builtin');
    const again = await rebuild(original.id);
    expect(again).toMatchObject({ rebuildOf: original.id, engine: 'builtin', smokeTest: false });
    expect(again.design).toEqual(original.design);
    expect(again.result?.imageDigest).toBe(original.result?.imageDigest);
    expect(again.result?.comparison).toEqual({ against: original.id, identical: true });
    expect(await compareLogLines(again.id)).toEqual([
      `compare: identical to build ${original.id} (same manifest digest)`,
    ]);
  });

  it('an artifact with other bytes → another digest, and the compare names its layer and path', async () => {
    writeFileSync(LIBOQS(), '!<arch>\nliboqs second edition, a little longer\n');
    artifactChanged = await rebuild(original.id);
    expect(artifactChanged.result?.imageDigest).not.toBe(original.result?.imageDigest);
    const c = artifactChanged.result?.comparison;
    expect(c).toMatchObject({
      against: original.id,
      identical: false,
      layerIndex: 1,
      layerName: 'crypto',
      path: '/usr/lib/liboqs.a',
    });
    expect(c?.identical === false && c.reason).toMatch(/sha256/);
    const [line] = await compareLogLines(artifactChanged.id);
    expect(line).toContain(`differs from build ${original.id} in layer 1 (crypto) at /usr/lib/liboqs.a`);

    const onDemand = await compare(artifactChanged.id, original.id);
    expect(onDemand.status).toBe(200);
    expect(onDemand.body).toEqual(c);
  });

  it('a changed env var → another digest; the compare points at the image config', async () => {
    const design = seedWithLiboqs();
    design.config.env = { ...design.config.env, GREETING: 'hej' };
    const withEnv = await build(design, 'builtin');
    expect(withEnv.result?.imageDigest).not.toBe(artifactChanged.result?.imageDigest);
    // Same artifact bytes as `artifactChanged`: every layer is equal, only the config differs.
    const c = await compare(withEnv.id, artifactChanged.id);
    expect(c.status).toBe(200);
    expect(c.body).toMatchObject({ against: artifactChanged.id, identical: false, layerIndex: -1 });
    expect(c.body.identical === false && c.body.reason).toMatch(/image config "config" differs/);
  });

  it('refuses what cannot be compared or rebuilt with 400/404/409/410', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await compare(original.id, unknown)).status).toBe(404);
    expect((await compare(unknown, original.id)).status).toBe(404);
    expect((await srv.json('GET', `/api/builds/${original.id}/compare`)).status).toBe(400);
    expect((await srv.json('POST', `/api/builds/${unknown}/rebuild`)).status).toBe(404);

    const r = await srv.json<CreateBuildResponse>('POST', '/api/builds', {
      design: seedDesign(),
      engine: 'builtin',
      smokeTest: false,
    });
    const running = await compare(original.id, r.body.id);
    expect(running.status).toBe(409);
    expect(running.body.error.code).toBe('build_not_succeeded');
    const early = await srv.json<ApiErrorBody>('POST', `/api/builds/${r.body.id}/rebuild`);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('build_not_finished');
    await srv.waitDone(r.body.id);

    rmSync(buildPaths(srv.dataDir, r.body.id).archivePath);
    const gone = await compare(original.id, r.body.id);
    expect(gone.status).toBe(410);
    expect(gone.body.error.code).toBe('image_removed');
    // A rebuild of a build whose image is gone still builds; it just cannot compare.
    const again = await rebuild(r.body.id);
    expect(again.result?.comparison).toBeUndefined();
    expect(await compareLogLines(again.id)).toEqual([
      `not compared with build ${r.body.id}: its image has been removed from this server`,
    ]);
  });
});

describe('podman: rebuild and compare', () => {
  it('rebuilds the same design to the same digest', async () => {
    const health = await srv.json<{ engines: { podman: string | null } }>('GET', '/api/health');
    if (health.body.engines.podman === null)
      throw new Error('podman is required for this test: install podman (apt-get install podman runc)');
    const original = await build(seedDesign(), 'podman');
    const again = await rebuild(original.id);
    expect(again).toMatchObject({ rebuildOf: original.id, engine: 'podman' });
    expect(again.result?.imageDigest).toBe(original.result?.imageDigest);
    expect(again.result?.comparison).toEqual({ against: original.id, identical: true });
  });
});
