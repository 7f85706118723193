/**
 * Real builds of the seed design (without liboqs) through the HTTP API, one
 * per engine, on a real server: the images load and run in podman, skopeo
 * reads them, obli-pkg verifies them (and catches a changed file), both
 * engines give the same per-layer file tree, the OCI documents validate
 * against the image-spec schemas, the reported sizes match a recount, and
 * the downloaded build context builds with podman.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildRecord, BuildResult, EngineName } from '../../shared/api/types.ts';
import { exec, TestPodman } from './helpers/podman.ts';
import { ociSchemaErrors } from './helpers/ociSchemas.ts';
import { readOciArchive, type OciArchiveView, type TarEntry } from './helpers/readOciArchive.ts';
import { seedDesign, startTestServer, type TestServer } from './helpers/testServer.ts';

const BANNER = '🌊 Hello from Lago Grey!';
const ENGINES: EngineName[] = ['builtin', 'podman'];

interface Built {
  id: string;
  record: BuildRecord;
  result: BuildResult;
  archive: string;
  view: OciArchiveView;
  /** Local podman name after `podman load`. */
  image: string;
  disposition: string | null;
}

let srv: TestServer;
let pod: TestPodman;
const built = {} as Record<EngineName, Built>;

async function download(url: string, file: string): Promise<Response> {
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`GET ${url}: HTTP ${res.status} ${await res.text()}`);
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  return res;
}

beforeAll(async () => {
  srv = await startTestServer();
  pod = new TestPodman();
  const health = await srv.json<{ engines: { podman: string | null } }>('GET', '/api/health');
  if (health.body.engines.podman === null)
    throw new Error('podman is required for these tests: install podman (apt-get install podman runc)');
  // Both builds are queued at once: the queue runs them one after another.
  const ids: Record<string, string> = {};
  for (const engine of ENGINES) {
    const r = await srv.json<{ id: string }>('POST', '/api/builds', {
      design: seedDesign(),
      engine,
      smokeTest: true,
    });
    if (r.status !== 202)
      throw new Error(`POST /api/builds (${engine}): ${r.status} ${JSON.stringify(r.body)}`);
    ids[engine] = r.body.id;
  }
  for (const engine of ENGINES) {
    const id = ids[engine] as string;
    const done = await srv.waitDone(id);
    if (done.status !== 'succeeded')
      throw new Error(`${engine} build ${done.status}: ${JSON.stringify(done.error)}`);
    const record = (await srv.json<BuildRecord>('GET', `/api/builds/${id}`)).body;
    const archive = path.join(pod.dir, `${engine}.oci.tar`);
    const res = await download(`${srv.url}/api/builds/${id}/image`, archive);
    const load = await pod.run(['load', '-i', archive]);
    if (load.code !== 0) throw new Error(`podman load (${engine}) failed: ${load.stderr}`);
    const loaded = /Loaded image(?:\(s\))?: *(\S+)/.exec(load.stdout)?.[1];
    if (!loaded) throw new Error(`podman load printed no image name: ${load.stdout}`);
    const image = `localhost/it-${engine}:1`;
    const tag = await pod.run(['tag', loaded, image]);
    if (tag.code !== 0) throw new Error(`podman tag failed: ${tag.stderr}`);
    built[engine] = {
      id,
      record,
      result: record.result as BuildResult,
      archive,
      view: readOciArchive(archive),
      image,
      disposition: res.headers.get('content-disposition'),
    };
  }
}, 300_000);

afterAll(async () => {
  await srv?.stop();
  pod?.dispose();
});

