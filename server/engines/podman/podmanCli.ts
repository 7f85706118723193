/**
 * How this server calls podman: always the vfs storage driver (overlay does
 * not work here, and a store first opened with another driver refuses vfs
 * afterwards), optionally a dedicated graph root / run root so builds and
 * tests do not share podman's default store.
 */
import { AppError } from '../../errors/AppError.ts';
import type { LogFn } from '../../components/types.ts';
import { runProcess } from '../../process/runProcess.ts';
import type { RunResult } from '../../process/runProcess.ts';

export interface PodmanOptions {
  /** The podman binary; default `podman` (the server passes its `PODMAN` setting). */
  bin?: string;
  /** `--root`: image store; default podman's own (/var/lib/containers/storage for root). */
  root?: string;
  /** `--runroot`: run-time state; give one together with `root`. */
  runroot?: string;
}

export const podmanBin = (opts: PodmanOptions): string => opts.bin ?? 'podman';

/** Global flags that go before the podman subcommand. */
export function podmanGlobalArgs(opts: PodmanOptions): string[] {
  return [
    '--storage-driver',
    'vfs',
    ...(opts.root !== undefined ? ['--root', opts.root] : []),
    ...(opts.runroot !== undefined ? ['--runroot', opts.runroot] : []),
  ];
}

export interface PodmanRun {
  log?: LogFn;
  signal?: AbortSignal;
  timeoutMs?: number;
  captureStdout?: boolean;
}

/** Runs `podman <global flags> <args>`; resolves with the result whatever the exit code. */
export function runPodman(
  opts: PodmanOptions,
  args: readonly string[],
  run: PodmanRun = {},
): Promise<RunResult> {
  return runProcess(podmanBin(opts), [...podmanGlobalArgs(opts), ...args], {
    ...(run.log ? { log: run.log } : {}),
    ...(run.signal ? { signal: run.signal } : {}),
    ...(run.timeoutMs !== undefined ? { timeoutMs: run.timeoutMs } : {}),
    ...(run.captureStdout !== undefined ? { captureStdout: run.captureStdout } : {}),
  });
}

/** The last non-empty stderr line, for error messages. */
export function lastLine(text: string): string {
  return (
    text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .pop() ?? ''
  );
}

/**
 * Throws for a run that did not exit 0: the abort reason when the signal
 * fired (so the caller sees "cancelled"/"timed out"), else AppError
 * `podman_failed` with podman's last error line.
 */
export function ensureOk(what: string, r: RunResult, signal?: AbortSignal): void {
  if (r.exitCode === 0) return;
  if (signal?.aborted)
    throw signal.reason instanceof Error
      ? signal.reason
      : new AppError('cancelled', 409, `${what} cancelled`);
  if (r.cancelled) throw new AppError('cancelled', 409, `${what} cancelled`);
  if (r.timedOut) throw new AppError('timeout', 504, `${what} timed out`);
  const detail = lastLine(r.stderr) || `exit code ${r.exitCode ?? r.signal ?? '?'}`;
  throw new AppError('podman_failed', 500, `${what} failed: ${detail}`);
}

/** `podman --version` → `4.3.1`, or null when podman is missing or broken. */
export async function podmanVersion(opts: PodmanOptions = {}): Promise<string | null> {
  try {
    const r = await runProcess(podmanBin(opts), ['--version'], { timeoutMs: 15_000 });
    if (r.exitCode !== 0) return null;
    const m = /version\s+(\S+)/.exec(r.stdout);
    return m?.[1] ?? (r.stdout.trim() || null);
  } catch {
    return null;
  }
}
