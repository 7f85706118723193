/**
 * Single-file components: `artifact` (a file an operator puts in
 * `LAGO_ARTIFACTS_DIR`) and `upload` (a user's file stored by the server at
 * `${dataDir}/uploads/sha256/<hex>`). Cache key: the file's SHA-256 plus
 * where it goes and its mode.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { CatalogItem } from '../../shared/catalog/types.ts';
import { AppError } from '../errors/AppError.ts';
import type { ContentCache } from './ContentCache.ts';
import { hashFile } from './hashFile.ts';
import { checkFileName, checkImagePath } from './imagePath.ts';
import type { ComponentOrigin, ComponentResolver, ResolveContext, ResolvedComponent } from './types.ts';

const HEX64 = /^[0-9a-f]{64}$/;

/** Static libraries and other data are not executable; everything else an artifact ships is. */
export function artifactMode(installPath: string): number {
  return /\.(a|h|o|so(\.\d+)*|json|txt|pem|crt)$/.test(installPath) ? 0o644 : 0o755;
}

/** Hashing a 150 MB artifact on every build would dominate a warm build: memoise per inode state. */
const hashMemo = new Map<string, { stamp: string; sha256: string; size: number }>();

async function hashOnce(file: string): Promise<{ sha256: string; size: number }> {
  const st = await fs.stat(file);
  const stamp = `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
  const m = hashMemo.get(file);
  if (m?.stamp === stamp) return m;
  const h = await hashFile(file);
  hashMemo.set(file, { stamp, ...h });
  return h;
}

async function resolveSingleFile(
  cache: ContentCache,
  item: CatalogItem,
  ctx: ResolveContext,
  hostFile: string,
  installPath: string,
  mode: number,
  origin: (sha256: string) => ComponentOrigin,
  expectSha?: string,
): Promise<ResolvedComponent> {
  const { sha256 } = await hashOnce(hostFile);
  if (expectSha !== undefined && sha256 !== expectSha) {
    throw new AppError(
      'upload_corrupt',
      500,
      `stored upload ${expectSha} does not match its hash (got ${sha256})`,
    );
  }
  return cache.memo(origin(sha256).kind, { v: 1, id: item.id, sha256, installPath, mode }, async () => {
    ctx.log('info', `${item.id}: storing ${path.basename(hostFile)} (sha256 ${sha256.slice(0, 12)})`);
    const blob = await cache.putFile(hostFile);
    if (blob.sha256 !== sha256)
      throw new AppError('artifact_changed', 409, `${hostFile} changed while it was read; try again`);
    return {
      id: item.id,
      version: `sha256-${sha256.slice(0, 12)}`,
      origin: origin(sha256),
      files: [{ path: installPath, type: 'file', mode, size: blob.size, sha256, hostPath: blob.hostPath }],
      contentBytes: blob.size,
    };
  });
}

export function createArtifactResolver(cache: ContentCache, artifactsDir: string): ComponentResolver {
  const dir = path.resolve(artifactsDir);
  const locate = (item: CatalogItem): { file: string; hostFile: string; installPath: string } => {
    if (item.source.kind !== 'artifact') throw new Error(`not an artifact component: ${item.id}`);
    const file = checkFileName(item.source.file, `artifact file of ${item.id}`);
    return {
      file,
      hostFile: path.join(dir, file),
      installPath: checkImagePath(item.source.installPath, `install path of ${item.id}`),
    };
  };
  // The page shows this to every visitor: name the setting, never the server's absolute paths.
  const missing = (file: string): string =>
    `put ${file} in the server's artifacts directory (the LAGO_ARTIFACTS_DIR setting), then reload`;
  return {
    async availability(item) {
      const { file, hostFile } = locate(item);
      const st = await fs.stat(hostFile).catch(() => undefined);
      return st?.isFile() ? { available: true } : { available: false, reason: missing(file) };
    },
    async resolve(item, ctx) {
      const { file, hostFile, installPath } = locate(item);
      const st = await fs.stat(hostFile).catch(() => undefined);
      if (!st?.isFile())
        throw new AppError('artifact_missing', 503, `${item.id} is unavailable: ${missing(file)}`);
      return resolveSingleFile(
        cache,
        item,
        ctx,
        hostFile,
        installPath,
        artifactMode(installPath),
        (sha256) => ({
          kind: 'artifact',
          file,
          sha256,
        }),
      );
    },
  };
}

/** Where the server stores the upload with this SHA-256. */
export function uploadPath(dataDir: string, sha256: string): string {
  if (!HEX64.test(sha256))
    throw new AppError('invalid_upload', 400, `not a sha256: ${JSON.stringify(sha256)}`);
  return path.join(path.resolve(dataDir), 'uploads', 'sha256', sha256);
}

export function createUploadResolver(cache: ContentCache, dataDir: string): ComponentResolver {
  const locate = (item: CatalogItem): { sha256: string; hostFile: string; installPath: string } => {
    if (item.source.kind !== 'upload') throw new Error(`not an upload: ${item.id}`);
    const sha256 = item.source.sha256;
    if (item.id !== `upload:sha256:${sha256}`) {
      throw new AppError(
        'invalid_upload',
        400,
        `upload id ${JSON.stringify(item.id)} does not match its sha256`,
      );
    }
    return {
      sha256,
      hostFile: uploadPath(dataDir, sha256),
      installPath: checkImagePath(item.source.installPath, `install path of ${item.id}`),
    };
  };
  return {
    async availability(item) {
      const st = await fs.stat(locate(item).hostFile).catch(() => undefined);
      return st?.isFile()
        ? { available: true }
        : { available: false, reason: 'the uploaded file is gone from the server: upload it again' };
    },
    async resolve(item, ctx) {
      const { sha256, hostFile, installPath } = locate(item);
      const st = await fs.stat(hostFile).catch(() => undefined);
      if (!st?.isFile())
        throw new AppError(
          'upload_missing',
          404,
          `upload ${sha256} is not stored on this server: upload it again`,
        );
      // An upload is a user's own static binary: executable.
      return resolveSingleFile(
        cache,
        item,
        ctx,
        hostFile,
        installPath,
        0o755,
        (h) => ({ kind: 'upload', sha256: h }),
        sha256,
      );
    },
  };
}
