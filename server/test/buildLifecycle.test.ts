/**
 * The life of builds on a real server: FIFO queue with position events,
 * SSE history/resume/heartbeat/limits, disconnects that do not stop a build,
 * cancel (queued and running, with no process left behind) and the time limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody, BuildRecord, StoredBuildEvent } from '../../shared/api/types.ts';
import { descendantsOf, listProcesses } from './helpers/processes.ts';
import { readSse } from './helpers/sseClient.ts';
import { seedDesign, startTestServer, type TestServer } from './helpers/testServer.ts';

let srv: TestServer;

beforeAll(async () => {
  srv = await startTestServer({ buildConcurrency: 1, sseHeartbeatMs: 250 });
});
afterAll(async () => {
  await srv?.stop();
});

const post = (body: Record<string, unknown>) =>
  srv.json<{ id: string; status: string; eventsUrl: string }>('POST', '/api/builds', body);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const statusData = (evs: readonly StoredBuildEvent[]) =>
  evs.filter((e) => e.type === 'status').map((e) => e.data);

describe('queue, SSE and cancel', () => {
  let first: string;
  let second: string;
  let third: string;

  it('queues builds FIFO, announcing positions as the queue moves; a queued cancel removes it', async () => {
    const a = await post({ design: seedDesign(), engine: 'builtin', smokeTest: false });
    const b = await post({ design: seedDesign(), engine: 'builtin', smokeTest: false });
    const c = await post({ design: seedDesign(), engine: 'builtin', smokeTest: false });
    expect([a.status, b.status, c.status]).toEqual([202, 202, 202]);
    expect(a.body.eventsUrl).toBe(`/api/builds/${a.body.id}/events`);
    [first, second, third] = [a.body.id, b.body.id, c.body.id];

    const queued = await srv.json<BuildRecord & { position?: number }>('GET', `/api/builds/${third}`);
    expect(queued.body.status).toBe('queued');
    expect(queued.body.position).toBe(2);

    const cancelled = await srv.json<BuildRecord>('DELETE', `/api/builds/${second}`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');

    const thirdEvents = await srv.events(third);
    expect(statusData(thirdEvents)).toEqual([
      { status: 'queued', position: 2 },
      { status: 'queued', position: 1 },
      { status: 'running' },
    ]);
    expect(thirdEvents.at(-1)).toMatchObject({ type: 'done', data: { status: 'succeeded' } });

    const secondEvents = await srv.events(second);
    expect(secondEvents.map((e) => e.type)).toEqual(['status', 'done']);
    expect(secondEvents.at(-1)?.data).toMatchObject({ status: 'cancelled' });

    const list = await srv.json<{ builds: BuildRecord[] }>('GET', '/api/builds');
    expect(list.body.builds.map((r) => r.id).slice(0, 3)).toEqual([third, second, first]);
    expect(list.body.builds.map((r) => r.status).slice(0, 3)).toEqual([
      'succeeded',
      'cancelled',
      'succeeded',
    ]);
  });

  it('streams named events with ids; a late subscriber gets the whole history, then the stream ends', async () => {
    const r = await readSse(`${srv.url}/api/builds/${first}/events`);
    expect(r.status).toBe(200);
    expect(r.contentType).toMatch(/^text\/event-stream/);
    expect(r.endedByServer).toBe(true);
    expect(r.events.map((e) => e.id)).toEqual(r.events.map((_, i) => i + 1));
    expect(r.events[0]).toMatchObject({ event: 'status', data: { status: 'running' } });
    expect(r.events.at(-1)).toMatchObject({ event: 'done', data: { status: 'succeeded' } });
    const steps = r.events
      .filter((e) => e.event === 'step')
      .map((e) => e.data as { step: string; state: string; ms?: number });
    for (const name of ['validate', 'resolve', 'stage', 'build', 'inspect', 'smoke', 'supply']) {
      expect(
        steps.find((s) => s.step === name && s.state === 'started'),
        name,
      ).toBeTruthy();
      const fin = steps.find((s) => s.step === name && s.state === 'finished');
      expect(Number.isInteger(fin?.ms), name).toBe(true);
    }
    expect(r.events.some((e) => e.event === 'log' && (e.data as { step: string }).step === 'build')).toBe(
      true,
    );
    expect(new Set(r.events.map((e) => e.event))).toEqual(new Set(['status', 'step', 'log', 'done']));
  });

  it('resumes after Last-Event-ID (header or query) with exactly the events after it', async () => {
    const all = await srv.events(first);
    const k = Math.floor(all.length / 2);
    const resumed = await srv.events(first, k);
    expect(resumed).toEqual(all.slice(k));
    const viaQuery = await readSse(`${srv.url}/api/builds/${first}/events?lastEventId=${k}`);
    expect(viaQuery.events.map((e) => e.id)).toEqual(all.slice(k).map((e) => e.id));
    const atEnd = await readSse(`${srv.url}/api/builds/${first}/events`, { lastEventId: all.length });
    expect(atEnd.events).toEqual([]);
    expect(atEnd.endedByServer).toBe(true);
  });

  it('sends heartbeats, allows 20 streams per client (then 429), and a disconnect does not stop the build', async () => {
    // A podman build keeps the queue busy; the builtin build behind it stays queued meanwhile.
    const blocker = await post({ design: seedDesign(), engine: 'podman', smokeTest: false });
    const waiting = await post({ design: seedDesign(), engine: 'builtin', smokeTest: false });
    const url = `${srv.url}/api/builds/${waiting.body.id}/events`;

    const holders: AbortController[] = [];
    try {
      for (let i = 0; i < 20; i += 1) {
        const ac = new AbortController();
        holders.push(ac);
        const res = await fetch(url, { signal: ac.signal });
        expect(res.status).toBe(200);
      }
      const over = await fetch(url);
      expect(over.status).toBe(429);
      expect(((await over.json()) as ApiErrorBody).error.code).toBe('too_many_streams');
    } finally {
      for (const ac of holders) ac.abort();
    }
    await sleep(200);

    // Disconnect mid-stream, then check heartbeat comments arrive while nothing else happens.
    const early = await readSse(url, { until: (evs) => evs.length >= 1 });
    expect(early.endedByServer).toBe(false);

    const withHeartbeat = await readSseFor(url, 800);
    expect(withHeartbeat.comments).toContain('heartbeat');

    expect((await srv.waitDone(blocker.body.id)).status).toBe('succeeded');
    expect((await srv.waitDone(waiting.body.id)).status).toBe('succeeded');
  });

  it('cancelling a running build kills its process group: no process is left behind', async () => {
    const r = await post({ design: seedDesign(), engine: 'podman', smokeTest: false });
    const id = r.body.id;
    await readSse(`${srv.url}/api/builds/${id}/events`, {
      until: (evs) =>
        evs.some((e) => e.event === 'step' && (e.data as { step: string; state: string }).step === 'build'),
    });
    // Wait until podman is really running under this process.
    let groups = new Set<number>();
    for (let i = 0; i < 400 && groups.size === 0; i += 1) {
      const kids = descendantsOf(process.pid).filter(
        (p) => p.pgid !== process.pid && /podman/.test(p.cmdline),
      );
      groups = new Set(kids.map((p) => p.pgid));
      if (groups.size === 0) await sleep(25);
    }
    expect(groups.size, 'podman build was seen running').toBeGreaterThan(0);

    const del = await srv.json<BuildRecord>('DELETE', `/api/builds/${id}`);
    expect(del.status).toBe(200);
    expect(del.body.status).toBe('cancelled');
    expect(del.body.error?.code).toBe('cancelled');

    await sleep(300);
    const left = listProcesses().filter((p) => groups.has(p.pgid));
    expect(left, JSON.stringify(left)).toEqual([]);
    const done = await srv.waitDone(id);
    expect(done.status).toBe('cancelled');

    const again = await srv.json<ApiErrorBody>('DELETE', `/api/builds/${first}`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('build_finished');
  });
});

/** Reads a stream for `ms` milliseconds, then disconnects. */
async function readSseFor(url: string, ms: number): Promise<{ comments: string[] }> {
  const ac = new AbortController();
  const res = await fetch(url, { signal: ac.signal });
  if (!res.body) throw new Error(`no body from ${url}`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  const stopAt = Date.now() + ms;
  const timer = setTimeout(() => ac.abort(), ms);
  try {
    while (Date.now() < stopAt) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
    }
  } catch {
    /* aborted: expected */
  } finally {
    clearTimeout(timer);
  }
  const comments = text
    .split('\n')
    .filter((l) => l.startsWith(':'))
    .map((l) => l.slice(1).trim());
  return { comments };
}

