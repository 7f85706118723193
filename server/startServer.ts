/**
 * Starts the HTTP server in this process: wires the store, the pipeline
 * ports and the routers into `createApp`, listens (port 0 picks a free port),
 * re-queues builds left queued, and returns a handle whose `close()` aborts
 * running builds (killing their process groups) and closes every connection.
 */
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestHandler } from 'express';
import type { BuildRecord } from '../shared/api/types.ts';
import { createApp, type AppDeps, type MountedRouter } from './app.ts';
import type { ServerConfig } from './config.ts';
import type { BuildStore } from './builds/BuildStore.ts';
import { buildPaths } from './builds/buildPaths.ts';
import { createPipelinePorts } from './builds/createPipelinePorts.ts';
import { MemoryBuildStore } from './builds/MemoryBuildStore.ts';
import type { PipelinePorts } from './builds/pipelinePorts.ts';
import { authMiddleware } from './routes/authMiddleware.ts';
import { createSupplyRouter } from './routes/supplyRoutes.ts';
import { loadSigningKeys } from './supply/signingKeys.ts';
import { createUseCaseDeps } from './usecases/createUseCaseDeps.ts';
import type { CatalogItem } from '../shared/catalog/types.ts';

export interface StartOptions {
  /** Default: an in-memory store (tests); `main.ts` passes the SQLite store. */
  store?: BuildStore;
  /** Default: the real resolvers, stager, engines, inspector, smoke test and supply chain. */
  ports?: PipelinePorts;
  /** Extra catalog items (uploads) for the default ports. */
  extraItems?: () => CatalogItem[];
  /** Runs once before the queue starts; returns the builds to re-queue, oldest first. */
  recover?: (store: BuildStore) => { queued: BuildRecord[] };
  /** More `/api` routers (designs, uploads). */
  routers?: readonly MountedRouter[];
  /** Default: the bearer-token check when `config.apiToken` is set. */
  apiAuth?: RequestHandler;
  /**
   * Probe podman/zig (and whether podman can run containers) right after
   * start, so the first `/api/health` does not wait for it. Default true.
   */
  warmUp?: boolean;
  /** Called when the HTTP server is closed (e.g. to close the database). */
  onClose?: () => unknown;
}

export interface RunningServer {
  /** `http://host:port` */
  url: string;
  port: number;
  deps: AppDeps;
  server: Server;
  /** Aborts running builds (they end `interrupted`), closes connections and the server. */
  close(): Promise<void>;
}

export async function startServer(config: ServerConfig, opts: StartOptions = {}): Promise<RunningServer> {
  mkdirSync(config.dataDir, { recursive: true });
  const store = opts.store ?? new MemoryBuildStore();
  const keys = loadSigningKeys(config.dataDir);
  const ports =
    opts.ports ??
    createPipelinePorts(config, { keys, ...(opts.extraItems ? { extraItems: opts.extraItems } : {}) });
  const useCases = createUseCaseDeps(config, store, ports);
  const supplyRouter = createSupplyRouter({
    getBuild: (id) => store.get(id),
    buildDir: (id) => buildPaths(config.dataDir, id).dir,
    keys,
  });
  const deps: AppDeps = {
    ...useCases,
    routers: [...(opts.routers ?? []), { path: '/', router: supplyRouter }],
    // With LAGO_API_TOKEN set, every /api call needs the bearer token.
    ...(opts.apiAuth || config.apiToken !== undefined
      ? { apiAuth: opts.apiAuth ?? authMiddleware({ token: config.apiToken }) }
      : {}),
  };
  const app = createApp(deps);

  const server = createServer(app);
  // SSE streams and downloads are long; let the heartbeat keep them, not a timeout.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const hostForUrl = config.host.includes(':')
    ? `[${config.host}]`
    : config.host === '0.0.0.0'
      ? '127.0.0.1'
      : config.host;

  if (opts.warmUp !== false) {
    void useCases.tools.health();
    void Promise.resolve(ports.components.catalogItems()).catch(() => undefined);
  }

  const toResume = opts.recover ? opts.recover(store).queued : store.listByStatus('queued');
  useCases.queue.resume(toResume);

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      await useCases.queue.shutdown();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await opts.onClose?.();
    })();
    return closing;
  };
  return { url: `http://${hostForUrl}:${port}`, port, deps, server, close };
}
