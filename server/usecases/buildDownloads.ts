/**
 * The files of a finished build, opened as streams: the OCI archive and the
 * build context as `.tar.gz`. Nothing is read into memory.
 */
import { createReadStream } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { buildPaths } from '../builds/buildPaths.ts';
import { directoryTarGzStream } from '../builds/directoryTarStream.ts';
import { AppError } from '../errors/AppError.ts';
import { requireBuild } from './buildUseCases.ts';
import type { UseCaseDeps } from './UseCaseDeps.ts';

export interface Download {
  filename: string;
  contentType: string;
  /** Known for files, unknown for generated archives. */
  size?: number;
  open(): Readable;
}

export async function openBuildImage(
  deps: Pick<UseCaseDeps, 'store' | 'config'>,
  id: string,
): Promise<Download> {
  const record = requireBuild(deps, id);
  if (record.status !== 'succeeded') {
    throw new AppError(
      'image_not_ready',
      409,
      `build ${id} is ${record.status}; its image can be downloaded once it has succeeded`,
    );
  }
  const { archivePath } = buildPaths(deps.config.dataDir, id);
  const st = await stat(archivePath).catch(() => undefined);
  if (st === undefined)
    throw new AppError('image_removed', 410, `the image of build ${id} has been removed from this server`);
  return {
    filename: `${record.design.name}-${record.design.tag}.oci.tar`,
    contentType: 'application/x-tar',
    size: st.size,
    open: () => createReadStream(archivePath),
  };
}

export async function openBuildContext(
  deps: Pick<UseCaseDeps, 'store' | 'config'>,
  id: string,
): Promise<Download> {
  const record = requireBuild(deps, id);
  if (record.status === 'queued' || record.status === 'running') {
    throw new AppError(
      'context_not_ready',
      409,
      `build ${id} is ${record.status}; its build context can be downloaded once it has finished`,
    );
  }
  const { contextDir } = buildPaths(deps.config.dataDir, id);
  const staged = await access(path.join(contextDir, 'Containerfile')).then(
    () => true,
    () => false,
  );
  if (!staged) {
    throw new AppError(
      'context_not_found',
      404,
      `build ${id} has no build context (it ${record.status} before staging, or it was removed)`,
    );
  }
  return {
    filename: `${record.design.name}-${record.design.tag}-context.tar.gz`,
    contentType: 'application/gzip',
    open: () => directoryTarGzStream(contextDir),
  };
}
