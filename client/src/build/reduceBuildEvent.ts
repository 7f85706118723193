import type { BuildError, BuildEvent, BuildResult, BuildStatus } from '../../../shared/api/types.ts';
import type { Design } from '../../../shared/design/types.ts';

export interface BuildStepView {
  step: string;
  /** `cancelled`: the step was running (or reported failing) when the user cancelled the build. */
  state: 'started' | 'finished' | 'failed' | 'cancelled';
  ms?: number;
}

export interface BuildLogLine {
  seq: number;
  step: string;
  stream: 'stdout' | 'stderr' | 'info';
  line: string;
}

/** What the build panel shows, folded from the SSE events. */
export interface BuildView {
  id: string;
  eventsUrl: string;
  /** The design as it was sent, for the Containerfile download and run lines. */
  design: Design | null;
  status: BuildStatus;
  queuePosition?: number;
  steps: BuildStepView[];
  logs: BuildLogLine[];
  /** Lines dropped from the front to keep the panel responsive. */
  droppedLines: number;
  done: boolean;
  result?: BuildResult;
  error?: BuildError;
}

/** Enough to follow any build; older lines stay on the server. */
export const MAX_LOG_LINES = 5_000;

export function newBuildView(id: string, eventsUrl: string, design: Design | null): BuildView {
  return { id, eventsUrl, design, status: 'queued', steps: [], logs: [], droppedLines: 0, done: false };
}

/** Pure fold of one SSE event into the view. */
export function reduceBuildEvent(view: BuildView, event: BuildEvent): BuildView {
  switch (event.type) {
    case 'status': {
      const next: BuildView = { ...view, status: event.data.status };
      if (event.data.position !== undefined) next.queuePosition = event.data.position;
      else delete next.queuePosition;
      return next;
    }
    case 'step': {
      const { step, state, ms } = event.data;
      const entry: BuildStepView = ms === undefined ? { step, state } : { step, state, ms };
      const index = view.steps.findIndex((s) => s.step === step);
      const steps = index === -1 ? [...view.steps, entry] : view.steps.map((s, i) => (i === index ? entry : s));
      return { ...view, steps };
    }
    case 'log': {
      const seq = view.droppedLines + view.logs.length;
      let logs = [...view.logs, { seq, ...event.data }];
      let droppedLines = view.droppedLines;
      if (logs.length > MAX_LOG_LINES) {
        const excess = logs.length - MAX_LOG_LINES;
        logs = logs.slice(excess);
        droppedLines += excess;
      }
      return { ...view, logs, droppedLines };
    }
    case 'done': {
      const next: BuildView = { ...view, status: event.data.status, done: true };
      // A cancel kills the running step's processes, which report a failure:
      // that step was cancelled, not failed.
      if (event.data.status === 'cancelled') {
        next.steps = view.steps.map((s) => (s.state === 'finished' ? s : { ...s, state: 'cancelled' }));
      }
      if (event.data.result) next.result = event.data.result;
      if (event.data.error) next.error = event.data.error;
      return next;
    }
  }
}
