/** `GET /api/health`, `GET /api/catalog`, `POST /api/containerfile`. */
import { Router } from 'express';
import { getHealth, listCatalog, renderContainerfile } from '../usecases/catalogUseCases.ts';
import type { UseCaseDeps } from '../usecases/UseCaseDeps.ts';

export function createMetaRouter(deps: UseCaseDeps): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    res.set('Cache-Control', 'no-store').json(await getHealth(deps));
  });
  router.get('/catalog', async (_req, res) => {
    res.set('Cache-Control', 'no-store').json(await listCatalog(deps));
  });
  router.post('/containerfile', async (req, res) => {
    res.type('text/plain; charset=utf-8').send(await renderContainerfile(deps, req.body));
  });
  return router;
}
