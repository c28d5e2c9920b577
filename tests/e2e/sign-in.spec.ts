import { test, expect } from './support/fixtures.ts';
import { expectAccessible, saveScreenshot } from './support/checks.ts';
import { ADMIN_PASSWORD } from './support/remote-backend.ts';

test.use({ firstStart: true });

const GLOBAL = 'global@demo.local';

test('an administrator connects to the Supabase project, signs in with an e-mailed code, reviews offline, and signs out', async ({ consoleApp }) => {
  const { page } = consoleApp;
  const project = consoleApp.remote?.project;
  if (!project) throw new Error('This spec runs on the remote host');

  // Another project's key first: the project is asked before anything is kept, and says no.
  await page.getByLabel('Prosjektadresse').fill(project.url);
  await page.getByLabel('Anon-nøkkel (offentlig)').fill('anon-key-of-another-project-0000');
  await page.getByRole('button', { name: 'Koble til' }).click();
  await expect(page.getByRole('alert')).toHaveText('Prosjektet godtok ikke anon-nøkkelen. Sjekk den under Project Settings → API.');
  expect(consoleApp.settingsText()).not.toContain('connection');
  await expectAccessible(page, 'first start, the anon key refused');

  await page.getByLabel('Anon-nøkkel (offentlig)').fill(project.anonKey);
  await page.getByRole('button', { name: 'Koble til' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Logg inn' })).toBeFocused();
  await expect(page.getByTestId('sign-in-project')).toHaveText(`Prosjekt: ${project.url}`);
  await expectAccessible(page, 'sign-in');
  await saveScreenshot(page, 'remote-sign-in-nb');

  // A wrong password is named, and nothing else happens.
  await page.getByLabel('E-postadresse').fill(GLOBAL);
  await page.getByLabel('Passord').fill('feil-passord');
  await page.getByRole('button', { name: 'Logg inn', exact: true }).click();
  await expect(page.getByTestId('sign-in-error')).toHaveText('E-postadressen eller passordet er feil.');
  await expectAccessible(page, 'sign-in, wrong password');
  await saveScreenshot(page, 'remote-sign-in-wrong-password-nb');

  // A one-time code by e-mail instead: a wrong code first, then the right one.
  await page.getByRole('button', { name: 'Send meg heller en engangskode på e-post' }).click();
  await page.getByLabel('E-postadresse').fill(GLOBAL);
  await page.getByRole('button', { name: 'Send koden' }).click();
  await expect(page.getByTestId('code-sent')).toContainText(GLOBAL);
  const code = project.lastCodeFor(GLOBAL) ?? '';
  expect(code).toMatch(/^\d{6}$/);
  await page.getByLabel('Koden fra e-posten').fill(code === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: 'Logg inn med koden' }).click();
  await expect(page.getByTestId('sign-in-error')).toHaveText('Koden er feil eller har gått ut. Be om en ny.');
  await page.getByLabel('Koden fra e-posten').fill(code);
  await page.getByRole('button', { name: 'Logg inn med koden' }).click();

  // Every screen through admin-api, as the signed-in admin; the badge names the project and who.
  await expect(page.getByRole('heading', { level: 1, name: 'Synkstatus' })).toBeVisible();
  await expect(page.getByTestId('signed-in-as')).toHaveText(`Logget inn som ${GLOBAL}`);
  await expect(page.getByTestId('project-badge')).toContainText(project.url.replace('http://', ''));
  await expect(page.getByTestId('integration-card')).toHaveCount(2);
  await expect(page.getByLabel('Innlogget som')).toHaveCount(0);
  await expectAccessible(page, 'remote board');
  await saveScreenshot(page, 'remote-board-nb');

  // The project cannot be reached: the board stays, read-only, from the summary, and says so.
  project.setDown(true);
  try {
    await expect(page.getByTestId('offline-banner')).toContainText('Frakoblet. Konsollen får ikke kontakt med prosjektet.', { timeout: 20_000 });
    await expect(page.getByTestId('integration-card')).toHaveCount(2);
    await expectAccessible(page, 'remote board, offline');
    await saveScreenshot(page, 'remote-offline-nb');
  } finally {
    project.setDown(false);
  }
  // It reconnects by itself.
  await expect(page.getByTestId('offline-banner')).toHaveCount(0, { timeout: 20_000 });
  const settings = JSON.parse(consoleApp.settingsText()) as Record<string, unknown>;
  expect(Object.keys(settings).sort()).toEqual(['authSession', 'connection', 'offlineReview']);

  // Sign-out clears the session; the project is still chosen.
  await page.getByTestId('sign-out').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Logg inn' })).toBeVisible();
  expect(Object.keys(JSON.parse(consoleApp.settingsText()) as Record<string, unknown>)).toEqual(['connection']);
});

test.describe('in English', () => {
  test.use({ language: 'en' });

  test('sign-in and the offline review read in English', async ({ consoleApp }) => {
    const { page } = consoleApp;
    const project = consoleApp.remote?.project;
    if (!project) throw new Error('This spec runs on the remote host');
    await page.getByLabel('Project address').fill(project.url);
    await page.getByLabel('Anon key (public)').fill(project.anonKey);
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByText('Write your e-mail address.')).toBeVisible();
    await expect(page.getByText('Write your password.')).toBeVisible();
    await expectAccessible(page, 'sign-in, English');
    await saveScreenshot(page, 'remote-sign-in-en');

    await page.getByLabel('E-mail address').fill(GLOBAL);
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sync health' })).toBeVisible();
    project.setDown(true);
    try {
      await expect(page.getByTestId('offline-banner')).toContainText('Offline. The console cannot reach the project.', { timeout: 20_000 });
      await expectAccessible(page, 'offline, English');
      await saveScreenshot(page, 'remote-offline-en');
    } finally {
      project.setDown(false);
    }
  });
});
