/**
 * Walks one staged layer folder the way podman's COPY + layer diff sees it:
 * depth first, each directory's entries sorted by the bytes of their names
 * (so `a`, `a/x`, `a-b`), the folder itself not included, directories before
 * their contents. Modes lose setuid/setgid (podman 4.3's COPY drops them) and
 * keep the sticky bit. A regular file whose inode was already seen in this
 * layer becomes a hard link to the first path, as containers/storage does.
 */
import { lstat, readdir, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../errors/AppError.ts';

export interface LayerEntry {
  /** Relative tar path; directories end with `/`. */
  path: string;
  type: 'file' | 'dir' | 'symlink' | 'hardlink';
  /** Permission bits as the image gets them (setuid/setgid cleared). */
  mode: number;
  /** Regular files: byte size (symlinks: the target's length, as lstat reports). */
  size: number;
  /** Regular files: the host file to read. */
  hostPath?: string;
  /** Symlink target, or for a hard link the tar path of the first occurrence. */
  linkname?: string;
  /** On-disk mtime in nanoseconds: podman's change detection compares it. */
  mtimeNs: bigint;
}

/** Permission bits podman's COPY keeps: rwx for all plus sticky, no setuid/setgid. */
export const COPY_MODE_MASK = 0o1777;

const byName = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** Yields every entry under `root` in tar order, without reading file contents. */
export async function* walkLayerDir(root: string, signal?: AbortSignal): AsyncGenerator<LayerEntry> {
  const seenInodes = new Map<string, string>();

  async function* walk(hostDir: string, relDir: string): AsyncGenerator<LayerEntry> {
    const names = (await readdir(hostDir)).sort(byName);
    for (const name of names) {
      signal?.throwIfAborted();
      const hostPath = join(hostDir, name);
      const rel = relDir + name;
      const st = await lstat(hostPath, { bigint: true });
      const mode = Number(st.mode) & COPY_MODE_MASK;
      const mtimeNs = st.mtimeNs;
      if (st.isDirectory()) {
        yield { path: `${rel}/`, type: 'dir', mode, size: 0, mtimeNs };
        yield* walk(hostPath, `${rel}/`);
      } else if (st.isSymbolicLink()) {
        yield {
          path: rel,
          type: 'symlink',
          mode: 0o777,
          size: Number(st.size),
          linkname: await readlink(hostPath),
          mtimeNs,
        };
      } else if (st.isFile()) {
        const key = `${st.dev}:${st.ino}`;
        const first = st.nlink > 1n ? seenInodes.get(key) : undefined;
        if (first !== undefined) {
          yield { path: rel, type: 'hardlink', mode, size: 0, linkname: first, mtimeNs };
          continue;
        }
        if (st.nlink > 1n) seenInodes.set(key, rel);
        yield { path: rel, type: 'file', mode, size: Number(st.size), hostPath, mtimeNs };
      } else {
        throw new AppError(
          'unsupported_file',
          500,
          `layer file ${rel} is not a regular file, directory or symlink`,
        );
      }
    }
  }

  yield* walk(root, '');
}
