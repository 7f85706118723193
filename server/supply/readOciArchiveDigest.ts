/**
 * Reads an oci-archive (tar of an OCI image layout) and returns its manifest
 * digest after checking the archive's integrity: every blob must hash to its
 * name, and the manifest's config and layers must be present with their
 * declared sizes. Without that, flipping a byte inside a layer would leave the
 * index's digest unchanged and a signature would still "verify".
 * Streams the file: memory does not grow with layer size.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { AppError } from '../errors/AppError.ts';

export interface OciArchiveDigest {
  manifestDigest: string;
  configDigest: string;
  layerDigests: string[];
}

interface Descriptor {
  mediaType?: string;
  digest?: string;
  size?: number;
}

const BLOCK = 512;
const KEEP_BYTES = 4 * 1024 * 1024;

const corrupt = (msg: string): AppError =>
  new AppError('image_corrupt', 400, `image archive corrupt: ${msg}`);

function parseOctal(buf: Buffer, off: number, len: number): number {
  const s = buf
    .subarray(off, off + len)
    .toString('latin1')
    .replace(/\0.*$/s, '')
    .trim();
  if (s === '') return 0;
  if (!/^[0-7]+$/.test(s)) throw corrupt('bad tar header number');
  return parseInt(s, 8);
}

function headerChecksumOk(h: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (h[i] ?? 0);
  return sum === parseOctal(h, 148, 8);
}

const cstr = (buf: Buffer, off: number, len: number): string =>
  buf
    .subarray(off, off + len)
    .toString('utf8')
    .replace(/\0.*$/s, '');

function paxPath(data: Buffer): string | undefined {
  let rest = data.toString('utf8');
  while (rest.length > 0) {
    const sp = rest.indexOf(' ');
    const len = parseInt(rest.slice(0, sp), 10);
    if (!Number.isFinite(len) || len <= 0) return undefined;
    const rec = rest.slice(sp + 1, len - 1);
    const eq = rec.indexOf('=');
    if (rec.slice(0, eq) === 'path') return rec.slice(eq + 1);
    rest = rest.slice(len);
  }
  return undefined;
}

interface Entry {
  name: string;
  hash: Hash | undefined;
  kept: Buffer[] | undefined;
  keptBytes: number;
}

/** Streams a tar, calling `onEntry` for regular files with their hash and (small) content. */
/** A byte range of a file (e.g. the image part of a multipart upload); `end` is exclusive. */
export interface ByteRange {
  start: number;
  end: number;
}

