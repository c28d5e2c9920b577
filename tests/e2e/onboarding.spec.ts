import { defaultCornerstoneSimCredentials } from '../../sim/cornerstone/credentials.ts';
import { defaultConsioSimCredentials } from '../../sim/consio/context.ts';
import { everyTableAsText, secretsIn } from '../support/secret-scan.ts';
import { test, expect, E2E_ONBOARDING_MEMBERS, type ConsoleApp } from './support/fixtures.ts';
import { expectAccessible, saveScreenshot } from './support/checks.ts';
import type { Page } from '@playwright/test';

/** Story 9 through the wizard, against the demo's fresh simulated registries. */

type Bridge = { consoleBridge: { call(operation: string, input: unknown): Promise<unknown> } };

const step = (page: Page) => page.getByTestId('onboarding-step');
const next = (page: Page, name: string) => step(page).getByRole('button', { name, exact: true }).click();
const stepHeading = (page: Page, name: string) => expect(step(page).getByRole('heading', { name })).toBeVisible();

const FIELD_WORDS = {
  nb: {
    fill: 'Fyll inn demoregisteret',
    baseUrl: /^Adressen til API-et for /,
    username: 'Brukernavn',
    password: 'Passord',
    clientId: 'Klient-ID',
    clientSecret: 'Klienthemmelighet',
    userKind: 'Brukernavn, passord og klient-ID',
  },
  en: {
    fill: 'Fill in the demo registry',
    baseUrl: /^Address of the .+ API$/,
    username: 'Username',
    password: 'Password',
    clientId: 'Client id',
    clientSecret: 'Client secret',
    userKind: 'Username, password and client id',
  },
} as const;

/**
 * The practice registry's address and sign-in, into the wizard's form: the embedded demo fills
 * them in itself; on the remote host there is no practice registry list, so the admin types them.
 */
async function fillPracticeRegistry(app: ConsoleApp, system: 'cornerstone' | 'consio', language: 'nb' | 'en'): Promise<void> {
  const words = FIELD_WORDS[language];
  const { page } = app;
  if (app.host === 'embedded') {
    await page.getByRole('button', { name: words.fill }).click();
    return;
  }
  const { baseUrl, credentials } = app.onboardingRegistries.connection(system);
  await page.getByLabel(words.baseUrl).fill(baseUrl);
  if (credentials.kind === 'user_password_client') {
    await page.getByRole('radio', { name: words.userKind }).check();
    await page.getByLabel(words.username, { exact: true }).fill(credentials.username);
    await page.getByLabel(words.password, { exact: true }).fill(credentials.password);
    await page.getByLabel(words.clientId, { exact: true }).fill(credentials.clientId);
  } else if (credentials.kind === 'client_credentials') {
    await page.getByLabel(words.clientId, { exact: true }).fill(credentials.clientId);
    await page.getByLabel(words.clientSecret, { exact: true }).fill(credentials.clientSecret);
  }
}

/** Nothing the admin typed as a secret is kept anywhere: the tables, the logs or the browser's storage. */
async function expectNoSecretKept(app: ConsoleApp, secrets: string[]): Promise<void> {
  const tables = await everyTableAsText((sql, params) => app.query(sql, params));
  expect(secretsIn(tables, secrets)).toEqual([]);
  expect(secretsIn(app.logLines().join('\n'), secrets)).toEqual([]);
  const stored = await app.page.evaluate(async () => ({
    local: JSON.stringify(Object.entries(window.localStorage)),
    session: window.sessionStorage.length,
    databases: (await indexedDB.databases()).length,
    cookies: document.cookie,
  }));
  expect(secretsIn(stored.local, secrets)).toEqual([]);
  expect(stored).toMatchObject({ session: 0, databases: 0, cookies: '' });
}

