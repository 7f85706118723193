/**
 * FIFO build queue with a fixed number of concurrent builds. It owns a
 * build's lifecycle: `queued` (with its position, re-announced as the queue
 * moves) → `running` (with a time limit) → a `done` event and the final record.
 * What a build does is the runner's business (see `runBuildPipeline`).
 */
import { DISK_FULL_MESSAGE, isDiskFull } from '../errors/diskFull.ts';
import type { BuildError, BuildRecord, BuildResult, BuildStatus } from '../../shared/api/types.ts';
import { isAppError } from '../errors/AppError.ts';
import { BuildAbort, abortKindOf, type AbortKind } from './BuildAbort.ts';
import type { BuildEventHub } from './BuildEventHub.ts';
import type { BuildStore } from './BuildStore.ts';
import { StepError } from './StepError.ts';

export type BuildRunner = (record: BuildRecord, signal: AbortSignal) => Promise<BuildResult>;

export interface BuildQueueOptions {
  store: BuildStore;
  hub: BuildEventHub;
  runner: BuildRunner;
  concurrency: number;
  timeoutMs: number;
  /**
   * After an abort, how long to wait for the runner to wind down before the
   * build is finalised anyway (subprocess groups are killed at once; this only
   * bounds pure-JS work that ignores the signal).
   */
  abortGraceMs?: number;
  now?: () => Date;
  log?: (msg: string, err?: unknown) => void;
  /**
   * Called when the disk is full while a build is being finalised; it frees
   * the space kept in reserve, so that the build can still be recorded as failed.
   */
  onDiskFull?: () => void;
}

export type CancelOutcome = 'dequeued' | 'aborted' | 'inactive';

interface Outcome {
  status: BuildStatus;
  result?: BuildResult;
  error?: BuildError;
}

interface RunningBuild {
  controller: AbortController;
  settled: Promise<void>;
}

export class BuildQueue {
  private readonly pending: string[] = [];
  private readonly running = new Map<string, RunningBuild>();
  private readonly announced = new Map<string, number>();
  private readonly idleWaiters: Array<() => void> = [];
  private closed = false;

  constructor(private readonly opts: BuildQueueOptions) {}

  /** Queues a build already created in the store with status `queued`. */
  enqueue(id: string): void {
    if (this.closed) throw new Error('the build queue is shut down');
    this.pending.push(id);
    this.pump();
  }

  /** Re-queues builds left `queued` by a previous run, in the given (submission) order. */
  resume(records: readonly BuildRecord[]): void {
    for (const r of records) {
      if (r.status === 'queued' && !this.pending.includes(r.id) && !this.running.has(r.id))
        this.pending.push(r.id);
    }
    this.pump();
  }

  /** 1-based place in the queue (1 = next to start), or undefined when not queued. */
  position(id: string): number | undefined {
    const i = this.pending.indexOf(id);
    return i === -1 ? undefined : i + 1;
  }

  isRunning(id: string): boolean {
    return this.running.has(id);
  }

  /**
   * Queued: removed from the queue and marked cancelled. Running: aborted
   * (its process groups are killed) and the promise resolves once the build
   * is finalised as cancelled.
   */
  async cancel(id: string): Promise<CancelOutcome> {
    const i = this.pending.indexOf(id);
    if (i !== -1) {
      this.pending.splice(i, 1);
      this.announced.delete(id);
      this.finish(id, {
        status: 'cancelled',
        error: { code: 'cancelled', message: 'the build was cancelled before it started' },
      });
      this.announcePositions();
      this.notifyIdle();
      return 'dequeued';
    }
    const run = this.running.get(id);
    if (run === undefined) return 'inactive';
    run.controller.abort(new BuildAbort('cancel'));
    await run.settled;
    return 'aborted';
  }

  /**
   * Stops starting builds and aborts running ones (they end `failed` with
   * code `interrupted`). Queued builds stay queued for the next start.
   */
  async shutdown(): Promise<void> {
    this.closed = true;
    const runs = [...this.running.values()];
    for (const r of runs) r.controller.abort(new BuildAbort('shutdown'));
    await Promise.all(runs.map((r) => r.settled));
  }

