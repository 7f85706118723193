import { describe, expect, it } from 'vitest';
import { MAX_LOG_LINES, newBuildView, reduceBuildEvent } from './reduceBuildEvent.ts';

describe('reduceBuildEvent', () => {
  it('folds status, steps, logs and done', () => {
    let v = newBuildView('b1', '/api/builds/b1/events', null);
    v = reduceBuildEvent(v, { type: 'status', data: { status: 'queued', position: 2 } });
    expect(v.queuePosition).toBe(2);
    v = reduceBuildEvent(v, { type: 'status', data: { status: 'running' } });
    expect(v.queuePosition).toBeUndefined();
    v = reduceBuildEvent(v, { type: 'step', data: { step: 'compile', state: 'started' } });
    v = reduceBuildEvent(v, { type: 'log', data: { step: 'compile', stream: 'stdout', line: 'zig build-exe' } });
    v = reduceBuildEvent(v, { type: 'step', data: { step: 'compile', state: 'finished', ms: 812 } });
    expect(v.steps).toEqual([{ step: 'compile', state: 'finished', ms: 812 }]);
    expect(v.logs.map((l) => l.line)).toEqual(['zig build-exe']);
    v = reduceBuildEvent(v, { type: 'done', data: { status: 'failed', error: { code: 'build_failed', message: 'boom' } } });
    expect(v).toMatchObject({ done: true, status: 'failed', error: { message: 'boom' } });
  });

  it('keeps the newest lines when the log grows past the cap', () => {
    let v = newBuildView('b', '', null);
    for (let i = 0; i < MAX_LOG_LINES + 3; i++) {
      v = reduceBuildEvent(v, { type: 'log', data: { step: 's', stream: 'info', line: `l${i}` } });
    }
    expect(v.logs).toHaveLength(MAX_LOG_LINES);
    expect(v.droppedLines).toBe(3);
    expect(v.logs[0]?.line).toBe('l3');
    expect(v.logs[0]?.seq).toBe(3);
  });

  it('marks the step that was running or failing when the build was cancelled as cancelled, not failed', () => {
    let v = newBuildView('b', '', null);
    v = reduceBuildEvent(v, { type: 'step', data: { step: 'resolve', state: 'finished', ms: 5 } });
    v = reduceBuildEvent(v, { type: 'step', data: { step: 'compile', state: 'started' } });
    v = reduceBuildEvent(v, { type: 'step', data: { step: 'compile', state: 'failed', ms: 40 } });
    v = reduceBuildEvent(v, { type: 'done', data: { status: 'cancelled' } });
    expect(v.steps).toEqual([
      { step: 'resolve', state: 'finished', ms: 5 },
      { step: 'compile', state: 'cancelled', ms: 40 },
    ]);
  });
});
