import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { emptyDesign } from '../shared/design/emptyDesign.ts';
import { budgetBytes, catalogSizes, dndAnnouncer, mouseDrag, openDesigner, openWithDesign, seriousViolations } from './helpers.ts';

/** Screenshots the README shows (docs/), from the real page. */
async function docShot(page: Page, name: string): Promise<void> {
  mkdirSync('docs', { recursive: true });
  await page.screenshot({ path: `docs/${name}.png`, fullPage: false });
}

test('canvas: blocks to scale, drag by mouse and by keyboard, legend and class tooltips, axe', async ({ page, request }) => {
  const sizes = await catalogSizes(request);
  await openDesigner(page);
  const canvas = page.getByTestId('stack-canvas');
  await expect(canvas).toHaveAttribute('data-scale', 'sqrt');
  await expect(page.getByText('Drawn to a square-root scale')).toBeVisible();

  await mouseDrag(page, page.getByTestId('palette-item-hello'), page.getByTestId('layer-0'));
  await expect(canvas.getByTestId('layer-0').getByTestId('stack-item-hello')).toBeVisible();
  await mouseDrag(page, page.getByTestId('palette-item-ca-certificates'), page.getByTestId('layer-0'));
  await expect(canvas.getByTestId('layer-0').getByTestId('stack-item-ca-certificates')).toBeVisible();

  // Keyboard: the drag starts on the top layer's end; Space drops it there.
  await page.getByTestId('palette-item-obli-pkg').focus();
  await page.keyboard.press('Space');
  await expect(dndAnnouncer(page)).toContainText('Picked up obli-pkg. It is over layer 1 “base”, the bottom layer, position 3 of 3');
  await page.keyboard.press('ArrowUp');
  await expect(dndAnnouncer(page)).toContainText('position 2 of 3');
  await page.keyboard.press('Space');
  await expect(dndAnnouncer(page)).toContainText('obli-pkg was dropped into layer 1 “base”, the bottom layer, position 2 of 3');
  const order = await canvas.locator('[data-testid^="stack-item-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
  expect(order).toEqual(['stack-item-hello', 'stack-item-obli-pkg', 'stack-item-ca-certificates']);
  expect(await budgetBytes(page)).toBe((sizes.get('hello') ?? 0) + (sizes.get('ca-certificates') ?? 0) + (sizes.get('obli-pkg') ?? 0));

  // A bigger part is a wider block (square root of bytes), an estimate is hatched.
  const width = async (id: string) => (await canvas.getByTestId(`stack-item-${id}`).boundingBox())?.width ?? 0;
  expect(await width('ca-certificates')).toBeGreaterThan(await width('obli-pkg'));
  await expect(canvas.getByTestId('stack-item-hello')).toHaveAttribute('data-estimated', /true|false/);

  // Legend and class badges explain the classes in the same words.
  const legend = page.getByTestId('stack-legend');
  await expect(legend).toContainText('Floe: under 1 MB.');
  await expect(legend).toContainText('Glacier: 75 MB or more');
  await expect(legend.locator('[data-class="floe"]').first()).toHaveAttribute('title', 'Floe: under 1 MB.');
  await expect(page.getByTestId('waterline')).toHaveAttribute('data-place', 'above');
  await docShot(page, 'canvas');
  expect(await seriousViolations(page)).toEqual([]);

  // The list stays as a mode.
  await page.getByRole('button', { name: 'List', exact: true }).click();
  await expect(page.getByTestId('stack-list').getByTestId('stack-item-hello')).toBeVisible();
  await expect(page.getByTestId('stack-canvas')).toHaveCount(0);
});

test('waterline: a drop that crosses the target moves the waterline into the stack, with a preview during the drag', async ({ page, request }) => {
  const sizes = await catalogSizes(request);
  const hello = sizes.get('hello') ?? 0;
  const ca = sizes.get('ca-certificates') ?? 0;
  const target = hello + Math.floor(ca / 2);
  await openWithDesign(page, { ...emptyDesign(), targetBytes: target, layers: [{ name: 'base', components: ['hello'] }] });
  const waterline = page.getByTestId('waterline');
  await expect(waterline).toHaveAttribute('data-place', 'above');
  await expect(waterline).toHaveAttribute('data-bytes', String(target));

  // Press and move over the layer: the preview says over the target before the drop.
  const card = page.getByTestId('palette-item-ca-certificates');
  await card.scrollIntoViewIfNeeded();
  const from = await card.boundingBox();
  const to = await page.getByTestId('layer-0').boundingBox();
  if (!from || !to) throw new Error('not visible');
  await page.mouse.move(from.x + 30, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width - 20, to.y + to.height / 2, { steps: 20 });
  await expect(page.getByTestId('drop-preview')).toContainText('over the target');
  await expect(page.getByTestId('layer-0').getByTestId('insertion-marker')).toHaveCount(1);
  await page.mouse.move(to.x + to.width - 19, to.y + to.height / 2, { steps: 2 });
  await page.mouse.up();

  await expect(page.getByTestId('layer-0').getByTestId('stack-item-ca-certificates')).toBeVisible();
  await expect(waterline).toHaveAttribute('data-place', 'in-layer');
  await expect(page.getByTestId('layer-0').getByTestId('waterline')).toBeVisible();
  await docShot(page, 'waterline');
});

test('rough edges: loading looks like loading, greyed cards explain themselves, Build says why it is disabled', async ({ page }) => {
  // 1. While the catalog loads: no "0 B est." and no red "Unknown component" findings.
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/catalog', async (route) => {
    await gate;
    await route.continue();
  });
  await page.goto('/');
  const design = JSON.stringify({ ...emptyDesign(), layers: [{ name: 'base', components: ['hello'] }] });
  await page.evaluate((text) => localStorage.setItem('lago-grey:design:v1', text), design);
  await page.reload();
  await expect(page.getByTestId('stack-item-hello').getByTestId('size-loading')).toBeVisible();
  await expect(page.getByTestId('findings-loading')).toBeVisible();
  await expect(page.getByText('Unknown component')).toHaveCount(0);
  await expect(page.getByText('0 B est.')).toHaveCount(0);
  await expect(page.getByTestId('build-blocker')).toContainText('Loading the catalog');
  release();
  await expect(page.getByTestId('stack-item-hello').getByTestId('size-loading')).toHaveCount(0);
  await expect(page.getByTestId('build-blocker')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Build', exact: true })).toBeEnabled();

  // 5. Dragging a greyed "in the image" card explains and selects no text.
  const greyed = page.getByTestId('palette-item-hello');
  const box = await greyed.boundingBox();
  if (!box) throw new Error('card not visible');
  await page.mouse.move(box.x + 10, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 300, box.y + 200, { steps: 12 });
  await page.mouse.up();
  await expect(page.getByText('“hello” is already in the image (layer \'base\')').first()).toBeVisible();
  expect(await page.evaluate(() => window.getSelection()?.toString() ?? '')).toBe('');

  // 4. A design that cannot build says why before the click.
  await openWithDesign(page, {
    ...emptyDesign(),
    planned: [{ id: 'planned:oqs', name: 'liboqs', estimatedBytes: 1_000_000 }],
    layers: [{ name: 'apps', components: ['hello', 'planned:oqs'] }],
  });
  await expect(page.getByRole('button', { name: 'Build', exact: true })).toBeDisabled();
  await expect(page.getByTestId('build-blocker')).toContainText("“liboqs” (layer 'apps', part 2) is only planned");
});

test('rough edges: at 1024×768 the toolbar stays in view with the way to Build; at 390 px nothing overflows sideways', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await openDesigner(page);
  await page.mouse.wheel(0, 2000);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  const toolbar = page.getByRole('toolbar', { name: 'Design' });
  const box = await toolbar.boundingBox();
  expect(box && box.y >= 0 && box.y < 200).toBe(true);
  await page.getByRole('link', { name: 'Go to Build' }).click();
  await expect(page.getByRole('button', { name: 'Build', exact: true })).toBeInViewport();

  await page.setViewportSize({ width: 390, height: 800 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
