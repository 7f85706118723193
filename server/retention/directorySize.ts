import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Bytes of regular files under `dir`, never following symlinks; 0 when absent. */
export async function directorySize(dir: string): Promise<number> {
  const st = await lstat(dir).catch(() => undefined);
  if (st === undefined) return 0;
  if (st.isFile()) return st.size;
  if (!st.isDirectory()) return 0;
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) total += await directorySize(p);
    else if (entry.isFile()) total += (await lstat(p)).size;
  }
  return total;
}
