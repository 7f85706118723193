/**
 * In-memory BuildStore: for tests and for a server started without a
 * database. Records are copied in and out so callers cannot mutate the store.
 */
import type { BuildEvent, BuildRecord, BuildStatus, StoredBuildEvent } from '../../shared/api/types.ts';
import type { BuildListQuery, BuildStore } from './BuildStore.ts';

export class MemoryBuildStore implements BuildStore {
  private readonly records = new Map<string, BuildRecord>();
  private readonly eventLog = new Map<string, StoredBuildEvent[]>();
  /** Insertion order breaks ties between equal `createdAt` timestamps. */
  private readonly order = new Map<string, number>();
  private seq = 0;

  create(record: BuildRecord): void {
    if (this.records.has(record.id)) throw new Error(`build ${record.id} already exists`);
    this.records.set(record.id, structuredClone(record));
    this.order.set(record.id, this.seq++);
    this.eventLog.set(record.id, []);
  }

  get(id: string): BuildRecord | undefined {
    const r = this.records.get(id);
    return r === undefined ? undefined : structuredClone(r);
  }

  update(id: string, patch: Partial<Omit<BuildRecord, 'id'>>): void {
    const r = this.records.get(id);
    if (r === undefined) throw new Error(`unknown build ${id}`);
    this.records.set(id, { ...r, ...structuredClone(patch), id });
  }

  list(query: BuildListQuery = {}): BuildRecord[] {
    let all = [...this.records.values()];
    if (query.designId !== undefined) all = all.filter((r) => r.designId === query.designId);
    all.sort(
      (a, b) =>
        b.createdAt.localeCompare(a.createdAt) || (this.order.get(b.id) ?? 0) - (this.order.get(a.id) ?? 0),
    );
    if (query.limit !== undefined) all = all.slice(0, query.limit);
    return all.map((r) => structuredClone(r));
  }

  listByStatus(status: BuildStatus): BuildRecord[] {
    return [...this.records.values()]
      .filter((r) => r.status === status)
      .sort((a, b) => (this.order.get(a.id) ?? 0) - (this.order.get(b.id) ?? 0))
      .map((r) => structuredClone(r));
  }

  appendEvent(buildId: string, event: BuildEvent): StoredBuildEvent {
    const log = this.eventLog.get(buildId);
    if (log === undefined) throw new Error(`unknown build ${buildId}`);
    const stored = { ...structuredClone(event), id: log.length + 1 } as StoredBuildEvent;
    log.push(stored);
    return structuredClone(stored);
  }

  events(buildId: string, afterId = 0): StoredBuildEvent[] {
    const log = this.eventLog.get(buildId) ?? [];
    return log.filter((e) => e.id > afterId).map((e) => structuredClone(e));
  }

  delete(id: string): void {
    this.records.delete(id);
    this.eventLog.delete(id);
    this.order.delete(id);
  }
}
