/**
 * The content cache under `${dataDir}/cache/`:
 *
 *   blobs/sha256/<hex>               file contents, content-addressed, mode 0555 (runnable on the host, never written)
 *   components/<kind>/<key>.json     a ResolvedComponent (hostPaths omitted)
 *   tmp/                             scratch dirs (same device, so rename is atomic)
 *
 * Every write goes to a temp file first and is renamed into place, so builds
 * in other processes never see a half-written entry; a lost race just means
 * both wrote identical bytes.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { ComponentFile, ResolvedComponent } from './types.ts';

export interface StoredBlob {
  sha256: string;
  size: number;
  hostPath: string;
}

const HEX64 = /^[0-9a-f]{64}$/;

export class ContentCache {
  readonly root: string;
  private readonly inflight = new Map<string, Promise<ResolvedComponent>>();

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  blobPath(sha256: string): string {
    if (!HEX64.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return path.join(this.root, 'blobs', 'sha256', sha256);
  }

  /** A fresh scratch directory inside the cache; the caller removes it. */
  async tempDir(prefix: string): Promise<string> {
    const dir = path.join(this.root, 'tmp');
    await fs.mkdir(dir, { recursive: true });
    return fs.mkdtemp(path.join(dir, `${prefix}-`));
  }

  /** Removes scratch dirs older than `maxAgeMs` (left by a killed process). */
  async sweepTemp(maxAgeMs: number): Promise<void> {
    const dir = path.join(this.root, 'tmp');
    const names = await fs.readdir(dir).catch(() => [] as string[]);
    for (const n of names) {
      const p = path.join(dir, n);
      const st = await fs.lstat(p).catch(() => undefined);
      if (st && Date.now() - st.mtimeMs > maxAgeMs) await fs.rm(p, { recursive: true, force: true });
    }
  }

  /** Writes `data` to `dest` atomically (temp file + rename). */
  async writeAtomic(dest: string, data: string | Uint8Array, mode = 0o644): Promise<void> {
    await fs.mkdir(path.dirname(dest), { recursive: true });
    const tmp = `${dest}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await fs.writeFile(tmp, data, { mode });
      await fs.chmod(tmp, mode);
      await fs.rename(tmp, dest);
    } catch (e) {
      await fs.rm(tmp, { force: true });
      throw e;
    }
  }

  /** Copies a file into the blob store, hashing it on the way (streamed). */
  async putFile(src: string): Promise<StoredBlob> {
    const dir = path.join(this.root, 'blobs', 'sha256');
    await fs.mkdir(dir, { recursive: true });
    const tmp = path.join(dir, `.in-${process.pid}-${randomBytes(6).toString('hex')}`);
    const hash = createHash('sha256');
    let size = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        hash.update(chunk);
        size += chunk.length;
        cb(null, chunk);
      },
    });
    try {
      await pipeline(createReadStream(src), tap, createWriteStream(tmp, { mode: 0o555 }));
      const sha256 = hash.digest('hex');
      const dest = this.blobPath(sha256);
      await this.commitBlob(tmp, dest);
      return { sha256, size, hostPath: dest };
    } finally {
      await fs.rm(tmp, { force: true });
    }
  }

  /** Stores bytes (or a UTF-8 string) as a blob. */
  async putBytes(data: string | Uint8Array): Promise<StoredBlob> {
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    const sha256 = createHash('sha256').update(buf).digest('hex');
    const dest = this.blobPath(sha256);
    if (!(await exists(dest))) await this.writeAtomic(dest, buf, 0o555);
    return { sha256, size: buf.length, hostPath: dest };
  }

  private async commitBlob(tmp: string, dest: string): Promise<void> {
    if (await exists(dest)) return;
    await fs.chmod(tmp, 0o555);
    await fs.rename(tmp, dest);
  }

  /**
   * Returns the cached component for (`kind`, `keyParts`), or produces,
   * stores and returns it. Concurrent calls for the same key in this process
   * share one production; entries whose blobs vanished are produced again.
   */
  async memo(
    kind: string,
    keyParts: unknown,
    produce: () => Promise<ResolvedComponent>,
    onHit?: (key: string) => void,
  ): Promise<ResolvedComponent> {
    const key = createHash('sha256').update(JSON.stringify(keyParts)).digest('hex');
    const entryPath = path.join(this.root, 'components', kind, `${key}.json`);
    const id = `${kind}/${key}`;
    const running = this.inflight.get(id);
    if (running) return running;
    const job = (async () => {
      const cached = await this.loadEntry(entryPath);
      if (cached) {
        onHit?.(key);
        return cached;
      }
      const produced = await produce();
      await this.writeAtomic(entryPath, JSON.stringify(stripHostPaths(produced)));
      return produced;
    })();
    this.inflight.set(id, job);
    try {
      return await job;
    } finally {
      this.inflight.delete(id);
    }
  }

  private async loadEntry(entryPath: string): Promise<ResolvedComponent | undefined> {
    let text: string;
    try {
      text = await fs.readFile(entryPath, 'utf8');
    } catch {
      return undefined;
    }
    let stored: ResolvedComponent;
    try {
      stored = JSON.parse(text) as ResolvedComponent;
    } catch {
      return undefined;
    }
    const files: ComponentFile[] = [];
    for (const f of stored.files) {
      if (f.type !== 'file') {
        files.push(f);
        continue;
      }
      if (f.sha256 === undefined) return undefined;
      const hostPath = this.blobPath(f.sha256);
      const st = await fs.stat(hostPath).catch(() => undefined);
      if (!st || st.size !== f.size) return undefined;
      files.push({ ...f, hostPath });
    }
    return { ...stored, files };
  }
}

function stripHostPaths(c: ResolvedComponent): ResolvedComponent {
  return {
    ...c,
    files: c.files.map((f) => {
      const { hostPath: _h, ...rest } = f;
      return rest;
    }),
  };
}

export async function exists(p: string): Promise<boolean> {
  try {
    await fs.lstat(p);
    return true;
  } catch {
    return false;
  }
}
