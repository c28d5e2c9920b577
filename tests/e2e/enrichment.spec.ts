import type { Page } from '@playwright/test';
import { test, expect, DEMO_IDS, type ConsoleApp } from './support/fixtures.ts';
import { expectAccessible, saveScreenshot } from './support/checks.ts';

/** Vipps personnummer enrichment from the console: the switch with its legal basis, the figures, failures and birth-date cases. */

const INTEGRATION = DEMO_IDS.integrations.friluftslagCornerstone;
const LEGAL_BASIS =
  'Foreningen må rapportere medlemmene med fødselsnummer til kommunen for å få driftstilskudd (objektivt behov for sikker identifisering).';
const externalIdOf = (index: number) => `CS-${String(index + 1).padStart(7, '0')}`;

/** A member of Norsk Friluftslag logs in to the members' app with Vipps; their name, as the console shows it. */
async function vippsLogin(app: ConsoleApp, index: number): Promise<string> {
  const answer = await app.vipps.login(index);
  expect(answer.status, 'the enrichment endpoint answered').toBe(200);
  expect(answer.body).toMatchObject({ ok: true, records: 1 });
  const [member] = await app.query<{ name: string }>(
    `select m.first_name || ' ' || m.last_name as name from sync.members m join sync.member_links l on l.member_id = m.id
      where l.integration_id = $1 and l.external_id = $2`,
    [INTEGRATION, externalIdOf(index)],
  );
  return member?.name ?? '';
}

async function attemptsFor(query: ConsoleApp['query'], index: number): Promise<number> {
  const [event] = await query<{ attempts: number }>(
    `select e.attempts from sync.enrichment_events e join sync.member_links l on l.member_id = e.member_id
      where l.integration_id = $1 and l.external_id = $2`,
    [INTEGRATION, externalIdOf(index)],
  );
  return event?.attempts ?? 0;
}

/** The Monday of this week in Oslo, as the weekly figures name weeks. */
function osloWeekStart(): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(new Date());
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}

/**
 * The number never reaches the console: no run of 11 digits (a personnummer, with or without a
 * space after the birth date) anywhere in the page's markup. Ids hold longer runs, never 11.
 */
async function expectNoPersonnummer(page: Page): Promise<void> {
  expect((await page.content()).match(/(?<!\d)\d{6}\s?\d{5}(?!\d)/g) ?? []).toEqual([]);
}

