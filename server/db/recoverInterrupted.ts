import type { BuildError, BuildRecord } from '../../shared/api/types.ts';
import type { BuildStore } from '../builds/BuildStore.ts';

export interface RecoveryOutcome {
  /** Builds that were `running` when the server stopped, now `failed`/`interrupted`. */
  interrupted: BuildRecord[];
  /** Builds still `queued`, oldest first: re-enqueue them in this order. */
  queued: BuildRecord[];
}

/** Queued builds in the order they were submitted (queue order). */
export function queuedBuildsToResume(store: BuildStore): BuildRecord[] {
  return store
    .listByStatus('queued')
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
}

/**
 * Run once at start, before the queue starts: no build may stay `running`
 * across a restart, because nothing is running it any more. Each such build
 * becomes `failed` with code `interrupted`; its log so far is kept and ends
 * with a `done` event, so a viewer replaying it sees a finished stream.
 */
export function recoverInterrupted(store: BuildStore, now: Date = new Date()): RecoveryOutcome {
  const interrupted: BuildRecord[] = [];
  for (const build of store.listByStatus('running')) {
    const error: BuildError = {
      code: 'interrupted',
      message:
        'The server stopped while this build was running; the log below is what it wrote before. Start the build again.',
    };
    const finishedAt = now.toISOString();
    store.appendEvent(build.id, {
      type: 'log',
      data: {
        step: 'server',
        stream: 'info',
        line: `build interrupted: the server stopped mid-build (recovered at ${finishedAt})`,
      },
    });
    store.appendEvent(build.id, { type: 'done', data: { status: 'failed', error } });
    store.update(build.id, { status: 'failed', error, finishedAt });
    interrupted.push({ ...build, status: 'failed', error, finishedAt });
  }
  return { interrupted, queued: queuedBuildsToResume(store) };
}
