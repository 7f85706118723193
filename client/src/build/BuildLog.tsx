import { useLayoutEffect, useRef, useState } from 'react';
import type { BuildLogLine } from './reduceBuildEvent.ts';

const STREAM_STYLE = { stdout: 'text-slate-100', stderr: 'text-amber-200', info: 'text-sky-200' } as const;

/** The live log: follows new lines until the person scrolls up, resumes at the bottom. */
export function BuildLog({ lines, droppedLines }: { lines: readonly BuildLogLine[]; droppedLines: number }) {
  const box = useRef<HTMLDivElement>(null);
  const [follow, setFollow] = useState(true);

  useLayoutEffect(() => {
    const node = box.current;
    if (node && follow) node.scrollTop = node.scrollHeight;
  }, [lines, follow]);

  return (
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
        className="h-64 overflow-y-auto rounded bg-slate-900 p-2 font-mono text-xs leading-5"
      >
        {droppedLines > 0 ? <p className="text-slate-300">… {droppedLines} earlier lines not shown</p> : null}
        {lines.map((l) => (
          <p key={l.seq} className={`whitespace-pre-wrap break-all ${STREAM_STYLE[l.stream]}`}>
            <span className="text-slate-300">[{l.step}]</span> {l.line}
          </p>
        ))}
        {lines.length === 0 ? <p className="text-slate-300">Waiting for the first log line…</p> : null}
      </div>
      {follow ? null : (
        <button type="button" onClick={() => setFollow(true)} className="primary-button absolute right-3 bottom-2">
          Auto-scroll paused · jump to latest
        </button>
      )}
    </div>
  );
}
