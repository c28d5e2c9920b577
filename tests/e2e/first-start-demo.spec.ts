import { test, expect } from './support/fixtures.ts';
import { expectAccessible, saveScreenshot } from './support/checks.ts';

test.use({ firstStart: true });

test('a first start asks where the console works; a wrong project address is named, and the demo opens', async ({ consoleApp }) => {
  const { page } = consoleApp;
  await expect(page.getByRole('heading', { level: 1, name: 'Hvor skal konsollen jobbe?' })).toBeFocused();
  await expect(page.getByRole('navigation', { name: 'Hovedmeny' })).toHaveCount(0);
  await expectAccessible(page, 'first start, the choice');
  await saveScreenshot(page, 'first-start-choice-nb');

  // A project address without https and a key that is a secret key: both named, nothing saved.
  await page.getByLabel('Prosjektadresse').fill('abcd1234.supabase.co');
  await page.getByLabel('Anon-nøkkel (offentlig)').fill('sb_secret_0123456789abcdefghij');
  await page.getByRole('button', { name: 'Koble til' }).click();
  await expect(page.getByText('Skriv bare adressen, som begynner med https://, for eksempel https://abcd1234.supabase.co')).toBeVisible();
  await expect(page.getByText('Det er en hemmelig nøkkel.', { exact: false })).toBeVisible();
  await expect(page.getByLabel('Prosjektadresse')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'first start, a wrong project');
  await saveScreenshot(page, 'first-start-wrong-project-nb');
  expect(consoleApp.settingsText()).not.toContain('connection');

  await page.getByRole('button', { name: 'Åpne demoen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Synkstatus' })).toBeVisible();
  await expect(page.getByText('Demo', { exact: true })).toBeVisible();
  await expect(page.getByTestId('integration-card')).toHaveCount(2);
  // Chosen once: the choice is remembered for the next start.
  expect(JSON.parse(consoleApp.settingsText())).toMatchObject({ connection: { kind: 'demo' } });

  // And left again from the top bar, back to the choice, to connect to the organization's project.
  await page.getByRole('button', { name: 'Gå ut av demoen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hvor skal konsollen jobbe?' })).toBeVisible();
  expect(JSON.parse(consoleApp.settingsText())).not.toHaveProperty('connection');
});

test.describe('with an update downloaded', () => {
  test.use({ firstStart: false, updateReady: true, language: 'en' });

  test('the console says an update is ready, and restarts into it only when the admin chooses', async ({ consoleApp }) => {
    const { page } = consoleApp;
    const banner = page.getByTestId('update-banner');
    await expect(banner).toHaveText('Version 0.2.0 is downloaded. It is installed when the console closes, or now: Restart and install');
    await expect(page.getByRole('heading', { level: 1, name: 'Sync health' })).toBeVisible();
    expect(consoleApp.restartRequested()).toBe(false);
    await expectAccessible(page, 'update ready');
    await saveScreenshot(page, 'update-ready-en');
    await banner.getByRole('button', { name: 'Restart and install' }).click();
    await expect.poll(() => consoleApp.restartRequested()).toBe(true);
  });
});

test.describe('in English', () => {
  test.use({ language: 'en' });

  test('the first-start choice reads in English', async ({ consoleApp }) => {
    const { page } = consoleApp;
    await expect(page.getByRole('heading', { level: 1, name: 'Where should the console work?' })).toBeVisible();
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect(page.getByText('Write the project address.')).toBeVisible();
    await expect(page.getByText('Paste the anon key.')).toBeVisible();
    await expectAccessible(page, 'first start, English');
    await saveScreenshot(page, 'first-start-choice-en');
  });
});
