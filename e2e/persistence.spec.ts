import { expect, test } from '@playwright/test';
import { STORAGE_KEY, mouseDrag, openDesigner } from './helpers.ts';

test('a reload keeps the design', async ({ page }) => {
  await openDesigner(page);
  await mouseDrag(page, page.getByTestId('palette-item-hello'), page.getByTestId('layer-0'));
  await expect(page.getByTestId('stack-item-hello')).toBeVisible();
  const bytes = await page.getByTestId('budget-total').getAttribute('data-bytes');
  await page.waitForTimeout(400);
  await page.reload();
  await expect(page.getByTestId('layer-0').getByTestId('stack-item-hello')).toBeVisible();
  await expect(page.getByTestId('budget-total')).toHaveAttribute('data-bytes', bytes ?? '');
});

test('a corrupt autosave is set aside with a notice, not a crash', async ({ page }) => {
  await openDesigner(page);
  await page.evaluate((key) => localStorage.setItem(key, '{"schemaVersion":1,"layers":[oops'), STORAGE_KEY);
  await page.reload();
  await expect(page.getByTestId('notice')).toContainText('could not be loaded');
  await expect(page.getByTestId('layer-0')).toBeVisible();
  await expect(page.getByTestId('budget-total')).toHaveAttribute('data-bytes', '0');
  const kept = await page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith('lago-grey:design:corrupt:'))
      .map((k) => localStorage.getItem(k)),
  );
  expect(kept).toContain('{"schemaVersion":1,"layers":[oops');

  // A schema-invalid design (unknown component) too.
  await page.evaluate(
    (key) =>
      localStorage.setItem(
        key,
        JSON.stringify({ schemaVersion: 1, name: 'x', tag: 'latest', targetBytes: 1, layers: [{ name: 'a', components: ['libfoo'] }], config: {} }),
      ),
    STORAGE_KEY,
  );
  await page.reload();
  await expect(page.getByTestId('notice')).toContainText('could not be loaded');
  await expect(page.getByTestId('palette-item-hello')).toBeVisible();
});
