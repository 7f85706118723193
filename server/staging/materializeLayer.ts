/**
 * Writes one planned layer to disk with exact modes and mtimes.
 *
 * Regular files are hard links to a per-(mode, mtime) variant of the cached
 * blob (`<blob>.m<mode>.t<epoch>`, created once, atomically), because a hard
 * link shares the inode: chmod/utimes on a link would change the cache and
 * every other build's context. Falls back to copying (other device, link
 * limit, or bytes not in the blob store). Within one layer an inode is used
 * once, so no tar writer turns two paths of a layer into a hardlink entry.
 * Staged files must therefore never be modified in place.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors/AppError.ts';
import type { StagedEntry } from './layerTree.ts';

const BLOB_RE = /[/\\]blobs[/\\]sha256[/\\][0-9a-f]{64}$/;

async function exists(p: string): Promise<boolean> {
  return fs.lstat(p).then(
    () => true,
    () => false,
  );
}

async function copyExact(src: string, dest: string, mode: number, epoch: number): Promise<void> {
  await fs.copyFile(src, dest);
  await fs.chmod(dest, mode);
  await fs.utimes(dest, epoch, epoch);
}

/** The cached blob with this mode and mtime, created on first use. */
async function variantOf(blob: string, mode: number, epoch: number): Promise<string | null> {
  if (!BLOB_RE.test(blob)) return null;
  const variant = `${blob}.m${mode.toString(8)}.t${epoch}`;
  if (await exists(variant)) return variant;
  const tmp = `${variant}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await copyExact(blob, tmp, mode, epoch);
    await fs.rename(tmp, variant);
  } catch {
    await fs.rm(tmp, { force: true });
    return null;
  }
  return variant;
}

/** Writes `entries` (sorted by path, parents first) under `root` (the layer folder). */
export async function materializeLayer(
  root: string,
  entries: readonly StagedEntry[],
  epoch: number,
): Promise<void> {
  await fs.mkdir(root, { recursive: true });
  const usedInodes = new Set<string>();
  const base = path.resolve(root);
  for (const e of entries) {
    const dest = path.join(base, e.path.slice(1));
    if (!dest.startsWith(base + path.sep))
      throw new AppError('invalid_path', 400, `${e.path} escapes the layer`);
    if (e.type === 'dir') {
      await fs.mkdir(dest);
      continue; // mode and mtime are set after the children are written
    }
    if (e.type === 'symlink') {
      await fs.symlink(e.linkTarget ?? '', dest);
      await fs.lutimes(dest, epoch, epoch);
      continue;
    }
    if (e.content !== undefined) {
      await fs.writeFile(dest, e.content, { mode: e.mode });
      await fs.chmod(dest, e.mode);
      await fs.utimes(dest, epoch, epoch);
      continue;
    }
    const src = e.hostPath;
    if (src === undefined) throw new AppError('stage_failed', 500, `${e.path} has no bytes`);
    const variant = usedInodes.has(`${src}:${e.mode}`) ? null : await variantOf(src, e.mode, epoch);
    if (variant !== null) {
      try {
        await fs.link(variant, dest);
        usedInodes.add(`${src}:${e.mode}`);
        continue;
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code !== 'EXDEV' && code !== 'EMLINK' && code !== 'EPERM') throw err;
      }
    }
    await copyExact(src, dest, e.mode, epoch);
  }
  // Deepest first, so writing a child never bumps a parent's mtime afterwards.
  for (const e of [...entries].reverse()) {
    if (e.type !== 'dir') continue;
    const dest = path.join(base, e.path.slice(1));
    await fs.chmod(dest, e.mode);
    await fs.utimes(dest, epoch, epoch);
  }
  await fs.chmod(base, 0o755);
  await fs.utimes(base, epoch, epoch);
}
