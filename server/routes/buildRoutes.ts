/** `/api/builds`: thin HTTP adapters over the build use cases. */
import { Router, type Request } from 'express';
import { SseStream } from '../http/SseStream.ts';
import type { StreamLimiter } from '../http/StreamLimiter.ts';
import { sendDownload } from '../http/sendDownload.ts';
import { openBuildContext, openBuildImage } from '../usecases/buildDownloads.ts';
import { cancelBuild, createBuild, getBuild, listBuilds, requireBuild } from '../usecases/buildUseCases.ts';
import { followBuildEvents, parseLastEventId, tooManyStreams } from '../usecases/followBuildEvents.ts';
import { compareBuilds, rebuildBuild } from '../usecases/rebuildUseCases.ts';
import type { UseCaseDeps } from '../usecases/UseCaseDeps.ts';

const idOf = (req: Request): string => String((req.params as Record<string, string | undefined>).id ?? '');

/**
 * Who holds a stream: the page's session (its cookie, one per tab load), else
 * the peer address. Behind a proxy every viewer has the proxy's address, so
 * the session is what tells viewers apart.
 */
const clientOf = (req: Request): string => {
  const session = /(?:^|;\s*)lago_session=([A-Za-z0-9_-]{16,128})/.exec(req.get('Cookie') ?? '')?.[1];
  return session !== undefined ? `session:${session}` : `addr:${req.socket.remoteAddress ?? 'unknown'}`;
};

export function createBuildRouter(
  deps: UseCaseDeps,
  sseLimiter: StreamLimiter,
  perBuildLimiter: StreamLimiter,
): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    const created = await createBuild(deps, req.body);
    res.status(202).location(`/api/builds/${created.id}`).json(created);
  });

  router.get('/', (req, res) => {
    res.set('Cache-Control', 'no-store').json({ builds: listBuilds(deps, req.query) });
  });

  router.get('/:id', (req, res) => {
    res.set('Cache-Control', 'no-store').json(getBuild(deps, idOf(req)));
  });

  router.delete('/:id', async (req, res) => {
    res.json(await cancelBuild(deps, idOf(req)));
  });

  router.post('/:id/rebuild', async (req, res) => {
    const created = await rebuildBuild(deps, idOf(req));
    res.status(202).location(`/api/builds/${created.id}`).json(created);
  });

  router.get('/:id/compare', async (req, res) => {
    res.json(await compareBuilds(deps, idOf(req), req.query.with));
  });

  router.get('/:id/events', (req, res) => {
    const id = idOf(req);
    requireBuild(deps, id);
    const release = sseLimiter.acquire(clientOf(req));
    if (release === null) throw tooManyStreams(deps.config.maxSseStreamsPerClient);
    const releaseBuild = perBuildLimiter.acquire(id);
    if (releaseBuild === null) {
      release();
      throw tooManyStreams(deps.config.maxSseStreamsPerBuild, 'this build');
    }
    const lastEventId = parseLastEventId(req.get('Last-Event-ID') ?? req.query.lastEventId);
    const sse = new SseStream(res, deps.config.sseHeartbeatMs);
    sse.onClose(release);
    sse.onClose(releaseBuild);
    const stop = followBuildEvents(deps, id, lastEventId, {
      send: (e) => sse.send({ id: e.id, type: e.type, data: e.data }),
      end: () => sse.close(),
    });
    sse.onClose(stop);
  });

  router.get('/:id/image', async (req, res) => {
    await sendDownload(res, await openBuildImage(deps, idOf(req)));
  });

  router.get('/:id/context', async (req, res) => {
    await sendDownload(res, await openBuildContext(deps, idOf(req)));
  });

  return router;
}
