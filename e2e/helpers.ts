import AxeBuilder from '@axe-core/playwright';
import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import type { CatalogItem } from '../shared/catalog/types.ts';
import type { Design } from '../shared/design/types.ts';

export const STORAGE_KEY = 'lago-grey:design:v1';

/** Sizes the budget must use, straight from the API. */
export async function catalogSizes(request: APIRequestContext): Promise<Map<string, number>> {
  const response = await request.get('/api/catalog');
  expect(response.ok()).toBe(true);
  const items = (await response.json()) as CatalogItem[];
  return new Map(items.map((item) => [item.id, item.sizeBytes]));
}

export async function budgetBytes(page: Page): Promise<number> {
  return Number(await page.getByTestId('budget-total').getAttribute('data-bytes'));
}

/** Opens the page (fresh context = first visit) and waits for the catalog. */
export async function openDesigner(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByTestId('palette-item-hello')).toBeVisible();
  await expect(page.getByTestId('budget-total')).toBeVisible();
}

/** Stores a design as the autosave and reloads, as a returning visitor. */
export async function openWithDesign(page: Page, design: Design): Promise<void> {
  await page.goto('/');
  await page.evaluate(([key, text]) => localStorage.setItem(key, text), [STORAGE_KEY, JSON.stringify(design)] as const);
  await page.reload();
  await expect(page.getByTestId('budget-total')).toBeVisible();
}

/** The autosaved design, once the debounce has written the current one. */
export async function savedDesign(page: Page): Promise<Design> {
  await page.waitForTimeout(400);
  const text = await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY);
  if (!text) throw new Error('nothing autosaved');
  return JSON.parse(text) as Design;
}

/**
 * A real mouse drag: press, nudge past the activation distance, then move in
 * many steps so dnd-kit sees every pointermove. `at` is relative to the target box.
 */
export async function mouseDrag(page: Page, from: Locator, to: Locator, at?: { x: number; y: number }): Promise<void> {
  // Bring the target into view, then the source within its own scroll list
  // (the palette), so that scrolling one does not push the other off-screen.
  await to.scrollIntoViewIfNeeded();
  const inList = await from.evaluate((el) => {
    const list = el.parentElement?.closest('.overflow-y-auto');
    if (!list) return false;
    const r = el.getBoundingClientRect();
    const l = list.getBoundingClientRect();
    list.scrollTop += r.top - l.top - l.height / 2 + r.height / 2;
    return true;
  });
  if (!inList) await from.scrollIntoViewIfNeeded();
  const a = await from.boundingBox();
  if (!a) throw new Error('drag source not visible');
  const startX = a.x + Math.min(a.width / 2, 30);
  const startY = a.y + a.height / 2;
  await page.mouse.move(startX, startY);
  await page.mouse.down();
  await page.mouse.move(startX + 8, startY + 8, { steps: 4 });
  const b = await to.boundingBox();
  if (!b) throw new Error('drop target not visible');
  await page.mouse.move(b.x + (at?.x ?? b.width / 2), b.y + (at?.y ?? b.height / 2), { steps: 20 });
  await page.mouse.move(b.x + (at?.x ?? b.width / 2) + 1, b.y + (at?.y ?? b.height / 2) + 1, { steps: 2 });
  await page.mouse.up();
}

/** dnd-kit's assertive live region (drag announcements). */
export function dndAnnouncer(page: Page): Locator {
  return page.locator('[id^="DndLiveRegion"]');
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

export function layerNames(page: Page): Promise<string[]> {
  return page.locator('[data-testid^="layer-"] input[aria-label^="Name of layer"]').evaluateAll((inputs) =>
    inputs.map((i) => (i as HTMLInputElement).value).reverse(),
  );
}

/** Serious or critical WCAG 2.1 A/AA violations axe finds on the page as it is now. */
export async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
}