describe('limits and missing tools', () => {
  it('a build over its time limit fails with code timeout and a message saying so', async () => {
    const quick = await startTestServer({ buildTimeoutMs: 50 });
    try {
      const r = await quick.json<{ id: string }>('POST', '/api/builds', {
        design: seedDesign(),
        engine: 'builtin',
        smokeTest: false,
      });
      expect(r.status).toBe(202);
      const done = await quick.waitDone(r.body.id);
      expect(done.status).toBe('failed');
      expect(done.error?.code).toBe('timeout');
      expect(done.error?.message).toMatch(/time limit of 50 ms/);
      expect((await quick.json('GET', '/api/health')).status).toBe(200);
    } finally {
      await quick.stop();
    }
  });

  it('without a Zig compiler, a design needing one is refused with a clear reason naming zig', async () => {
    const noZig = await startTestServer({ zigPath: '/nonexistent/zig' });
    try {
      const h = await noZig.json<{ engines: { zig: string | null } }>('GET', '/api/health');
      expect(h.body.engines.zig).toBeNull();
      const r = await noZig.json<ApiErrorBody>('POST', '/api/builds', {
        design: seedDesign(),
        engine: 'builtin',
      });
      expect(r.status).toBe(422);
      expect(r.body.error.message).toMatch(/hello/);
      expect(r.body.error.message).toMatch(/[Zz]ig/);
    } finally {
      await noZig.stop();
    }
  });
});
