/**
 * The Express app: `/api` (the routers of `API_MODULES`, JSON, one error
 * format), then the built page with an SPA fallback. It only assembles
 * HTTP; everything it serves comes in through the `ServerContext`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express, type RequestHandler, Router } from 'express';
import type { ApiModule } from './apiModules.ts';
import { apiNotFound, errorMiddleware } from './errors/errorMiddleware.ts';
import type { ServerContext } from './ServerContext.ts';

export interface AppOptions {
  /** The `/api` routers, in order (`API_MODULES` plus any a test adds). */
  modules: readonly ApiModule[];
  /** Run before everything (host, origin and security-header checks). */
  guards?: readonly RequestHandler[];
  /** Runs before every `/api` route (the bearer-token check). */
  apiAuth?: RequestHandler;
}

export function createApp(ctx: ServerContext, opts: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  for (const g of opts.guards ?? []) app.use(g);

  const api = Router();
  if (opts.apiAuth) api.use(opts.apiAuth);
  api.use(express.json({ limit: ctx.config.jsonLimitBytes }));
  for (const m of opts.modules) api.use(m.path, m.create(ctx));
  api.use(apiNotFound);
  app.use('/api', api);

  app.use(express.static(ctx.config.clientDir, { index: false, fallthrough: true }));
  app.use(spaFallback(ctx.config.clientDir));
  app.use((_req, res) => {
    res.status(404).type('text/plain').send('Not found');
  });
  app.use(errorMiddleware((msg, err) => ctx.log.error(msg, err)));
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
