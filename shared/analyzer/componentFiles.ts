import { resolveComponent } from '../budget/resolveComponent.ts';
import type { CatalogItem } from '../catalog/types.ts';
import type { ComponentRef, Design } from '../design/types.ts';

/** One file (or declared path) a component puts in a layer, with its bytes. */
export interface ComponentFile {
  layerIndex: number;
  ref: ComponentRef;
  path: string;
  bytes: number;
  /** True when `bytes` is a share of an estimate, not a measured file size. */
  estimated: boolean;
}

/**
 * What each component writes, layer by layer. Measured components (with
 * `files`) give their real regular files. Unmeasured ones give their declared
 * `paths` with the component's size split evenly between them (remainder on the
 * first), since the real split is unknown; a declared directory is one entry, so
 * it only matches the same declared path, not files under it. Components with
 * no path (planned placeholders) get a pseudo path `<ref>` so their bytes still
 * count. Unknown components write nothing.
 */
export function componentFiles(design: Design, items: readonly CatalogItem[]): ComponentFile[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  const out: ComponentFile[] = [];
  design.layers.forEach((layer, layerIndex) => {
    for (const ref of layer.components) {
      const r = resolveComponent(ref, byId, design.planned);
      if (r.unknown) continue;
      const files = r.item?.files;
      if (files && !r.item?.sizeIsEstimate) {
        for (const f of files) out.push({ layerIndex, ref, path: f.path, bytes: f.bytes, estimated: false });
        continue;
      }
      const paths = r.item?.paths ?? [];
      if (paths.length === 0) {
        out.push({ layerIndex, ref, path: `<${ref}>`, bytes: r.bytes, estimated: r.estimated });
        continue;
      }
      const share = Math.floor(r.bytes / paths.length);
      const remainder = r.bytes - share * paths.length;
      paths.forEach((path, i) => {
        out.push({ layerIndex, ref, path, bytes: share + (i === 0 ? remainder : 0), estimated: true });
      });
    }
  });
  return out;
}
