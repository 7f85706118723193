import { describe, expect, it } from 'vitest';
import type { BuildRecord, BuildResult, StoredBuildEvent } from '../../shared/api/types.ts';
import type { Design } from '../../shared/design/types.ts';
import { AppError } from '../errors/AppError.ts';
import { BuildEventHub } from './BuildEventHub.ts';
import { BuildQueue, type BuildRunner } from './BuildQueue.ts';
import { MemoryBuildStore } from './MemoryBuildStore.ts';
import { StepError } from './StepError.ts';

const design: Design = {
  schemaVersion: 1,
  name: 'q',
  tag: 't',
  targetBytes: 1000,
  layers: [{ name: 'base', components: [] }],
  config: { entrypoint: [], cmd: [], user: '0', workdir: '/', env: {}, labels: {} },
};

const result: BuildResult = {
  imageDigest: 'sha256:aa',
  configDigest: 'sha256:bb',
  layers: [],
  contentBytes: 0,
  tarBytes: 0,
  compressedBytes: 0,
  plannedBytes: 0,
  targetBytes: 1000,
  withinBudget: true,
};

/** A runner whose builds finish only when the test says so (or are aborted). */
function controllableRunner() {
  const gates = new Map<string, { resolve: () => void; reject: (e: unknown) => void }>();
  const started: string[] = [];
  const runner: BuildRunner = (record, signal) =>
    new Promise<BuildResult>((resolve, reject) => {
      started.push(record.id);
      gates.set(record.id, { resolve: () => resolve(result), reject });
      signal.addEventListener('abort', () => reject(new StepError('build', new Error('killed'))), {
        once: true,
      });
    });
  return { runner, gates, started };
}

function setup(runner: BuildRunner, opts: { concurrency?: number; timeoutMs?: number } = {}) {
  const store = new MemoryBuildStore();
  const hub = new BuildEventHub(store);
  const queue = new BuildQueue({
    store,
    hub,
    runner,
    concurrency: opts.concurrency ?? 1,
    timeoutMs: opts.timeoutMs ?? 60_000,
    abortGraceMs: 200,
    log: () => {},
  });
  let n = 0;
  const add = (): string => {
    n += 1;
    const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    const record: BuildRecord = {
      id,
      status: 'queued',
      engine: 'builtin',
      createdAt: new Date(n * 1000).toISOString(),
      design,
    };
    store.create(record);
    queue.enqueue(id);
    return id;
  };
  const events = (id: string): StoredBuildEvent[] => store.events(id);
  return { store, hub, queue, add, events };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('BuildQueue', () => {
  it('runs builds in FIFO order, one at a time, announcing queue positions as the queue moves', async () => {
    const { runner, gates, started } = controllableRunner();
    const { queue, add, events, store } = setup(runner);
    const a = add();
    const b = add();
    const c = add();
    expect(started).toEqual([a]);
    expect(queue.position(b)).toBe(1);
    expect(queue.position(c)).toBe(2);
    expect(events(c).map((e) => e.data)).toEqual([{ status: 'queued', position: 2 }]);

    gates.get(a)?.resolve();
    await tick();
    await tick();
    expect(started).toEqual([a, b]);
    expect(store.get(a)?.status).toBe('succeeded');
    expect(events(c).map((e) => e.data)).toEqual([
      { status: 'queued', position: 2 },
      { status: 'queued', position: 1 },
    ]);
    expect(events(b).at(-1)?.data).toEqual({ status: 'running' });

    gates.get(b)?.resolve();
    await tick();
    await tick();
    gates.get(c)?.resolve();
    await queue.whenIdle();
    expect(started).toEqual([a, b, c]);
    for (const id of [a, b, c]) {
      const evs = events(id);
      expect(evs.at(-1)?.type).toBe('done');
      expect(evs.map((e) => e.id)).toEqual(evs.map((_, i) => i + 1));
    }
  });

  it('respects the concurrency limit', async () => {
    const { runner, gates, started } = controllableRunner();
    const { queue, add } = setup(runner, { concurrency: 2 });
    const ids = [add(), add(), add()];
    expect(started).toEqual(ids.slice(0, 2));
    gates.get(ids[1] as string)?.resolve();
    await tick();
    await tick();
    expect(started).toEqual(ids);
    gates.get(ids[0] as string)?.resolve();
    gates.get(ids[2] as string)?.resolve();
    await queue.whenIdle();
  });

  it('cancelling a queued build removes it and moves the others up', async () => {
    const { runner, gates, started } = controllableRunner();
    const { queue, add, store, events } = setup(runner);
    const a = add();
    const b = add();
    const c = add();
    expect(await queue.cancel(b)).toBe('dequeued');
    expect(store.get(b)?.status).toBe('cancelled');
    expect(events(b).at(-1)).toMatchObject({ type: 'done', data: { status: 'cancelled' } });
    expect(queue.position(c)).toBe(1);
    expect(events(c).at(-1)?.data).toEqual({ status: 'queued', position: 1 });
    gates.get(a)?.resolve();
    await tick();
    await tick();
    expect(started).toEqual([a, c]);
    gates.get(c)?.resolve();
    await queue.whenIdle();
  });

  it('cancelling a running build aborts it and records cancelled with the step', async () => {
    const { runner } = controllableRunner();
    const { queue, add, store } = setup(runner);
    const a = add();
    expect(await queue.cancel(a)).toBe('aborted');
    expect(store.get(a)).toMatchObject({ status: 'cancelled', error: { code: 'cancelled', step: 'build' } });
    expect(await queue.cancel(a)).toBe('inactive');
  });

  it('a build over its time limit fails with code timeout and says so', async () => {
    const { runner } = controllableRunner();
    const { queue, add, store } = setup(runner, { timeoutMs: 30 });
    const a = add();
    await queue.whenIdle();
    const r = store.get(a);
    expect(r?.status).toBe('failed');
    expect(r?.error?.code).toBe('timeout');
    expect(r?.error?.message).toMatch(/time limit of 30 ms/);
  });

  it('a runner that ignores the abort is abandoned after the grace period', async () => {
    const { queue, add, store } = setup(() => new Promise<BuildResult>(() => {}), { timeoutMs: 20 });
    const a = add();
    await queue.whenIdle();
    expect(store.get(a)?.error?.code).toBe('timeout');
  });

  it('a failing step becomes a failed build with the AppError code and the step', async () => {
    const { queue, add, store } = setup(async () => {
      throw new StepError(
        'resolve',
        new AppError('spawn_failed', 503, 'zig is not installed or not on PATH'),
      );
    });
    const a = add();
    await queue.whenIdle();
    expect(store.get(a)).toMatchObject({
      status: 'failed',
      error: { code: 'spawn_failed', message: 'zig is not installed or not on PATH', step: 'resolve' },
    });
  });

  it('shutdown marks running builds interrupted and keeps queued ones queued', async () => {
    const { runner } = controllableRunner();
    const { queue, add, store } = setup(runner);
    const a = add();
    const b = add();
    await queue.shutdown();
    expect(store.get(a)?.error?.code).toBe('interrupted');
    expect(store.get(b)?.status).toBe('queued');
    expect(() => add()).toThrow(/shut down/);
  });
});
