import type { BuildLogLine } from './reduceBuildEvent.ts';

/** A run of consecutive lines from one build step, as the log shows it (collapsible). */
export interface LogGroup {
  step: string;
  /** The first line's seq: a stable key even when a step appears twice. */
  firstSeq: number;
  lines: BuildLogLine[];
  /** Lines of this run before the search filtered them. */
  total: number;
}

/** Groups consecutive lines by step and keeps those containing `query` (case-insensitive; empty keeps all). */
export function groupLogLines(lines: readonly BuildLogLine[], query: string): LogGroup[] {
  const needle = query.trim().toLowerCase();
  const groups: LogGroup[] = [];
  for (const line of lines) {
    let group = groups.at(-1);
    if (!group || group.step !== line.step) {
      group = { step: line.step, firstSeq: line.seq, lines: [], total: 0 };
      groups.push(group);
    }
    group.total++;
    if (!needle || line.line.toLowerCase().includes(needle) || line.step.toLowerCase().includes(needle)) group.lines.push(line);
  }
  return needle ? groups.filter((g) => g.lines.length > 0) : groups;
}

/** The log as a plain text file: one `[step] line` per line. */
export function logText(lines: readonly BuildLogLine[], droppedLines: number): string {
  const head = droppedLines > 0 ? `… ${droppedLines} earlier lines were not kept by the page\n` : '';
  return head + lines.map((l) => `[${l.step}] ${l.line}\n`).join('');
}