test('a global admin onboards an organization with Cornerstone: preview, initial sync, then a green card', async ({ consoleApp }) => {
  const { page, query, onboardingRegistries } = consoleApp;
  const orgsBefore = (await query<{ n: number }>('select count(*)::int as n from sync.organizations'))[0]?.n;

  await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Ny organisasjon' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Legg til en organisasjon' })).toBeVisible();
  await expect(page.getByTestId('step-progress')).toHaveText('Steg 1 av 7');
  await page.getByLabel('Navnet på organisasjonen').fill('Fjellklubben Nord');
  await expect(page.getByLabel('Kortnavn til nettadresser')).toHaveValue('fjellklubben-nord');
  await expectAccessible(page, 'onboarding, the organization');
  await saveScreenshot(page, 'onboarding-1-organization-nb');
  await next(page, 'Neste');

  await stepHeading(page, 'Medlemssystem');
  await page.getByRole('combobox', { name: 'Medlemssystem' }).selectOption({ label: 'Cornerstone' });
  await expectAccessible(page, 'onboarding, the member system');
  await saveScreenshot(page, 'onboarding-2-system-nb');
  await next(page, 'Neste');

  // Credentials: a wrong password first. The test names the problem and who must act, and saves nothing.
  await stepHeading(page, 'Påloggingsopplysninger');
  await fillPracticeRegistry(consoleApp, 'cornerstone', 'nb');
  await page.getByLabel('Passord', { exact: true }).fill('feil-passord-123');
  await page.getByRole('button', { name: 'Test koblingen' }).click();
  const outcome = page.getByTestId('connection-test-result');
  await expect(outcome).toHaveAttribute('data-outcome', 'failed');
  await expect(outcome).toHaveAttribute('data-problem', 'wrong_password');
  await expect(outcome).toContainText('Cornerstone godtok ikke brukernavnet eller passordet.');
  await expectAccessible(page, 'onboarding, refused credentials');
  await saveScreenshot(page, 'onboarding-3-credentials-refused-nb');
  expect((await query<{ n: number }>('select count(*)::int as n from sync.organizations'))[0]?.n).toBe(orgsBefore);

  await fillPracticeRegistry(consoleApp, 'cornerstone', 'nb');
  await page.getByRole('button', { name: 'Test koblingen' }).click();
  await expect(outcome).toHaveAttribute('data-outcome', 'connected');
  await expectAccessible(page, 'onboarding, connected');
  await saveScreenshot(page, 'onboarding-3-credentials-nb');
  await next(page, 'Neste');

  // The preview: the member count the registry reports, before anything is saved.
  await stepHeading(page, 'Forhåndsvisning');
  await expect(page.getByTestId('registry-preview')).toContainText(`Cornerstone oppgir ${E2E_ONBOARDING_MEMBERS} medlemmer for «Fjellklubben Nord».`);
  await expectAccessible(page, 'onboarding, member count preview');
  await saveScreenshot(page, 'onboarding-4-preview-nb');
  await next(page, 'Neste');

  await stepHeading(page, 'Tidsplan');
  await expect(page.getByRole('radio', { name: 'Hver natt kl. 02:00' })).toBeChecked();
  await expect(page.getByTestId('next-runs').getByRole('listitem')).toHaveCount(3);
  await expectAccessible(page, 'onboarding, schedule');
  await saveScreenshot(page, 'onboarding-5-schedule-nb');
  await next(page, 'Neste');

  await stepHeading(page, 'Administratorer');
  await page.getByLabel('E-postadresse').fill('nina@demo.local');
  await page.getByRole('button', { name: 'Legg til', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Administratorer som legges til' })).toContainText('Nina Berg');
  await expectAccessible(page, 'onboarding, administrators');
  await saveScreenshot(page, 'onboarding-6-administrators-nb');
  await next(page, 'Neste');

  await stepHeading(page, 'Bekreft');
  const summary = page.getByTestId('onboarding-summary');
  await expect(summary).toContainText('Fjellklubben Nord');
  await expect(summary).toContainText('Nina Berg');
  await expect(summary).not.toContainText(defaultCornerstoneSimCredentials.password);
  await expectAccessible(page, 'onboarding, confirm');
  await saveScreenshot(page, 'onboarding-7-confirm-nb');

  // A registry slow enough that the initial sync can be seen on the board before it ends.
  await onboardingRegistries.setLatency(700);
  await page.getByRole('button', { name: 'Legg til organisasjonen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Synkstatus' })).toBeVisible();
  const [created] = await query<{ id: string }>(
    `select i.id from sync.integrations i join sync.organizations o on o.id = i.org_id where o.slug = 'fjellklubben-nord'`,
  );
  const card = page.locator(`[data-integration-id="${created?.id}"]`);
  await expect(card).toHaveAttribute('data-health', 'initial_sync');
  await expect(card.getByTestId('health-label')).toHaveText('Første synkronisering pågår');
  await expectAccessible(page, 'health board, initial sync');
  await saveScreenshot(page, 'health-initial-sync-nb');

  await onboardingRegistries.setLatency(0);
  await expect(card).toHaveAttribute('data-health', 'healthy', { timeout: 30_000 });
  await expect(card.getByTestId('member-count')).toHaveAttribute('data-count', String(E2E_ONBOARDING_MEMBERS));
  const [members] = await query<{ n: number }>(
    `select count(*)::int as n from sync.members m join sync.organizations o on o.id = m.org_id where o.slug = 'fjellklubben-nord'`,
  );
  expect(members?.n).toBe(E2E_ONBOARDING_MEMBERS);
  const [admins] = await query<{ n: number }>(
    `select count(*)::int as n from sync.org_admins a join sync.organizations o on o.id = a.org_id where o.slug = 'fjellklubben-nord'`,
  );
  expect(admins?.n).toBe(1);
  await expectAccessible(page, 'health board, onboarded organization synced');
  await saveScreenshot(page, 'health-onboarded-nb');

  await expectNoSecretKept(consoleApp, [defaultCornerstoneSimCredentials.password, defaultCornerstoneSimCredentials.clientId, 'feil-passord-123']);
});

