/**
 * Rewrites `podman save`'s oci-archive in one streaming pass: the same blobs
 * in the same order, but every header normalised (mtime = SOURCE_DATE_EPOCH,
 * root owner, fixed modes) so the archive itself is reproducible, and the
 * index's `org.opencontainers.image.ref.name` set to the design's
 * `<name>:<tag>` instead of the temporary build tag.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../errors/AppError.ts';
import { readTar } from '../../oci/readTar.ts';
import { encodeTarHeader, paddingFor, TAR_TRAILER } from '../builtin/tarHeader.ts';

const REF_NAME = 'org.opencontainers.image.ref.name';
const owner = { uid: 0, gid: 0, uname: 'root', gname: 'root' };

interface IndexJson {
  manifests?: Array<{ digest?: string; annotations?: Record<string, string> }>;
}

export interface RepackOptions {
  refName: string;
  mtime: number;
  signal?: AbortSignal;
}

/** Copies `src` to `dest` as described; returns the manifest digest from the index. */
export async function repackOciArchive(
  src: string,
  dest: string,
  opts: RepackOptions,
): Promise<{ manifestDigest: string }> {
  const out = new PassThrough();
  const written = pipeline(out, createWriteStream(dest), opts.signal ? { signal: opts.signal } : {});
  written.catch(() => {}); // awaited below; this only keeps an early failure from being "unhandled"
  const put = async (b: Buffer): Promise<void> => {
    if (!out.write(b)) await once(out, 'drain');
  };
  let manifestDigest: string | undefined;
  const copy = readTar(createReadStream(src), async (h) => {
    const name = h.name.replace(/^\.\//, '');
    if (h.kind === 'dir') {
      await put(
        encodeTarHeader({
          name: name.endsWith('/') ? name : `${name}/`,
          type: 'dir',
          mode: 0o755,
          size: 0,
          mtime: opts.mtime,
          ...owner,
        }),
      );
      return undefined;
    }
    if (h.kind !== 'file')
      throw new AppError('oci_invalid', 422, `unexpected ${h.kind} entry ${h.name} in podman's archive`);
    if (name === 'index.json') {
      const parts: Buffer[] = [];
      return {
        write: (b) => void parts.push(b),
        end: async () => {
          const index = JSON.parse(Buffer.concat(parts).toString('utf8')) as IndexJson;
          const first = index.manifests?.[0];
          if (!first?.digest || index.manifests?.length !== 1)
            throw new AppError('oci_invalid', 422, 'podman saved an index without exactly one manifest');
          first.annotations = { ...first.annotations, [REF_NAME]: opts.refName };
          manifestDigest = first.digest;
          const data = Buffer.from(JSON.stringify(index));
          await put(
            encodeTarHeader({
              name,
              type: 'file',
              mode: 0o644,
              size: data.length,
              mtime: opts.mtime,
              ...owner,
            }),
          );
          await put(data);
          const pad = paddingFor(data.length);
          if (pad > 0) await put(Buffer.alloc(pad));
        },
      };
    }
    await put(
      encodeTarHeader({ name, type: 'file', mode: 0o644, size: h.size, mtime: opts.mtime, ...owner }),
    );
    return {
      write: (b) => put(b),
      end: async () => {
        const pad = paddingFor(h.size);
        if (pad > 0) await put(Buffer.alloc(pad));
      },
    };
  });
  try {
    await copy;
    await put(TAR_TRAILER);
    out.end();
    await written;
  } catch (e) {
    out.destroy();
    throw e;
  }
  if (!manifestDigest) throw new AppError('oci_invalid', 422, "podman's archive has no index.json");
  return { manifestDigest };
}
