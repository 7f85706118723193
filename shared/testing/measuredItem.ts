import { formationOf } from '../catalog/formationOf.ts';
import { staticCatalogItems } from '../catalog/staticCatalogItems.ts';
import type { CatalogItem, MeasuredFile } from '../catalog/types.ts';

/** Test support: a static catalog item as the server reports it once measured. */
export function measuredItem(
  id: string,
  files: readonly MeasuredFile[],
  extra: Partial<CatalogItem> = {},
): CatalogItem {
  const base = staticCatalogItems().find((i) => i.id === id);
  if (!base) throw new Error(`no catalog item ${id}`);
  const sizeBytes = files.reduce((n, f) => n + f.bytes, 0);
  return {
    ...base,
    sizeBytes,
    sizeIsEstimate: false,
    formation: formationOf(sizeBytes),
    fileCount: files.length,
    files,
    ...extra,
  };
}

/** Test support: the static items with some replaced by measured ones. */
export function itemsWith(...replacements: CatalogItem[]): CatalogItem[] {
  const byId = new Map(replacements.map((r) => [r.id, r]));
  return staticCatalogItems().map((i) => byId.get(i.id) ?? i);
}
