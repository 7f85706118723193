/**
 * SSE fan-out: 100 viewers follow one real build (builtin engine, base +
 * hello) over loopback. Prints whether every viewer got every event in
 * order, the lag from the server publishing an event to each viewer parsing
 * it (p50/p99/max), and the process RSS. Figures only; nothing is asserted.
 *
 *   npx tsx bench/sse-fanout.ts [--viewers N]
 *
 * The server runs in THIS process (SQLite store, its own temp data dir), so
 * one clock serves both ends: the publish time is taken by a listener on the
 * server's event hub registered before any viewer (it runs first, before the
 * server writes the event to the 100 sockets); the read time when a viewer's
 * streaming parser completes the event frame. Both are `performance.now()`.
 * Caveats: viewers share the event loop and the 2 cores with the server, so
 * the lag includes their parsing, and the RSS includes their (small) state.
 *
 * So that every viewer follows the build live, the followed build is queued
 * behind a first build (cold: it compiles hello); lag is measured only for
 * events published after all viewers were subscribed. Each viewer connects
 * from its own loopback address (127.0.1.k), as 100 separate clients: the
 * server allows 20 streams per client address.
 */
import http from 'node:http';
import type { StoredBuildEvent } from '../shared/api/types.ts';
import { helloDesign } from '../server/test/helpers/helloDesign.ts';
import { countArg, giveUpAfter, runBench, sseFrameSplitter, startBenchServer } from './benchSupport.ts';

const VIEWERS = countArg('--viewers', 100);
const DEADLINE_MS = 300_000;

const design = helloDesign('bench-fanout');

interface Received {
  id: number;
  type: string;
  at: number;
}

interface Viewer {
  received: Received[];
  status: number;
  /** Resolves when the response headers arrived (the server has subscribed it). */
  connected: Promise<void>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
}

