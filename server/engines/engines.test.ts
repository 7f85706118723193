/**
 * Both engines on the same hand-staged context, with real podman (its own
 * store in a temp dir), skopeo and a real Zig binary: same per-layer trees
 * (and even the same diff_ids), same runtime config, schema-valid OCI
 * documents, reproducible digests, images that load and run, and a compare
 * that names the changed layer and path. Fails (never skips) without podman.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, lstat, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyDesign } from '../../shared/design/emptyDesign.ts';
import type { Design } from '../../shared/design/types.ts';
import { ociSchemaErrors } from '../test/helpers/ociSchemas.ts';
import { compareImages } from '../oci/compareImages.ts';
import { inspectOciArchive } from '../oci/inspectOciArchive.ts';
import type { OciArchiveInfo } from '../oci/ociTypes.ts';
import { readTar } from '../oci/readTar.ts';
import { createBuiltinEngine } from './builtin/createBuiltinEngine.ts';
import { createPodmanEngine } from './podman/createPodmanEngine.ts';
import type { PodmanOptions } from './podman/podmanCli.ts';
import { runPodman } from './podman/podmanCli.ts';
import { runSmokeTest } from './podman/smokeTest.ts';
import { compileHello, writeStagedContext } from './testSupport/stagedContext.ts';
import type { StagedTestContext, TestLayer } from './testSupport/stagedContext.ts';
import type { Engine, EngineBuildOutput } from './types.ts';

const run = promisify(execFile);
const EPOCH = 0;
const MESSAGE = 'hello from the engines test';

let work: string;
let podmanOpts: PodmanOptions;
let ctx: StagedTestContext;
let builtin: Engine;
let podman: Engine;
const out: Record<string, EngineBuildOutput> = {};
const info: Record<string, OciArchiveInfo> = {};

const LONG_DIR = `opt/${'a'.repeat(60)}/${'b'.repeat(60)}/${'c'.repeat(60)}`;

function design(): Design {
  return {
    ...emptyDesign(),
    name: 'engines-test',
    tag: 'v1',
    layers: [
      { name: 'base', components: [] },
      { name: 'App files', components: [] },
    ],
    config: {
      entrypoint: ['/usr/bin/hello'],
      cmd: ['--flag', 'a b'],
      user: '65532:65532',
      workdir: '/srv',
      env: { LANG: 'C.UTF-8', TRICKY: 'a "quoted" $HOME \\ value' },
      labels: { 'org.example.note': 'keeps $dollar and "quotes"' },
    },
  };
}

function layers(hello: string): TestLayer[] {
  return [
    {
      name: 'base',
      files: [
        { path: 'etc', type: 'dir', mode: 0o755 },
        { path: 'etc/passwd', type: 'file', mode: 0o644, content: 'root:x:0:0:root:/root:/sbin/nologin\n' },
        { path: 'tmp', type: 'dir', mode: 0o1777 },
        { path: 'usr/bin/hello', type: 'file', mode: 0o755, hostFile: hello },
        { path: 'bin', type: 'symlink', target: 'usr/bin' },
        { path: 'root', type: 'dir', mode: 0o700 },
        { path: 'opt/a/x', type: 'file', mode: 0o644, content: 'x' },
        { path: 'opt/a-b', type: 'file', mode: 0o644, content: 'order' },
      ],
    },
    {
      name: 'App files',
      files: [
        { path: 'srv', type: 'dir', mode: 0o755 },
        { path: 'srv/app.conf', type: 'file', mode: 0o600, content: 'answer = 42\n' },
        { path: 'srv/empty', type: 'file', mode: 0o644, content: '' },
        { path: 'srv/setuid-tool', type: 'file', mode: 0o4755, content: 'not really a tool\n' },
        { path: 'srv/ünïcode name.txt', type: 'file', mode: 0o644, content: 'utf-8 path\n' },
        { path: `${LONG_DIR}/deep-file.txt`, type: 'file', mode: 0o644, content: 'long path\n' },
        { path: 'srv/link-far', type: 'symlink', target: `/${LONG_DIR}/${'d'.repeat(80)}` },
        { path: 'srv/a', type: 'dir', mode: 0o755 },
        { path: 'srv/a/x', type: 'file', mode: 0o644, content: 'x' },
        { path: 'srv/a-b', type: 'file', mode: 0o644, content: 'order' },
        // Already in the base layer, unchanged: podman's layer diff leaves it out.
        { path: 'tmp', type: 'dir', mode: 0o1777 },
        // A new file in a directory of the base layer: the directory comes along.
        { path: 'usr/bin/extra', type: 'file', mode: 0o755, content: 'extra' },
      ],
    },
  ];
}

async function build(engine: Engine, name: string): Promise<EngineBuildOutput> {
  const lines: string[] = [];
  const result = await engine.build({
    ...ctx,
    sourceDateEpoch: EPOCH,
    outPath: join(work, `${name}.tar`),
    log: (_s, l) => void lines.push(l),
    signal: new AbortController().signal,
  });
  expect(lines.length).toBeGreaterThan(0);
  return result;
}

/** Regular-file bytes per staged layer, counted with fs (independent of any tar code). */
async function stagedContentBytes(dir: string): Promise<number> {
  let total = 0;
  for (const name of await readdir(dir)) {
    const st = await lstat(join(dir, name));
    if (st.isDirectory()) total += await stagedContentBytes(join(dir, name));
    else if (st.isFile()) total += st.size;
  }
  return total;
}

