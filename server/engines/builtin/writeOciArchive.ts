/**
 * Packs an OCI image layout into an `oci-archive` (a plain tar) in one
 * streaming pass: `blobs/`, `blobs/sha256/`, the blobs sorted by digest, then
 * `index.json` and `oci-layout`, the order and header style of `podman save`
 * (uid/gid 0, user/group "root"), every mtime = SOURCE_DATE_EPOCH.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../errors/AppError.ts';
import { encodeTarHeader, paddingFor, TAR_TRAILER } from './tarHeader.ts';

export interface ArchiveBlob {
  /** Hex SHA-256 (the file name under `blobs/sha256/`). */
  hex: string;
  size: number;
  /** Either a host file to stream, or the bytes (small JSON blobs). */
  hostPath?: string;
  data?: Buffer;
}

export interface OciArchiveInput {
  blobs: readonly ArchiveBlob[];
  indexJson: Buffer;
  mtime: number;
}

export const OCI_LAYOUT_JSON = Buffer.from('{"imageLayoutVersion":"1.0.0"}');

const owner = { uid: 0, gid: 0, uname: 'root', gname: 'root' };

async function* archiveBytes(input: OciArchiveInput, signal?: AbortSignal): AsyncGenerator<Buffer> {
  const { mtime } = input;
  for (const dir of ['blobs/', 'blobs/sha256/']) {
    yield encodeTarHeader({ name: dir, type: 'dir', mode: 0o755, size: 0, mtime, ...owner });
  }
  const blobs = [...input.blobs].sort((a, b) => (a.hex < b.hex ? -1 : a.hex > b.hex ? 1 : 0));
  const unique = blobs.filter((b, i) => i === 0 || blobs[i - 1]?.hex !== b.hex);
  const files: Array<ArchiveBlob & { name: string }> = [
    ...unique.map((b) => ({ ...b, name: `blobs/sha256/${b.hex}` })),
    { name: 'index.json', hex: '', size: input.indexJson.length, data: input.indexJson },
    { name: 'oci-layout', hex: '', size: OCI_LAYOUT_JSON.length, data: OCI_LAYOUT_JSON },
  ];
  for (const file of files) {
    signal?.throwIfAborted();
    yield encodeTarHeader({ name: file.name, type: 'file', mode: 0o644, size: file.size, mtime, ...owner });
    if (file.data) {
      yield file.data;
    } else if (file.hostPath !== undefined) {
      let read = 0;
      for await (const chunk of createReadStream(file.hostPath, { highWaterMark: 256 * 1024 })) {
        read += (chunk as Buffer).length;
        yield chunk as Buffer;
      }
      if (read !== file.size)
        throw new AppError('blob_changed', 500, `blob ${file.hex} changed while packing`);
    }
    const pad = paddingFor(file.size);
    if (pad > 0) yield Buffer.alloc(pad);
  }
  yield TAR_TRAILER;
}

/** Writes the archive to `outPath`. */
export async function writeOciArchive(
  outPath: string,
  input: OciArchiveInput,
  signal?: AbortSignal,
): Promise<void> {
  await pipeline(
    Readable.from(archiveBytes(input, signal)),
    createWriteStream(outPath),
    signal ? { signal } : {},
  );
}
