/**
 * Formats a validation path the way the design errors name fields:
 * `['layers', 2, 'components', 0]` → `layers[2].components[0]`.
 */
export function issuePath(segments: readonly PropertyKey[], prefix = ''): string {
  let out = prefix;
  for (const seg of segments) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out;
}

/** Joins a prefix and an already formatted path (`design` + `layers[0]` → `design.layers[0]`). */
export function joinPath(prefix: string, path: string): string {
  if (prefix === '') return path;
  if (path === '') return prefix;
  return path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`;
}
