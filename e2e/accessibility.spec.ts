import { expect, test } from '@playwright/test';
import { TEMPLATES } from '../shared/design/templates.ts';
import { openDesigner, openWithDesign, screenshot, seriousViolations } from './helpers.ts';

test('no serious or critical axe violations: empty design', async ({ page }) => {
  await openDesigner(page);
  await screenshot(page, 'empty-design');
  expect(await seriousViolations(page)).toEqual([]);
});

test('no serious or critical axe violations: seed design and the Containerfile preview', async ({ page }) => {
  const seed = TEMPLATES.find((t) => t.id === 'seed-minimal');
  if (!seed) throw new Error('seed template missing');
  await openWithDesign(page, seed.design);
  await expect(page.getByTestId('stack-item-hello')).toBeVisible();
  await screenshot(page, 'seed-design');
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Export Containerfile' }).click();
  await expect(page.getByTestId('containerfile-text')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
