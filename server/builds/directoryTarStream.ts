/**
 * Streams a directory as a gzip-compressed tar, one chunk at a time, so a
 * download never holds a layer in memory. It reuses the builtin engine's
 * tar writer (sorted entries, 0:0 owners, PAX for long names, hard links
 * kept), so the same folder always gives the same bytes. Entries keep their
 * on-disk mtimes: the stager sets them (epoch + layer index) so that a
 * `podman build` of the downloaded context keeps same-size overrides.
 * Used for `GET /api/builds/:id/context`.
 */
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { layerTar } from '../engines/builtin/layerTar.ts';

/** The directory's contents (paths relative to `root`) as a `.tar.gz` stream. */
export function directoryTarGzStream(root: string): Readable {
  const tar = Readable.from(layerTar(root, { mtime: 0, keepDiskMtimes: true }), { objectMode: false });
  const gz = createGzip({ level: 6 });
  tar.on('error', (e) => gz.destroy(e));
  return tar.pipe(gz);
}
