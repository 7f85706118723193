import { useState } from 'react';
import type { EngineChoice } from '../../../shared/api/types.ts';
import { formatBytes } from '../../../shared/bytes/formatBytes.ts';
import { useHealth } from '../api/useHealth.ts';
import { useCatalogContext } from '../common/pageContexts.ts';
import { useAppStore } from '../store/useAppStore.ts';
import { BuildHistory } from './BuildHistory.tsx';
import { BuildLog } from './BuildLog.tsx';
import { BuildResultView } from './BuildResultView.tsx';
import { buildBlocker } from './buildBlocker.ts';
import { BuildSteps } from './BuildSteps.tsx';
import { useBuildRunner } from './useBuildRunner.ts';

const STATUS_TEXT = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
} as const;

/** Build on the server: engine choice, live log, result and downloads. */
export function BuildPanel() {
  const health = useHealth();
  const build = useAppStore((s) => s.build);
  const { start, cancel } = useBuildRunner();
  const [engine, setEngine] = useState<EngineChoice>('auto');
  const [smokeTest, setSmokeTest] = useState(true);
  const active = build !== null && !build.done && build.id !== '';
  const engines = health.data?.engines;
  const design = useAppStore((s) => s.design);
  const catalog = useCatalogContext();
  const blocker = buildBlocker({ design, byId: catalog.byId, catalogSource: catalog.source, serverReachable: !health.isError });
  const overBy = build?.result && !build.result.withinBudget ? build.result.contentBytes - build.result.targetBytes : null;

  return (
    <section aria-labelledby="build-heading" className="flex flex-col gap-3 rounded-lg border border-slate-300 bg-white p-3">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="build-heading" className="text-lg font-bold">
          Build
        </h2>
        <label className="flex items-center gap-1 text-sm">
          Engine
          <select
            value={engine}
            onChange={(e) => setEngine(e.target.value as EngineChoice)}
            className="rounded border border-slate-400 bg-white px-1 py-0.5"
          >
            <option value="auto">auto</option>
            <option value="builtin">builtin (no daemon)</option>
            <option value="podman" disabled={engines ? engines.podman === null : false}>
              podman{engines?.podman ? ` ${engines.podman}` : engines ? ' (not installed)' : ''}
            </option>
          </select>
        </label>
        <label className="flex items-center gap-1 text-sm">
          <input type="checkbox" checked={smokeTest} onChange={(e) => setSmokeTest(e.target.checked)} />
          Smoke test
        </label>
        <button
          type="button"
          className="primary-button"
          disabled={active || blocker !== null}
          aria-describedby={blocker ? 'build-blocker' : undefined}
          onClick={() => void start(engine, smokeTest)}
        >
          Build
        </button>
        {blocker && !active ? (
          <span id="build-blocker" data-testid="build-blocker" className="text-sm text-slate-800">
            <span aria-hidden="true">⊘ </span>Cannot build yet: {blocker}
          </span>
        ) : null}
        {active ? (
          <button type="button" className="toolbar-button" onClick={() => void cancel()}>
            Cancel build
          </button>
        ) : null}
      </div>
      {build ? (
        <div className="flex flex-col gap-2" data-testid="build-panel">
          <p role="status" className="text-sm font-semibold" data-testid="build-status" data-status={build.status}>
            {STATUS_TEXT[build.status]}
            {build.status === 'succeeded' && overBy !== null && overBy > 0 ? `, but over budget: ${formatBytes(overBy)} over the target` : ''}
            {build.status === 'queued' && build.queuePosition !== undefined ? ` (position ${build.queuePosition})` : ''}
            {build.id ? <span className="font-normal text-slate-700"> · build {build.id}</span> : null}
          </p>
          {build.error ? (
            <p role="alert" className="rounded bg-red-50 p-2 text-sm text-red-900">
              {build.error.message}
              {build.error.step ? ` (step ${build.error.step})` : ''}
            </p>
          ) : null}
          {/* The outcome first; the log below it, collapsible. */}
          {build.result ? <BuildResultView id={build.id} result={build.result} design={build.design} /> : null}
          <BuildSteps steps={build.steps} />
          {build.id ? (
            <details open className="flex flex-col gap-1">
              <summary className="cursor-pointer text-sm font-semibold">Log ({build.logs.length + build.droppedLines} lines)</summary>
              <BuildLog buildId={build.id} lines={build.logs} droppedLines={build.droppedLines} />
            </details>
          ) : null}
        </div>
      ) : (
        <p className="text-sm text-slate-700">Build compiles and assembles this design on the server, and streams its log here.</p>
      )}
      <BuildHistory />
    </section>
  );
}
