import type { Category, Formation } from '../../../shared/catalog/types.ts';

/** The colour class a component is drawn with: base, or its formation. */
export type ComponentClass = 'base' | Formation;

export function classOf(item: { category: Category; formation: Formation }): ComponentClass {
  return item.category === 'base' ? 'base' : item.formation;
}

export const CLASS_LABEL: Record<ComponentClass, string> = {
  base: 'Base',
  floe: 'Floe',
  iceberg: 'Iceberg',
  glacier: 'Glacier',
};

/** A shape per class so that colour is never the only signal. */
export const CLASS_SYMBOL: Record<ComponentClass, string> = {
  base: '▣',
  floe: '◇',
  iceberg: '▲',
  glacier: '◆',
};

/** Tailwind classes (theme colours in styles.css), each pair ≥ 4.5:1. */
export const CLASS_STYLE: Record<ComponentClass, { chip: string; edge: string; bar: string }> = {
  base: { chip: 'bg-base-bg text-base-fg', edge: 'border-base-edge', bar: 'bg-base-edge' },
  floe: { chip: 'bg-floe-bg text-floe-fg', edge: 'border-floe-edge', bar: 'bg-floe-edge' },
  iceberg: { chip: 'bg-iceberg-bg text-iceberg-fg', edge: 'border-iceberg-edge', bar: 'bg-iceberg-edge' },
  glacier: { chip: 'bg-glacier-bg text-glacier-fg', edge: 'border-glacier-edge', bar: 'bg-glacier-edge' },
};

/** The words behind each class, for the legend and every badge's tooltip. */
export const CLASS_MEANING: Record<ComponentClass, string> = {
  base: 'Base: the root filesystem every image starts from.',
  floe: 'Floe: under 1 MB.',
  iceberg: 'Iceberg: from 1 MB up to 75 MB.',
  glacier: 'Glacier: 75 MB or more; use only when you must.',
};
