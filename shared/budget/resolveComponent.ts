import type { CatalogItem } from '../catalog/types.ts';
import type { ComponentRef, PlannedComponent } from '../design/types.ts';

/** How much one referenced component weighs in the budget, and how sure that is. */
export interface ComponentWeight {
  name: string;
  bytes: number;
  /** The bytes are an estimate (catalog estimate, planned placeholder, or unknown). */
  estimated: boolean;
  /** A `planned:` placeholder: counted by its estimate, cannot be built. */
  planned: boolean;
  /** Not in the given catalog items nor declared as planned: counted as 0 bytes. */
  unknown: boolean;
  fileCount?: number;
}

/** What the budget, analyzer and generator know about one referenced component. */
export interface ResolvedComponent extends ComponentWeight {
  ref: ComponentRef;
  /** The catalog item, when the ref is one. */
  item?: CatalogItem;
  /** The planned declaration, when the ref is one. */
  plannedComponent?: PlannedComponent;
}

/** Looks a ref up among catalog items, then planned placeholders; unknown refs weigh 0 bytes. */
export function resolveComponent(
  ref: ComponentRef,
  items: ReadonlyMap<string, CatalogItem>,
  planned: readonly PlannedComponent[] | undefined,
): ResolvedComponent {
  const item = items.get(ref);
  if (item) {
    return {
      ref,
      name: item.name,
      bytes: item.sizeBytes,
      estimated: item.sizeIsEstimate,
      planned: false,
      unknown: false,
      ...(item.fileCount !== undefined && { fileCount: item.fileCount }),
      item,
    };
  }
  const p = planned?.find((c) => c.id === ref);
  if (p) {
    return {
      ref,
      name: p.name,
      bytes: p.estimatedBytes,
      estimated: true,
      planned: true,
      unknown: false,
      plannedComponent: p,
    };
  }
  return { ref, name: ref, bytes: 0, estimated: true, planned: false, unknown: true };
}
