/**
 * Tar header blocks, byte-compatible with Go's `archive/tar` writer, which is
 * what podman/buildah use for layers. Matching it means the builtin engine's
 * uncompressed layer (its diff_id) can equal podman's for the same tree.
 *
 * Go's rules, reproduced here: USTAR when every field fits (long names are
 * split into prefix/name), otherwise a PAX extended header named
 * `<dir>/PaxHeaders.0/<base>` with sorted records, then a USTAR-magic main
 * header. The mode field carries the file-type bits (`0100644`, `040755`,
 * `0120777`), as `tar.FileInfoHeader` produces.
 */

export type TarEntryType = 'file' | 'dir' | 'symlink' | 'hardlink';

export interface TarHeaderInput {
  /** Path as stored: relative, directories end with `/`. */
  name: string;
  type: TarEntryType;
  /** Permission bits incl. sticky/setuid (no file-type bits). */
  mode: number;
  uid: number;
  gid: number;
  /** Regular files only; 0 otherwise. */
  size: number;
  /** Seconds since the epoch. */
  mtime: number;
  /** Symlink target, or the path of the first entry for a hard link. */
  linkname?: string;
  uname?: string;
  gname?: string;
}

export const BLOCK = 512;
const NAME_SIZE = 100;
const PREFIX_SIZE = 155;

const TYPE_FLAG: Record<TarEntryType, string> = { file: '0', hardlink: '1', symlink: '2', dir: '5' };
const TYPE_BITS: Record<TarEntryType, number> = {
  file: 0o100000,
  hardlink: 0o100000,
  symlink: 0o120000,
  dir: 0o040000,
};

const isAscii = (s: string): boolean => [...s].every((c) => c.charCodeAt(0) < 0x80);
const byteLength = (s: string): number => Buffer.byteLength(s, 'utf8');

/** Go's `formatString`: copy, NUL-terminate when shorter, never end a truncated field in `/`. */
function putString(block: Buffer, offset: number, size: number, s: string): void {
  const bytes = Buffer.from(s, 'utf8');
  bytes.copy(block, offset, 0, Math.min(size, bytes.length));
  if (bytes.length < size) block[offset + bytes.length] = 0;
  if (bytes.length > size && block[offset + size - 1] === 0x2f) {
    let n = size - 1;
    while (n > 0 && bytes[n - 1] === 0x2f) n--;
    block[offset + n] = 0;
  }
}

/** Go's `formatOctal`: zero-padded, leaving room for a NUL. */
function putOctal(block: Buffer, offset: number, size: number, value: number): void {
  let s = value.toString(8);
  const pad = size - s.length - 1;
  if (pad > 0) s = '0'.repeat(pad) + s;
  putString(block, offset, size, s);
}

const fitsOctal = (size: number, value: number): boolean => value >= 0 && value < 8 ** (size - 1);

/** Go's `splitUSTARPath`. */
function splitUstarPath(name: string): { prefix: string; suffix: string } | null {
  let length = name.length;
  if (length <= NAME_SIZE || !isAscii(name)) return null;
  if (length > PREFIX_SIZE + 1) length = PREFIX_SIZE + 1;
  else if (name[length - 1] === '/') length--;
  const i = name.lastIndexOf('/', length - 1);
  const nlen = name.length - i - 1;
  if (i <= 0 || nlen > NAME_SIZE || nlen === 0 || i > PREFIX_SIZE) return null;
  return { prefix: name.slice(0, i), suffix: name.slice(i + 1) };
}

function finishBlock(block: Buffer): Buffer {
  // magic "ustar\0", version "00"
  block.write('ustar\x0000', 257, 'latin1');
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of block) sum += b;
  putOctal(block, 148, 7, sum);
  block[155] = 0x20;
  return block;
}

function v7Plus(h: TarHeaderInput, name: string, linkname: string): Buffer {
  const b = Buffer.alloc(BLOCK);
  putString(b, 0, 100, name);
  putOctal(b, 100, 8, fitsOctal(8, h.mode) ? h.mode : 0);
  putOctal(b, 108, 8, fitsOctal(8, h.uid) ? h.uid : 0);
  putOctal(b, 116, 8, fitsOctal(8, h.gid) ? h.gid : 0);
  putOctal(b, 124, 12, fitsOctal(12, h.size) ? h.size : 0);
  putOctal(b, 136, 12, fitsOctal(12, h.mtime) ? h.mtime : 0);
  b.write(TYPE_FLAG[h.type], 156, 'latin1');
  putString(b, 157, 100, linkname);
  putString(b, 265, 32, h.uname ?? '');
  putString(b, 297, 32, h.gname ?? '');
  putOctal(b, 329, 8, 0);
  putOctal(b, 337, 8, 0);
  return b;
}

