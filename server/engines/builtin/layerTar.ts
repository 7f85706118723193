/**
 * The uncompressed tar of one layer folder, produced lazily: one header at a
 * time and file contents in chunks as the consumer pulls, so memory stays flat
 * whatever the size of the files.
 */
import { createReadStream } from 'node:fs';
import { AppError } from '../../errors/AppError.ts';
import { encodeTarHeader, paddingFor, TAR_TRAILER } from './tarHeader.ts';
import { walkLayerDir } from './walkLayerDir.ts';
import type { LayerEntry } from './walkLayerDir.ts';

export interface LayerTarOptions {
  /** mtime of every entry (SOURCE_DATE_EPOCH). */
  mtime: number;
  /**
   * Write each entry's on-disk mtime instead. A build context needs it: the
   * stager gives layer i the mtime epoch + i, and podman's COPY would drop a
   * same-size override in an upper layer if both layers had one mtime.
   */
  keepDiskMtimes?: boolean;
  signal?: AbortSignal;
}

const READ_CHUNK = 256 * 1024;

/**
 * Yields the bytes of a layer tar holding `entries` (default: the whole
 * folder in walk order); uid/gid 0, empty user/group names (like podman).
 */
export async function* layerTar(
  layerDir: string,
  opts: LayerTarOptions,
  entries: AsyncIterable<LayerEntry> | Iterable<LayerEntry> = walkLayerDir(layerDir, opts.signal),
): AsyncGenerator<Buffer> {
  for await (const entry of entries) {
    opts.signal?.throwIfAborted();
    yield encodeTarHeader({
      name: entry.path,
      type: entry.type,
      mode: entry.mode,
      uid: 0,
      gid: 0,
      size: entry.type === 'file' ? entry.size : 0,
      mtime: opts.keepDiskMtimes ? Number(entry.mtimeNs / 1_000_000_000n) : opts.mtime,
      ...(entry.linkname !== undefined ? { linkname: entry.linkname } : {}),
    });
    if (entry.type !== 'file' || entry.hostPath === undefined) continue;
    let read = 0;
    for await (const chunk of createReadStream(entry.hostPath, { highWaterMark: READ_CHUNK })) {
      const buf = chunk as Buffer;
      read += buf.length;
      if (read > entry.size) break;
      yield buf;
    }
    if (read !== entry.size) {
      throw new AppError('layer_changed', 500, `${entry.path} changed size while it was being archived`);
    }
    const pad = paddingFor(entry.size);
    if (pad > 0) yield Buffer.alloc(pad);
  }
  yield TAR_TRAILER;
}
