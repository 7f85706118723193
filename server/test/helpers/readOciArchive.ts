/**
 * An independent reader of OCI archives for tests: parses the outer tar,
 * follows index → manifest → config, and lists every layer's entries with
 * their content hashes. It shares no code with the engines or the inspector,
 * so it can catch their mistakes. Test images are small: read into memory.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export interface TarEntry {
  /** Normalised: no leading `./` or `/`, no trailing `/`. */
  path: string;
  type: 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';
  /** Permission bits incl. sticky/setuid. */
  mode: number;
  uid: number;
  gid: number;
  size: number;
  linkname?: string;
  sha256?: string;
}

export interface OciLayerView {
  digest: string;
  compressedBytes: number;
  tarBytes: number;
  diffId: string;
  entries: TarEntry[];
  /** Sum of regular-file sizes (hard links counted once, as dive does). */
  contentBytes: number;
  fileCount: number;
}

export interface OciArchiveView {
  index: Record<string, unknown>;
  manifest: Record<string, unknown>;
  manifestDigest: string;
  config: Record<string, unknown>;
  configDigest: string;
  layers: OciLayerView[];
  /** Raw files of the outer archive (`oci-layout`, `index.json`, `blobs/sha256/…`). */
  files: Map<string, Buffer>;
}

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

function cstr(b: Buffer, start: number, len: number): string {
  const s = b.subarray(start, start + len);
  const nul = s.indexOf(0);
  return (nul === -1 ? s : s.subarray(0, nul)).toString('utf8');
}

function octalField(b: Buffer, start: number, len: number): number {
  const s = cstr(b, start, len).trim();
  return s === '' ? 0 : parseInt(s, 8);
}

function parsePax(data: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  while (i < data.length) {
    const sp = data.indexOf(0x20, i);
    if (sp === -1) break;
    const len = Number(data.subarray(i, sp).toString('ascii'));
    if (!Number.isInteger(len) || len <= 0) break;
    const rec = data.subarray(sp + 1, i + len - 1).toString('utf8');
    const eq = rec.indexOf('=');
    out[rec.slice(0, eq)] = rec.slice(eq + 1);
    i += len;
  }
  return out;
}

interface RawEntry extends TarEntry {
  data?: Buffer;
}

/** Parses a whole tar held in memory (ustar, PAX and GNU long names). */
export function parseTar(tar: Buffer): RawEntry[] {
  const entries: RawEntry[] = [];
  let off = 0;
  let pax: Record<string, string> = {};
  let gnuName: string | undefined;
  let gnuLink: string | undefined;
  while (off + 512 <= tar.length) {
    const h = tar.subarray(off, off + 512);
    if (h.every((x) => x === 0)) break;
    const flag = String.fromCharCode(h[156] ?? 0x30);
    let size = octalField(h, 124, 12);
    if (pax.size !== undefined) size = Number(pax.size);
    const data = tar.subarray(off + 512, off + 512 + size);
    off += 512 + Math.ceil(size / 512) * 512;
    if (flag === 'x') {
      pax = { ...pax, ...parsePax(data) };
      continue;
    }
    if (flag === 'g') continue;
    if (flag === 'L') {
      gnuName = cstr(data, 0, data.length);
      continue;
    }
    if (flag === 'K') {
      gnuLink = cstr(data, 0, data.length);
      continue;
    }
    const magic = cstr(h, 257, 6);
    const prefix = magic.startsWith('ustar') ? cstr(h, 345, 155) : '';
    let name = pax.path ?? gnuName ?? (prefix ? `${prefix}/${cstr(h, 0, 100)}` : cstr(h, 0, 100));
    const linkname = pax.linkpath ?? gnuLink ?? cstr(h, 157, 100);
    name = name.replace(/^\.\//, '').replace(/^\/+/, '').replace(/\/+$/, '');
    const type: TarEntry['type'] =
      flag === '0' || flag === '\0' || flag === '7'
        ? 'file'
        : flag === '5'
          ? 'dir'
          : flag === '2'
            ? 'symlink'
            : flag === '1'
              ? 'hardlink'
              : 'other';
    const entry: RawEntry = {
      path: name,
      type,
      mode: octalField(h, 100, 8) & 0o7777,
      uid: pax.uid !== undefined ? Number(pax.uid) : octalField(h, 108, 8),
      gid: pax.gid !== undefined ? Number(pax.gid) : octalField(h, 116, 8),
      size: type === 'file' ? size : 0,
    };
    if (type === 'symlink' || type === 'hardlink') entry.linkname = linkname.replace(/^\.\//, '');
    if (type === 'file') {
      entry.sha256 = sha256(data);
      entry.data = data;
    }
    entries.push(entry);
    pax = {};
    gnuName = undefined;
    gnuLink = undefined;
  }
  return entries;
}

export function readOciArchive(archivePath: string): OciArchiveView {
  const files = new Map<string, Buffer>();
  for (const e of parseTar(readFileSync(archivePath))) {
    if (e.type === 'file' && e.data) files.set(e.path, e.data);
  }
  const blob = (digest: string): Buffer => {
    const b = files.get(`blobs/${digest.replace(':', '/')}`);
    if (!b) throw new Error(`blob ${digest} missing from ${archivePath}`);
    if (`sha256:${sha256(b)}` !== digest) throw new Error(`blob ${digest} does not match its digest`);
    return b;
  };
  const indexBuf = files.get('index.json');
  if (!indexBuf) throw new Error(`${archivePath} has no index.json`);
  const index = JSON.parse(indexBuf.toString('utf8')) as Record<string, unknown>;
  const manifests = index.manifests as Array<{ digest: string }>;
  const manifestDigest = manifests[0]?.digest ?? '';
  const manifest = JSON.parse(blob(manifestDigest).toString('utf8')) as Record<string, unknown>;
  const configDigest = (manifest.config as { digest: string }).digest;
  const config = JSON.parse(blob(configDigest).toString('utf8')) as Record<string, unknown>;
  const layers = (manifest.layers as Array<{ digest: string; mediaType: string }>).map((l) => {
    const compressed = blob(l.digest);
    const tar = l.mediaType.endsWith('+gzip') ? gunzipSync(compressed) : compressed;
    const raw = parseTar(tar);
    const entries = raw.map(({ data: _data, ...e }) => e);
    const files = entries.filter((e) => e.type === 'file');
    return {
      digest: l.digest,
      compressedBytes: compressed.length,
      tarBytes: tar.length,
      diffId: `sha256:${sha256(tar)}`,
      entries,
      contentBytes: files.reduce((n, e) => n + e.size, 0),
      fileCount: files.length,
    };
  });
  return { index, manifest, manifestDigest, config, configDigest, layers, files };
}
