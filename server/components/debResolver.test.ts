import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticCatalogItems } from '../../shared/catalog/staticCatalogItems.ts';
import type { CatalogItem } from '../../shared/catalog/types.ts';
import { runProcess } from '../process/runProcess.ts';
import { parseAptCacheShow } from './aptIndex.ts';
import { createComponentService, type ComponentService } from './createResolvers.ts';
import { makeTempDir, recordingContext, testDesign } from './testSupport.ts';
import type { ResolvedComponent } from './types.ts';

// Real apt: needs Debian apt lists (run `apt-get update` once on a fresh machine) and the mirror.
const item = (id: string): CatalogItem => {
  const found = staticCatalogItems().find((i) => i.id === id);
  if (!found) throw new Error(`no catalog item ${id}`);
  return found;
};

async function aptVersion(pkg: string): Promise<string> {
  const r = await runProcess('apt-cache', ['show', '--no-all-versions', pkg]);
  return parseAptCacheShow(r.stdout).get(pkg)?.version ?? 'none';
}

describe('deb components (real apt-get download + dpkg-deb)', () => {
  let dataDir: string;
  let service: ComponentService;
  const got = new Map<string, ResolvedComponent>();

  beforeAll(async () => {
    dataDir = await makeTempDir('deb');
    service = createComponentService({ dataDir, artifactsDir: path.join(dataDir, 'artifacts') });
    // The way a build resolves them: one apt-cache call, two downloads at a time.
    const design = testDesign([
      { name: 'debs', components: ['busybox', 'libargon2', 'ca-certificates', 'tzdata'] },
    ]);
    const { resolved } = await service.resolveDesign(design, recordingContext(design));
    for (const [id, c] of resolved) got.set(id, c);
  });
  afterAll(async () => {
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('takes /bin/busybox from busybox-static, records name, version and .deb hash, and it runs', async () => {
    const c = got.get('busybox');
    expect(c?.files.map((f) => f.path)).toEqual(['/bin/busybox']);
    const bb = c?.files[0];
    expect(bb).toMatchObject({ type: 'file', mode: 0o755 });
    expect(bb?.size).toBeGreaterThan(1_000_000);
    expect(c?.origin).toMatchObject({ kind: 'deb', package: 'busybox-static', arch: 'amd64' });
    expect(c?.version).toBe(await aptVersion('busybox-static'));
    expect(c?.origin.kind === 'deb' && /^[0-9a-f]{64}$/.test(c.origin.sha256)).toBe(true);
    // busybox picks its applet from argv[0]: run it under its own name.
    const link = path.join(dataDir, 'busybox');
    await fs.symlink(bb?.hostPath ?? '', link);
    const r = await runProcess(link, ['echo', 'static ok']);
    expect(r.stdout.trim()).toBe('static ok');
  });

  it('takes only the catalog paths of libargon2-dev', () => {
    const c = got.get('libargon2');
    expect(c?.files.map((f) => [f.path, f.type, f.mode])).toEqual([
      ['/usr/include/argon2.h', 'file', 0o644],
      ['/usr/lib/x86_64-linux-gnu/libargon2.a', 'file', 0o644],
    ]);
    expect(c?.contentBytes).toBe(c?.files.reduce((n, f) => n + f.size, 0));
    expect(c?.files[1]?.size).toBeGreaterThan(20_000);
  });

  it('builds the CA bundle from the mozilla certificates, as update-ca-certificates does', async () => {
    const c = got.get('ca-certificates');
    expect(c?.files).toHaveLength(1);
    const bundle = await fs.readFile(c?.files[0]?.hostPath ?? '', 'utf8');
    expect(c?.files[0]).toMatchObject({ path: '/etc/ssl/certs/ca-certificates.crt', mode: 0o644 });
    const certs = bundle.match(/-----BEGIN CERTIFICATE-----/g) ?? [];
    expect(certs.length).toBeGreaterThan(100);
    expect(bundle.endsWith('-----END CERTIFICATE-----\n')).toBe(true);
  });

  it('keeps tzdata symlinks as symlinks', () => {
    const c = got.get('tzdata');
    const utc = c?.files.find((f) => f.path === '/usr/share/zoneinfo/UTC');
    expect(utc).toMatchObject({ type: 'symlink', linkTarget: 'Etc/UTC' });
    expect(c?.files.find((f) => f.path === '/usr/share/zoneinfo/Etc/UTC')?.type).toBe('file');
    expect(c?.files[0]).toMatchObject({ path: '/usr/share/zoneinfo', type: 'dir', mode: 0o755 });
    expect(c?.contentBytes).toBeGreaterThan(300_000);
  });

  it('reports measured sizes in the catalog, and they survive a restart', async () => {
    const fresh = createComponentService({ dataDir, artifactsDir: path.join(dataDir, 'artifacts') });
    const items = await fresh.catalogItems();
    const bb = items.find((i) => i.id === 'busybox');
    expect(bb).toMatchObject({
      sizeIsEstimate: false,
      sizeBytes: got.get('busybox')?.contentBytes,
      fileCount: 1,
      formation: 'iceberg',
      available: true,
    });
    expect(bb?.files).toEqual([{ path: '/bin/busybox', bytes: got.get('busybox')?.contentBytes }]);
    const tz = items.find((i) => i.id === 'tzdata');
    expect(tz?.fileCount).toBe(got.get('tzdata')?.files.filter((f) => f.type === 'file').length);
  });

  it('serves the second resolve from the cache', async () => {
    const ctx = recordingContext();
    await service.resolve(item('busybox'), ctx);
    expect(ctx.lines.some((l) => l.includes('found in the cache'))).toBe(true);
    expect(ctx.lines.some((l) => l.includes('apt-get'))).toBe(false);
  });

  it('without apt lists: says to run apt-get update, yet serves what it resolved before', async () => {
    const emptyLists = path.join(dataDir, 'empty-lists');
    await fs.mkdir(emptyLists);
    const fresh = createComponentService({
      dataDir: path.join(dataDir, 'fresh'),
      artifactsDir: dataDir,
      aptListsDir: emptyLists,
    });
    const bb = (await fresh.catalogItems()).find((i) => i.id === 'busybox');
    expect(bb?.available).toBe(false);
    expect(bb?.unavailableReason).toContain('apt-get update');
    await expect(fresh.resolve(item('busybox'), recordingContext())).rejects.toMatchObject({
      code: 'apt_update_needed',
    });
    const known = createComponentService({ dataDir, artifactsDir: dataDir, aptListsDir: emptyLists });
    expect((await known.catalogItems()).find((i) => i.id === 'busybox')?.available).toBe(true);
    const again = await known.resolve(item('busybox'), recordingContext());
    expect(again.files[0]?.sha256).toBe(got.get('busybox')?.files[0]?.sha256);
  });
});