/** A plain http GET with a streaming SSE parser; records each event's id, type and read time. */
function follow(url: string, localAddress: string): Viewer {
  const received: Received[] = [];
  const v: Partial<Viewer> = { received, status: 0 };
  let onConnected!: () => void;
  let onEnded!: () => void;
  let onError!: (e: Error) => void;
  v.connected = new Promise((resolve, reject) => {
    onConnected = resolve;
    onError = reject;
  });
  v.ended = new Promise((resolve) => (onEnded = resolve));
  const req = http.get(
    url,
    { localAddress, agent: false, headers: { Accept: 'text/event-stream' } },
    (res) => {
      v.status = res.statusCode ?? 0;
      onConnected();
      res.setEncoding('utf8');
      res.on(
        'data',
        sseFrameSplitter(({ id, type, data }) => {
          if (data === '' || id === undefined) return; // heartbeat comment
          JSON.parse(data); // a viewer really decodes what it reads
          received.push({ id, type, at: performance.now() });
        }),
      );
      res.on('end', () => onEnded());
      res.on('error', () => onEnded());
    },
  );
  req.on('error', (e) => {
    onError(e);
    onEnded();
  });
  return v as Viewer;
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

const ms = (x: number): string => `${x.toFixed(2)} ms`;
const mb = (x: number): string => `${(x / 1e6).toFixed(1)} MB`;

async function main(): Promise<void> {
  const server = await startBenchServer('fanout');
  const { running } = server;
  const deadline = giveUpAfter('sse-fanout', DEADLINE_MS);

  let rssPeak = 0;
  const sample = (): void => {
    rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
  };
  try {
    const rssBefore = process.memoryUsage.rss();
    const sampler = setInterval(sample, 10);
    const post = () => server.postBuild(design);

    const blocker = await post();
    const target = await post();
    const hub = running.ctx.hub;
    // Registered before any viewer, so it runs first on every publish.
    const publishedAt = new Map<number, number>();
    const labels = new Map<number, string>();
    const ref = hub.subscribe(target.id, 0, (e: StoredBuildEvent) => {
      publishedAt.set(e.id, performance.now());
      labels.set(
        e.id,
        e.type === 'step' || e.type === 'log' ? `${e.type} ${e.data.step}` : `${e.type} ${e.data.status}`,
      );
    });

    const t0 = performance.now();
    const viewers: Viewer[] = [];
    for (let k = 0; k < VIEWERS; k++) {
      viewers.push(follow(`${running.url}/api/builds/${target.id}/events`, `127.0.1.${k + 1}`));
    }
    await Promise.all(viewers.map((v) => v.connected));
    // A refused viewer (e.g. 429) never subscribes: wait a bounded time, then report it below.
    while (hub.subscriberCount(target.id) < VIEWERS + 1 && performance.now() - t0 < 10_000) {
      await new Promise((r) => setTimeout(r, 1));
    }
    const allSubscribed = performance.now();
    const statusThen = running.ctx.store.get(target.id)?.status;
    const rssConnected = process.memoryUsage.rss();
    const refused = viewers.filter((v) => v.status !== 200).length;
    if (refused > 0) console.log(`${refused} viewers were refused (not HTTP 200)`);
    console.log(
      `${VIEWERS} viewers connected in ${ms(allSubscribed - t0)}; followed build was ${statusThen} then ` +
        `(blocker ${running.ctx.store.get(blocker.id)?.status})`,
    );

    await Promise.all(viewers.map((v) => v.ended));
    ref.unsubscribe();
    clearInterval(sampler);
    sample();
    const rssAfter = process.memoryUsage.rss();

    const all = running.ctx.store.events(target.id, 0);
    const expected = all.map((e) => `${e.id}:${e.type}`).join(',');
    let violations = 0;
    const lags: number[] = [];
    const worstByEvent = new Map<number, number>();
    for (const [k, v] of viewers.entries()) {
      const got = v.received.map((e) => `${e.id}:${e.type}`).join(',');
      if (v.status !== 200 || got !== expected) {
        violations++;
        if (violations <= 5) {
          console.log(
            `  viewer ${k}: HTTP ${v.status}, ${v.received.length}/${all.length} events, ids ${got.slice(0, 120)}`,
          );
        }
      }
      for (const e of v.received) {
        const p = publishedAt.get(e.id);
        if (p === undefined || p <= allSubscribed) continue;
        lags.push(e.at - p);
        worstByEvent.set(e.id, Math.max(worstByEvent.get(e.id) ?? 0, e.at - p));
      }
    }
    lags.sort((a, b) => a - b);
    const live = [...publishedAt.values()].filter((p) => p > allSubscribed).length;
    const done = all.at(-1);
    const outcome = done?.type === 'done' ? done.data.status : 'no done event';

    console.log(
      `followed build ${target.id}: ${outcome}, ${all.length} events (${live} published after all viewers subscribed)`,
    );
    console.log(
      `delivery: ${violations === 0 ? 'OK' : `${violations} VIOLATIONS`} — ${VIEWERS - violations}/${VIEWERS} viewers got all ${all.length} events in order`,
    );
    console.log(
      `lag publish→viewer read over ${lags.length} (event, viewer) pairs: p50 ${ms(quantile(lags, 0.5))}, p99 ${ms(quantile(lags, 0.99))}, max ${ms(lags.at(-1) ?? NaN)}`,
    );
    const worst = [...worstByEvent.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3);
    console.log(
      `slowest events (max lag): ${worst.map(([id, l]) => `#${id} ${labels.get(id) ?? ''} ${ms(l)}`).join('; ')}`,
    );
    console.log(
      `RSS (server + viewers, one process): before ${mb(rssBefore)}, ${VIEWERS} viewers connected ${mb(rssConnected)}, peak ${mb(rssPeak)}, after ${mb(rssAfter)}`,
    );
  } finally {
    await server.close();
    clearTimeout(deadline);
  }
}

runBench(main);
