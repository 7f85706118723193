import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layerDirName } from '../../shared/containerfile/generateContainerfile.ts';
import { TEMPLATES } from '../../shared/design/templates.ts';
import type { Design } from '../../shared/design/types.ts';
import { createComponentService } from '../components/createResolvers.ts';
import { hashFile } from '../components/hashFile.ts';
import { makeTempDir, recordingContext } from '../components/testSupport.ts';
import type { ResolvedComponent } from '../components/types.ts';
import { runProcess } from '../process/runProcess.ts';
import { SHARED_CACHE_DIR } from '../test/helpers/testServer.ts';
import { planLayers } from './layerTree.ts';
import { OBLI_MANIFEST_PATH } from './obliManifest.ts';
import { stageContext, type StageResult } from './stageContext.ts';

const EPOCH = 1_700_000_000;

/** The seed's design without liboqs (an operator artifact this machine lacks). */
function seedWithoutLiboqs(): Design {
  const seed = TEMPLATES.find((t) => t.id === 'seed-minimal');
  if (!seed) throw new Error('seed-minimal template missing');
  const d = structuredClone(seed.design);
  d.layers = d.layers.map((l) => ({ ...l, components: l.components.filter((c) => c !== 'liboqs') }));
  return d;
}

async function walk(
  dir: string,
  rel = '',
): Promise<{ rel: string; mode: number; mtime: number; type: string }[]> {
  const out: { rel: string; mode: number; mtime: number; type: string }[] = [];
  for (const name of (await fs.readdir(path.join(dir, rel))).sort()) {
    const r = `${rel}/${name}`;
    const st = await fs.lstat(path.join(dir, r));
    const type = st.isDirectory() ? 'dir' : st.isSymbolicLink() ? 'symlink' : 'file';
    out.push({ rel: r, mode: st.mode & 0o7777, mtime: Math.floor(st.mtimeMs / 1000), type });
    if (type === 'dir') out.push(...(await walk(dir, r)));
  }
  return out;
}

