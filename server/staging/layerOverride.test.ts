/**
 * An upper layer that overrides a lower file with other bytes of the SAME
 * size (and retargets a symlink to a same-length target) must carry the new
 * content in both engines. Podman's layer diff compares size, mode and mtime
 * but never content, so this only holds because the stager gives each layer
 * its own mtime; the tar headers must still say SOURCE_DATE_EPOCH.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, testDesign } from '../components/testSupport.ts';
import type { ComponentFile, ResolvedComponent } from '../components/types.ts';
import { createBuiltinEngine } from '../engines/builtin/createBuiltinEngine.ts';
import { createPodmanEngine } from '../engines/podman/createPodmanEngine.ts';
import type { Engine } from '../engines/types.ts';
import { firstTreeDifference } from '../oci/compareImages.ts';
import { inspectOciArchive } from '../oci/inspectOciArchive.ts';
import type { OciArchiveInfo, OciFile } from '../oci/ociTypes.ts';
import { readTar } from '../oci/readTar.ts';
import { stageContext, type StageResult } from './stageContext.ts';

const EPOCH = 1_700_000_000;
const OLD = 'motd: version one\n';
const NEW = 'motd: VERSION TWO\n';
const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

/** Every tar entry's mtime, per layer, bottom first. */
async function layerMtimes(archive: string, info: OciArchiveInfo): Promise<number[][]> {
  const blobs = new Map<string, Buffer>();
  await readTar(createReadStream(archive), (h) => {
    const m = /blobs\/sha256\/([0-9a-f]{64})$/.exec(h.name);
    if (h.kind !== 'file' || !m?.[1]) return undefined;
    const hex = m[1];
    const parts: Buffer[] = [];
    return { write: (b) => void parts.push(b), end: () => void blobs.set(hex, Buffer.concat(parts)) };
  });
  const out: number[][] = [];
  for (const l of info.manifest.layers) {
    const blob = blobs.get(l.digest.slice('sha256:'.length));
    if (!blob) throw new Error(`layer ${l.digest} missing`);
    const tar = blob[0] === 0x1f ? gunzipSync(blob) : blob;
    const mtimes: number[] = [];
    await readTar(Readable.from([tar]), (h) => void mtimes.push(h.mtime));
    out.push(mtimes);
  }
  return out;
}

const fileAt = (files: readonly OciFile[], p: string): OciFile | undefined => files.find((f) => f.path === p);

describe('a same-size override in an upper layer (real podman and builtin engines)', () => {
  let work: string;
  let staged: StageResult;
  const images = new Map<string, { info: OciArchiveInfo; mtimes: number[][] }>();

  beforeAll(async () => {
    work = await makeTempDir('layer-override');
    const src = path.join(work, 'src');
    await fs.mkdir(src);
    const file = async (name: string, text: string, p: string): Promise<ComponentFile> => {
      const hostPath = path.join(src, name);
      await fs.writeFile(hostPath, text);
      return {
        path: p,
        type: 'file',
        mode: 0o644,
        size: Buffer.byteLength(text),
        sha256: sha(text),
        hostPath,
      };
    };
    const comp = (id: string, files: ComponentFile[]): ResolvedComponent => ({
      id,
      version: '1',
      origin: { kind: 'generated', designSha256: '0'.repeat(64) },
      files,
      contentBytes: files.reduce((n, f) => n + f.size, 0),
    });
    expect(Buffer.byteLength(OLD)).toBe(Buffer.byteLength(NEW));
    const resolved = new Map([
      [
        'base-files',
        comp('base-files', [
          await file('motd-old', OLD, '/etc/motd'),
          await file('keep', 'unchanged\n', '/etc/keep'),
          { path: '/usr/bin/tool', type: 'symlink', mode: 0o777, size: 0, linkTarget: 'alpha' },
        ]),
      ],
      [
        'site-overrides',
        comp('site-overrides', [
          await file('motd-new', NEW, '/etc/motd'),
          { path: '/usr/bin/tool', type: 'symlink', mode: 0o777, size: 0, linkTarget: 'gamma' },
        ]),
      ],
    ]);
    const design = testDesign([
      { name: 'base', components: ['base-files'] },
      { name: 'site', components: ['site-overrides'] },
    ]);
    const contextDir = path.join(work, 'ctx');
    staged = await stageContext({ design, items: [], resolved, contextDir, sourceDateEpoch: EPOCH });
    const engines: Engine[] = [
      createPodmanEngine({
        root: path.join(work, 'podman', 'root'),
        runroot: path.join(work, 'podman', 'run'),
      }),
      createBuiltinEngine(),
    ];
    for (const engine of engines) {
      const outPath = path.join(work, `${engine.name}.tar`);
      await engine.build({
        contextDir,
        layers: staged.layers,
        design,
        sourceDateEpoch: EPOCH,
        outPath,
        log: () => {},
        signal: new AbortController().signal,
      });
      const info = await inspectOciArchive(outPath);
      images.set(engine.name, { info, mtimes: await layerMtimes(outPath, info) });
    }
  }, 300_000);
  afterAll(async () => {
    await fs.rm(work, { recursive: true, force: true });
  });

  it.each(['podman', 'builtin'])('%s: layer 1 holds the new motd and the retargeted symlink', (engine) => {
    const layers = images.get(engine)?.info.layers ?? [];
    expect(layers).toHaveLength(2);
    const [lower, upper] = [layers[0]?.files ?? [], layers[1]?.files ?? []];
    expect(fileAt(lower, '/etc/motd')?.sha256).toBe(sha(OLD));
    expect(fileAt(lower, '/usr/bin/tool')?.linkTarget).toBe('alpha');
    expect(fileAt(upper, '/etc/motd')).toMatchObject({
      type: 'file',
      size: Buffer.byteLength(NEW),
      sha256: sha(NEW),
    });
    expect(fileAt(upper, '/usr/bin/tool')).toMatchObject({ type: 'symlink', linkTarget: 'gamma' });
    expect(fileAt(upper, '/etc/keep')).toBeUndefined(); // not in layer 1's folder at all
  });

  it.each(['podman', 'builtin'])('%s: every tar entry keeps mtime = SOURCE_DATE_EPOCH', (engine) => {
    const mtimes = images.get(engine)?.mtimes ?? [];
    expect(mtimes).toHaveLength(2);
    for (const layer of mtimes) {
      expect(layer.length).toBeGreaterThan(0);
      expect(new Set(layer)).toEqual(new Set([EPOCH]));
    }
  });

  it('both engines produce the same per-layer file trees', () => {
    const a = images.get('podman')?.info.layers ?? [];
    const b = images.get('builtin')?.info.layers ?? [];
    expect(a).toHaveLength(staged.layers.length);
    expect(b).toHaveLength(staged.layers.length);
    a.forEach((layer, i) =>
      expect([i, firstTreeDifference(layer.files, b[i]?.files ?? [])]).toEqual([i, null]),
    );
  });
});
