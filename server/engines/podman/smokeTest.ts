/**
 * The smoke test: load the built archive into podman, run its entrypoint with
 * no network and a time limit, and, when the image has `obli-pkg`, run
 * `obli-pkg verify`. The loaded image is removed afterwards. Plus a cached
 * probe of whether podman can run containers here at all.
 */
import { randomBytes } from 'node:crypto';
import type { SmokeResult } from '../../../shared/api/types.ts';
import type { LogFn } from '../../components/types.ts';
import { ensureOk, lastLine, runPodman } from './podmanCli.ts';
import type { PodmanOptions } from './podmanCli.ts';

export interface SmokeTestInput {
  archivePath: string;
  /** What to run; default the name `podman load` reports. */
  imageRef?: string;
  /** The image's entrypoint; an empty one skips the run (nothing to start). */
  entrypoint: readonly string[];
  hasObliPkg: boolean;
  /** Per container run. */
  timeoutMs: number;
  log: LogFn;
  signal: AbortSignal;
  podman?: PodmanOptions;
}

/** `podman run` flags that work on this kind of machine (crun fails; default ulimits are refused). */
export const RUN_FLAGS = [
  '--rm',
  '--network',
  'none',
  '--runtime',
  'runc',
  '--ulimit',
  'nofile=1024:1024',
  '--ulimit',
  'nproc=1024:1024',
  '--pull',
  'never',
];

const MAX_OUTPUT = 64 * 1024;

/** The refs `podman load` printed (`Loaded image: x` / `Loaded image(s): x,y`). */
export function loadedRefs(stdout: string): string[] {
  const refs: string[] = [];
  for (const line of stdout.split('\n')) {
    const m = /^Loaded image(?:\(s\))?:\s*(.+)$/.exec(line.trim());
    if (m?.[1])
      refs.push(
        ...m[1]
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      );
  }
  return refs;
}

interface ContainerRun {
  exitCode: number | null;
  output: string;
}

/** Runs one container by name, so a timed-out one can be removed (conmon outlives our process group). */
async function runContainer(
  opts: PodmanOptions,
  args: readonly string[],
  input: SmokeTestInput,
  log: LogFn,
): Promise<ContainerRun> {
  const name = `lago-smoke-${randomBytes(6).toString('hex')}`;
  let output = '';
  const collect: LogFn = (stream, line) => {
    log(stream, line);
    if (output.length < MAX_OUTPUT) output += `${line}\n`;
  };
  const timeoutSeconds = Math.max(1, Math.ceil(input.timeoutMs / 1000));
  try {
    const r = await runPodman(
      opts,
      ['run', '--name', name, '--timeout', String(timeoutSeconds), ...RUN_FLAGS, ...args],
      {
        log: collect,
        signal: input.signal,
        timeoutMs: input.timeoutMs + 10_000,
        captureStdout: false,
      },
    );
    if (r.timedOut) output += `[killed after ${timeoutSeconds} s]\n`;
    if (r.cancelled || input.signal.aborted) ensureOk('smoke test', r, input.signal);
    return { exitCode: r.timedOut ? null : r.exitCode, output: output.slice(0, MAX_OUTPUT) };
  } finally {
    await runPodman(opts, ['rm', '--force', '--ignore', name], { timeoutMs: 60_000 }).catch(() => null);
  }
}

export async function runSmokeTest(input: SmokeTestInput): Promise<SmokeResult> {
  const opts = input.podman ?? {};
  const { log, signal } = input;
  const load = await runPodman(opts, ['load', '-i', input.archivePath], { log, signal });
  ensureOk('podman load', load, signal);
  const loaded = loadedRefs(load.stdout);
  const image = input.imageRef ?? loaded[0];
  try {
    if (image === undefined) {
      return {
        command: [],
        exitCode: null,
        output: load.stdout,
        skippedReason: 'podman load did not report an image name',
      };
    }
    const command = ['podman', 'run', ...RUN_FLAGS, image];
    if (input.entrypoint.length === 0) {
      return { command, exitCode: null, output: '', skippedReason: 'the image has no entrypoint to run' };
    }
    const run = await runContainer(opts, [image], input, log);
    const result: SmokeResult = { command, exitCode: run.exitCode, output: run.output };
    if (input.hasObliPkg) {
      const verify = await runContainer(
        opts,
        ['--entrypoint', '/usr/bin/obli-pkg', image, 'verify'],
        input,
        log,
      );
      result.verify = { exitCode: verify.exitCode, output: verify.output };
    }
    return result;
  } finally {
    for (const ref of new Set([...loaded, ...(input.imageRef ? [input.imageRef] : [])])) {
      const rmi = await runPodman(opts, ['rmi', '--ignore', ref], { timeoutMs: 120_000 }).catch(() => null);
      if (rmi && rmi.exitCode !== 0) log('stderr', `podman rmi ${ref}: ${lastLine(rmi.stderr)}`);
    }
  }
}