/** One PAX record: `"<len> <key>=<value>\n"` where len counts itself. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let size = byteLength(body);
  size += String(size).length;
  let record = `${size}${body}`;
  if (byteLength(record) !== size) {
    size = byteLength(record);
    record = `${size}${body}`;
  }
  return record;
}

/** Non-ASCII characters become nothing, as Go's `toASCII` does for header fields. */
const toAscii = (s: string): string => [...s].filter((c) => c.charCodeAt(0) < 0x80).join('');

/**
 * Encodes the header block(s) of one entry: 512 bytes, or a PAX header plus
 * its padded records plus the main header when a field does not fit USTAR.
 */
export function encodeTarHeader(input: TarHeaderInput): Buffer {
  const h: TarHeaderInput = {
    ...input,
    mode: input.mode | TYPE_BITS[input.type],
    size: input.type === 'file' ? input.size : 0,
  };
  const linkname = h.linkname ?? '';
  // Like Go: every field that does not fit its ustar slot gets a PAX record;
  // the records are only written when something rules ustar out.
  const pax = new Map<string, string>();
  let ustar = true;
  const split = splitUstarPath(h.name);
  const checkString = (key: string, value: string, size: number, splittable: boolean): void => {
    if (isAscii(value) && byteLength(value) <= size) return;
    pax.set(key, value);
    if (!splittable) ustar = false;
  };
  checkString('path', h.name, NAME_SIZE, split !== null);
  checkString('linkpath', linkname, NAME_SIZE, false);
  checkString('uname', h.uname ?? '', 32, false);
  checkString('gname', h.gname ?? '', 32, false);
  const checkNumber = (key: string, value: number, size: number): void => {
    if (fitsOctal(size, value)) return;
    pax.set(key, String(value));
    ustar = false;
  };
  checkNumber('uid', h.uid, 8);
  checkNumber('gid', h.gid, 8);
  checkNumber('size', h.size, 12);
  checkNumber('mtime', h.mtime, 12);

  if (ustar) {
    const block = v7Plus(h, split ? split.suffix : h.name, linkname);
    if (split) putString(block, 345, 155, split.prefix);
    return finishBlock(block);
  }

  const records = [...pax.keys()]
    .sort()
    .map((k) => paxRecord(k, pax.get(k) ?? ''))
    .join('');
  const data = Buffer.from(records, 'utf8');
  const slash = h.name.lastIndexOf('/', h.name.endsWith('/') ? h.name.length - 2 : h.name.length - 1);
  const dir = slash >= 0 ? h.name.slice(0, slash + 1) : '';
  const base = h.name.slice(dir.length).replace(/\/+$/, '');
  let paxName = toAscii(`${dir}PaxHeaders.0${base ? `/${base}` : ''}`);
  if (paxName.length > NAME_SIZE) paxName = paxName.slice(0, NAME_SIZE);
  paxName = paxName.replace(/\/+$/, '');
  const paxBlock = Buffer.alloc(BLOCK);
  putString(paxBlock, 0, 100, paxName);
  putOctal(paxBlock, 100, 8, 0);
  putOctal(paxBlock, 108, 8, 0);
  putOctal(paxBlock, 116, 8, 0);
  putOctal(paxBlock, 124, 12, data.length);
  putOctal(paxBlock, 136, 12, 0);
  paxBlock.write('x', 156, 'latin1');
  finishBlock(paxBlock);
  const padded = Buffer.alloc(Math.ceil(data.length / BLOCK) * BLOCK);
  data.copy(padded);

  const main = v7Plus(
    { ...h, uname: toAscii(h.uname ?? ''), gname: toAscii(h.gname ?? '') },
    toAscii(h.name),
    toAscii(linkname),
  );
  return Buffer.concat([paxBlock, padded, finishBlock(main)]);
}

/** Zero bytes that pad `size` bytes of content to a whole block. */
export const paddingFor = (size: number): number => (BLOCK - (size % BLOCK)) % BLOCK;

/** Go's writer ends an archive with two zero blocks and no record padding. */
export const TAR_TRAILER = Buffer.alloc(BLOCK * 2);