describe.each(ENGINES)('the %s engine', (engine) => {
  it('builds the seed design and reports per-layer sizes against the plan', () => {
    const { record, result } = built[engine];
    expect(record.status).toBe('succeeded');
    expect(record.engine).toBe(engine);
    expect(result.layers.map((l) => l.name)).toEqual(seedDesign().layers.map((l) => l.name));
    expect(result.contentBytes).toBe(result.layers.reduce((n, l) => n + l.contentBytes, 0));
    expect(result.plannedBytes).toBeGreaterThan(0);
    expect(result.targetBytes).toBe(17_500_000);
    expect(result.withinBudget).toBe(result.contentBytes <= result.targetBytes);
    expect(result.imageDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('serves the image as <name>-<tag>.oci.tar', () => {
    expect(built[engine].disposition).toMatch(/filename="?lago-grey-minimal-0\.1\.0\.oci\.tar"?$/);
  });

  it('reports sizes and digests that match a recount of the archive', () => {
    const { result, view } = built[engine];
    expect(view.manifestDigest).toBe(result.imageDigest);
    expect(view.configDigest).toBe(result.configDigest);
    expect(view.layers).toHaveLength(result.layers.length);
    view.layers.forEach((l, i) => {
      const r = result.layers[i];
      expect(r?.digest).toBe(l.digest);
      expect(r?.diffId).toBe(l.diffId);
      expect(r?.contentBytes).toBe(l.contentBytes);
      expect(r?.tarBytes).toBe(l.tarBytes);
      expect(r?.compressedBytes).toBe(l.compressedBytes);
      expect(r?.fileCount).toBe(l.entries.filter((e) => e.type !== 'dir' && e.path !== '').length);
    });
    expect(result.contentBytes).toBe(view.layers.reduce((n, l) => n + l.contentBytes, 0));
  });

  it('writes manifest, config and index that validate against the OCI image-spec schemas', () => {
    const { view } = built[engine];
    expect(ociSchemaErrors('image-manifest-schema.json', view.manifest)).toEqual([]);
    expect(ociSchemaErrors('config-schema.json', view.config)).toEqual([]);
    expect(ociSchemaErrors('image-index-schema.json', view.index)).toEqual([]);
    const layout = JSON.parse(view.files.get('oci-layout')?.toString('utf8') ?? 'null') as unknown;
    expect(ociSchemaErrors('image-layout-schema.json', layout)).toEqual([]);
  });

  it('is readable by skopeo inspect', async () => {
    const { archive, view } = built[engine];
    const r = await exec('skopeo', ['inspect', `oci-archive:${archive}`]);
    expect(r.code, r.stderr).toBe(0);
    const info = JSON.parse(r.stdout) as {
      Digest: string;
      Layers: string[];
      Architecture: string;
      Os: string;
    };
    expect(info.Digest).toBe(view.manifestDigest);
    expect(info.Layers).toEqual(view.layers.map((l) => l.digest));
    expect(info.Architecture).toBe('amd64');
    expect(info.Os).toBe('linux');
  });

  it('loads and runs in podman, printing the banner first', async () => {
    const r = await pod.runImage(built[engine].image);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(BANNER);
  });

  it('ran the smoke test during the build: the entrypoint and obli-pkg verify passed', () => {
    const smoke = built[engine].result.smoke;
    expect(smoke?.skippedReason).toBeUndefined();
    expect(smoke?.exitCode).toBe(0);
    expect(smoke?.output).toContain(BANNER);
    expect(smoke?.verify?.exitCode).toBe(0);
  });

  it('serves the SBOMs and the signature bundle written by the supply-chain step', async () => {
    const { id, result } = built[engine];
    expect(result.sbom?.formats).toEqual(expect.arrayContaining(['spdx', 'cyclonedx']));
    const spdx = await srv.json<{ spdxVersion: string }>('GET', `/api/builds/${id}/sbom?format=spdx`);
    expect(spdx.status).toBe(200);
    expect(spdx.body.spdxVersion).toBe('SPDX-2.3');
    const sig = await srv.json<{ signatures: unknown[] }>('GET', `/api/builds/${id}/signature`);
    expect(sig.status).toBe(200);
    expect(sig.body.signatures).toHaveLength(3);
  });

  it('passes obli-pkg verify inside the image', async () => {
    const r = await pod.verifyObliPkg(built[engine].image);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/0 mismatches/);
  });
});

describe('both engines', () => {
  const tree = (entries: readonly TarEntry[]) =>
    entries
      .filter((e) => e.path !== '')
      .map((e) => ({
        path: e.path,
        type: e.type,
        mode: e.mode,
        uid: e.uid,
        gid: e.gid,
        size: e.size,
        sha256: e.sha256,
        linkname: e.linkname,
      }))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  it('produce the same per-layer file tree: paths, types, modes, owners and contents', () => {
    const a = built.builtin.view.layers;
    const b = built.podman.view.layers;
    expect(a).toHaveLength(b.length);
    a.forEach((layer, i) => {
      expect(tree(layer.entries), `layer ${i}`).toEqual(tree(b[i]?.entries ?? []));
    });
  });

  it('obli-pkg verify fails (exit 1, naming the file) in a derived image where one file was changed', async () => {
    const dir = path.join(pod.dir, 'derived');
    mkdirSync(dir, { recursive: true });
    // scratch has no shell, so no RUN: COPY a changed hello over the original.
    writeFileSync(path.join(dir, 'hello'), 'not the hello binary any more\n');
    writeFileSync(
      path.join(dir, 'Containerfile'),
      `FROM ${built.builtin.image}\nCOPY hello /usr/bin/hello\n`,
    );
    const b = await pod.run(['build', '--timestamp', '0', '-t', 'localhost/it-derived:1', dir]);
    expect(b.code, b.stderr).toBe(0);
    const r = await pod.verifyObliPkg('localhost/it-derived:1');
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/\/usr\/bin\/hello/);
  });

  it('the downloaded build context builds with podman, offline, and runs', async () => {
    const dir = path.join(pod.dir, 'context');
    mkdirSync(dir, { recursive: true });
    const tgz = path.join(pod.dir, 'context.tar.gz');
    const res = await download(`${srv.url}/api/builds/${built.podman.id}/context`, tgz);
    expect(res.headers.get('content-disposition')).toMatch(/lago-grey-minimal-0\.1\.0-context\.tar\.gz/);
    const x = await exec('tar', ['-xzf', tgz, '-C', dir]);
    expect(x.code, x.stderr).toBe(0);
    const b = await pod.run([
      'build',
      '--network',
      'none',
      '--timestamp',
      '0',
      '-t',
      'localhost/it-context:1',
      dir,
    ]);
    expect(b.code, b.stderr).toBe(0);
    const r = await pod.runImage('localhost/it-context:1');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(BANNER);
  });
});