/**
 * Every Content-Security-Policy violation on the page from now on: the console's CSP allows no
 * inline style, and the chart draws SVG.
 */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const fromConsole: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) fromConsole.push(message.text());
  });
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.effectiveDirective}: ${event.blockedURI || 'inline'}`));
  });
  return async () => [...fromConsole, ...(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations))];
}

async function firstSync(page: Page): Promise<void> {
  const card = page.locator(`[data-testid="integration-card"][data-integration-id="${INTEGRATION}"]`);
  await card.getByRole('button', { name: /^(Synkroniser nå|Sync now)$/ }).click();
  await expect(card).toHaveAttribute('data-health', 'healthy');
}

test('an organization admin switches enrichment on with a legal basis, sees numbers written, retries a failure and checks a birth date', async ({
  consoleApp,
}) => {
  test.setTimeout(240_000);
  const { page, query, vipps, cornerstone } = consoleApp;
  const cspViolations = await watchCsp(page);

  await consoleApp.signInAs('ola');
  await expect(page.getByTestId('integration-card')).toHaveCount(1);
  await firstSync(page);

  await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Vipps-berikelse' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Fødselsnummer fra Vipps' })).toBeFocused();
  // An organization's admin sees their own organization only, with no total.
  const organization = page.getByTestId('enrichment-organization');
  await expect(organization).toHaveCount(1);
  await expect(organization.getByRole('heading', { level: 2 })).toHaveText('Norsk Friluftslag');
  await expect(page.getByTestId('enrichment-total')).toHaveCount(0);
  const state = organization.getByTestId('enrichment-state-label');
  await expect(state).toHaveText('Slått av');
  await expect(organization.getByTestId('not-started')).toHaveText(
    'Ikke slått på ennå. Tallene begynner å telle når henting av fødselsnummer fra Vipps slås på.',
  );
  await expect(organization).toContainText('Vipps Login er ikke en elektronisk ID');
  await expectAccessible(page, 'enrichment, switched off');

  // Too short a legal basis is refused in the form, and nothing is saved.
  const basis = organization.getByLabel('Rettslig grunnlag');
  await basis.fill('Vi trenger det');
  await organization.getByRole('button', { name: 'Slå på' }).click();
  await expect(organization.getByText('Beskriv det rettslige grunnlaget med minst 20 tegn.')).toBeVisible();
  await expect(basis).toHaveAttribute('aria-invalid', 'true');
  expect(await query('select 1 from sync.enrichment_settings')).toEqual([]);
  await expectAccessible(page, 'enrichment, legal basis too short');
  await saveScreenshot(page, 'enrichment-legal-basis-nb');

  // A real one switches it on: who did it, and the baseline counted there and then.
  await basis.fill(LEGAL_BASIS);
  await organization.getByRole('button', { name: 'Slå på' }).click();
  await expect(state).toHaveText('Slått på');
  await expect(organization.getByTestId('enrichment-state')).toBeFocused();
  await expect(organization.getByTestId('enabled-by')).toContainText('Slått på av Ola Nordmann');
  await expect(organization.getByTestId('legal-basis')).toHaveText(LEGAL_BASIS);
  await expect(page.getByTestId('live-region')).toHaveText('Fødselsnummer fra Vipps er slått på for Norsk Friluftslag.');
  const [settings] = await query<{ baseline_missing: number; enabled_by: string }>(
    'select baseline_missing, enabled_by from sync.enrichment_settings',
  );
  expect(settings?.enabled_by).toBe(DEMO_IDS.admins.ola);
  expect(settings?.baseline_missing).toBeGreaterThan(0);
  await expect(organization.getByTestId('figure-baseline')).toHaveAttribute('data-count', String(settings?.baseline_missing));
  await expect(organization.getByTestId('figure-enriched')).toHaveAttribute('data-count', '0');
  await expect(organization.getByRole('progressbar', { name: 'Andel av manglende fødselsnumre som er fylt ut for Norsk Friluftslag' })).toBeVisible();
  await expectAccessible(page, 'enrichment, switched on');

  // A member logs in with Vipps: the number is in the registry within seconds, and on the screen as a count.
  const writable = await vipps.candidate('writable');
  await vippsLogin(consoleApp, writable);
  await expect.poll(() => vipps.registryHoldsVippsNumber(writable), { timeout: 10_000 }).toBe(true);
  await expect(organization.getByTestId('figure-enriched')).toHaveAttribute('data-count', '1');
  await expect(organization.getByTestId('figure-latest').locator('time')).toBeVisible();
  const chart = organization.getByTestId('enrichment-chart');
  await expect(chart.getByRole('img', { name: 'Fødselsnumre skrevet per uke for Norsk Friluftslag' })).toBeVisible();
  await chart.getByRole('button', { name: 'Vis som tabell' }).click();
  const weeks = chart.getByRole('table', { name: 'Fødselsnumre skrevet per uke for Norsk Friluftslag' });
  await expect(weeks.locator('tbody tr').first()).toHaveAttribute('data-week', osloWeekStart());
  await expect(weeks.locator('tbody tr').first()).toHaveAttribute('data-count', '1');
  await expectAccessible(page, 'enrichment, one number written, weeks as a table');
  await saveScreenshot(page, 'enrichment-written-nb');

  // With the registry down, the next login's number cannot be written: listed with the reason, and retried once it is back.
  await cornerstone.setDown(true);
  const failing = await vipps.candidate('writable', 1);
  const failingName = await vippsLogin(consoleApp, failing);
  const failures = page.getByTestId('enrichment-failures');
  const failure = failures.getByRole('article', { name: failingName });
  await expect(failure.getByTestId('failure-member-number')).toHaveText(externalIdOf(failing));
  await expect(failure.getByTestId('failure-reason')).toHaveText('Vi fikk ikke kontakt med medlemsregisteret.');
  await expect(failure.getByTestId('failure-hold')).toHaveText(/^Kan prøves igjen til kl\. \d\d:\d\d\.$/);
  await expect(organization.getByTestId('work-pending')).toBeVisible();
  // Past the service's quick retries, so its next one is seconds away and the admin's Retry decides.
  await expect.poll(() => attemptsFor(query, failing), { timeout: 20_000 }).toBeGreaterThanOrEqual(5);
  await failure.getByText(/^Siste forsøk \(\d+\)$/).click();
  await expect(failure.getByRole('table', { name: `Siste forsøk for ${failingName}, nyeste først` })).toContainText(
    'Vi fikk ikke kontakt med medlemsregisteret.',
  );
  await expectAccessible(page, 'enrichment, a number the registry could not take');
  await failures.scrollIntoViewIfNeeded();
  await saveScreenshot(page, 'enrichment-failure-nb');

  await cornerstone.setDown(false);
  await failure.getByRole('button', { name: 'Prøv igjen' }).click();
  if (consoleApp.host === 'embedded') {
    await expect(page.getByTestId('live-region')).toHaveText(`Fødselsnummeret til ${failingName} er nå skrevet til medlemsregisteret.`);
  } else {
    // admin-api holds no numbers (the function that fetched it does, for its own retries): the
    // admin is told so, and the enrichment service's next retry writes it.
    await expect(page.getByTestId('live-region')).toHaveText(
      `Vi har ikke lenger fødselsnummeret til ${failingName}. Det skrives neste gang medlemmet logger inn med Vipps.`,
    );
  }
  await expect(failure).toHaveCount(0, { timeout: 30_000 });
  await expect(failures.getByRole('heading', { level: 2 })).toBeFocused();
  await expect(failures.getByTestId('empty-state')).toHaveText('Ingenting venter: alle numrene så langt er skrevet.');
  expect(await vipps.registryHoldsVippsNumber(failing)).toBe(true);
  await expect(organization.getByTestId('figure-enriched')).toHaveAttribute('data-count', '2');

  // A birth date a day off in the registry: nothing written, listed to check, and gone once checked.
  const typo = await vipps.candidate('birth_date_typo');
  const typoName = await vippsLogin(consoleApp, typo);
  const reviews = page.getByTestId('enrichment-reviews');
  const review = reviews.getByRole('article', { name: typoName });
  await expect(review.getByTestId('review-reason')).toHaveText(
    'Fødselsdatoen i fødselsnummeret fra Vipps stemmer ikke med fødselsdatoen i medlemsregisteret, så ingenting ble skrevet. Sjekk fødselsdatoen til medlemmet i registeret.',
  );
  await expect(organization.getByTestId('work-toReview')).toHaveText('!1 fødselsdato må sjekkes');
  expect(await vipps.registryHoldsVippsNumber(typo)).toBe(false);
  await expectAccessible(page, 'enrichment, a birth date to check');
  await reviews.scrollIntoViewIfNeeded();
  await saveScreenshot(page, 'enrichment-review-nb');
  await review.getByRole('button', { name: 'Merk som sjekket' }).click();
  await expect(review).toHaveCount(0);
  await expect(page.getByTestId('live-region')).toHaveText(`Merket som sjekket: ${typoName}.`);
  await expect(reviews.getByTestId('empty-state')).toHaveText('Ingen fødselsdatoer må sjekkes.');
  expect(await query(`select reviewed_by from sync.enrichment_events where outcome = 'needs_review'`)).toEqual([
    { reviewed_by: DEMO_IDS.admins.ola },
  ]);
  await expectNoPersonnummer(page);

  // The global admin sees every organization and their total first.
  await consoleApp.signInAs('global');
  const total = page.getByTestId('enrichment-total');
  await expect(total.getByRole('heading', { level: 2 })).toHaveText('Alle organisasjoner');
  await expect(total.getByTestId('figure-enriched')).toHaveAttribute('data-count', '2');
  await expect(page.getByTestId('enrichment-organization')).toHaveCount(3);
  await expect(page.getByLabel('Organisasjon', { exact: true })).toHaveValue('');
  await expectAccessible(page, 'enrichment, global admin');
  await saveScreenshot(page, 'enrichment-global-admin-nb');
  await expectNoPersonnummer(page);

  // Another organization's admin does not see Norsk Friluftslag's figures at all.
  await consoleApp.signInAs('kari');
  await expect(page.getByTestId('enrichment-organization')).toHaveCount(1);
  await expect(page.getByTestId('enrichment-organization').getByRole('heading', { level: 2 })).toHaveText('Ungdom i Bevegelse');
  await expect(page.getByTestId('enrichment-total')).toHaveCount(0);
  await expect(page.getByText('Norsk Friluftslag')).toHaveCount(0);
  await expect(page.getByTestId('enrichment-failures')).toHaveCount(0);
  await expectAccessible(page, 'enrichment, another organization’s admin');

  expect(await cspViolations(), 'CSP violations').toEqual([]);
});

test.describe('in English', () => {
  test.use({ language: 'en' });

  test('the figures and the weekly timeline after a Vipps login, and switching off after confirming', async ({ consoleApp }) => {
    test.setTimeout(180_000);
    const { page, query, vipps } = consoleApp;
    const cspViolations = await watchCsp(page);
    await consoleApp.signInAs('ola');
    await expect(page.getByTestId('integration-card')).toHaveCount(1);
    await firstSync(page);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Vipps enrichment' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'National identity numbers from Vipps' })).toBeFocused();
    const organization = page.getByTestId('enrichment-organization');
    await organization.getByLabel('Legal basis').fill(LEGAL_BASIS);
    await organization.getByRole('button', { name: 'Switch on' }).click();
    await expect(organization.getByTestId('enrichment-state-label')).toHaveText('Switched on');

    const writable = await vipps.candidate('writable');
    await vippsLogin(consoleApp, writable);
    await expect.poll(() => vipps.registryHoldsVippsNumber(writable), { timeout: 10_000 }).toBe(true);
    await expect(organization.getByTestId('figure-enriched')).toHaveAttribute('data-count', '1');
    const [baseline] = await query<{ n: number }>('select baseline_missing as n from sync.enrichment_settings');
    // One of the baseline filled in, to one decimal, the English way.
    await expect(organization.getByTestId('figure-percent')).toHaveText(`${Math.round(1000 / (baseline?.n ?? 1)) / 10}%`);
    const chart = organization.getByTestId('enrichment-chart');
    await expect(chart.getByRole('img', { name: 'Numbers written per week for Norsk Friluftslag' })).toBeVisible();
    await chart.getByRole('button', { name: 'Show as table' }).click();
    const weeks = chart.getByRole('table', { name: 'Numbers written per week for Norsk Friluftslag' });
    await expect(weeks.locator('tbody tr').first()).toHaveAttribute('data-week', osloWeekStart());
    await expect(weeks.locator('tbody tr').first()).toHaveAttribute('data-count', '1');
    await expectAccessible(page, 'enrichment in English, one number written');
    await saveScreenshot(page, 'enrichment-written-en');

    await organization.getByRole('button', { name: 'Switch off' }).click();
    const dialog = page.getByRole('dialog', { name: 'Switch off national identity numbers from Vipps?' });
    await expect(dialog).toContainText('Numbers already written stay in the registry');
    await expectAccessible(page, 'enrichment, confirm switching off');
    await dialog.getByRole('button', { name: 'Switch off' }).click();
    await expect(dialog).toBeHidden();
    await expect(organization.getByTestId('enrichment-state-label')).toHaveText('Switched off');
    await expect(organization.getByTestId('enrichment-state')).toBeFocused();
    await expect(page.getByTestId('live-region')).toHaveText('National identity numbers from Vipps are switched off for Norsk Friluftslag.');
    expect(await query('select enabled from sync.enrichment_settings')).toEqual([{ enabled: false }]);
    // The figures stay, and switching on again offers the basis it had.
    await expect(organization.getByTestId('figure-enriched')).toHaveAttribute('data-count', '1');
    await expect(organization.getByLabel('Legal basis')).toHaveValue(LEGAL_BASIS);
    await expectNoPersonnummer(page);
    expect(await cspViolations(), 'CSP violations').toEqual([]);
  });
});
