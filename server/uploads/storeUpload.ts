import { createHash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type Database from 'better-sqlite3';
import { formatBytes } from '../../shared/bytes/formatBytes.ts';
import { AppError } from '../errors/AppError.ts';
import { ensureDirInside } from './safePaths.ts';
import { UploadRepository } from './UploadRepository.ts';
import { toUploadEntry, type UploadEntry } from './uploadEntry.ts';
import { validateElf } from './validateElf.ts';

export interface StoreUploadOptions {
  db: Database.Database;
  dataDir: string;
  maxBytes: number;
  name: string;
  installPath: string;
  body: Readable;
  now?: Date;
}

export interface StoreUploadResult {
  entry: UploadEntry;
  created: boolean;
}

export function tooLarge(maxBytes: number): AppError {
  return new AppError(
    'upload_too_large',
    413,
    `The upload is larger than the limit of ${formatBytes(maxBytes)} (LAGO_MAX_UPLOAD_BYTES=${maxBytes}).`,
  );
}

/**
 * Streams the body to a private temp file while counting and hashing it (so
 * a 100 MB upload never sits in memory), validates the ELF from the file,
 * then moves it to `uploads/sha256/<hex>`. Past the limit the rest of the body
 * is read and dropped, so that the client still gets the 413 response.
 */
export async function storeUpload(opts: StoreUploadOptions): Promise<StoreUploadResult> {
  const tmpDir = await ensureDirInside(opts.dataDir, 'uploads', 'tmp');
  const tmpPath = join(tmpDir, `${Date.now()}-${randomBytes(8).toString('hex')}.part`);
  // O_EXCL also refuses a symlink planted at the temp name.
  const fh = await open(
    tmpPath,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
    0o600,
  );
  let keepTmp = false;
  try {
    const hash = createHash('sha256');
    let size = 0;
    for await (const chunk of opts.body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > opts.maxBytes) continue;
      hash.update(chunk);
      await fh.write(chunk);
    }
    await fh.close();
    if (size > opts.maxBytes) throw tooLarge(opts.maxBytes);
    if (size === 0)
      throw new AppError(
        'empty_upload',
        400,
        'The upload is empty (0 bytes): send the binary as the raw request body.',
      );
    await validateElf(tmpPath);

    const sha256 = hash.digest('hex');
    const blobDir = await ensureDirInside(opts.dataDir, 'uploads', 'sha256');
    const blobPath = join(blobDir, sha256);
    const existing = await lstat(blobPath).catch(() => undefined);
    if (existing?.isFile() === true && existing.size === size) {
      // Same content already stored: keep the old file.
    } else {
      // rename() replaces a planted symlink itself and never writes through it.
      if (existing !== undefined && !existing.isFile() && !existing.isSymbolicLink()) {
        await rm(blobPath, { recursive: true, force: true });
      }
      await rename(tmpPath, blobPath);
      keepTmp = true;
    }
    const nowIso = (opts.now ?? new Date()).toISOString();
    const repo = new UploadRepository(opts.db);
    const created = repo.upsert({
      sha256,
      name: opts.name,
      installPath: opts.installPath,
      sizeBytes: size,
      now: nowIso,
    });
    const row = repo.get(sha256);
    if (row === undefined) throw new Error('upload row vanished');
    return { entry: toUploadEntry(row), created };
  } finally {
    await fh.close().catch(() => undefined);
    if (!keepTmp) await rm(tmpPath, { force: true });
  }
}
