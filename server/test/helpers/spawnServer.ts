/**
 * Starts the real server the way `npm start` does — `node --import tsx
 * server/main.ts` in its own process — so that a test can see what only a
 * separate process shows: that it survives (an abort in native code cannot be
 * caught), its exit code, and what it prints when it refuses to start.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface SpawnedServer {
  child: ChildProcess;
  /** Set once it printed its "listening on" line. */
  url: string;
  /** Everything printed so far (stdout and stderr together). */
  output(): string;
  /** Resolves with the exit code (or signal name) once the process is gone. */
  exited: Promise<number | string>;
  /** SIGTERM, then wait for the exit. */
  stop(): Promise<number | string>;
}

export interface SpawnOptions {
  env: Record<string, string>;
  args?: string[];
}

/** Spawns the server; resolves when it listens, rejects (with its output) when it exits first. */
export function spawnServer(opts: SpawnOptions): Promise<SpawnedServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...(opts.args ?? [])], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', PORT: '0', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer): void => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1] !== undefined) {
        const url = m[1];
        resolve({
          child,
          url,
          output: () => out,
          exited,
          stop: () => {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
            return exited;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => reject(new StartFailed(code, out)));
  });
}

/** The server exited before it listened. */
export class StartFailed extends Error {
  constructor(
    readonly code: number | string,
    readonly output: string,
  ) {
    super(`server exited (${code}) before listening:\n${output}`);
  }
}

/** Runs the server expecting it to refuse to start; returns its exit code and output. */
export async function expectStartFailure(opts: SpawnOptions): Promise<StartFailed> {
  try {
    const s = await spawnServer(opts);
    await s.stop();
    throw new Error(`the server started (and was stopped); output:\n${s.output()}`);
  } catch (e) {
    if (e instanceof StartFailed) return e;
    throw e;
  }
}
