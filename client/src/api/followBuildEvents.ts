import type { BuildEvent } from '../../../shared/api/types.ts';
import { withToken } from './apiToken.ts';

const EVENT_TYPES = ['status', 'step', 'log', 'done'] as const;

/**
 * Follows a build's SSE stream. EventSource resumes by itself with
 * Last-Event-ID after a drop; we close it after `done` so it stops there.
 * Returns the function that stops following.
 */
export function followBuildEvents(
  eventsUrl: string,
  onEvent: (event: BuildEvent) => void,
  onLost: () => void,
): () => void {
  const source = new EventSource(withToken(eventsUrl));
  for (const type of EVENT_TYPES) {
    source.addEventListener(type, (message) => {
      let data: unknown;
      try {
        data = JSON.parse((message as MessageEvent<string>).data);
      } catch {
        return;
      }
      onEvent({ type, data } as BuildEvent);
      if (type === 'done') source.close();
    });
  }
  source.onerror = () => {
    if (source.readyState === EventSource.CLOSED) onLost();
  };
  return () => source.close();
}
