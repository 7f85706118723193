/**
 * Measured sizes of resolved components, persisted in
 * `${cacheDir}/measurements.json` so `GET /api/catalog` reports real bytes
 * after a restart too.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { MeasuredFile } from '../../shared/catalog/types.ts';
import type { ContentCache } from './ContentCache.ts';
import type { ResolvedComponent } from './types.ts';

export interface Measurement {
  version: string;
  sizeBytes: number;
  fileCount: number;
  files: MeasuredFile[];
}

export class MeasurementStore {
  private data: Record<string, Measurement> | undefined;
  private writing: Promise<void> = Promise.resolve();
  private readonly file: string;

  constructor(private readonly cache: ContentCache) {
    this.file = path.join(cache.root, 'measurements.json');
  }

  async all(): Promise<Record<string, Measurement>> {
    if (this.data === undefined) {
      try {
        this.data = JSON.parse(await fs.readFile(this.file, 'utf8')) as Record<string, Measurement>;
      } catch {
        this.data = {};
      }
    }
    return this.data;
  }

  /** Records a component's regular files (dive's measure) and persists them. */
  async record(c: ResolvedComponent): Promise<void> {
    const all = await this.all();
    const files = c.files.filter((f) => f.type === 'file').map((f) => ({ path: f.path, bytes: f.size }));
    const m: Measurement = {
      version: c.version,
      sizeBytes: files.reduce((n, f) => n + f.bytes, 0),
      fileCount: files.length,
      files,
    };
    const prev = all[c.id];
    if (
      prev &&
      prev.version === m.version &&
      prev.sizeBytes === m.sizeBytes &&
      prev.fileCount === m.fileCount
    )
      return;
    all[c.id] = m;
    const text = JSON.stringify(all);
    // Writes are chained so an older snapshot never lands after a newer one.
    this.writing = this.writing.then(() => this.cache.writeAtomic(this.file, text)).catch(() => {});
    await this.writing;
  }
}
