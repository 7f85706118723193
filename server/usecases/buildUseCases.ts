/**
 * Build use cases: start, list, read and cancel builds. Routes call these;
 * these talk to the store and the queue, never to Express.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { BuildError, BuildRecord, CreateBuildResponse, EngineName } from '../../shared/api/types.ts';
import { checkBuildable } from '../builds/checkBuildable.ts';
import { isBuildId } from '../builds/buildPaths.ts';
import { AppError } from '../errors/AppError.ts';
import { parseRequest } from './parseRequest.ts';
import type { UseCaseDeps } from './UseCaseDeps.ts';
import { validateDesignInput } from './validateDesignInput.ts';

const DESIGN_ID_RE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

const createBuildSchema = z.object(
  {
    design: z.unknown().optional(),
    engine: z
      .enum(['auto', 'podman', 'builtin'], { error: 'engine must be "auto", "podman" or "builtin"' })
      .optional(),
    smokeTest: z.boolean({ error: 'smokeTest must be true or false' }).optional(),
    designId: z.string().regex(DESIGN_ID_RE, { error: 'designId must be a saved design id' }).optional(),
  },
  { error: 'the body must be a JSON object {design, engine?, smokeTest?}' },
);

/** A build record as the API returns it: plus its queue position while queued. */
export type BuildView = BuildRecord & { position?: number };

export async function createBuild(deps: UseCaseDeps, body: unknown): Promise<CreateBuildResponse> {
  const req = parseRequest(createBuildSchema, body);
  if (req.design === undefined)
    throw new AppError('invalid_request', 400, 'design: a design is required', 'design');
  const design = validateDesignInput(req.design, 'design');
  const catalog = await deps.ports.components.catalogItems();
  const problem = checkBuildable(design, catalog, 'design');
  if (problem) throw problem;
  const engine = await chooseEngine(deps, req.engine ?? 'auto');
  return enqueueBuild(deps, {
    design,
    engine,
    smokeTest: req.smokeTest ?? true,
    ...(req.designId !== undefined ? { designId: req.designId } : {}),
  });
}

/** Stores a new queued build and queues it; what the create and rebuild use cases share. */
export function enqueueBuild(
  deps: UseCaseDeps,
  fields: Pick<BuildRecord, 'design' | 'engine' | 'smokeTest' | 'designId' | 'rebuildOf'>,
): CreateBuildResponse {
  const record: BuildRecord = {
    ...fields,
    id: randomUUID(),
    status: 'queued',
    createdAt: new Date().toISOString(),
  };
  deps.store.create(record);
  deps.queue.enqueue(record.id);
  return {
    id: record.id,
    status: deps.store.get(record.id)?.status ?? 'queued',
    eventsUrl: `/api/builds/${record.id}/events`,
  };
}

export async function chooseEngine(
  deps: Pick<UseCaseDeps, 'tools'>,
  choice: 'auto' | EngineName,
): Promise<EngineName> {
  if (choice === 'builtin') return 'builtin';
  const podman = await deps.tools.podmanVersion();
  if (choice === 'podman' && podman === null) {
    throw new AppError(
      'engine_unavailable',
      503,
      'the podman engine was asked for, but podman is not installed or cannot run on this server ' +
        '(install podman, or build with engine "builtin")',
    );
  }
  return podman === null ? 'builtin' : 'podman';
}

export function listBuilds(deps: UseCaseDeps, query: { design?: unknown; limit?: unknown }): BuildView[] {
  const q = parseRequest(
    z.object({
      design: z.string().regex(DESIGN_ID_RE, { error: 'design must be a saved design id' }).optional(),
      limit: z.coerce.number().int().min(1).max(1000).optional(),
    }),
    query,
  );
  const records = deps.store.list({
    ...(q.design !== undefined ? { designId: q.design } : {}),
    limit: q.limit ?? 200,
  });
  return records.map((r) => view(deps, r));
}

export function getBuild(deps: UseCaseDeps, id: string): BuildView {
  return view(deps, requireBuild(deps, id));
}

/** Unknown ids (and anything that is not a build id) are 404. */
export function requireBuild(deps: Pick<UseCaseDeps, 'store'>, id: string): BuildRecord {
  const record = isBuildId(id) ? deps.store.get(id) : undefined;
  if (record === undefined)
    throw new AppError('build_not_found', 404, `no build with id ${JSON.stringify(id.slice(0, 80))}`);
  return record;
}

/**
 * Queued → removed from the queue; running → aborted, its process groups
 * killed, resolved once it is `cancelled`. Finished builds cannot be cancelled.
 */
export async function cancelBuild(deps: UseCaseDeps, id: string): Promise<BuildView> {
  const record = requireBuild(deps, id);
  if (record.status === 'cancelled') return view(deps, record);
  if (record.status === 'succeeded' || record.status === 'failed') {
    throw new AppError(
      'build_finished',
      409,
      `build ${id} already ${record.status}; there is nothing to cancel`,
    );
  }
  const outcome = await deps.queue.cancel(id);
  if (outcome === 'inactive') {
    // Queued in the store but not (yet) in this process's queue: finish it here.
    const error: BuildError = { code: 'cancelled', message: 'the build was cancelled before it started' };
    deps.store.update(id, { status: 'cancelled', finishedAt: new Date().toISOString(), error });
    deps.hub.publish(id, { type: 'done', data: { status: 'cancelled', error } });
  }
  return view(deps, requireBuild(deps, id));
}

function view(deps: UseCaseDeps, r: BuildRecord): BuildView {
  const position = r.status === 'queued' ? deps.queue.position(r.id) : undefined;
  return position === undefined ? r : { ...r, position };
}
