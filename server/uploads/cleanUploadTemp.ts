import { lstatSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Removes half-written uploads a killed server left in `uploads/tmp/`. Run at
 * start, when no upload can be in flight. Skips (never follows) a symlinked dir.
 */
export function cleanUploadTemp(dataDir: string): number {
  const dir = join(dataDir, 'uploads', 'tmp');
  const st = (() => {
    try {
      return lstatSync(dir);
    } catch {
      return undefined;
    }
  })();
  if (st === undefined || !st.isDirectory()) return 0;
  let removed = 0;
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.part')) continue;
    rmSync(join(dir, name), { force: true });
    removed += 1;
  }
  return removed;
}
