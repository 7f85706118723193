import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { downloadText } from '../common/downloadText.ts';
import { groupLogLines, logText } from './logGroups.ts';
import type { BuildLogLine } from './reduceBuildEvent.ts';

const STREAM_STYLE = { stdout: 'text-slate-100', stderr: 'text-amber-200', info: 'text-sky-200' } as const;

interface BuildLogProps {
  buildId: string;
  lines: readonly BuildLogLine[];
  droppedLines: number;
}

/**
 * The live log, grouped per step (each group collapsible), with search, line
 * wrapping and a download; follows new lines until the person scrolls up.
 */
export function BuildLog({ buildId, lines, droppedLines }: BuildLogProps) {
  const box = useRef<HTMLDivElement>(null);
  const [follow, setFollow] = useState(true);
  const [query, setQuery] = useState('');
  const [wrap, setWrap] = useState(true);
  const groups = useMemo(() => groupLogLines(lines, query), [lines, query]);

  useLayoutEffect(() => {
    const node = box.current;
    if (node && follow) node.scrollTop = node.scrollHeight;
  }, [lines, follow]);

  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <label className="flex items-center gap-1">
          Search the log
          <input
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            className="w-40 rounded border border-slate-400 px-1 py-0.5"
          />
        </label>
        <label className="flex items-center gap-1">
          <input type="checkbox" checked={wrap} onChange={(e) => setWrap(e.target.checked)} />
          Wrap lines
        </label>
        <button type="button" className="toolbar-button" onClick={() => downloadText(`build-${buildId}.log`, logText(lines, droppedLines))}>
          Download log
        </button>
      </div>
      <div className="relative">
        <div
          ref={box}
          role="log"
          aria-label="Build log"
          aria-live="off"
          tabIndex={0}
          data-testid="build-log"
          onScroll={(event) => {
            const node = event.currentTarget;
            setFollow(node.scrollTop + node.clientHeight >= node.scrollHeight - 8);
          }}
          className="h-64 overflow-auto rounded bg-slate-900 p-2 font-mono text-xs leading-5"
        >
          {droppedLines > 0 ? <p className="text-slate-300">… {droppedLines} earlier lines not shown</p> : null}
          {groups.map((group) => (
            <details key={group.firstSeq} open className="mb-1">
              <summary className="cursor-pointer text-slate-300">
                {group.step} · {query ? `${group.lines.length} of ${group.total}` : group.total} lines
              </summary>
              {group.lines.map((l) => (
                <p key={l.seq} className={`${wrap ? 'whitespace-pre-wrap break-all' : 'whitespace-pre'} ${STREAM_STYLE[l.stream]}`}>
                  <span className="text-slate-300">[{l.step}]</span> {l.line}
                </p>
              ))}
            </details>
          ))}
          {lines.length === 0 ? <p className="text-slate-300">Waiting for the first log line…</p> : null}
          {lines.length > 0 && groups.length === 0 ? <p className="text-slate-300">No line contains “{query}”.</p> : null}
        </div>
        {follow ? null : (
          <button type="button" onClick={() => setFollow(true)} className="primary-button absolute right-3 bottom-2">
            Auto-scroll paused · jump to latest
          </button>
        )}
      </div>
    </div>
  );
}