test.describe('in English', () => {
  test.use({ language: 'en' });

  test('Consio is set up the same way: its organization name in the preview, and webhooks marked unavailable', async ({ consoleApp }) => {
    const { page, query } = consoleApp;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Add organization' }).click();
    await page.getByLabel('Name of the organization').fill('Sjøspeiderne Sør');
    await expect(page.getByLabel('Short name for web addresses')).toHaveValue('sjospeiderne-sor');
    await next(page, 'Next');
    await page.getByRole('combobox', { name: 'Member system' }).selectOption({ label: 'Consio' });
    await next(page, 'Next');

    await stepHeading(page, 'Sign-in details');
    await fillPracticeRegistry(consoleApp, 'consio', 'en');
    await expect(page.getByLabel('Client secret')).toHaveAttribute('type', 'password');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByTestId('connection-test-result')).toHaveAttribute('data-outcome', 'connected');
    await expectAccessible(page, 'onboarding Consio, connected');
    await saveScreenshot(page, 'onboarding-3-credentials-en');
    await next(page, 'Next');

    await stepHeading(page, 'Preview');
    await expect(page.getByTestId('registry-preview')).toContainText(`Consio reports ${E2E_ONBOARDING_MEMBERS} members for “Sjøspeiderne Sør”.`);
    await expectAccessible(page, 'onboarding Consio, preview');
    await saveScreenshot(page, 'onboarding-4-preview-en');
    await next(page, 'Next');
    await stepHeading(page, 'Schedule');
    await next(page, 'Next');
    await stepHeading(page, 'Administrators');
    await next(page, 'Next');
    await stepHeading(page, 'Confirm');
    await expectAccessible(page, 'onboarding Consio, confirm');
    await saveScreenshot(page, 'onboarding-7-confirm-en');
    await page.getByRole('button', { name: 'Add organization' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Sync health' })).toBeVisible();
    const [created] = await query<{ id: string }>(
      `select i.id from sync.integrations i join sync.organizations o on o.id = i.org_id where o.slug = 'sjospeiderne-sor'`,
    );
    const card = page.locator(`[data-integration-id="${created?.id}"]`);
    await expect(card).toHaveAttribute('data-health', 'healthy', { timeout: 30_000 });

    // The settings screen says plainly that Consio sends no webhooks, and offers no secret.
    await card.getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByText('This registry cannot send changes as they happen')).toBeVisible();
    await expect(page.getByLabel('Address to enter in Cornerstone')).toHaveCount(0);
    await expectAccessible(page, 'Consio integration settings');
    await saveScreenshot(page, 'integration-settings-consio-en');
    await expectNoSecretKept(consoleApp, [defaultConsioSimCredentials.clientSecret]);
  });

  test('an organization admin cannot onboard, through the screen or the bridge', async ({ consoleApp }) => {
    const { page, query } = consoleApp;
    await consoleApp.signInAs('ola');
    await expect(page.getByRole('heading', { level: 1, name: 'Sync health' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Add organization' })).toHaveCount(0);
    await page.evaluate(() => (window.location.hash = '#/onboarding'));
    await expect(page.getByTestId('empty-state')).toContainText('Only global administrators can add organizations');
    await expect(page.getByLabel('Name of the organization')).toHaveCount(0);
    await expectAccessible(page, 'onboarding refused to an organization admin');
    await saveScreenshot(page, 'onboarding-not-allowed-en');

    const answer = await page.evaluate(() =>
      (window as unknown as Bridge).consoleBridge.call('organizations.onboard', {
        name: 'Snikklubben',
        slug: 'snikklubben',
        integration: null,
        adminUserIds: [],
      }),
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const lookup = await page.evaluate(() => (window as unknown as Bridge).consoleBridge.call('admins.find', { email: 'nina@demo.local' }));
    expect(lookup).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await query(`select 1 from sync.organizations where slug = 'snikklubben'`)).toEqual([]);
  });
});
