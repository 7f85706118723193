/**
 * SHA-1 of every regular file of every layer blob of an oci-archive. SPDX
 * 2.3 requires a SHA1 checksum on each File (SHA256 alone passes the JSON
 * schema but not SPDX validators), and the inspection only carries SHA-256,
 * so the supply step reads the layers once more, streaming.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { PassThrough, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { normalizeTarPath } from '../oci/inspectOciArchive.ts';
import { readTar, type TarEntrySink } from '../oci/readTar.ts';

/** Blob digest (`sha256:…`) → image path → hex SHA-1. */
export type LayerSha1s = Map<string, Map<string, string>>;

function layerScan(tarStream: Readable): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  return readTar(tarStream as AsyncIterable<Buffer>, (h) => {
    if (h.kind !== 'file') return undefined;
    const hash = createHash('sha1');
    const path = normalizeTarPath(h.name);
    return { write: (b) => void hash.update(b), end: () => void out.set(path, hash.digest('hex')) };
  }).then(() => out);
}

function blobSink(digest: string, result: LayerSha1s): TarEntrySink {
  let feed: PassThrough | undefined;
  let scan: Promise<void> | undefined;
  let failed = false;
  let decided = false;
  return {
    async write(b) {
      if (!decided) {
        decided = true;
        const gzip = b[0] === 0x1f && b[1] === 0x8b;
        const tar = b.length >= 262 && b.subarray(257, 262).toString('latin1') === 'ustar';
        if (!gzip && !tar) return; // config or manifest JSON
        feed = new PassThrough();
        const stream: Readable = gzip ? feed.pipe(createGunzip()) : feed;
        if (gzip) feed.on('error', (e) => stream.destroy(e));
        scan = layerScan(stream).then(
          (m) => void result.set(digest, m),
          () => {
            failed = true;
            feed?.resume();
          },
        );
      }
      if (feed && !failed && !feed.write(b)) await Promise.race([once(feed, 'drain'), scan]);
    },
    async end() {
      if (feed) {
        feed.end();
        await scan;
      }
    },
  };
}

export async function layerFileSha1s(archivePath: string): Promise<LayerSha1s> {
  const result: LayerSha1s = new Map();
  await readTar(createReadStream(archivePath), (h) => {
    const m =
      h.kind === 'file' ? /^blobs\/sha256\/([0-9a-f]{64})$/.exec(normalizeTarPath(h.name).slice(1)) : null;
    return m?.[1] ? blobSink(`sha256:${m[1]}`, result) : undefined;
  });
  return result;
}
