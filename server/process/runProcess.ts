/**
 * The one way the server runs a subprocess: an argument array (never a shell
 * string), its own process group (so cancel and timeout kill every child),
 * and every output line reported as it arrives.
 */
import { spawn } from 'node:child_process';
import { AppError } from '../errors/AppError.ts';
import type { LogFn } from '../components/types.ts';

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Called for every line of stdout/stderr, as it arrives. */
  log?: LogFn;
  signal?: AbortSignal;
  /** Milliseconds; the whole process group is killed past it. */
  timeoutMs?: number;
  /** Keep stdout in the result (e.g. for `podman --version`). Default true. */
  captureStdout?: boolean;
  /** Bytes written to stdin, then closed. */
  stdin?: string | Uint8Array;
}

export interface RunResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  cancelled: boolean;
}

const MAX_CAPTURE = 4 * 1024 * 1024;

function lineSplitter(emit: (line: string) => void): { push(chunk: string): void; end(): void } {
  let rest = '';
  return {
    push(chunk) {
      rest += chunk;
      let nl = rest.indexOf('\n');
      while (nl !== -1) {
        emit(rest.slice(0, nl).replace(/\r$/, ''));
        rest = rest.slice(nl + 1);
        nl = rest.indexOf('\n');
      }
    },
    end() {
      if (rest.length > 0) emit(rest);
      rest = '';
    },
  };
}

/** Kills the whole process group; ignores a group that is already gone. */
export function killGroup(pid: number | undefined, sig: NodeJS.Signals = 'SIGKILL'): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, sig);
  } catch {
    /* already exited */
  }
}

/**
 * Runs `file` with `args`. Resolves with the exit status (never rejects for a
 * non-zero exit: callers decide). Rejects with AppError `spawn_failed` when
 * the program cannot be started (e.g. not installed).
 */
export function runProcess(file: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) {
      resolve({ exitCode: null, signal: null, stdout: '', stderr: '', timedOut: false, cancelled: true });
      return;
    }
    const child = spawn(file, [...args], {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      detached: true,
      stdio: [opts.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let cancelled = false;
    const capture = opts.captureStdout !== false;
    const out = lineSplitter((l) => opts.log?.('stdout', l));
    const err = lineSplitter((l) => opts.log?.('stderr', l));
    child.stdout?.setEncoding('utf8').on('data', (c: string) => {
      if (capture && stdout.length < MAX_CAPTURE) stdout += c;
      out.push(c);
    });
    child.stderr?.setEncoding('utf8').on('data', (c: string) => {
      if (stderr.length < MAX_CAPTURE) stderr += c;
      err.push(c);
    });
    if (opts.stdin !== undefined && child.stdin) {
      child.stdin.on('error', () => {});
      child.stdin.end(opts.stdin);
    }
    const onAbort = (): void => {
      cancelled = true;
      killGroup(child.pid);
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const timer =
      opts.timeoutMs !== undefined
        ? setTimeout(() => {
            timedOut = true;
            killGroup(child.pid);
          }, opts.timeoutMs)
        : undefined;
    child.on('error', (e: NodeJS.ErrnoException) => {
      if (timer) clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      reject(
        new AppError(
          'spawn_failed',
          503,
          e.code === 'ENOENT'
            ? `${file} is not installed or not on PATH`
            : `could not start ${file}: ${e.message}`,
        ),
      );
    });
    child.on('close', (exitCode, signal) => {
      if (timer) clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      out.end();
      err.end();
      // Children of the group may outlive the leader (e.g. conmon); reap them.
      if (cancelled || timedOut) killGroup(child.pid);
      resolve({ exitCode, signal, stdout, stderr, timedOut, cancelled });
    });
  });
}
