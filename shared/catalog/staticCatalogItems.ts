import { CATALOG } from './catalog.ts';
import { formationOf } from './formationOf.ts';
import type { CatalogEntry, CatalogItem } from './types.ts';

const BY_ID: ReadonlyMap<string, CatalogEntry> = new Map(CATALOG.map((e) => [e.id, e]));

/** The static catalog entry with this id, if any (uploads and planned refs are not in it). */
export function findCatalogEntry(id: string): CatalogEntry | undefined {
  return BY_ID.get(id);
}

/** Whether `id` is a static catalog id. */
export function isCatalogId(id: string): boolean {
  return BY_ID.has(id);
}

/**
 * The static catalog as {@link CatalogItem}s sized by their estimates
 * (`sizeIsEstimate: true`, `available: true`). What the client uses before the
 * server's `GET /api/catalog` answers, and what unit tests and goldens use.
 */
export function staticCatalogItems(): CatalogItem[] {
  return CATALOG.map((entry) => ({
    ...entry,
    sizeBytes: entry.estimatedBytes,
    sizeIsEstimate: true,
    formation: formationOf(entry.estimatedBytes),
    available: true,
  }));
}
