/**
 * Reads an oci-archive in one streaming pass. Every blob is hashed and checked
 * against its name; small non-tar blobs (JSON) are kept; blobs that look like
 * layers (gzip, or a plain tar) are unpacked on the fly to list every file
 * with its SHA-256 and to measure the tar. Memory holds file metadata only.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { PassThrough } from 'node:stream';
import type { Readable } from 'node:stream';
import { once } from 'node:events';
import { createGunzip } from 'node:zlib';
import { AppError } from '../errors/AppError.ts';
import { readTar } from './readTar.ts';
import type { TarEntrySink } from './readTar.ts';
import type { OciArchiveInfo, OciConfig, OciFile, OciIndex, OciLayerInfo, OciManifest } from './ociTypes.ts';

const MAX_JSON_BYTES = 8 * 1024 * 1024;
const REF_NAME = 'org.opencontainers.image.ref.name';

interface LayerScan {
  diffId: string;
  tarBytes: number;
  files: OciFile[];
}

interface BlobRecord {
  size: number;
  data?: Buffer;
  layer?: LayerScan;
  layerError?: string;
}

/** `./usr/bin/` → `/usr/bin`; `./` → `/`. */
export function normalizeTarPath(name: string): string {
  const trimmed = name.replace(/^(\.\/|\/)+/, '').replace(/\/+$/, '');
  return `/${trimmed}`;
}

/** Lists a layer tar coming through `tarStream`, hashing the tar and each file. */
async function scanLayerTar(tarStream: Readable): Promise<LayerScan> {
  const tarHash = createHash('sha256');
  let tarBytes = 0;
  const counted = (async function* () {
    for await (const chunk of tarStream) {
      const b = chunk as Buffer;
      tarHash.update(b);
      tarBytes += b.length;
      yield b;
    }
  })();
  const files: OciFile[] = [];
  await readTar(counted, (h) => {
    const path = normalizeTarPath(h.name);
    if (path === '/' && h.kind === 'dir') return undefined;
    const file: OciFile = {
      path,
      type: h.kind,
      mode: h.mode,
      uid: h.uid,
      gid: h.gid,
      size: h.kind === 'file' ? h.size : 0,
    };
    if (h.kind === 'symlink') file.linkTarget = h.linkname;
    if (h.kind === 'hardlink') file.linkTarget = normalizeTarPath(h.linkname);
    files.push(file);
    if (h.kind !== 'file') return undefined;
    const hash = createHash('sha256');
    return {
      write: (b) => void hash.update(b),
      end: () => void (file.sha256 = hash.digest('hex')),
    };
  });
  return { diffId: `sha256:${tarHash.digest('hex')}`, tarBytes, files };
}

/** A sink for one blob: hashes it, then keeps it (JSON) or scans it (layer). */
function blobSink(hex: string, size: number, blobs: Map<string, BlobRecord>): TarEntrySink {
  const hash = createHash('sha256');
  const record: BlobRecord = { size };
  const head: Buffer[] = [];
  let headBytes = 0;
  let mode: 'sniff' | 'json' | 'layer' | 'skip' = 'sniff';
  let feed: PassThrough | undefined;
  let scan: Promise<void> | undefined;

  const startLayer = (gzip: boolean): void => {
    feed = new PassThrough();
    const tarStream: Readable = gzip ? feed.pipe(createGunzip()) : feed;
    if (gzip) feed.on('error', (e) => tarStream.destroy(e));
    scan = scanLayerTar(tarStream).then(
      (l) => void (record.layer = l),
      (e: unknown) => {
        record.layerError = e instanceof Error ? e.message : String(e);
        feed?.resume();
      },
    );
  };
  const forward = async (b: Buffer): Promise<void> => {
    if (feed && !feed.write(b) && !record.layerError) await Promise.race([once(feed, 'drain'), scan]);
  };
  /** Picks what to do with the blob from its first bytes; `sniff` = need more. */
  const decide = (all: Buffer, final: boolean): typeof mode => {
    if (all.length >= 2 && all[0] === 0x1f && all[1] === 0x8b) return 'layer';
    if (all.length >= 262 && all.subarray(257, 262).toString('latin1') === 'ustar') return 'layer';
    if (all.length < 262 && !final) return 'sniff';
    return size <= MAX_JSON_BYTES ? 'json' : 'skip';
  };
  const settle = async (final: boolean): Promise<void> => {
    const all = Buffer.concat(head);
    mode = decide(all, final);
    if (mode === 'layer') {
      startLayer(all[0] === 0x1f);
      await forward(all);
    }
  };

  return {
    async write(b) {
      hash.update(b);
      if (mode === 'sniff') {
        head.push(b);
        headBytes += b.length;
        if (headBytes >= 262) await settle(false);
      } else if (mode === 'json') {
        head.push(b);
      } else if (mode === 'layer') {
        await forward(b);
      }
    },
    async end() {
      if (mode === 'sniff') await settle(true);
      if (mode === 'json') record.data = Buffer.concat(head);
      if (feed) {
        feed.end();
        await scan;
      }
      const actual = hash.digest('hex');
      if (actual !== hex)
        throw new AppError('oci_corrupt', 422, `blob sha256:${hex} has content sha256:${actual}`);
      blobs.set(hex, record);
    },
  };
}

