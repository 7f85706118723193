/**
 * "Rebuild and compare": build a finished build's design again with the same
 * engine and smoke-test setting (the pipeline compares the two images once the
 * rebuild succeeds), and compare any two succeeded builds on demand.
 */
import { access } from 'node:fs/promises';
import type { BuildRecord, CreateBuildResponse, ImageComparison } from '../../shared/api/types.ts';
import { buildPaths } from '../builds/buildPaths.ts';
import { checkBuildable } from '../builds/checkBuildable.ts';
import { layerNames } from '../builds/runBuildPipeline.ts';
import { AppError } from '../errors/AppError.ts';
import { chooseEngine, enqueueBuild, requireBuild } from './buildUseCases.ts';
import type { UseCaseDeps } from './UseCaseDeps.ts';

export async function rebuildBuild(deps: UseCaseDeps, id: string): Promise<CreateBuildResponse> {
  const original = requireBuild(deps, id);
  if (original.status === 'queued' || original.status === 'running') {
    throw new AppError(
      'build_not_finished',
      409,
      `build ${id} is ${original.status}; it can be rebuilt once it has finished`,
    );
  }
  const catalog = await deps.ports.components.catalogItems();
  const problem = checkBuildable(original.design, catalog, 'design');
  if (problem) throw problem;
  // Same engine by name: a podman build is not silently rebuilt with builtin.
  const engine = await chooseEngine(deps, original.engine);
  return enqueueBuild(deps, {
    design: original.design,
    engine,
    smokeTest: original.smokeTest ?? true,
    rebuildOf: original.id,
    ...(original.designId !== undefined ? { designId: original.designId } : {}),
  });
}

/**
 * `id`'s image against `withId`'s (`against: withId`): 404 for an unknown
 * build, 409 unless both succeeded, 410 when an image has been removed.
 */
export async function compareBuilds(
  deps: Pick<UseCaseDeps, 'store' | 'config' | 'ports'>,
  id: string,
  withId: unknown,
): Promise<ImageComparison> {
  if (typeof withId !== 'string' || withId === '')
    throw new AppError(
      'invalid_request',
      400,
      'with: the id of the build to compare with is required',
      'with',
    );
  const self = await comparableArchive(deps, id);
  const other = await comparableArchive(deps, withId);
  const compare = deps.ports.compareArchives;
  if (compare === undefined)
    throw new AppError('compare_unavailable', 503, 'image comparison is not available on this server');
  const c = await compare(other.archivePath, self.archivePath, layerNames(self.record.design));
  return { against: other.record.id, ...c };
}

async function comparableArchive(
  deps: Pick<UseCaseDeps, 'store' | 'config'>,
  id: string,
): Promise<{ record: BuildRecord; archivePath: string }> {
  const record = requireBuild(deps, id);
  if (record.status !== 'succeeded') {
    throw new AppError(
      'build_not_succeeded',
      409,
      `build ${id} is ${record.status}; only succeeded builds have an image to compare`,
    );
  }
  const { archivePath } = buildPaths(deps.config.dataDir, id);
  const found = await access(archivePath).then(
    () => true,
    () => false,
  );
  if (!found)
    throw new AppError('image_removed', 410, `the image of build ${id} has been removed from this server`);
  return { record, archivePath };
}
