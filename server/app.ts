/**
 * The Express app: `/api` (JSON, one error format), then the built page with
 * an SPA fallback. Everything it uses is passed in, so `main.ts` can wire
 * SQLite and the tests can wire an in-memory store.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express, type RequestHandler, Router } from 'express';
import { apiNotFound, errorMiddleware } from './errors/errorMiddleware.ts';
import { StreamLimiter } from './http/StreamLimiter.ts';
import { createBuildRouter } from './routes/buildRoutes.ts';
import { createMetaRouter } from './routes/metaRoutes.ts';
import type { UseCaseDeps } from './usecases/UseCaseDeps.ts';

/** A router another part of the server provides, mounted under `/api`. */
export interface MountedRouter {
  /** e.g. `/designs` → `/api/designs`. */
  path: string;
  router: RequestHandler;
}

export interface AppDeps extends UseCaseDeps {
  /** Runs before every `/api` route (e.g. the bearer-token check). */
  apiAuth?: RequestHandler;
  /** Further `/api` routers (designs, uploads, supply chain…). */
  routers?: readonly MountedRouter[];
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');

  const api = Router();
  if (deps.apiAuth) api.use(deps.apiAuth);
  api.use(express.json({ limit: deps.config.jsonLimitBytes }));
  api.use(createMetaRouter(deps));
  api.use('/builds', createBuildRouter(deps, new StreamLimiter(deps.config.maxSseStreamsPerClient)));
  for (const r of deps.routers ?? []) api.use(r.path, r.router);
  api.use(apiNotFound);
  app.use('/api', api);

  app.use(express.static(deps.config.clientDir, { index: false, fallthrough: true }));
  app.use(spaFallback(deps.config.clientDir));
  app.use((_req, res) => {
    res.status(404).type('text/plain').send('Not found');
  });
  app.use(errorMiddleware());
  return app;
}

/** Any other GET is a page route of the single-page app: serve index.html. */
function spaFallback(clientDir: string): RequestHandler {
  const index = path.join(clientDir, 'index.html');
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      next();
      return;
    }
    if (!existsSync(index)) {
      res
        .status(404)
        .type('text/plain')
        .send(
          'The page is not built yet: run "npm run build" (npm start does it for you). The API is at /api.',
        );
      return;
    }
    res.set('Cache-Control', 'no-cache').sendFile(index);
  };
}
