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
import http from 'node:http';
import type { BuildRecord } from '../shared/api/types.ts';
import { helloDesign } from '../server/test/helpers/helloDesign.ts';
import { countArg, giveUpAfter, runBench, sseFrameSplitter, startBenchServer } from './benchSupport.ts';

const BUILDS = countArg('--builds', 20);
const DEADLINE_MS = 600_000;

const design = helloDesign('bench-queue');

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
        res.on(
          'data',
          sseFrameSplitter(({ type, data }) => {
            if (type === 'status') statuses.push(JSON.parse(data) as StatusEvent);
            if (type === 'done') done = (JSON.parse(data) as { status: string }).status;
          }),
        );
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
  const server = await startBenchServer('queue');
  const { running, config } = server;
  const deadline = giveUpAfter('queue', DEADLINE_MS);
  const post = () => server.postBuild(design);
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
    await server.close();
    clearTimeout(deadline);
  }
}

runBench(main);
