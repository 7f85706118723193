/**
 * Stores every build event and fans it out to live subscribers. Appending
 * and notifying happen in one synchronous call, and subscribing reads the
 * history and registers in one synchronous call, so a subscriber never misses
 * or duplicates an event between "history" and "live".
 */
import type { BuildEvent, StoredBuildEvent } from '../../shared/api/types.ts';
import type { BuildStore } from './BuildStore.ts';

export type BuildEventListener = (event: StoredBuildEvent) => void;

export interface BuildSubscription {
  /** Events with id > afterId already stored, in order. */
  history: StoredBuildEvent[];
  unsubscribe(): void;
}

export class BuildEventHub {
  private readonly listeners = new Map<string, Set<BuildEventListener>>();

  constructor(private readonly store: BuildStore) {}

  publish(buildId: string, event: BuildEvent): StoredBuildEvent {
    const stored = this.store.appendEvent(buildId, event);
    const set = this.listeners.get(buildId);
    if (set) {
      for (const listener of [...set]) {
        try {
          listener(stored);
        } catch (e) {
          // One broken viewer must not stop the build or the other viewers.
          console.error('[lago-grey] build event listener failed:', e);
        }
      }
    }
    return stored;
  }

  subscribe(buildId: string, afterId: number, listener: BuildEventListener): BuildSubscription {
    const history = this.store.events(buildId, afterId);
    let set = this.listeners.get(buildId);
    if (!set) {
      set = new Set();
      this.listeners.set(buildId, set);
    }
    set.add(listener);
    return {
      history,
      unsubscribe: () => {
        const s = this.listeners.get(buildId);
        if (!s) return;
        s.delete(listener);
        if (s.size === 0) this.listeners.delete(buildId);
      },
    };
  }

  /** Live subscribers of a build (for tests and diagnostics). */
  subscriberCount(buildId: string): number {
    return this.listeners.get(buildId)?.size ?? 0;
  }
}
