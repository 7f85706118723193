import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createWriteStream } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { directoryTarGzStream } from './directoryTarStream.ts';

const work = mkdtempSync(path.join(tmpdir(), 'lago-tar-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('directoryTarGzStream', () => {
  it('writes a tar.gz that GNU tar extracts with the same names, modes, links and bytes', async () => {
    const src = path.join(work, 'src');
    const longDir = path.join(src, 'layers', '01-' + 'x'.repeat(90), 'usr', 'share', 'deep');
    mkdirSync(longDir, { recursive: true });
    writeFileSync(path.join(src, 'Containerfile'), 'FROM scratch\n');
    writeFileSync(path.join(longDir, 'file-with-a-long-name.txt'), 'long\n');
    mkdirSync(path.join(src, 'layers', '00-base', 'usr', 'bin'), { recursive: true });
    const big = Buffer.alloc(300_001, 7);
    writeFileSync(path.join(src, 'layers', '00-base', 'usr', 'bin', 'tool'), big);
    chmodSync(path.join(src, 'layers', '00-base', 'usr', 'bin', 'tool'), 0o755);
    mkdirSync(path.join(src, 'layers', '00-base', 'tmp'));
    chmodSync(path.join(src, 'layers', '00-base', 'tmp'), 0o1777);
    symlinkSync('tool', path.join(src, 'layers', '00-base', 'usr', 'bin', 'alias'));

    const out = path.join(work, 'ctx.tar.gz');
    await pipeline(directoryTarGzStream(src), createWriteStream(out));
    const listing = execFileSync('tar', ['-tzvf', out], { encoding: 'utf8' });
    expect(listing).toContain('Containerfile');
    expect(listing).toMatch(/file-with-a-long-name\.txt/);

    const dst = path.join(work, 'dst');
    mkdirSync(dst);
    execFileSync('tar', ['-xzf', out, '-C', dst]);
    const base = path.join(dst, 'layers', '00-base');
    expect(readFileSync(path.join(dst, 'Containerfile'), 'utf8')).toBe('FROM scratch\n');
    expect(readFileSync(path.join(base, 'usr', 'bin', 'tool')).equals(big)).toBe(true);
    expect(statSync(path.join(base, 'usr', 'bin', 'tool')).mode & 0o7777).toBe(0o755);
    expect(statSync(path.join(base, 'tmp')).mode & 0o7777).toBe(0o1777);
    expect(readlinkSync(path.join(base, 'usr', 'bin', 'alias'))).toBe('tool');
    const longRel = path.relative(src, path.join(longDir, 'file-with-a-long-name.txt'));
    expect(readFileSync(path.join(dst, longRel), 'utf8')).toBe('long\n');
  });

  it('gives the same bytes for the same folder', async () => {
    const src = path.join(work, 'same');
    mkdirSync(path.join(src, 'a'), { recursive: true });
    writeFileSync(path.join(src, 'a', 'f'), 'x');
    const collect = async () => {
      const chunks: Buffer[] = [];
      for await (const c of directoryTarGzStream(src)) chunks.push(c as Buffer);
      return Buffer.concat(chunks);
    };
    expect((await collect()).equals(await collect())).toBe(true);
  });

  it("keeps each entry's on-disk mtime, so podman sees per-layer mtimes in a downloaded context", async () => {
    const src = path.join(work, 'mtimes');
    mkdirSync(path.join(src, 'layers', '00-a'), { recursive: true });
    mkdirSync(path.join(src, 'layers', '01-b'), { recursive: true });
    writeFileSync(path.join(src, 'layers', '00-a', 'motd'), 'old\n');
    writeFileSync(path.join(src, 'layers', '01-b', 'motd'), 'new\n');
    utimesSync(path.join(src, 'layers', '00-a', 'motd'), 1000, 1000);
    utimesSync(path.join(src, 'layers', '01-b', 'motd'), 1001, 1001);
    const out = path.join(work, 'mtimes.tar.gz');
    await pipeline(directoryTarGzStream(src), createWriteStream(out));
    const dst = path.join(work, 'mtimes-out');
    mkdirSync(dst);
    execFileSync('tar', ['-xzf', out, '-C', dst]);
    expect(statSync(path.join(dst, 'layers', '00-a', 'motd')).mtimeMs).toBe(1_000_000);
    expect(statSync(path.join(dst, 'layers', '01-b', 'motd')).mtimeMs).toBe(1_001_000);
  });
});