async function scanTar(
  path: string,
  range: ByteRange | undefined,
  onFile: (name: string, sha256: string, size: number, content: Buffer | undefined) => void,
): Promise<void> {
  let pending: Buffer = Buffer.alloc(0);
  let remaining = 0; // content bytes left in the current entry
  let padding = 0;
  let entry: Entry | undefined;
  let entrySize = 0;
  let entryType = '';
  let nextName: string | undefined;
  let ended = false;

  const finishEntry = (): void => {
    if (!entry) return;
    const content = entry.kept ? Buffer.concat(entry.kept) : undefined;
    if (entryType === 'x') {
      nextName = paxPath(content ?? Buffer.alloc(0)) ?? nextName;
    } else if (entryType === 'L') {
      nextName = (content ?? Buffer.alloc(0)).toString('utf8').replace(/\0.*$/s, '');
    } else if (entry.hash) {
      onFile(entry.name, entry.hash.digest('hex'), entrySize, content);
    }
    entry = undefined;
  };

  if (range && range.end <= range.start) throw corrupt('the image is empty');
  const stream = range
    ? createReadStream(path, { start: range.start, end: range.end - 1 })
    : createReadStream(path);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      while (pending.length > 0 && !ended) {
        if (remaining > 0) {
          const take = Math.min(remaining, pending.length);
          const part = pending.subarray(0, take);
          entry?.hash?.update(part);
          if (entry?.kept && entry.keptBytes + take <= KEEP_BYTES) {
            entry.kept.push(Buffer.from(part));
            entry.keptBytes += take;
          } else if (entry) entry.kept = undefined;
          pending = pending.subarray(take);
          remaining -= take;
          if (remaining === 0) finishEntry();
          continue;
        }
        if (padding > 0) {
          const take = Math.min(padding, pending.length);
          pending = pending.subarray(take);
          padding -= take;
          continue;
        }
        if (pending.length < BLOCK) break;
        const h = pending.subarray(0, BLOCK);
        pending = pending.subarray(BLOCK);
        if (h.every((b) => b === 0)) {
          ended = true;
          break;
        }
        if (!headerChecksumOk(h)) throw corrupt('tar header checksum mismatch');
        const prefix = cstr(h, 345, 155);
        const base = cstr(h, 0, 100);
        const name = (nextName ?? (prefix ? `${prefix}/${base}` : base)).replace(/^\.\//, '');
        entryType = String.fromCharCode(h[156] ?? 0x30);
        entrySize = parseOctal(h, 124, 12);
        const isFile = entryType === '0' || entryType === '\0';
        const isMeta = entryType === 'x' || entryType === 'L';
        if (!isMeta) nextName = undefined;
        entry = {
          name,
          hash: isFile ? createHash('sha256') : undefined,
          kept: isFile || isMeta ? [] : undefined,
          keptBytes: 0,
        };
        remaining = entrySize;
        padding = (BLOCK - (entrySize % BLOCK)) % BLOCK;
        if (remaining === 0) finishEntry();
      }
      if (ended) break;
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new AppError(
      code === 'ENOENT' ? 'not_found' : 'image_unreadable',
      400,
      `cannot read image archive ${path}: ${code ?? (e as Error).message}`,
    );
  } finally {
    stream.destroy();
  }
  if (remaining > 0) throw corrupt('archive is truncated');
}

export async function readOciArchiveDigest(path: string, range?: ByteRange): Promise<OciArchiveDigest> {
  const blobs = new Map<string, { size: number; content: Buffer | undefined }>();
  let index: Buffer | undefined;
  let sawLayout = false;
  await scanTar(path, range, (name, sha256, size, content) => {
    const m = /^blobs\/sha256\/([0-9a-f]{64})$/.exec(name);
    if (m) {
      if (m[1] !== sha256) throw corrupt(`blob sha256:${m[1]} does not match its digest`);
      blobs.set(`sha256:${sha256}`, { size, content });
    } else if (name === 'index.json') {
      index = content;
    } else if (name === 'oci-layout') {
      sawLayout = true;
    }
  });
  if (!sawLayout || !index) throw corrupt('not an OCI image layout (oci-layout or index.json missing)');
  const parseJson = <T>(buf: Buffer | undefined, what: string): T => {
    try {
      return JSON.parse((buf ?? Buffer.alloc(0)).toString('utf8')) as T;
    } catch {
      throw corrupt(`${what} is not JSON`);
    }
  };
  const idx = parseJson<{ manifests?: Descriptor[] }>(index, 'index.json');
  const manifests = Array.isArray(idx.manifests) ? idx.manifests : [];
  if (manifests.length !== 1)
    throw corrupt(`index.json must list exactly one manifest, found ${manifests.length}`);
  const md = manifests[0] as Descriptor;
  const checkDescriptor = (d: Descriptor | undefined, what: string): string => {
    if (!d || typeof d.digest !== 'string') throw corrupt(`${what} has no digest`);
    const blob = blobs.get(d.digest);
    if (!blob) throw corrupt(`${what} blob ${d.digest} is missing`);
    if (d.size !== blob.size)
      throw corrupt(`${what} blob ${d.digest} has size ${blob.size}, descriptor says ${String(d.size)}`);
    return d.digest;
  };
  const manifestDigest = checkDescriptor(md, 'manifest');
  const manifest = parseJson<{ config?: Descriptor; layers?: Descriptor[] }>(
    blobs.get(manifestDigest)?.content,
    'manifest',
  );
  const configDigest = checkDescriptor(manifest.config, 'config');
  const layerDigests = (manifest.layers ?? []).map((l, i) => checkDescriptor(l, `layer ${i}`));
  return { manifestDigest, configDigest, layerDigests };
}
