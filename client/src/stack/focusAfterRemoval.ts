/**
 * Keeps keyboard users in place after Delete: focus moves to the neighbouring
 * component, else to the layer's handle, once React has re-rendered.
 */
export function focusNeighbourOfItem(itemElement: Element): void {
  const li = itemElement.closest('li');
  const neighbour = li?.nextElementSibling ?? li?.previousElementSibling;
  const band = li?.closest('[data-testid^="layer-"]');
  const target =
    neighbour?.querySelector<HTMLElement>('[aria-roledescription="sortable"]') ??
    band?.querySelector<HTMLElement>('button[aria-label^="Move layer"]');
  requestAnimationFrame(() => target?.focus());
}

/** After a layer is removed, focus the handle of the layer now at that place (or the one below). */
export function focusLayerHandle(layerIndex: number): void {
  requestAnimationFrame(() => {
    for (const i of [layerIndex, layerIndex - 1]) {
      const handle = document.querySelector<HTMLElement>(`[data-testid="layer-${i}"] button[aria-label^="Move layer"]`);
      if (handle) {
        handle.focus();
        return;
      }
    }
  });
}
