import { formatDuration } from './formatDuration.ts';
import type { BuildStepView } from './reduceBuildEvent.ts';

const STATE = {
  started: { icon: '⏳', label: 'running' },
  finished: { icon: '✓', label: 'done' },
  failed: { icon: '✕', label: 'failed' },
  cancelled: { icon: '⊘', label: 'cancelled' },
} as const;

/** Build steps with their state and duration. */
export function BuildSteps({ steps }: { steps: readonly BuildStepView[] }) {
  if (steps.length === 0) return null;
  return (
    <ol className="flex flex-wrap gap-2 text-xs" aria-label="Build steps">
      {steps.map((s) => (
        <li key={s.step} className="rounded border border-slate-400 bg-white px-2 py-0.5">
          <span aria-hidden="true">{STATE[s.state].icon} </span>
          {s.step} <span className="text-slate-700">{STATE[s.state].label}</span>
          {s.ms !== undefined ? <span className="tabular-nums text-slate-700"> · {formatDuration(s.ms)}</span> : null}
        </li>
      ))}
    </ol>
  );
}
