import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticCatalogItems } from '../../shared/catalog/staticCatalogItems.ts';
import type { CatalogItem } from '../../shared/catalog/types.ts';
import { baseEntries } from './baseResolver.ts';
import { createComponentService, type ComponentService } from './createResolvers.ts';
import { checkImagePath } from './imagePath.ts';
import { sha256Hex } from './hashFile.ts';
import { makeTempDir, recordingContext, testDesign } from './testSupport.ts';

const item = (id: string): CatalogItem => {
  const found = staticCatalogItems().find((i) => i.id === id);
  if (!found) throw new Error(`no catalog item ${id}`);
  return found;
};

describe('component service: generated base, artifacts, uploads, catalog', () => {
  let dataDir: string;
  let artifactsDir: string;
  let service: ComponentService;
  const uploads: CatalogItem[] = [];

  beforeAll(async () => {
    dataDir = await makeTempDir('svc');
    artifactsDir = path.join(dataDir, 'artifacts');
    await fs.mkdir(artifactsDir);
    service = createComponentService({ dataDir, artifactsDir, extraItems: () => uploads });
  });
  afterAll(async () => {
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('generates the distroless-style base with a Lago Grey os-release', async () => {
    const base = await service.resolve(item('lago-grey-base'), recordingContext());
    const read = async (p: string): Promise<string> =>
      fs.readFile(base.files.find((f) => f.path === p)?.hostPath ?? '', 'utf8');
    expect(await read('/etc/passwd')).toBe(
      'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n' +
        'nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n',
    );
    expect(await read('/etc/group')).toBe(
      'root:x:0:\ntty:x:5:\nstaff:x:50:\nnobody:x:65534:\nnonroot:x:65532:\n',
    );
    expect(await read('/etc/nsswitch.conf')).toMatch(/^hosts: files dns$/m);
    const osRelease = await read('/etc/os-release');
    expect(osRelease).toMatch(/^ID=lago-grey$/m);
    expect(osRelease).toMatch(/^NAME="Lago Grey"$/m);
    const dirs = base.files.filter((f) => f.type === 'dir').map((f) => [f.path, f.mode]);
    expect(dirs).toEqual([
      ['/home', 0o755],
      ['/home/nonroot', 0o1777],
      ['/tmp', 0o1777],
    ]);
    expect(base.files.map((f) => f.path)).toEqual([...base.files.map((f) => f.path)].sort());
    expect(base.contentBytes).toBe(base.files.reduce((n, f) => n + f.size, 0));
    // Fixed content: the same spec hash every time, so digests are reproducible.
    expect(base.origin).toEqual({
      kind: 'generated',
      designSha256: sha256Hex(JSON.stringify({ v: '0.1.0', entries: baseEntries() })),
    });
  });

  it('marks a missing artifact unavailable, naming the file and the setting but no server path', async () => {
    const oqs = (await service.catalogItems()).find((i) => i.id === 'liboqs');
    expect(oqs?.available).toBe(false);
    // Issue 12: the reason reaches the page, so it names the setting, never the server's folders.
    expect(oqs?.unavailableReason).toContain('put liboqs.a in the server');
    expect(oqs?.unavailableReason).toContain('LAGO_ARTIFACTS_DIR');
    expect(oqs?.unavailableReason).not.toContain(artifactsDir);
    await expect(service.resolve(item('liboqs'), recordingContext())).rejects.toMatchObject({
      code: 'artifact_missing',
    });
  });

  it('installs an artifact at its install path (0644 for a static lib) and measures it', async () => {
    const bytes = Buffer.alloc(12_345, 7);
    await fs.writeFile(path.join(artifactsDir, 'liboqs.a'), bytes);
    const r = await service.resolve(item('liboqs'), recordingContext());
    expect(r.files).toMatchObject([
      { path: '/usr/lib/liboqs.a', type: 'file', mode: 0o644, size: 12_345, sha256: sha256Hex(bytes) },
    ]);
    expect(r.origin).toEqual({ kind: 'artifact', file: 'liboqs.a', sha256: sha256Hex(bytes) });
    const oqs = (await service.catalogItems()).find((i) => i.id === 'liboqs');
    expect(oqs).toMatchObject({
      available: true,
      sizeBytes: 12_345,
      sizeIsEstimate: false,
      fileCount: 1,
      formation: 'floe',
    });
    expect(oqs?.unavailableReason).toBeUndefined();
  });

  it('gives an executable artifact mode 0755', async () => {
    await fs.writeFile(path.join(artifactsDir, 'curl'), '#!/bin/false\n');
    const r = await service.resolve(item('curl-minimal'), recordingContext());
    expect(r.files[0]).toMatchObject({ path: '/usr/bin/curl', mode: 0o755 });
  });

  it('resolves an upload from the content-addressed upload store, and lists it via the hook', async () => {
    const bytes = Buffer.from('\x7fELF pretend static binary');
    const sha = sha256Hex(bytes);
    await fs.mkdir(path.join(dataDir, 'uploads', 'sha256'), { recursive: true });
    await fs.writeFile(path.join(dataDir, 'uploads', 'sha256', sha), bytes);
    const ref = `upload:sha256:${sha}`;
    uploads.push({
      id: ref,
      name: 'myapp',
      summary: 'Uploaded file',
      category: 'binary',
      estimatedBytes: bytes.length,
      paths: ['/usr/local/bin/myapp'],
      binaries: ['/usr/local/bin/myapp'],
      provides: [],
      requires: [],
      source: { kind: 'upload', sha256: sha, installPath: '/usr/local/bin/myapp' },
      sizeBytes: bytes.length,
      sizeIsEstimate: false,
      formation: 'floe',
      available: true,
    });
    const r = await service.resolveUpload(ref, '/usr/local/bin/myapp', recordingContext());
    expect(r.files).toMatchObject([
      { path: '/usr/local/bin/myapp', mode: 0o755, size: bytes.length, sha256: sha },
    ]);
    expect(r.origin).toEqual({ kind: 'upload', sha256: sha });
    expect((await service.catalogItems()).find((i) => i.id === ref)?.available).toBe(true);
    const design = testDesign([{ name: 'app', components: [ref] }]);
    const { resolved } = await service.resolveDesign(design, recordingContext(design));
    expect(resolved.get(ref)?.files[0]?.sha256).toBe(sha);
  });

  it('never lets an id or a path name a host path', async () => {
    const forged: CatalogItem = { ...item('liboqs'), id: '../../etc/passwd' };
    await expect(service.resolve(forged, recordingContext())).rejects.toMatchObject({
      code: 'unknown_component',
    });
    // A catalog id is looked up: the caller's source recipe is ignored.
    const spoofed: CatalogItem = {
      ...item('liboqs'),
      source: { kind: 'artifact', file: '../../../etc/shadow', installPath: '/x' },
    };
    const r = await service.resolve(spoofed, recordingContext());
    expect(r.files[0]?.path).toBe('/usr/lib/liboqs.a');
    await expect(
      service.resolveUpload('upload:sha256:../../x', '/usr/bin/x', recordingContext()),
    ).rejects.toMatchObject({ code: 'invalid_upload' });
    const missing = `upload:sha256:${'0'.repeat(64)}`;
    await expect(service.resolveUpload(missing, '/../../etc/x', recordingContext())).rejects.toMatchObject({
      code: 'invalid_path',
    });
    for (const bad of ['relative/x', '/a/../b', '/a/./b', '/a\0b', '/', '//a']) {
      expect(() => checkImagePath(bad)).toThrow();
    }
    expect(
      checkImagePath('/usr/share/ca-certificates/mozilla/NetLock_Arany_=Class_Gold=_Főtanúsítvány.crt'),
    ).toContain('Főtanúsítvány');
  });

  it('refuses planned and unknown refs in a design with the offending path', async () => {
    const planned = testDesign([{ name: 'x', components: ['lago-grey-base', 'planned:my-app'] }]);
    await expect(service.resolveDesign(planned, recordingContext(planned))).rejects.toMatchObject({
      code: 'not_buildable',
      path: 'layers[0].components[1]',
    });
    const unknown = testDesign([{ name: 'x', components: ['nope'] }]);
    await expect(service.resolveDesign(unknown, recordingContext(unknown))).rejects.toMatchObject({
      code: 'unknown_component',
    });
  });

  it('keeps concurrent resolutions of one component consistent (one cache entry)', async () => {
    const s2 = createComponentService({ dataDir, artifactsDir });
    const all = await Promise.all(
      [1, 2, 3].map(() => s2.resolve(item('lago-grey-base'), recordingContext())),
    );
    expect(new Set(all.map((c) => JSON.stringify(c))).size).toBe(1);
    const entries = await fs.readdir(path.join(service.cacheDir, 'components', 'generated'));
    expect(entries.filter((e) => e.endsWith('.json'))).toHaveLength(1);
    expect(entries.filter((e) => e.endsWith('.tmp'))).toHaveLength(0);
  });
});
