/**
 * Turns one layer folder into a gzip layer blob on disk in a single streaming
 * pass: tar → SHA-256 (diff_id) → gzip → SHA-256 (blob digest) → file.
 */
import { createWriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { digestTap } from './digestTap.ts';
import { layerTar } from './layerTar.ts';
import type { LayerEntry } from './walkLayerDir.ts';

/**
 * Fixed deflate level: the blob (and so the manifest digest) only stays
 * identical while the level and Node's bundled zlib stay the same. Node's
 * gzip header has mtime 0 and OS 3 (unix), so it carries nothing variable.
 */
export const GZIP_LEVEL = 6;

export interface LayerBlob {
  /** Digest of the gzip blob. */
  digest: string;
  /** Digest of the uncompressed tar. */
  diffId: string;
  tarBytes: number;
  compressedBytes: number;
}

/** Writes `blobsDir/<hex>` for the layer and returns its digests and sizes. */
export async function writeLayerBlob(
  layerDir: string,
  blobsDir: string,
  mtime: number,
  signal?: AbortSignal,
  /** What to put in the tar; default the whole folder in walk order. */
  entries?: readonly LayerEntry[],
): Promise<LayerBlob> {
  const tar = digestTap();
  const gz = digestTap();
  const tmp = join(blobsDir, `.layer-${process.pid}-${Date.now()}-${Math.random().toString(16).slice(2)}`);
  await pipeline(
    Readable.from(layerTar(layerDir, signal ? { mtime, signal } : { mtime }, entries), { objectMode: false }),
    tar.stream,
    createGzip({ level: GZIP_LEVEL }),
    gz.stream,
    createWriteStream(tmp),
    signal ? { signal } : {},
  );
  const digest = gz.digest();
  await rename(tmp, join(blobsDir, digest.slice('sha256:'.length)));
  return { digest, diffId: tar.digest(), tarBytes: tar.bytes(), compressedBytes: gz.bytes() };
}
