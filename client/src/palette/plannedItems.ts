import { formationOf } from '../../../shared/catalog/formationOf.ts';
import type { CatalogItem } from '../../../shared/catalog/types.ts';
import type { PlannedComponent } from '../../../shared/design/types.ts';

/** Planned components as palette cards: estimated, and never buildable until real. */
export function plannedItems(planned: readonly PlannedComponent[] | undefined): CatalogItem[] {
  return (planned ?? []).map((p) => ({
    id: p.id,
    name: p.name,
    summary: 'Planned component: a budget placeholder for something not built yet',
    category: 'binary',
    estimatedBytes: p.estimatedBytes,
    paths: [],
    binaries: [],
    provides: [],
    requires: [],
    source: { kind: 'generated' },
    sizeBytes: p.estimatedBytes,
    sizeIsEstimate: true,
    formation: formationOf(p.estimatedBytes),
    available: false,
    unavailableReason: 'planned, not built yet: replace it with a real component before building',
  }));
}

/** `planned:<slug>` from a display name. */
export function plannedIdFor(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
  return `planned:${slug || 'component'}`;
}
