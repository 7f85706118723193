import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openDesigner, savedDesign, screenshot } from './helpers.ts';

test('the exported Containerfile equals the server generator for the same design', async ({ page, request }) => {
  await openDesigner(page);
  await page.getByText('New', { exact: true }).click();
  await page.locator('details').getByRole('button', { name: /Lago Grey minimal \(seed\)/ }).click();
  await expect(page.getByTestId('stack-item-hello')).toBeVisible();

  await page.getByRole('button', { name: 'Export Containerfile' }).click();
  const shown = await page.getByTestId('containerfile-text').textContent();
  await screenshot(page, 'containerfile-preview');

  const design = await savedDesign(page);
  const response = await request.post('/api/containerfile', { data: design });
  expect(response.ok()).toBe(true);
  expect(response.headers()['content-type']).toContain('text/plain');
  const fromServer = await response.text();
  expect(shown).toBe(fromServer);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download' }).click();
  // Saved under its own name, not Containerfile.txt.
  expect((await download).suggestedFilename()).toBe('Containerfile');
  const file = await (await download).path();
  expect(readFileSync(file, 'utf8')).toBe(fromServer);

  await page.keyboard.press('Escape');
  await expect(page.getByTestId('containerfile-text')).toHaveCount(0);
});
