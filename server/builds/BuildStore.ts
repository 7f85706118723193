/**
 * Persistence port for builds and their event logs. The build queue talks
 * only to this; `MemoryBuildStore` serves unit tests, the SQLite store serves
 * the running server.
 */
import type { BuildEvent, BuildRecord, BuildStatus, StoredBuildEvent } from '../../shared/api/types.ts';

export interface BuildListQuery {
  designId?: string;
  limit?: number;
}

export interface BuildStore {
  create(record: BuildRecord): void;
  get(id: string): BuildRecord | undefined;
  update(id: string, patch: Partial<Omit<BuildRecord, 'id'>>): void;
  /** Newest first. */
  list(query?: BuildListQuery): BuildRecord[];
  listByStatus(status: BuildStatus): BuildRecord[];
  /** Appends and returns the event with its id (ids increase per build, from 1). */
  appendEvent(buildId: string, event: BuildEvent): StoredBuildEvent;
  /** Events with id > afterId, in order. */
  events(buildId: string, afterId?: number): StoredBuildEvent[];
  delete(id: string): void;
}