describe('stageContext (seed design without liboqs, real components)', () => {
  let work: string;
  let design: Design;
  let staged: StageResult;
  let contextDir: string;
  let stageInput: Parameters<typeof stageContext>[0];

  beforeAll(async () => {
    work = await makeTempDir('stage');
    // Resolution itself is proven by the resolver tests: reuse the suite's shared cache.
    await fs.mkdir(SHARED_CACHE_DIR, { recursive: true });
    await fs.mkdir(path.join(work, 'data'));
    await fs.symlink(SHARED_CACHE_DIR, path.join(work, 'data', 'cache'));
    const service = createComponentService({
      dataDir: path.join(work, 'data'),
      artifactsDir: path.join(work, 'artifacts'),
    });
    design = seedWithoutLiboqs();
    const { items, resolved } = await service.resolveDesign(design, recordingContext(design));
    contextDir = path.join(work, 'ctx');
    stageInput = { design, items, resolved, contextDir, sourceDateEpoch: EPOCH };
    // A restrictive umask must not leak into the staged modes.
    const old = process.umask(0o077);
    try {
      staged = await stageContext(stageInput);
    } finally {
      process.umask(old);
    }
  });
  afterAll(async () => {
    await fs.rm(work, { recursive: true, force: true });
  });

  it('writes the Containerfile and one folder per layer, named by layerDirName', async () => {
    expect(staged.layers.map((l) => l.dir)).toEqual(['layers/00-base', 'layers/01-crypto', 'layers/02-apps']);
    const cf = await fs.readFile(path.join(contextDir, 'Containerfile'), 'utf8');
    expect(cf).toBe(staged.containerfile);
    design.layers.forEach((l, i) => expect(cf).toContain(`COPY ${layerDirName(i, l.name)}/ /`));
    for (const l of staged.layers)
      expect((await fs.stat(path.join(contextDir, l.dir))).isDirectory()).toBe(true);
  });

  it('sets exact modes (despite the umask) and every mtime of layer i to SOURCE_DATE_EPOCH + i', async () => {
    const base = await walk(path.join(contextDir, 'layers/00-base'));
    const mode = (rel: string): number | undefined => base.find((e) => e.rel === rel)?.mode;
    expect(mode('/tmp')).toBe(0o1777);
    expect(mode('/home/nonroot')).toBe(0o1777);
    expect(mode('/etc')).toBe(0o755);
    expect(mode('/etc/passwd')).toBe(0o644);
    const crypto = await walk(path.join(contextDir, 'layers/01-crypto'));
    expect(crypto.find((e) => e.rel === '/usr/lib/x86_64-linux-gnu')).toMatchObject({
      type: 'dir',
      mode: 0o755,
    });
    expect(crypto.find((e) => e.rel === '/usr/lib/x86_64-linux-gnu/libsodium.a')?.mode).toBe(0o644);
    expect(crypto.find((e) => e.rel === '/usr/include/sodium')?.mode).toBe(0o755);
    const apps = await walk(path.join(contextDir, 'layers/02-apps'));
    expect(apps.find((e) => e.rel === '/usr/bin/hello')?.mode).toBe(0o755);
    expect(apps.find((e) => e.rel === '/usr/bin/obli-pkg')?.mode).toBe(0o755);
    expect(apps.find((e) => e.rel === OBLI_MANIFEST_PATH)?.mode).toBe(0o644);
    for (const [i, layer] of [base, crypto, apps].entries()) {
      for (const e of layer) expect([e.rel, e.mtime]).toEqual([e.rel, EPOCH + i]);
    }
    for (const [i, l] of staged.layers.entries()) {
      expect((await fs.stat(path.join(contextDir, l.dir))).mtimeMs / 1000).toBe(EPOCH + i);
    }
    expect((await fs.stat(path.join(contextDir, 'Containerfile'))).mtimeMs / 1000).toBe(EPOCH);
    expect((await fs.stat(path.join(contextDir, 'layers'))).mtimeMs / 1000).toBe(EPOCH);
  });

  it('reports per-layer entries and content bytes that match the files on disk', async () => {
    for (const l of staged.layers) {
      const onDisk = (await walk(path.join(contextDir, l.dir)))
        .sort((a, b) => (a.rel < b.rel ? -1 : 1))
        .map((e) => [e.rel, e.type, e.mode]);
      expect(l.entries.map((e) => [e.path, e.type, e.mode])).toEqual(onDisk);
      let bytes = 0;
      for (const e of l.entries.filter((x) => x.type === 'file'))
        bytes += (await fs.stat(path.join(contextDir, l.dir, e.path))).size;
      expect(l.contentBytes).toBe(bytes);
    }
  });

  it('writes an obli-pkg manifest listing every regular file but itself, with true hashes', async () => {
    const text = await fs.readFile(path.join(contextDir, 'layers/02-apps', OBLI_MANIFEST_PATH), 'utf8');
    const m = JSON.parse(text) as {
      image: string;
      components: { id: string; version: string; source: string }[];
      files: { path: string; sha256: string; size: number }[];
    };
    expect(m.image).toBe(`${design.name}:${design.tag}`);
    expect(m.components.map((c) => c.id)).toEqual([
      'lago-grey-base',
      'libsodium',
      'libargon2',
      'hello',
      'obli-pkg',
    ]);
    expect(m.components.find((c) => c.id === 'libsodium')?.source).toMatch(/^debian libsodium-dev /);
    const all = staged.layers.flatMap((l) => l.entries.filter((e) => e.type === 'file').map((e) => e.path));
    expect(m.files.map((f) => f.path)).toEqual(all.filter((p) => p !== OBLI_MANIFEST_PATH).sort());
    for (const f of m.files) {
      const layer = staged.layers.find((l) => l.entries.some((e) => e.path === f.path));
      const h = await hashFile(path.join(contextDir, layer?.dir ?? '', f.path));
      expect({ path: f.path, sha256: h.sha256, size: h.size }).toEqual({
        path: f.path,
        sha256: f.sha256,
        size: f.size,
      });
    }
    expect(staged.manifest).toMatchObject({
      path: OBLI_MANIFEST_PATH,
      layerIndex: 2,
      fileCount: m.files.length,
    });
  });

  it('obli-pkg verify passes on the merged image tree, and fails naming a changed file', async () => {
    const root = path.join(work, 'root');
    await fs.mkdir(root);
    // Copies (not links) of every layer, bottom first, like the image's union.
    for (const l of staged.layers) await runProcess('cp', ['-a', `${path.join(contextDir, l.dir)}/.`, root]);
    const env = { ...process.env, OBLI_PKG_ROOT: root };
    const obli = path.join(root, 'usr/bin/obli-pkg');
    const ok = await runProcess(obli, ['verify'], { env });
    expect(ok.stdout).toMatch(/^OK: \d+ files verified/m);
    expect(ok.exitCode).toBe(0);
    const list = await runProcess(obli, ['list'], { env });
    expect(list.exitCode).toBe(0);
    expect(list.stdout).toMatch(/^hello\s+0\.1\.0\s+zig 0\.11\.0/m);
    expect(list.stdout).toMatch(/^libargon2\s+0~20171227/m);
    await fs.appendFile(path.join(root, 'etc/passwd'), 'mallory:x:0:0::/:/bin/sh\n');
    await fs.rm(path.join(root, 'usr/include/argon2.h'));
    const bad = await runProcess(obli, ['verify'], { env });
    expect(bad.exitCode).toBe(1);
    expect(bad.stdout).toMatch(/^MISMATCH \/etc\/passwd: /m);
    expect(bad.stdout).toMatch(/^MISSING +\/usr\/include\/argon2\.h$/m);
    expect(bad.stdout).toMatch(/^FAILED: 2 of \d+ files/m);
  });

  it('is deterministic, and never changes the cached blobs it links to', async () => {
    const again = await stageContext({ ...stageInput, contextDir: path.join(work, 'ctx2') });
    expect(again.containerfile).toBe(staged.containerfile);
    expect(again.manifest?.sha256).toBe(staged.manifest?.sha256);
    const hello = stageInput.resolved.get('hello')?.files[0]?.hostPath ?? '';
    expect((await fs.stat(hello)).mode & 0o7777).toBe(0o555);
    const other = await stageContext({
      ...stageInput,
      contextDir: path.join(work, 'ctx3'),
      sourceDateEpoch: 0,
    });
    const st = await fs.stat(path.join(work, 'ctx3', other.layers[2]?.dir ?? '', 'usr/bin/hello'));
    expect(st.mtimeMs).toBe(2000); // layer 2 at epoch 0 + 2
    const first = await fs.stat(path.join(contextDir, 'layers/02-apps/usr/bin/hello'));
    expect(first.mtimeMs / 1000).toBe(EPOCH + 2);
  });

  it('refuses a component that would write through another component’s symlink', () => {
    const comp = (id: string, files: ResolvedComponent['files']): ResolvedComponent => ({
      id,
      version: '1',
      origin: { kind: 'generated', designSha256: '0'.repeat(64) },
      files,
      contentBytes: 0,
    });
    const resolved = new Map([
      ['a', comp('a', [{ path: '/usr/lib', type: 'symlink', mode: 0o777, size: 0, linkTarget: '/etc' }])],
      [
        'b',
        comp('b', [
          {
            path: '/usr/lib/x',
            type: 'file',
            mode: 0o644,
            size: 1,
            sha256: '0'.repeat(64),
            hostPath: '/dev/null',
          },
        ]),
      ],
    ]);
    expect(() => planLayers([{ name: 'l', components: ['a', 'b'] }], resolved)).toThrow(
      /under \/usr\/lib, which is a symlink/,
    );
  });
});