function parseJson<T>(data: Buffer | undefined, what: string): T {
  if (!data) throw new AppError('oci_invalid', 422, `${what} is missing from the archive`);
  try {
    return JSON.parse(data.toString('utf8')) as T;
  } catch {
    throw new AppError('oci_invalid', 422, `${what} is not valid JSON`);
  }
}

const hexOf = (digest: string): string => {
  if (!/^sha256:[0-9a-f]{64}$/.test(digest))
    throw new AppError('oci_invalid', 422, `unsupported digest ${digest}`);
  return digest.slice('sha256:'.length);
};

export interface InspectOptions {
  /** Which manifest of the index: by ref name; default the first. */
  refName?: string;
  signal?: AbortSignal;
}

/** Inspects an oci-archive file (a tar of an OCI image layout). */
export async function inspectOciArchive(
  archivePath: string,
  opts: InspectOptions = {},
): Promise<OciArchiveInfo> {
  const blobs = new Map<string, BlobRecord>();
  const files = new Map<string, Buffer>();
  const source = createReadStream(archivePath, opts.signal ? { signal: opts.signal } : {});
  try {
    await readTar(source, (h) => {
      if (h.kind !== 'file') return undefined;
      const name = normalizeTarPath(h.name).slice(1);
      const m = /^blobs\/sha256\/([0-9a-f]{64})$/.exec(name);
      if (m?.[1]) return blobSink(m[1], h.size, blobs);
      if (name === 'index.json' || name === 'oci-layout') {
        if (h.size > MAX_JSON_BYTES) throw new AppError('oci_invalid', 422, `${name} is too large`);
        const parts: Buffer[] = [];
        return { write: (b) => void parts.push(b), end: () => void files.set(name, Buffer.concat(parts)) };
      }
      return undefined;
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      throw new AppError('not_found', 404, `no archive at ${archivePath}`);
    throw e;
  }

  const layout = parseJson<{ imageLayoutVersion?: string }>(files.get('oci-layout'), 'oci-layout');
  if (typeof layout.imageLayoutVersion !== 'string')
    throw new AppError('oci_invalid', 422, 'oci-layout has no imageLayoutVersion');
  const index = parseJson<OciIndex>(files.get('index.json'), 'index.json');
  if (!Array.isArray(index.manifests) || index.manifests.length === 0) {
    throw new AppError('oci_invalid', 422, 'index.json lists no manifest');
  }
  const desc = opts.refName
    ? index.manifests.find((d) => d.annotations?.[REF_NAME] === opts.refName)
    : index.manifests[0];
  if (!desc) throw new AppError('oci_invalid', 422, `no manifest named ${opts.refName ?? ''}`);
  const blob = (digest: string, what: string): BlobRecord => {
    const rec = blobs.get(hexOf(digest));
    if (!rec) throw new AppError('oci_invalid', 422, `${what} ${digest} is missing from the archive`);
    return rec;
  };
  const manifestRec = blob(desc.digest, 'manifest');
  const manifest = parseJson<OciManifest>(manifestRec.data, `manifest ${desc.digest}`);
  if (!manifest.config || !Array.isArray(manifest.layers))
    throw new AppError('oci_invalid', 422, 'manifest has no config or layers');
  const config = parseJson<OciConfig>(
    blob(manifest.config.digest, 'config').data,
    `config ${manifest.config.digest}`,
  );
  const diffIds = config.rootfs?.diff_ids ?? [];
  if (diffIds.length !== manifest.layers.length) {
    throw new AppError(
      'oci_invalid',
      422,
      `config lists ${diffIds.length} diff_ids for ${manifest.layers.length} layers`,
    );
  }

  const layers: OciLayerInfo[] = manifest.layers.map((l, i) => {
    const rec = blob(l.digest, `layer ${i}`);
    if (!rec.layer)
      throw new AppError(
        'oci_invalid',
        422,
        `layer ${i} (${l.digest}) is not a readable tar: ${rec.layerError ?? 'unknown format'}`,
      );
    if (rec.size !== l.size)
      throw new AppError('oci_invalid', 422, `layer ${i} is ${rec.size} bytes, the manifest says ${l.size}`);
    if (rec.layer.diffId !== diffIds[i]) {
      throw new AppError(
        'oci_invalid',
        422,
        `layer ${i} has diff_id ${rec.layer.diffId}, the config says ${diffIds[i] ?? ''}`,
      );
    }
    const layerFiles = rec.layer.files;
    return {
      digest: l.digest,
      diffId: rec.layer.diffId,
      mediaType: l.mediaType,
      compressedBytes: rec.size,
      tarBytes: rec.layer.tarBytes,
      contentBytes: layerFiles.reduce((s, f) => s + (f.type === 'file' ? f.size : 0), 0),
      fileCount: layerFiles.filter((f) => f.type !== 'dir').length,
      files: layerFiles,
    };
  });

  const refName = desc.annotations?.[REF_NAME];
  return {
    manifestDigest: desc.digest,
    configDigest: manifest.config.digest,
    index,
    manifest,
    config,
    layers,
    ...(refName !== undefined ? { refName } : {}),
  };
}
