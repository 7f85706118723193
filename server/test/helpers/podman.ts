/**
 * Runs podman for tests in an isolated storage (its own root and runroot in
 * a temp dir, vfs driver), with the flags this machine needs to run
 * containers (runc, ulimits). Arguments are arrays; nothing goes through a shell.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface Exec {
  code: number;
  stdout: string;
  stderr: string;
}

export function exec(file: string, args: readonly string[], timeoutMs = 180_000): Promise<Exec> {
  return new Promise((resolve, reject) => {
    execFile(file, [...args], { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err && typeof (err as NodeJS.ErrnoException).code === 'string') {
        reject(new Error(`${file} could not run: ${err.message}`));
        return;
      }
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

export const RUN_FLAGS = ['--runtime', 'runc', '--ulimit', 'nofile=1024:1024', '--ulimit', 'nproc=1024:1024'];

export class TestPodman {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'lago-grey-podman-'));
  private readonly base = [
    '--root',
    path.join(this.dir, 'root'),
    '--runroot',
    path.join(this.dir, 'runroot'),
    '--storage-driver',
    'vfs',
  ];

  run(args: readonly string[], timeoutMs?: number): Promise<Exec> {
    return exec('podman', [...this.base, ...args], timeoutMs);
  }

  /** `podman run --rm` with no network; returns exit code and output. */
  runImage(image: string, command: readonly string[] = []): Promise<Exec> {
    return this.run(['run', '--rm', '--network', 'none', ...RUN_FLAGS, image, ...command]);
  }

  /** `obli-pkg verify` inside the image (run as its entrypoint, no network). */
  verifyObliPkg(image: string): Promise<Exec> {
    return this.run([
      'run',
      '--rm',
      '--network',
      'none',
      ...RUN_FLAGS,
      '--entrypoint',
      '/usr/bin/obli-pkg',
      image,
      'verify',
    ]);
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
