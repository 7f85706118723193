import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { TEMPLATES } from '../shared/design/templates.ts';
import { openDesigner, savedDesign } from './helpers.ts';

test('design JSON export and import, and a bad file gets a notice', async ({ page }) => {
  await openDesigner(page);
  const seed = TEMPLATES.find((t) => t.id === 'static-nonroot');
  if (!seed) throw new Error('template missing');

  await page.getByRole('button', { name: 'Import design' }).click();
  await page.getByLabel('Design file to import').setInputFiles({
    name: 'mine.design.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(seed.design)),
  });
  await expect(page.getByTestId('announcer')).toContainText('Imported “mine.design.json”');
  expect(await savedDesign(page)).toEqual(seed.design);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export design' }).click();
  expect(JSON.parse(readFileSync(await (await download).path(), 'utf8'))).toEqual(seed.design);

  await page.getByLabel('Design file to import').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"layers": [}'),
  });
  await expect(page.getByTestId('notice')).toContainText('“broken.json” is not a valid design');
  expect(await savedDesign(page)).toEqual(seed.design);

  // Undo returns to the empty design the page started with: no dialogs, undo is the safety net.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('budget-total')).toHaveAttribute('data-bytes', '0');
});