async function podmanImages(): Promise<string> {
  const r = await runPodman(podmanOpts, ['images', '-a', '--format', '{{.Repository}}:{{.Tag}} {{.ID}}']);
  expect(r.exitCode).toBe(0);
  return r.stdout.trim();
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'lago-engines-'));
  podmanOpts = { root: join(work, 'podman-root'), runroot: join(work, 'podman-runroot') };
  builtin = createBuiltinEngine();
  podman = createPodmanEngine(podmanOpts);
  const version = await podman.version();
  if (version === null)
    throw new Error('podman is required for the engine tests: apt-get install podman runc skopeo');
  const hello = await compileHello(join(work, 'zig'), MESSAGE);
  ctx = await writeStagedContext(join(work, 'context'), design(), layers(hello), EPOCH);
  out.builtin = await build(builtin, 'builtin');
  out.podman = await build(podman, 'podman');
  info.builtin = await inspectOciArchive(out.builtin.archivePath);
  info.podman = await inspectOciArchive(out.podman.archivePath);
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('builtin and podman engines', () => {
  it('report versions', async () => {
    expect(await builtin.version()).toMatch(/^lago-grey-builtin/);
    expect(await podman.version()).toMatch(/^\d+\.\d+/);
  });

  it('produce the same per-layer file tree: paths, types, modes, uid/gid, sizes and content hashes', () => {
    const a = info.builtin!;
    const b = info.podman!;
    expect(a.layers).toHaveLength(2);
    expect(b.layers).toHaveLength(2);
    for (let i = 0; i < 2; i++) {
      expect(a.layers[i]!.files).toEqual(b.layers[i]!.files);
      // The builtin tar is byte-compatible with podman's (Go archive/tar), so even the diff_ids agree.
      expect(a.layers[i]!.diffId).toBe(b.layers[i]!.diffId);
    }
    // The first layer is tarred in walk order, upper layers are podman's diff sorted by path.
    const base = a.layers[0]!.files.map((f) => f.path);
    expect(base.indexOf('/opt/a/x')).toBeLessThan(base.indexOf('/opt/a-b'));
    const paths = a.layers[1]!.files.map((f) => f.path);
    expect(paths.indexOf('/srv/a-b')).toBeLessThan(paths.indexOf('/srv/a/x'));
    expect(paths).toContain('/srv/ünïcode name.txt');
    expect(paths).toContain(`/${LONG_DIR}/deep-file.txt`);
    expect(paths).toEqual(expect.arrayContaining(['/usr', '/usr/bin', '/usr/bin/extra']));
    expect(paths).not.toContain('/tmp');
    expect(compareImages(a, b).identical).toBe(false);
  });

  it('record what podman COPY does: parents included, no "/" entry, setuid dropped, sticky kept, uid/gid 0', () => {
    const files = info.builtin!.layers.flatMap((l) => l.files);
    const byPath = new Map(files.map((f) => [f.path, f]));
    expect(byPath.has('/')).toBe(false);
    expect(byPath.get('/usr')).toMatchObject({ type: 'dir', mode: 0o755 });
    expect(byPath.get('/tmp')).toMatchObject({ type: 'dir', mode: 0o1777 });
    expect(byPath.get('/root')).toMatchObject({ type: 'dir', mode: 0o700 });
    expect(byPath.get('/srv/setuid-tool')?.mode).toBe(0o755);
    expect(byPath.get('/srv/app.conf')?.mode).toBe(0o600);
    expect(byPath.get('/bin')).toMatchObject({ type: 'symlink', linkTarget: 'usr/bin' });
    expect(files.every((f) => f.uid === 0 && f.gid === 0)).toBe(true);
  });

  it('write the same runtime config (Containerfile semantics) and no buildah identity label', () => {
    const a = info.builtin!.config;
    const b = info.podman!.config;
    expect(a.config).toEqual(b.config);
    expect(a.created).toBe('1970-01-01T00:00:00Z');
    expect(b.created).toBe('1970-01-01T00:00:00Z');
    expect(a.config?.Env).toContain('TRICKY=a "quoted" $HOME \\ value');
    expect(a.config?.Labels?.['org.opencontainers.image.title']).toBe('engines-test');
    expect(a.config?.Labels?.['io.buildah.version']).toBeUndefined();
    expect(a.config?.Cmd).toEqual(['--flag', 'a b']);
    expect(a.rootfs.diff_ids).toEqual(b.rootfs.diff_ids);
  });

  it('emit manifest, config, index and layout that validate against the OCI image-spec schemas', async () => {
    for (const engine of ['builtin', 'podman']) {
      const i = info[engine]!;
      expect(ociSchemaErrors('image-manifest-schema.json', i.manifest), engine).toEqual([]);
      expect(ociSchemaErrors('config-schema.json', i.config), engine).toEqual([]);
      expect(ociSchemaErrors('image-index-schema.json', i.index), engine).toEqual([]);
      expect(i.refName, engine).toBe('engines-test:v1');
      let layout: unknown;
      await readTar((await import('node:fs')).createReadStream(out[engine]!.archivePath), (h) => {
        if (h.name !== 'oci-layout') return undefined;
        const parts: Buffer[] = [];
        return {
          write: (c) => void parts.push(c),
          end: () => void (layout = JSON.parse(Buffer.concat(parts).toString())),
        };
      });
      expect(ociSchemaErrors('image-layout-schema.json', layout), engine).toEqual([]);
    }
    // Negative control: the validator does reject a broken manifest.
    expect(
      ociSchemaErrors('image-manifest-schema.json', { ...info.builtin!.manifest, schemaVersion: 1 }),
    ).not.toEqual([]);
  });

  it('measure contentBytes as the sum of the regular-file sizes actually staged', async () => {
    for (const engine of ['builtin', 'podman']) {
      for (const [i, layer] of info[engine]!.layers.entries()) {
        const staged = await stagedContentBytes(join(ctx.contextDir, ctx.layers[i]!.dir));
        expect(layer.contentBytes, `${engine} layer ${i}`).toBe(staged);
        expect(layer.contentBytes).toBe(
          layer.files.reduce((s, f) => s + (f.type === 'file' ? f.size : 0), 0),
        );
        expect(layer.tarBytes % 512).toBe(0);
        expect(layer.compressedBytes).toBe(info[engine]!.manifest.layers[i]!.size);
      }
    }
  });

  it('builtin is bit-identical across runs', async () => {
    const again = await build(builtin, 'builtin-again');
    expect(again.imageDigest).toBe(out.builtin!.imageDigest);
    const [x, y] = await Promise.all([readFile(out.builtin!.archivePath), readFile(again.archivePath)]);
    expect(x.equals(y)).toBe(true);
  });

  it('podman gives the same digest across its own runs and leaves no image behind', async () => {
    const again = await build(podman, 'podman-again');
    expect(again.imageDigest).toBe(out.podman!.imageDigest);
    expect(await podmanImages()).toBe('');
  });

  it('skopeo reads both archives and reports the manifest digest', async () => {
    for (const engine of ['builtin', 'podman']) {
      const r = await run('skopeo', ['inspect', `oci-archive:${out[engine]!.archivePath}`]);
      const doc = JSON.parse(r.stdout) as { Digest: string; Layers: string[] };
      expect(doc.Digest, engine).toBe(out[engine]!.imageDigest);
      expect(doc.Layers).toEqual(info[engine]!.manifest.layers.map((l) => l.digest));
    }
  });

  it('the builtin archive loads and runs in podman (smoke test), and the loaded image is removed', async () => {
    const lines: string[] = [];
    const smoke = await runSmokeTest({
      archivePath: out.builtin!.archivePath,
      entrypoint: ['/usr/bin/hello'],
      hasObliPkg: false,
      timeoutMs: 60_000,
      log: (_s, l) => void lines.push(l),
      signal: new AbortController().signal,
      podman: podmanOpts,
    });
    expect(smoke.skippedReason).toBeUndefined();
    expect(smoke.exitCode).toBe(0);
    expect(smoke.output).toContain(MESSAGE);
    expect(smoke.command).toEqual(
      expect.arrayContaining(['podman', 'run', '--network', 'none', 'localhost/engines-test:v1']),
    );
    expect(lines.join('\n')).toContain('Loaded image');
    expect(await podmanImages()).toBe('');
  });

  it('compareImages names the first differing layer and path after a one-byte change', async () => {
    const changedCtx = join(work, 'context-changed');
    const hello = join(work, 'zig', 'hello');
    const l = layers(hello);
    const conf = l[1]!.files.find((f) => f.path === 'srv/app.conf');
    if (conf?.type === 'file') conf.content = 'answer = 43\n';
    const changed = await writeStagedContext(changedCtx, design(), l, EPOCH);
    const r = await builtin.build({
      ...changed,
      sourceDateEpoch: EPOCH,
      outPath: join(work, 'changed.tar'),
      log: () => {},
      signal: new AbortController().signal,
    });
    expect(r.imageDigest).not.toBe(out.builtin!.imageDigest);
    const cmp = compareImages(info.builtin!, await inspectOciArchive(r.archivePath), ['base', 'App files']);
    expect(cmp).toMatchObject({
      identical: false,
      layerIndex: 1,
      layerName: 'App files',
      path: '/srv/app.conf',
    });
    expect(compareImages(info.builtin!, info.builtin!)).toEqual({ identical: true });
  });

  it('a different SOURCE_DATE_EPOCH changes the digest but not the file tree', async () => {
    const r = await builtin.build({
      ...ctx,
      sourceDateEpoch: 1_700_000_000,
      outPath: join(work, 'epoch.tar'),
      log: () => {},
      signal: new AbortController().signal,
    });
    expect(r.imageDigest).not.toBe(out.builtin!.imageDigest);
    const other = await inspectOciArchive(r.archivePath);
    expect(other.config.created).toBe('2023-11-14T22:13:20Z');
    expect(other.layers.map((x) => x.files)).toEqual(info.builtin!.layers.map((x) => x.files));
  });

  it('a cancelled podman build rejects with the abort reason and leaves no container or image', async () => {
    const ac = new AbortController();
    const build = podman.build({
      ...ctx,
      sourceDateEpoch: EPOCH,
      outPath: join(work, 'cancelled.tar'),
      log: (_s, l) => {
        if (l.startsWith('STEP 2/')) ac.abort(new Error('cancelled by test'));
      },
      signal: ac.signal,
    });
    await expect(build).rejects.toThrow('cancelled by test');
    const ps = await runPodman(podmanOpts, ['ps', '--all', '--external', '--format', '{{.Names}}']);
    expect(ps.stdout.trim()).toBe('');
    expect(await podmanImages()).toBe('');
  });

  it('the builtin engine refuses a Containerfile that does not match the staged layers', async () => {
    const bad = join(work, 'context-bad');
    const c = await writeStagedContext(bad, design(), layers(join(work, 'zig', 'hello')), EPOCH);
    await writeFile(join(bad, 'Containerfile'), 'FROM scratch\nCOPY layers/00-base/ /\n');
    await expect(
      builtin.build({
        ...c,
        sourceDateEpoch: EPOCH,
        outPath: join(work, 'bad.tar'),
        log: () => {},
        signal: new AbortController().signal,
      }),
    ).rejects.toMatchObject({ code: 'containerfile_mismatch' });
  });
});
