/**
 * THE list of `/api` routers, in mount order. To add a router, add one line
 * here (and, if it needs a new use case, one field to `ServerContext` wired in
 * `createServerContext.ts`). Nothing else mounts routes.
 */
import type { RequestHandler } from 'express';
import { StreamLimiter } from './http/StreamLimiter.ts';
import { createBuildRouter } from './routes/buildRoutes.ts';
import { createDesignRouter } from './routes/designRoutes.ts';
import { createMetaRouter } from './routes/metaRoutes.ts';
import { createSupplyRouter } from './routes/supplyRoutes.ts';
import { createUploadRouter } from './routes/uploadRoutes.ts';
import type { ServerContext } from './ServerContext.ts';

export interface ApiModule {
  /** Mount path under `/api` (`/designs` → `/api/designs`; `/` for routers that name their own paths). */
  path: string;
  create(ctx: ServerContext): RequestHandler;
}

export const API_MODULES: readonly ApiModule[] = [
  { path: '/', create: (ctx) => createMetaRouter(ctx) },
  {
    path: '/builds',
    create: (ctx) =>
      createBuildRouter(
        ctx,
        new StreamLimiter(ctx.config.maxSseStreamsPerClient),
        new StreamLimiter(ctx.config.maxSseStreamsPerBuild),
      ),
  },
  { path: '/designs', create: (ctx) => createDesignRouter(ctx.designs) },
  { path: '/uploads', create: (ctx) => createUploadRouter(ctx.uploads) },
  { path: '/', create: (ctx) => createSupplyRouter(ctx.supply) },
];
