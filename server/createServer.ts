/**
 * THE composition root: `createServer(config, overrides)` wires SQLite,
 * retention, restart recovery, signing keys, the pipeline, the build queue,
 * the design/upload/supply use cases, the `/api` routers of `API_MODULES`,
 * auth and the HTTP guards, then listens (port 0 picks a free port). `main.ts`
 * and every integration test start the server through it.
 */
import { mkdirSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestHandler } from 'express';
import { API_MODULES, type ApiModule } from './apiModules.ts';
import { createApp } from './app.ts';
import type { ServerConfig } from './config.ts';
import { createServerContext, type ContextOverrides } from './createServerContext.ts';
import { recoverInterrupted } from './db/recoverInterrupted.ts';
import { authMiddleware } from './routes/authMiddleware.ts';
import { consoleLog, type ServerContext, type ServerLog } from './ServerContext.ts';

export interface ServerOverrides extends ContextOverrides {
  /** Routers mounted after `API_MODULES` (tests; production routers belong in `API_MODULES`). */
  modules?: readonly ApiModule[];
  /** Replaces the bearer-token check (default: required when `config.apiToken` is set). */
  apiAuth?: RequestHandler;
  /** Probe podman/zig right after start so the first `/api/health` does not wait. Default true. */
  warmUp?: boolean;
  /** Default: `[lago-grey] …` lines on stdout/stderr. */
  log?: ServerLog;
  /** Called last when the server is closed. */
  onClose?: () => unknown;
}

export interface RunningServer {
  /** `http://host:port`, usable by a client on this machine. */
  url: string;
  port: number;
  /** The address actually bound, e.g. `0.0.0.0:8787` or `[::1]:41234`. */
  boundAddress: string;
  ctx: ServerContext;
  server: Server;
  /** Aborts running builds (they end `interrupted`), closes connections, the server and the database. */
  close(): Promise<void>;
}

export async function createServer(
  config: ServerConfig,
  overrides: ServerOverrides = {},
): Promise<RunningServer> {
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const log = overrides.log ?? consoleLog;
  const wired = createServerContext(config, log, overrides);
  const { ctx, store } = wired;
  try {
    const app = createApp(ctx, {
      modules: [...API_MODULES, ...(overrides.modules ?? [])],
      ...(overrides.apiAuth || config.apiToken !== undefined
        ? { apiAuth: overrides.apiAuth ?? authMiddleware({ token: config.apiToken }) }
        : {}),
    });
    const server = createHttpServer(app);
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
    const address = server.address() as AddressInfo;
    const port = address.port;
    const boundAddress =
      address.family === 'IPv6' ? `[${address.address}]:${port}` : `${address.address}:${port}`;
    const hostForUrl = config.host.includes(':')
      ? `[${config.host}]`
      : config.host === '0.0.0.0'
        ? '127.0.0.1'
        : config.host;

    if (overrides.warmUp !== false) {
      void ctx.tools.health();
      void Promise.resolve(ctx.ports.components.catalogItems()).catch(() => undefined);
    }

    const outcome = recoverInterrupted(store);
    for (const b of outcome.interrupted)
      log.info(`build ${b.id} was running when the server stopped: marked interrupted`);
    if (outcome.queued.length > 0) log.info(`resuming ${outcome.queued.length} queued build(s)`);
    ctx.queue.resume(outcome.queued);
    store.runRetention().catch((e: unknown) => log.error('retention pass failed:', e));

    let closing: Promise<void> | undefined;
    const close = (): Promise<void> => {
      closing ??= (async () => {
        await ctx.queue.shutdown();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await wired.dispose();
        await overrides.onClose?.();
      })();
      return closing;
    };
    return { url: `http://${hostForUrl}:${port}`, port, boundAddress, ctx, server, close };
  } catch (e) {
    await wired.dispose();
    throw e;
  }
}
