/**
 * A few megabytes of the data dir's disk, held in a file, so that when the
 * disk fills up mid-build there is still room to record the build as failed
 * (SQLite needs free pages to write anything). Released when the disk is
 * full; taken again at the next start or once a build finishes normally.
 */
import { closeSync, existsSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const RESERVE_FILE = 'disk-reserve';
export const RESERVE_BYTES = 4 * 1024 * 1024;

export class DiskReserve {
  readonly path: string;

  constructor(
    dataDir: string,
    private readonly bytes = RESERVE_BYTES,
  ) {
    this.path = join(dataDir, RESERVE_FILE);
  }

  /** Takes the reserve if it is not held; a full disk just leaves it untaken. */
  ensure(): boolean {
    try {
      if (existsSync(this.path) && statSync(this.path).size === this.bytes) return true;
      // Real bytes, not a sparse file: only written blocks are really held.
      const fd = openSync(this.path, 'w', 0o600);
      try {
        const chunk = Buffer.alloc(256 * 1024);
        for (let done = 0; done < this.bytes; done += chunk.length)
          writeSync(fd, chunk, 0, Math.min(chunk.length, this.bytes - done));
      } finally {
        closeSync(fd);
      }
      return true;
    } catch {
      rmSync(this.path, { force: true });
      return false;
    }
  }

  release(): void {
    rmSync(this.path, { force: true });
  }
}
