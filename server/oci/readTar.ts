/**
 * A small streaming tar reader (ustar, PAX `x`/`g`, GNU `L`/`K` long names,
 * base-256 numbers). Entry bodies are handed to a sink chunk by chunk, so a
 * tar of any size is read with flat memory. Sinks may be async: the reader
 * waits for them, which gives back-pressure to the source.
 */
import { AppError } from '../errors/AppError.ts';

export type TarEntryKind = 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';

export interface TarEntryHeader {
  /** Path as stored (after PAX/GNU overrides); may start with `./` or end with `/`. */
  name: string;
  kind: TarEntryKind;
  /** The raw typeflag character. */
  typeflag: string;
  /** Permission bits incl. setuid/setgid/sticky (file-type bits removed). */
  mode: number;
  uid: number;
  gid: number;
  size: number;
  mtime: number;
  linkname: string;
  uname: string;
  gname: string;
}

export interface TarEntrySink {
  write(chunk: Buffer): void | Promise<void>;
  end(): void | Promise<void>;
}

export type OnTarEntry = (
  header: TarEntryHeader,
) => TarEntrySink | undefined | Promise<TarEntrySink | undefined>;

const BLOCK = 512;

/** Pulls exact byte counts out of an async chunk source. */
class ByteReader {
  private chunks: Buffer[] = [];
  private length = 0;
  private done = false;
  private readonly it: AsyncIterator<Buffer | Uint8Array | string>;

  constructor(source: AsyncIterable<Buffer | Uint8Array | string>) {
    this.it = source[Symbol.asyncIterator]();
  }

  /** True when at least `n` bytes are buffered (false at end of input). */
  async fill(n: number): Promise<boolean> {
    while (this.length < n && !this.done) {
      const r = await this.it.next();
      if (r.done) {
        this.done = true;
        break;
      }
      const b =
        typeof r.value === 'string'
          ? Buffer.from(r.value)
          : Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength);
      if (b.length === 0) continue;
      this.chunks.push(b);
      this.length += b.length;
    }
    return this.length >= n;
  }

  /** Removes and returns up to `max` bytes from the head (one chunk or part of it). */
  private shift(max: number): Buffer {
    const head = this.chunks[0];
    if (!head) return Buffer.alloc(0);
    if (head.length <= max) {
      this.chunks.shift();
      this.length -= head.length;
      return head;
    }
    this.chunks[0] = head.subarray(max);
    this.length -= max;
    return head.subarray(0, max);
  }

  async take(n: number): Promise<Buffer> {
    if (!(await this.fill(n)))
      throw new AppError('tar_truncated', 422, 'tar archive ends in the middle of an entry');
    if (this.chunks[0] && this.chunks[0].length >= n) return this.shift(n);
    const parts: Buffer[] = [];
    let need = n;
    while (need > 0) {
      const part = this.shift(need);
      parts.push(part);
      need -= part.length;
    }
    return Buffer.concat(parts, n);
  }

  /** Streams `n` bytes to `emit`, chunk by chunk. */
  async pass(n: number, emit: (b: Buffer) => void | Promise<void>): Promise<void> {
    let left = n;
    while (left > 0) {
      if (!(await this.fill(1)))
        throw new AppError('tar_truncated', 422, 'tar archive ends in the middle of an entry');
      const part = this.shift(left);
      left -= part.length;
      await emit(part);
    }
  }

  async drain(): Promise<void> {
    this.chunks = [];
    this.length = 0;
    while (!this.done) {
      const r = await this.it.next();
      if (r.done) this.done = true;
    }
  }
}

function cString(b: Buffer, start: number, size: number): string {
  const field = b.subarray(start, start + size);
  const nul = field.indexOf(0);
  return field.subarray(0, nul === -1 ? size : nul).toString('utf8');
}

function numeric(b: Buffer, start: number, size: number): number {
  const field = b.subarray(start, start + size);
  if (field[0] !== undefined && (field[0] & 0x80) !== 0) {
    // GNU base-256: big-endian two's complement with the top bit as a marker.
    let v = field[0] & 0x7f;
    for (let i = 1; i < field.length; i++) v = v * 256 + (field[i] ?? 0);
    return v;
  }
  const s = cString(b, start, size).trim();
  return s === '' ? 0 : parseInt(s, 8);
}

