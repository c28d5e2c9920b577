import { test, expect } from './support/fixtures.ts';
import { expectAccessible } from './support/checks.ts';

test('the console starts in Norwegian, switches to English, and remembers the choice', async ({ consoleApp }) => {
  const { page } = consoleApp;
  await expect(page.getByRole('heading', { level: 1, name: 'Synkstatus' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'nb');
  await expect(page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Konflikter' })).toBeVisible();

  await page.getByLabel('Språk').selectOption('en');
  await expect(page.getByRole('heading', { level: 1, name: 'Sync health' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Conflicts' })).toBeVisible();
  await expectAccessible(page, 'switched to English');

  // The choice survives a restart of the window; it is a preference, not personal data.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Sync health' })).toBeVisible();
  expect(await page.evaluate(() => window.localStorage.getItem('msc.language'))).toBe('en');
});

test('the keyboard reaches every screen from the navigation, and focus lands on the new heading', async ({ consoleApp }) => {
  const { page } = consoleApp;
  await expect(page.getByRole('heading', { level: 1, name: 'Synkstatus' })).toBeFocused();
  // Before the navigation, a skip link leads straight to the screen's content.
  const skip = page.getByRole('link', { name: 'Hopp til innholdet' });
  await skip.focus();
  await expect(skip).toBeInViewport();
  // Following it moves focus into the screen and leaves the address (the router's) as it was.
  const address = page.url();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
  expect(page.url()).toBe(address);
  await expect(page.getByRole('heading', { level: 1, name: 'Synkstatus' })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Hovedmeny' });
  await nav.getByRole('link', { name: 'Logg' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Logg' })).toBeFocused();
  await expect(page).toHaveURL(/#\/audit/);
  await expectAccessible(page, 'audit history reached by keyboard');
});
