/**
 * The tar reader against archives written by GNU tar (gnu, pax and ustar
 * formats, long names and link targets) and by our own header encoder,
 * whose output GNU tar must list identically.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeTarHeader, paddingFor, TAR_TRAILER } from '../engines/builtin/tarHeader.ts';
import type { TarHeaderInput } from '../engines/builtin/tarHeader.ts';
import { readTar } from './readTar.ts';

const run = promisify(execFile);
const LONG = `${'d'.repeat(90)}/${'e'.repeat(90)}/${'f'.repeat(90)}`;
let work: string;

interface Seen {
  name: string;
  kind: string;
  size: number;
  linkname: string;
  uid: number;
  sha256?: string;
}

async function list(file: string): Promise<Seen[]> {
  const seen: Seen[] = [];
  await readTar(createReadStream(file, { highWaterMark: 100 }), (h) => {
    const s: Seen = { name: h.name, kind: h.kind, size: h.size, linkname: h.linkname, uid: h.uid };
    seen.push(s);
    if (h.kind !== 'file') return undefined;
    const hash = createHash('sha256');
    return { write: (b) => void hash.update(b), end: () => void (s.sha256 = hash.digest('hex')) };
  });
  return seen;
}

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'lago-tar-'));
  const src = join(work, 'src');
  await mkdir(join(src, LONG), { recursive: true });
  await writeFile(join(src, LONG, 'file.txt'), 'deep\n');
  await writeFile(join(src, 'ünï.txt'), 'utf8\n');
  await symlink(`/${LONG}/file.txt`, join(src, 'far-link'));
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('readTar', () => {
  for (const format of ['gnu', 'pax', 'ustar']) {
    it(`reads GNU tar's ${format} format with long names and link targets`, async () => {
      const file = join(work, `${format}.tar`);
      const args = ['-C', join(work, 'src'), `--format=${format}`, '-cf', file, '.'];
      const r = await run('tar', args).catch((e: { stderr?: string }) => ({
        stdout: '',
        stderr: e.stderr ?? '',
      }));
      if (format === 'ustar') {
        // ustar cannot store a 272-byte name: GNU tar says so, and we read what it wrote.
        expect(r.stderr).toMatch(/too long|cannot/i);
      }
      const seen = await list(file);
      const deep = seen.find((s) => s.name.endsWith('file.txt') && s.name.includes('fff'));
      if (format !== 'ustar') {
        expect(deep).toMatchObject({
          name: `./${LONG}/file.txt`,
          kind: 'file',
          size: 5,
          sha256: sha('deep\n'),
        });
        expect(seen.find((s) => s.name === './far-link')).toMatchObject({
          kind: 'symlink',
          linkname: `/${LONG}/file.txt`,
        });
      }
      expect(seen.find((s) => s.name === './ünï.txt')).toMatchObject({ kind: 'file', sha256: sha('utf8\n') });
    });
  }

  it('round-trips our encoder, and GNU tar lists the same entries', async () => {
    const entries: Array<TarHeaderInput & { body?: string }> = [
      { name: 'short', type: 'file', mode: 0o644, uid: 0, gid: 0, size: 3, mtime: 0, body: 'abc' },
      {
        name: `${'p'.repeat(120)}/split-into-prefix`,
        type: 'file',
        mode: 0o600,
        uid: 0,
        gid: 0,
        size: 1,
        mtime: 0,
        body: 'x',
      },
      { name: `${LONG}/needs-pax`, type: 'file', mode: 0o644, uid: 0, gid: 0, size: 0, mtime: 0, body: '' },
      { name: 'dir/', type: 'dir', mode: 0o1777, uid: 0, gid: 0, size: 0, mtime: 1_700_000_000 },
      { name: 'ünï', type: 'file', mode: 0o644, uid: 0, gid: 0, size: 2, mtime: 0, body: 'hi' },
      { name: 'link', type: 'symlink', mode: 0o777, uid: 0, gid: 0, size: 0, mtime: 0, linkname: `/${LONG}` },
      { name: 'big-uid', type: 'file', mode: 0o644, uid: 3_000_000, gid: 0, size: 0, mtime: 0, body: '' },
    ];
    const parts: Buffer[] = [];
    for (const e of entries) {
      parts.push(encodeTarHeader(e));
      if (e.body) parts.push(Buffer.from(e.body), Buffer.alloc(paddingFor(Buffer.byteLength(e.body))));
    }
    parts.push(TAR_TRAILER);
    const file = join(work, 'ours.tar');
    await writeFile(file, Buffer.concat(parts));
    const seen = await list(file);
    expect(seen.map((s) => s.name)).toEqual(entries.map((e) => e.name));
    expect(seen.find((s) => s.name === 'link')?.linkname).toBe(`/${LONG}`);
    expect(seen.find((s) => s.name === 'big-uid')?.uid).toBe(3_000_000);
    const gnu = await run('tar', ['--quoting-style=literal', '-tf', file]);
    expect(gnu.stdout.trim().split('\n')).toEqual(entries.map((e) => e.name));
  });

  it('rejects a corrupt header', async () => {
    const block = encodeTarHeader({
      name: 'x',
      type: 'file',
      mode: 0o644,
      uid: 0,
      gid: 0,
      size: 0,
      mtime: 0,
    });
    block[0] = 0x79; // change the name without fixing the checksum
    const file = join(work, 'bad.tar');
    await writeFile(file, Buffer.concat([block, TAR_TRAILER]));
    await expect(list(file)).rejects.toMatchObject({ code: 'tar_invalid' });
  });
});