function parsePax(data: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  let off = 0;
  while (off < data.length) {
    const sp = data.indexOf(0x20, off);
    if (sp === -1) break;
    const len = parseInt(data.subarray(off, sp).toString('latin1'), 10);
    if (!Number.isFinite(len) || len <= 0) break;
    const rec = data.subarray(sp + 1, off + len - 1).toString('utf8');
    const eq = rec.indexOf('=');
    if (eq > 0) out.set(rec.slice(0, eq), rec.slice(eq + 1));
    off += len;
  }
  return out;
}

const HEADER_ONLY = new Set(['1', '2', '3', '4', '5', '6']);
const KIND: Record<string, TarEntryKind> = {
  '0': 'file',
  '\0': 'file',
  '7': 'file',
  '1': 'hardlink',
  '2': 'symlink',
  '5': 'dir',
};

function checksumOk(block: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (block[i] ?? 0);
  return sum === numeric(block, 148, 8);
}

/**
 * Reads every entry of `source`, calling `onEntry` with its header; a returned
 * sink receives the body. Reads to the end of the source (so a hash of the
 * source sees all bytes). Throws AppError `tar_invalid` on a corrupt header.
 */
export async function readTar(
  source: AsyncIterable<Buffer | Uint8Array | string>,
  onEntry: OnTarEntry,
): Promise<void> {
  const reader = new ByteReader(source);
  let pax = new Map<string, string>();
  let globalPax = new Map<string, string>();
  let longName: string | undefined;
  let longLink: string | undefined;
  for (;;) {
    if (!(await reader.fill(BLOCK))) break; // tolerate a missing trailer
    const block = await reader.take(BLOCK);
    if (block.every((b) => b === 0)) break;
    if (!checksumOk(block)) throw new AppError('tar_invalid', 422, 'tar header checksum mismatch');
    const typeflag = String.fromCharCode(block[156] ?? 0);
    const size = numeric(block, 124, 12);
    const padded = Math.ceil(size / BLOCK) * BLOCK;
    if (typeflag === 'x' || typeflag === 'g' || typeflag === 'L' || typeflag === 'K') {
      const data = (await reader.take(padded)).subarray(0, size);
      if (typeflag === 'x') pax = parsePax(data);
      else if (typeflag === 'g') globalPax = new Map([...globalPax, ...parsePax(data)]);
      else if (typeflag === 'L') longName = cString(data, 0, data.length);
      else longLink = cString(data, 0, data.length);
      continue;
    }
    const magic = block.subarray(257, 262).toString('latin1');
    const prefix = magic === 'ustar' ? cString(block, 345, 155) : '';
    const rec = new Map([...globalPax, ...pax]);
    const baseName = cString(block, 0, 100);
    const header: TarEntryHeader = {
      name: rec.get('path') ?? longName ?? (prefix ? `${prefix}/${baseName}` : baseName),
      kind: KIND[typeflag] ?? 'other',
      typeflag,
      mode: numeric(block, 100, 8) & 0o7777,
      uid: rec.has('uid') ? Number(rec.get('uid')) : numeric(block, 108, 8),
      gid: rec.has('gid') ? Number(rec.get('gid')) : numeric(block, 116, 8),
      size: rec.has('size') ? Number(rec.get('size')) : size,
      mtime: rec.has('mtime') ? Math.floor(Number(rec.get('mtime'))) : numeric(block, 136, 12),
      linkname: rec.get('linkpath') ?? longLink ?? cString(block, 157, 100),
      uname: rec.get('uname') ?? cString(block, 265, 32),
      gname: rec.get('gname') ?? cString(block, 297, 32),
    };
    pax = new Map();
    longName = undefined;
    longLink = undefined;
    // Like Go's reader: links, directories, devices and FIFOs carry no body.
    const bodySize = HEADER_ONLY.has(typeflag) ? 0 : header.size;
    const sink = await onEntry(header);
    if (sink) {
      await reader.pass(bodySize, (b) => sink.write(b));
      await sink.end();
    } else {
      await reader.pass(bodySize, () => {});
    }
    const pad = Math.ceil(bodySize / BLOCK) * BLOCK - bodySize;
    if (pad > 0) await reader.take(pad);
  }
  await reader.drain();
}
