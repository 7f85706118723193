import type { BuildRecord, BuildStatus } from '../../shared/api/types.ts';
import type { BuildListQuery, BuildStore } from '../builds/BuildStore.ts';
import { applyRetention, type RetentionLimits, type RetentionOutcome } from './applyRetention.ts';

export interface WithRetentionOptions extends RetentionLimits {
  dataDir: string;
  /** Where a failed retention pass is reported (it never fails a build). */
  onError?: (err: unknown) => void;
}

export interface RetainingBuildStore extends BuildStore {
  /** Runs a pass now (passes never overlap); resolves when it is done. */
  runRetention(): Promise<RetentionOutcome>;
  /** Resolves when the passes started so far are done (for tests and shutdown). */
  idle(): Promise<void>;
}

const FINISHED: ReadonlySet<BuildStatus> = new Set(['succeeded', 'failed', 'cancelled']);

/**
 * Wraps a store so that retention runs whenever a build finishes (its status
 * is updated to succeeded/failed/cancelled), without the queue knowing about
 * it. Passes are serialised. Call `runRetention()` once at start as well.
 */
export function withRetention(store: BuildStore, opts: WithRetentionOptions): RetainingBuildStore {
  let chain: Promise<unknown> = Promise.resolve();
  const onError = opts.onError ?? ((err: unknown) => console.error('[lago-grey] retention failed:', err));
  const runRetention = (): Promise<RetentionOutcome> => {
    const pass = chain.then(() =>
      applyRetention({ store, dataDir: opts.dataDir, maxBuilds: opts.maxBuilds, maxBytes: opts.maxBytes }),
    );
    chain = pass.catch(() => undefined);
    return pass;
  };
  return {
    create: (record: BuildRecord) => store.create(record),
    get: (id: string) => store.get(id),
    update(id, patch) {
      store.update(id, patch);
      if (patch.status !== undefined && FINISHED.has(patch.status)) runRetention().catch(onError);
    },
    list: (query?: BuildListQuery) => store.list(query),
    listByStatus: (status: BuildStatus) => store.listByStatus(status),
    appendEvent: (buildId, event) => store.appendEvent(buildId, event),
    events: (buildId, afterId) => store.events(buildId, afterId),
    delete: (id: string) => store.delete(id),
    runRetention,
    idle: async () => {
      await chain;
    },
  };
}
