import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../errors/AppError.ts';
import { ensureDirInside } from './safePaths.ts';

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function assertSha256Hex(hex: string): void {
  if (!SHA256_HEX.test(hex))
    throw new AppError('invalid_id', 400, 'An upload id is upload:sha256:<64 lowercase hex>.');
}

/** `${dataDir}/uploads/sha256/<hex>`, the one place an upload's bytes live (resolvers read it). */
export function uploadBlobPath(dataDir: string, sha256: string): string {
  assertSha256Hex(sha256);
  return join(dataDir, 'uploads', 'sha256', sha256);
}

/**
 * The blob path, checked on disk: the directories are real (no planted
 * symlinks) and the blob itself is a regular file, not a symlink. Resolvers
 * should read through this rather than {@link uploadBlobPath}.
 */
export async function verifiedUploadBlobPath(dataDir: string, sha256: string): Promise<string> {
  assertSha256Hex(sha256);
  const dir = await ensureDirInside(dataDir, 'uploads', 'sha256');
  const path = join(dir, sha256);
  const st = await lstat(path).catch(() => undefined);
  if (st === undefined || !st.isFile()) {
    throw new AppError(
      'upload_missing',
      404,
      `Upload sha256:${sha256} is not stored on this server (or is not a regular file).`,
    );
  }
  return path;
}
