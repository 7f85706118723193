/**
 * Queue: 20 builds (builtin engine, base + hello, no smoke test) posted at
 * once to a server with the default concurrency (1). Prints whether all
 * finished and started in queue order, the total time, and each build's time
 * queued (createdAt → startedAt from `GET /api/builds/:id`) and running
 * (startedAt → finishedAt): min / median / max. Figures only; nothing is asserted.
 *
 *   npx tsx bench/queue.ts [--builds N]
 *
 * The server runs in this process (SQLite store, its own temp data dir). One
 * warm-up build first fills the component cache (zig compiles hello), so the
 * 20 measure the queue, not the first compile. Each build's SSE stream is
 * followed from its own loopback address (127.0.2.k), as separate clients.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BuildRecord, CreateBuildResponse } from '../shared/api/types.ts';
import type { Design } from '../shared/design/types.ts';
import { resolveConfig } from '../server/config.ts';
import { openDatabase } from '../server/db/openDatabase.ts';
import { SqliteBuildStore } from '../server/db/SqliteBuildStore.ts';
import { startServer } from '../server/startServer.ts';

const buildsArg = process.argv.indexOf('--builds');
const BUILDS = buildsArg > 0 ? Math.max(1, Number(process.argv[buildsArg + 1])) : 20;
const DEADLINE_MS = 600_000;

const design: Design = {
  schemaVersion: 1,
  name: 'bench-queue',
  tag: '1',
  targetBytes: 17_500_000,
  layers: [
    { name: 'base', components: ['lago-grey-base'] },
    { name: 'app', components: ['hello'] },
  ],
  config: { entrypoint: ['/usr/bin/hello'], cmd: [], user: '65532:65532', workdir: '/', env: {}, labels: {} },
};

interface StatusEvent {
  status: string;
  position?: number;
}

/** Follows a build's SSE stream to its end; returns its `status` events and `done` status. */
function follow(url: string, localAddress: string): Promise<{ statuses: StatusEvent[]; done?: string }> {
  return new Promise((resolve, reject) => {
    const statuses: StatusEvent[] = [];
    let done: string | undefined;
    const req = http.get(
      url,
      { localAddress, agent: false, headers: { Accept: 'text/event-stream' } },
      (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          reject(new Error(`${url}: HTTP ${res.statusCode}`));
          return;
        }
        res.setEncoding('utf8');
        let buf = '';
        res.on('data', (chunk: string) => {
          buf += chunk;
          let sep = buf.indexOf('\n\n');
          while (sep !== -1) {
            const frame = buf.slice(0, sep);
            buf = buf.slice(sep + 2);
            sep = buf.indexOf('\n\n');
            let type = '';
            let data = '';
            for (const line of frame.split('\n')) {
              if (line.startsWith('event:')) type = line.slice(6).trim();
              else if (line.startsWith('data:')) data += line.slice(5).replace(/^ /, '');
            }
            if (type === 'status') statuses.push(JSON.parse(data) as StatusEvent);
            if (type === 'done') done = (JSON.parse(data) as { status: string }).status;
          }
        });
        res.on('end', () => resolve(done === undefined ? { statuses } : { statuses, done }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
  });
}

const sec = (x: number): string => `${(x / 1000).toFixed(2)} s`;

function spread(values: readonly number[]): string {
  const s = [...values].sort((a, b) => a - b);
  const median =
    s.length % 2 ? (s[(s.length - 1) / 2] ?? NaN) : ((s[s.length / 2 - 1] ?? 0) + (s[s.length / 2] ?? 0)) / 2;
  return `min ${sec(s[0] ?? NaN)}, median ${sec(median)}, max ${sec(s.at(-1) ?? NaN)}`;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lago-grey-bench-queue-'));
  const config = resolveConfig({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    clientDir: path.join(dataDir, 'no-client'),
  });
  mkdirSync(dataDir, { recursive: true });
  const db = openDatabase(dataDir);
  const running = await startServer(config, {
    store: new SqliteBuildStore(db),
    warmUp: false,
    onClose: () => void db.close(),
  });
  const deadline = setTimeout(() => {
    console.error(`queue: gave up after ${DEADLINE_MS / 1000} s`);
    process.exit(2);
  }, DEADLINE_MS);
  deadline.unref();
  const post = async (): Promise<CreateBuildResponse> => {
    const res = await fetch(`${running.url}/api/builds`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ design, engine: 'builtin', smokeTest: false }),
    });
    if (res.status !== 202) throw new Error(`POST /api/builds: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as CreateBuildResponse;
  };
  const record = async (id: string): Promise<BuildRecord> =>
    (await (await fetch(`${running.url}/api/builds/${id}`)).json()) as BuildRecord;

  try {
    const tw = performance.now();
    const warm = await post();
    const warmDone = await follow(`${running.url}/api/builds/${warm.id}/events`, '127.0.2.250');
    console.log(
      `warm-up build (cold cache): ${warmDone.done ?? 'no done'} in ${sec(performance.now() - tw)}`,
    );

    const t0 = performance.now();
    const created = await Promise.all(Array.from({ length: BUILDS }, () => post()));
    const posted = performance.now();
    const followed = await Promise.all(
      created.map((c, k) => follow(`${running.url}/api/builds/${c.id}/events`, `127.0.2.${k + 1}`)),
    );
    const total = performance.now() - t0;
    const records = await Promise.all(created.map((c) => record(c.id)));

    const t = (iso: string | undefined): number => (iso === undefined ? NaN : Date.parse(iso));
    const queued = records.map((r) => t(r.startedAt) - t(r.createdAt));
    const run = records.map((r) => t(r.finishedAt) - t(r.startedAt));
    const succeeded = records.filter((r) => r.status === 'succeeded').length;
    // Queue order: the position each build was first announced at (0 = started at once) vs. start order.
    const firstPosition = followed.map(
      (f) => f.statuses[0]?.position ?? (f.statuses[0]?.status === 'running' ? 0 : NaN),
    );
    const byPosition = records
      .map((r, k) => ({ r, pos: firstPosition[k] ?? NaN }))
      .sort((a, b) => a.pos - b.pos);
    let orderViolations = 0;
    for (let k = 1; k < byPosition.length; k++) {
      if (t(byPosition[k]?.r.startedAt) < t(byPosition[k - 1]?.r.startedAt)) orderViolations++;
    }
    const positionEvents = followed.reduce(
      (n, f) => n + f.statuses.filter((s) => s.status === 'queued').length,
      0,
    );

    console.log(
      `${BUILDS} builds posted at once in ${sec(posted - t0)} (concurrency ${config.buildConcurrency})`,
    );
    console.log(
      `finished: ${succeeded}/${BUILDS} succeeded${
        succeeded === BUILDS
          ? ' — OK'
          : ` — ${records
              .filter((r) => r.status !== 'succeeded')
              .map((r) => `${r.id}: ${r.status} ${r.error?.message ?? ''}`)
              .join('; ')}`
      }`,
    );
    console.log(
      `queue order: ${orderViolations === 0 ? 'OK' : `${orderViolations} VIOLATIONS`} (first announced positions ${firstPosition.join(',')}; ${positionEvents} queued-status events)`,
    );
    console.log(`total (first POST → last done): ${sec(total)}`);
    console.log(`time queued (createdAt → startedAt): ${spread(queued)}`);
    console.log(`time running (startedAt → finishedAt): ${spread(run)}`);
  } finally {
    await running.close();
    rmSync(dataDir, { recursive: true, force: true });
    clearTimeout(deadline);
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
