import type Database from 'better-sqlite3';
import type { CatalogItem } from '../../shared/catalog/types.ts';
import { UploadRepository } from './UploadRepository.ts';
import { toUploadEntry } from './uploadEntry.ts';

/**
 * Every stored upload as a catalog item (measured size, one file), for the
 * component service's `extraItems` hook and the design budget.
 */
export function uploadCatalogItems(db: Database.Database): CatalogItem[] {
  return new UploadRepository(db).list().map((row) => {
    const u = toUploadEntry(row);
    return {
      id: u.id,
      name: u.name,
      summary: `Your static binary, installed at ${u.installPath} (sha256 ${u.sha256.slice(0, 12)}…)`,
      category: 'binary',
      estimatedBytes: u.sizeBytes,
      paths: [u.installPath],
      binaries: [u.installPath],
      provides: [],
      requires: [],
      source: { kind: 'upload', sha256: u.sha256, installPath: u.installPath },
      sizeBytes: u.sizeBytes,
      sizeIsEstimate: false,
      formation: u.formation,
      available: true,
      fileCount: 1,
      files: [{ path: u.installPath, bytes: u.sizeBytes }],
    } satisfies CatalogItem;
  });
}
