/**
 * Starts the real server in this process through `createServer` (the same
 * composition root as `npm start`: SQLite, designs, uploads, retention) on
 * port 0 with a fresh data dir. The component cache (Debian downloads, Zig builds) is
 * shared between test files through a symlink, so only the first file pays
 * for apt and zig; everything else about each server is fresh.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BuildStatus, StoredBuildEvent } from '../../../shared/api/types.ts';
import { TEMPLATES } from '../../../shared/design/templates.ts';
import type { Design } from '../../../shared/design/types.ts';
import { resolveConfig, type ServerConfig } from '../../config.ts';
import { createServer, type RunningServer, type ServerOverrides } from '../../createServer.ts';
import { readSse } from './sseClient.ts';

/** Tests keep the server's info lines out of their output; errors still show. */
const quietLog = {
  info: () => undefined,
  error: (msg: string, err?: unknown) => console.error(`[lago-grey] ${msg}`, err ?? ''),
};

export const SHARED_CACHE_DIR = path.join(tmpdir(), 'lago-grey-test-cache');

export interface TestServer extends RunningServer {
  dataDir: string;
  /** Stops the server and deletes its data dir. */
  stop(): Promise<void>;
  json<T = unknown>(
    method: string,
    urlPath: string,
    body?: unknown,
  ): Promise<{ status: number; body: T; headers: Headers }>;
  /** Follows the build's SSE stream to its end; returns every event. */
  events(id: string, lastEventId?: number): Promise<StoredBuildEvent[]>;
  /** Waits for the build's `done` event. */
  waitDone(id: string): Promise<{ status: BuildStatus; error?: { code: string; message: string } }>;
}

export async function startTestServer(
  partial: Partial<ServerConfig> = {},
  opts: ServerOverrides = {},
): Promise<TestServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lago-grey-it-'));
  mkdirSync(SHARED_CACHE_DIR, { recursive: true });
  symlinkSync(SHARED_CACHE_DIR, path.join(dataDir, 'cache'));
  const config = resolveConfig({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    clientDir: path.join(dataDir, 'no-client'),
    ...partial,
  });
  // No warm-up probe: on two cores, tests that never ask for health should not pay for a podman run.
  const running = await createServer(config, { warmUp: false, log: quietLog, ...opts });
  const json = async <T>(method: string, urlPath: string, body?: unknown) => {
    const init: RequestInit = { method };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      init.headers = { 'Content-Type': 'application/json' };
    }
    const res = await fetch(`${running.url}${urlPath}`, init);
    const text = await res.text();
    return {
      status: res.status,
      body: (text === '' ? undefined : JSON.parse(text)) as T,
      headers: res.headers,
    };
  };
  const events = async (id: string, lastEventId?: number) => {
    const r = await readSse(
      `${running.url}/api/builds/${id}/events`,
      lastEventId === undefined ? {} : { lastEventId },
    );
    if (r.status !== 200) throw new Error(`events of ${id}: HTTP ${r.status}`);
    return r.events.map((e) => ({ id: e.id, type: e.event, data: e.data }) as StoredBuildEvent);
  };
  const waitDone = async (id: string) => {
    const evs = await events(id);
    const done = evs.find((e) => e.type === 'done');
    if (!done || done.type !== 'done') throw new Error(`build ${id}: stream ended without done`);
    return done.data as { status: BuildStatus; error?: { code: string; message: string } };
  };
  return {
    ...running,
    dataDir,
    json,
    events,
    waitDone,
    stop: async () => {
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The seed's design (PRODUCT.md §1) without liboqs, which needs an operator artifact. */
export function seedDesign(): Design {
  const t = TEMPLATES.find((x) => x.id === 'seed-minimal');
  if (!t) throw new Error('seed-minimal template missing');
  const d = structuredClone(t.design) as Design;
  d.layers = d.layers.map((l) => ({ ...l, components: l.components.filter((c) => c !== 'liboqs') }));
  return d;
}
