import { describe, expect, it } from 'vitest';
import { groupLogLines, logText } from './logGroups.ts';
import type { BuildLogLine } from './reduceBuildEvent.ts';

const line = (seq: number, step: string, text: string): BuildLogLine => ({ seq, step, stream: 'stdout', line: text });
const lines = [line(0, 'resolve', 'fetch hello'), line(1, 'resolve', 'fetch tzdata'), line(2, 'compile', 'zig build-exe hello'), line(3, 'resolve', 'again')];

describe('build log groups', () => {
  it('groups consecutive lines per step, one collapsible group each', () => {
    const groups = groupLogLines(lines, '');
    expect(groups.map((g) => [g.step, g.firstSeq, g.lines.length])).toEqual([
      ['resolve', 0, 2],
      ['compile', 2, 1],
      ['resolve', 3, 1],
    ]);
  });

  it('searches case-insensitively and drops groups without a match', () => {
    const groups = groupLogLines(lines, 'HELLO');
    expect(groups.map((g) => [g.step, g.lines.map((l) => l.seq), g.total])).toEqual([
      ['resolve', [0], 2],
      ['compile', [2], 1],
    ]);
  });

  it('downloads the whole log as text, saying when early lines were dropped', () => {
    expect(logText(lines.slice(0, 1), 0)).toBe('[resolve] fetch hello\n');
    expect(logText(lines.slice(0, 1), 5)).toMatch(/^… 5 earlier lines/);
  });
});
