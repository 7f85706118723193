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

/**
 * A minimal static x86-64 ELF executable: one PT_LOAD segment mapping the
 * whole file at 0x400000, entry right after the headers. No libc, no loader.
 */
export function tinyStaticElf(code: Buffer): Buffer {
  const headers = 64 + 56;
  const total = headers + code.length;
  const elf = Buffer.alloc(total);
  elf.write('\x7fELF', 0, 'latin1');
  elf.writeUInt8(2, 4); // 64-bit
  elf.writeUInt8(1, 5); // little endian
  elf.writeUInt8(1, 6); // ELF version
  elf.writeUInt16LE(2, 16); // ET_EXEC
  elf.writeUInt16LE(0x3e, 18); // x86-64
  elf.writeUInt32LE(1, 20);
  elf.writeBigUInt64LE(0x400000n + BigInt(headers), 24); // entry
  elf.writeBigUInt64LE(64n, 32); // program headers offset
  elf.writeUInt16LE(64, 52); // ELF header size
  elf.writeUInt16LE(56, 54); // program header size
  elf.writeUInt16LE(1, 56); // one program header
  elf.writeUInt32LE(1, 64); // PT_LOAD
  elf.writeUInt32LE(5, 68); // R+X
  elf.writeBigUInt64LE(0n, 72); // offset
  elf.writeBigUInt64LE(0x400000n, 80); // vaddr
  elf.writeBigUInt64LE(0x400000n, 88); // paddr
  elf.writeBigUInt64LE(BigInt(total), 96); // file size
  elf.writeBigUInt64LE(BigInt(total), 104); // memory size
  elf.writeBigUInt64LE(0x1000n, 112); // alignment
  code.copy(elf, headers);
  return elf;
}

/** write(1, "ok\n", 3); exit(0). */
export const TINY_STATIC_ELF = tinyStaticElf(
  Buffer.from('b801000000bf01000000488d3510000000ba030000000f05b83c00000031ff0f056f6b0a', 'hex'),
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
