import { expect, test, type Page } from '@playwright/test';
import { emptyDesign } from '../shared/design/emptyDesign.ts';
import { openDesigner, openWithDesign, screenshot, seriousViolations } from './helpers.ts';

const helloDesign = (name: string) => ({ ...emptyDesign(), name, layers: [{ name: 'base', components: ['hello'] }] });

/** A field of the image settings (the palette has a Name field too). */
function setting(page: Page, label: string) {
  return page.getByRole('complementary', { name: 'Budget and settings' }).getByRole('textbox', { name: label, exact: true });
}

async function sharedId(page: Page): Promise<string> {
  const href = await page.getByTestId('share-link').getAttribute('href');
  const id = new URL(href ?? '', 'http://x').searchParams.get('design');
  if (!id) throw new Error(`no design id in share link ${href}`);
  return id;
}

test('save, change, save again; the share link opens it in a fresh browser; Open lists and searches', async ({ page, browser }) => {
  const name = `saved-e2e-${Date.now().toString(36)}`;
  await openWithDesign(page, helloDesign(name));
  const status = page.getByTestId('save-status');
  await expect(status).toHaveAttribute('data-state', 'unsaved');

  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(status).toHaveAttribute('data-state', 'saved');
  await expect(status).toContainText('revision 1');
  const id = await sharedId(page);

  await setting(page, 'Tag').fill('v2');
  await expect(status).toHaveAttribute('data-state', 'changed');
  await expect(status).toContainText('Unsaved changes');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(status).toContainText('revision 2');

  // A reload still knows the design is saved (the reference is kept beside the autosave).
  await page.waitForTimeout(400);
  await page.reload();
  await expect(status).toHaveAttribute('data-state', 'saved');

  // The share link in a fresh context (no autosave) loads the server copy.
  const other = await browser.newContext();
  const fresh = await other.newPage();
  await fresh.goto(`/?design=${id}`);
  await expect(setting(fresh, 'Tag')).toHaveValue('v2');
  await expect(setting(fresh, 'Name')).toHaveValue(name);
  await expect(fresh.getByTestId('layer-0').getByTestId('stack-item-hello')).toBeVisible();
  await expect(fresh.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  // The address drops the id so that a reload keeps later local edits.
  await expect(fresh).toHaveURL(/\/$/);

  // Open… in that browser: start over, then find the design by searching its name.
  await setting(fresh, 'Name').fill('something-else');
  await fresh.getByRole('button', { name: 'Open…' }).click();
  const dialog = fresh.getByTestId('open-design-dialog');
  await dialog.getByLabel('Search by name').fill(name);
  await expect(dialog.getByTestId('saved-design')).toHaveCount(1);
  await screenshot(fresh, 'open-design-dialog');
  expect(await seriousViolations(fresh)).toEqual([]);
  await dialog.getByLabel('Search by name').fill(`${name}-nothing-like-it`);
  await expect(dialog.getByText('No saved design matches.')).toBeVisible();
  await dialog.getByLabel('Search by name').fill(name);
  await dialog.getByRole('button', { name: `Open ${name}` }).click();
  await expect(dialog).toBeHidden();
  await expect(setting(fresh, 'Name')).toHaveValue(name);
  await expect(fresh.getByTestId('save-status')).toContainText('revision 2');
  await other.close();
});

test('a save against an older revision shows both copies; keep mine overwrites, or load the server’s', async ({ page, browser }) => {
  const name = `conflict-e2e-${Date.now().toString(36)}`;
  await openWithDesign(page, helloDesign(name));
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('save-status')).toContainText('revision 1');
  const id = await sharedId(page);

  const other = await browser.newContext();
  const them = await other.newPage();
  await them.goto(`/?design=${id}`);
  await expect(setting(them, 'Name')).toHaveValue(name);
  await setting(them, 'Tag').fill('theirs');
  await them.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(them.getByTestId('save-status')).toContainText('revision 2');

  await setting(page, 'Tag').fill('mine');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const conflict = page.getByTestId('conflict-dialog');
  await expect(conflict).toContainText('revision 2');
  await expect(conflict).toContainText(`${name}:theirs`);
  await expect(conflict).toContainText(`${name}:mine`);
  await screenshot(page, 'save-conflict');
  expect(await seriousViolations(page)).toEqual([]);
  await conflict.getByRole('button', { name: 'Load the server’s' }).click();
  await expect(conflict).toBeHidden();
  await expect(setting(page, 'Tag')).toHaveValue('theirs');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');

  // The other browser is now behind: keep mine overwrites revision 3.
  await setting(page, 'Tag').fill('mine-again');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('save-status')).toContainText('revision 3');
  await setting(them, 'Tag').fill('theirs-again');
  await them.getByRole('button', { name: 'Save', exact: true }).click();
  const theirConflict = them.getByTestId('conflict-dialog');
  await theirConflict.getByRole('button', { name: /Keep mine/ }).click();
  await expect(theirConflict).toBeHidden();
  await expect(them.getByTestId('save-status')).toContainText('revision 4');
  await other.close();
});

test('delete from the Open list, then undo it', async ({ page }) => {
  const name = `delete-e2e-${Date.now().toString(36)}`;
  await openWithDesign(page, helloDesign(name));
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  await page.getByRole('button', { name: 'Open…' }).click();
  const dialog = page.getByTestId('open-design-dialog');
  await dialog.getByLabel('Search by name').fill(name);
  await dialog.getByRole('button', { name: `Delete ${name}` }).click();
  await expect(dialog.getByText('No saved design matches.')).toBeVisible();
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'unsaved');
  await dialog.getByRole('button', { name: 'Undo delete' }).click();
  await expect(dialog.getByTestId('saved-design')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await openDesigner(page);
});

test('autosave to server: local changes show as unsaved until the server copy catches up', async ({ page, request }) => {
  const name = `autosave-e2e-${Date.now().toString(36)}`;
  await openWithDesign(page, helloDesign(name));
  await expect(page.getByLabel('Autosave to server')).toBeDisabled();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const status = page.getByTestId('save-status');
  await expect(status).toContainText('revision 1');
  const id = await sharedId(page);

  await page.getByLabel('Autosave to server').check();
  await setting(page, 'Tag').fill('auto');
  await expect(status).toHaveAttribute('data-state', 'saved');
  await expect(status).toContainText('revision 2');
  const stored = (await (await request.get(`/api/designs/${id}`)).json()) as { revision: number; design: { tag: string } };
  expect(stored.revision).toBe(2);
  expect(stored.design.tag).toBe('auto');

  // Off again: edits stay local and the status says the two differ.
  await page.getByLabel('Autosave to server').uncheck();
  await setting(page, 'Tag').fill('local-only');
  await expect(status).toHaveAttribute('data-state', 'changed');
  await page.waitForTimeout(2000);
  await expect(status).toHaveAttribute('data-state', 'changed');
});
