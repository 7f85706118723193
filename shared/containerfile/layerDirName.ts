/**
 * The build-context directory of stack layer `index` (0 = bottom):
 * `layers/NN-slug`, e.g. `layers/00-base`. The slug is the name lowercased,
 * accents dropped, runs of anything but `[a-z0-9]` turned into `-`, at most 40
 * characters, or `layer` when nothing is left. Two layers may share a slug; the
 * index prefix keeps the directories unique. The server's stager MUST use this
 * so that the Containerfile matches the context.
 */
export function layerDirName(index: number, layerName: string): string {
  return `layers/${String(index).padStart(2, '0')}-${slugify(layerName)}`;
}

/** `[a-z0-9-]` slug of a name; `layer` when empty. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug === '' ? 'layer' : slug;
}
