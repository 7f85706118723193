/**
 * Whether podman can actually run a container here (smoke tests need it):
 * builds a one-file image with the builtin engine — a 156-byte static x86-64
 * ELF that prints "ok" — loads it and runs it. Cached per podman store.
 */
import { chmod, mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyDesign } from '../../../shared/design/emptyDesign.ts';
import { buildOciImage } from '../builtin/buildOciImage.ts';
import { podmanVersion } from './podmanCli.ts';
import type { PodmanOptions } from './podmanCli.ts';
import { runSmokeTest } from './smokeTest.ts';

/** write(1, "ok\n", 3); exit(0) — no libc, no loader. */
export const TINY_STATIC_ELF = Buffer.from(
  '7f454c4602010100000000000000000002003e00010000007800400000000000400000000000000000000000000000000000000040003800010000000000000001000000050000000000000000000000000040000000000000004000000000009c000000000000009c000000000000000010000000000000' +
    'b801000000bf01000000488d3510000000ba030000000f05b83c00000031ff0f056f6b0a',
  'hex',
);

const cache = new Map<string, Promise<string | null>>();

async function probe(opts: PodmanOptions): Promise<string | null> {
  if ((await podmanVersion(opts)) === null) return 'podman is not installed';
  const dir = await mkdtemp(join(tmpdir(), 'lago-podman-probe-'));
  try {
    const ctx = join(dir, 'context');
    const layer = join(ctx, 'layers', '00-probe');
    await mkdir(layer, { recursive: true });
    await writeFile(join(layer, 'probe'), TINY_STATIC_ELF);
    await chmod(join(layer, 'probe'), 0o755);
    await utimes(join(layer, 'probe'), 0, 0);
    await writeFile(
      join(ctx, 'Containerfile'),
      'FROM scratch\nCOPY layers/00-probe/ /\nENTRYPOINT ["/probe"]\n',
    );
    const design = { ...emptyDesign(), name: 'lago-grey-probe', tag: `p${process.pid}` };
    const archivePath = join(dir, 'probe.tar');
    const ac = new AbortController();
    await buildOciImage({
      contextDir: ctx,
      layers: [{ name: 'probe', dir: 'layers/00-probe' }],
      design,
      sourceDateEpoch: 0,
      outPath: archivePath,
      log: () => {},
      signal: ac.signal,
    });
    const lines: string[] = [];
    const r = await runSmokeTest({
      archivePath,
      entrypoint: ['/probe'],
      hasObliPkg: false,
      timeoutMs: 60_000,
      log: (_s, l) => void lines.push(l),
      signal: ac.signal,
      podman: opts,
    });
    if (r.exitCode === 0 && r.output.includes('ok')) return null;
    return `podman cannot run containers here: ${lines.filter(Boolean).pop() ?? `exit code ${r.exitCode ?? 'none'}`}`;
  } catch (e) {
    return `podman cannot run containers here: ${e instanceof Error ? e.message : String(e)}`;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Null when podman can run containers with the smoke-test flags, else why not. Cached. */
export function podmanRunUnavailableReason(opts: PodmanOptions = {}): Promise<string | null> {
  const key = JSON.stringify([opts.bin ?? '', opts.root ?? '', opts.runroot ?? '']);
  let hit = cache.get(key);
  if (!hit) {
    hit = probe(opts);
    cache.set(key, hit);
  }
  return hit;
}

export async function podmanCanRun(opts: PodmanOptions = {}): Promise<boolean> {
  return (await podmanRunUnavailableReason(opts)) === null;
}