  /** Resolves when nothing is queued or running (benchmarks and tests). */
  whenIdle(): Promise<void> {
    if (this.pending.length === 0 && this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (!this.closed && this.running.size < this.opts.concurrency && this.pending.length > 0) {
      const id = this.pending.shift() as string;
      this.announced.delete(id);
      this.start(id);
    }
    this.announcePositions();
    this.notifyIdle();
  }

  private announcePositions(): void {
    this.pending.forEach((id, i) => {
      const position = i + 1;
      if (this.announced.get(id) === position) return;
      this.announced.set(id, position);
      this.opts.hub.publish(id, { type: 'status', data: { status: 'queued', position } });
    });
  }

  private start(id: string): void {
    const record = this.opts.store.get(id);
    if (record === undefined || record.status !== 'queued') return;
    const controller = new AbortController();
    const startedAt = this.now().toISOString();
    this.opts.store.update(id, { status: 'running', startedAt });
    this.opts.hub.publish(id, { type: 'status', data: { status: 'running' } });
    const timer = setTimeout(() => controller.abort(new BuildAbort('timeout')), this.opts.timeoutMs);
    const settled = this.execute({ ...record, status: 'running', startedAt }, controller.signal)
      .catch((e: unknown) => this.log(`build ${id}: finalising failed`, e))
      .finally(() => {
        clearTimeout(timer);
        this.running.delete(id);
        this.pump();
      });
    this.running.set(id, { controller, settled });
  }

  private async execute(record: BuildRecord, signal: AbortSignal): Promise<void> {
    let outcome: Outcome;
    try {
      const result = await settleOrAbandon(
        this.opts.runner(record, signal),
        signal,
        this.opts.abortGraceMs ?? 10_000,
      );
      outcome = { status: 'succeeded', result };
    } catch (e) {
      const kind = abortKindOf(signal);
      const step = e instanceof StepError ? e.step : undefined;
      outcome = kind !== undefined ? this.abortOutcome(kind, step) : this.errorOutcome(record.id, e);
    }
    this.finish(record.id, outcome);
  }

  private abortOutcome(kind: AbortKind, step: string | undefined): Outcome {
    const withStep = (error: BuildError): BuildError => (step === undefined ? error : { ...error, step });
    switch (kind) {
      case 'cancel':
        return {
          status: 'cancelled',
          error: withStep({ code: 'cancelled', message: 'the build was cancelled' }),
        };
      case 'timeout':
        return {
          status: 'failed',
          error: withStep({
            code: 'timeout',
            message:
              `the build exceeded its time limit of ${formatDuration(this.opts.timeoutMs)} and was stopped ` +
              '(raise LAGO_BUILD_TIMEOUT_MS to allow longer builds)',
          }),
        };
      case 'shutdown':
        return {
          status: 'failed',
          error: withStep({
            code: 'interrupted',
            message: 'the server shut down while this build was running; start it again',
          }),
        };
    }
  }

  private errorOutcome(id: string, e: unknown): Outcome {
    const step = e instanceof StepError ? e.step : undefined;
    const cause = e instanceof StepError ? e.cause : e;
    const error: BuildError = isDiskFull(cause)
      ? { code: 'disk_full', message: DISK_FULL_MESSAGE }
      : isAppError(cause)
        ? { code: cause.code, message: cause.message }
        : { code: 'build_failed', message: cause instanceof Error ? cause.message : String(cause) };
    if (!isAppError(cause) && error.code !== 'disk_full')
      this.log(`build ${id} failed unexpectedly${step ? ` in step ${step}` : ''}`, cause);
    if (step !== undefined) error.step = step;
    return { status: 'failed', error };
  }

  private finish(id: string, outcome: Outcome): void {
    const finishedAt = this.now().toISOString();
    const patch: Partial<BuildRecord> = { status: outcome.status, finishedAt };
    if (outcome.result !== undefined) patch.result = outcome.result;
    if (outcome.error !== undefined) patch.error = outcome.error;
    try {
      this.opts.store.update(id, patch);
      this.opts.hub.publish(id, { type: 'done', data: outcome });
    } catch (e) {
      if (!isDiskFull(e)) throw e;
      // The disk filled up: free the reserve and record the build as failed, never leave it `running`.
      this.log(`build ${id}: the disk is full; recording the build as failed (disk_full)`);
      this.opts.onDiskFull?.();
      const error: BuildError = { code: 'disk_full', message: DISK_FULL_MESSAGE };
      this.opts.store.update(id, { status: 'failed', finishedAt, error });
      this.opts.hub.publish(id, { type: 'done', data: { status: 'failed', error } });
    }
  }

  private notifyIdle(): void {
    if (this.pending.length > 0 || this.running.size > 0) return;
    for (const w of this.idleWaiters.splice(0)) w();
  }

  private now(): Date {
    return this.opts.now?.() ?? new Date();
  }

  private log(msg: string, err?: unknown): void {
    if (this.opts.log) this.opts.log(msg, err);
    else console.error(`[lago-grey] ${msg}`, err ?? '');
  }
}

/**
 * Follows `p`, but once `signal` fires gives it at most `graceMs` more before
 * rejecting, so a step that ignores the signal cannot hold a build slot.
 */
function settleOrAbandon<T>(p: Promise<T>, signal: AbortSignal, graceMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const onAbort = (): void => {
      timer = setTimeout(
        () => reject(new Error('the build did not stop in time after being aborted')),
        graceMs,
      );
    };
    p.then(
      (v) => {
        if (timer) clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        if (timer) clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}

function formatDuration(ms: number): string {
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms % 1000 === 0) return `${ms / 1000} s`;
  return `${ms} ms`;
}
