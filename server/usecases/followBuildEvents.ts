/**
 * Follows a build's events for one viewer: first the stored history after
 * `lastEventId`, then live events, and the end after `done`. Ending the
 * viewer never touches the build itself.
 */
import type { StoredBuildEvent } from '../../shared/api/types.ts';
import { AppError } from '../errors/AppError.ts';
import { requireBuild } from './buildUseCases.ts';
import type { UseCaseDeps } from './UseCaseDeps.ts';

export interface EventSink {
  send(event: StoredBuildEvent): void;
  /** Called once after `done` has been sent (or when nothing more will come). */
  end(): void;
}

/** Parses `Last-Event-ID` (or `?lastEventId=`): a non-negative integer, else 0. */
export function parseLastEventId(raw: unknown): number {
  if (typeof raw !== 'string' || !/^\d{1,15}$/.test(raw.trim())) return 0;
  return Number(raw.trim());
}

/** Starts following; returns the function that stops it (idempotent). */
export function followBuildEvents(
  deps: Pick<UseCaseDeps, 'store' | 'hub'>,
  id: string,
  lastEventId: number,
  sink: EventSink,
): () => void {
  requireBuild(deps, id);
  let ended = false;
  let stop = (): void => {};
  const finish = (): void => {
    if (ended) return;
    ended = true;
    stop();
    sink.end();
  };
  const deliver = (e: StoredBuildEvent): void => {
    if (ended) return;
    sink.send(e);
    if (e.type === 'done') finish();
  };
  const sub = deps.hub.subscribe(id, lastEventId, deliver);
  stop = sub.unsubscribe;
  for (const e of sub.history) deliver(e);
  if (!ended) {
    const status = deps.store.get(id)?.status;
    // Finished, and the viewer has already seen `done`: nothing more will come.
    if (status === undefined || status === 'succeeded' || status === 'failed' || status === 'cancelled')
      finish();
  }
  return () => {
    ended = true;
    sub.unsubscribe();
  };
}

export function tooManyStreams(max: number, scope: 'a client' | 'this build' = 'a client'): AppError {
  return new AppError(
    'too_many_streams',
    429,
    scope === 'a client'
      ? `a client may follow at most ${max} build event streams at once; close some first`
      : `this build already has ${max} viewers following its events; try again when some have left`,
  );
}
