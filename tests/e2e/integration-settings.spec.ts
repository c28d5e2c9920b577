import type { Page } from '@playwright/test';
import { test, expect, DEMO_IDS, type ConsoleApp } from './support/fixtures.ts';
import { expectAccessible, saveScreenshot } from './support/checks.ts';

const INTEGRATION = DEMO_IDS.integrations.friluftslagCornerstone;
/** The simulator's demo sign-in (sim/cornerstone/credentials.ts); `rotatePassword` appends "-rotated". */
const SIM_LOGIN = { username: 'api-demo', password: 'demo-passord-2025', clientId: 'kommunion-demo-client' };
const externalIdOf = (index: number) => `CS-${String(index + 1).padStart(7, '0')}`;

const cardOf = (page: Page, integrationId: string = INTEGRATION) =>
  page.locator(`[data-testid="integration-card"][data-integration-id="${integrationId}"]`);

async function savedCiphertext(query: ConsoleApp['query']): Promise<string> {
  const rows = await query<{ ciphertext: string }>('select ciphertext from sync.integration_credentials where integration_id = $1', [INTEGRATION]);
  expect(rows).toHaveLength(1);
  return rows[0]?.ciphertext ?? '';
}

async function emailOf(query: ConsoleApp['query'], index: number): Promise<string | null> {
  const rows = await query<{ email: string | null }>(
    `select m.email from sync.members m join sync.member_links l on l.member_id = m.id
      where l.integration_id = $1 and l.external_id = $2`,
    [INTEGRATION, externalIdOf(index)],
  );
  expect(rows, `member ${externalIdOf(index)}`).toHaveLength(1);
  return rows[0]?.email ?? null;
}

/** Calls the backend as the renderer does, past the screens. */
function callBridge(page: Page, operation: string, input: unknown): Promise<unknown> {
  return page.evaluate(
    ([op, value]) => (window as unknown as { consoleBridge: { call(op: string, input: unknown): Promise<unknown> } }).consoleBridge.call(op, value),
    [operation, input] as const,
  );
}

test('the refused password leads to a working settings screen: wrong password refused, the new one tested, saved and syncing', async ({
  consoleApp,
}) => {
  const { page, cornerstone, query } = consoleApp;
  const sealedBefore = await savedCiphertext(query);
  // Someone gave the registry user a new password in Cornerstone.
  await cornerstone.rotatePassword();
  const card = cardOf(page);
  await card.getByRole('button', { name: 'Synkroniser nå' }).click();
  await expect(card).toHaveAttribute('data-health', 'failed');
  const error = card.getByTestId('sync-error');
  await expect(error.getByTestId('what-to-do')).toContainText('Den som forvalter registerbrukeren');

  // The red card's own way to the settings.
  await error.getByRole('link', { name: 'Skriv inn nye påloggingsopplysninger i innstillingene' }).click();
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText('Innstillinger: Cornerstone – Norsk Friluftslag');
  await expect(heading).toBeFocused();
  await expect(page.getByTestId('integration-settings')).toHaveAttribute('data-integration-id', INTEGRATION);
  const connection = page.getByTestId('connection');
  await expect(connection.getByRole('heading', { level: 2, name: 'Tilkobling og pålogging' })).toBeVisible();
  await expect(connection.getByTestId('connection-facts')).toContainText('Brukernavn, passord og klient-ID');
  await expect(connection).toContainText('Lagrede passord, nøkler og hemmeligheter vises aldri.');
  const form = page.getByTestId('credentials-form');
  // The address is filled in; no saved secret is ever put back into a field.
  await expect(form.getByLabel('Adressen til registeret')).toHaveValue(/^http:\/\/127\.0\.0\.1:\d+/);
  for (const label of ['Brukernavn', 'Passord', 'Klient-ID']) await expect(form.getByLabel(label, { exact: true })).toHaveValue('');
  await expect(form.getByLabel('Passord', { exact: true })).toHaveAttribute('type', 'password');
  await expectAccessible(page, 'integration settings after a refused password');
  await saveScreenshot(page, 'integration-settings-nb');

  // The old password, tested: refused, with who must act, and nothing saved.
  await form.getByLabel('Brukernavn', { exact: true }).fill(SIM_LOGIN.username);
  await form.getByLabel('Passord', { exact: true }).fill(SIM_LOGIN.password);
  await form.getByLabel('Klient-ID', { exact: true }).fill(SIM_LOGIN.clientId);
  await form.getByRole('button', { name: 'Test tilkoblingen' }).click();
  const result = form.getByTestId('connection-test-result');
  await expect(result).toHaveAttribute('data-outcome', 'failed');
  await expect(result).toHaveAttribute('data-problem', 'wrong_password');
  await expect(result).toContainText('Testen av tilkoblingen mislyktes');
  await expect(result).toContainText('Cornerstone godtok ikke brukernavnet eller passordet.');
  await expect(result).toContainText('Hvem må gjøre noe: organisasjonens administrator');
  await expect(result).toContainText(/Testen tok \d+(,\d+)? (ms|s)\./);
  await expect(page.getByTestId('live-region')).toHaveText('Testen av tilkoblingen mislyktes: Cornerstone godtok ikke brukernavnet eller passordet.');
  await expect(result).not.toContainText(SIM_LOGIN.password);
  expect(await savedCiphertext(query)).toBe(sealedBefore);
  await expect(form.getByTestId('credentials-save-outcome')).toBeEmpty();
  await expectAccessible(page, 'connection test failed: wrong password');
  await saveScreenshot(page, 'integration-settings-test-failed-nb');

  // The new password: connected, with the registry's organization, its members and how long it took.
  await form.getByLabel('Passord', { exact: true }).fill(`${SIM_LOGIN.password}-rotated`);
  await form.getByRole('button', { name: 'Test tilkoblingen' }).click();
  await expect(result).toHaveAttribute('data-outcome', 'connected');
  await expect(result.locator('.callout-title')).toHaveText(/^✓ Koblet til «Norsk Friluftslag» — 2\s500 medlemmer — \d+(,\d+)? (ms|s)$/);
  await expect(page.getByTestId('live-region')).toHaveText('Test av tilkoblingen: koblet til Cornerstone.');
  await expect(result).toContainText('Dette registeret kan sende endringer med én gang de skjer.');
  // A test saves nothing.
  expect(await savedCiphertext(query)).toBe(sealedBefore);
  await expectAccessible(page, 'connection test connected');

  // No full sync has succeeded yet, so saving working credentials queues the first one.
  await expect(page.getByTestId('awaiting-initial-sync')).toBeVisible();
  await form.getByRole('button', { name: 'Lagre påloggingsopplysningene' }).click();
  const saveOutcome = form.getByTestId('credentials-save-outcome');
  await expect(saveOutcome).toHaveText('✓ Lagret. Den første fullstendige synken står i kø.');
  await expect(saveOutcome.locator('[data-saved="true"]')).toBeVisible();
  await expect(page.getByTestId('live-region')).toHaveText('De nye påloggingsopplysningene for Cornerstone – Norsk Friluftslag er lagret.');
  // What was typed is gone from the form once saved, and the database holds the new, sealed details.
  await expect(form.getByLabel('Passord', { exact: true })).toHaveValue('');
  await expect(form.getByLabel('Brukernavn', { exact: true })).toHaveValue('');
  await expect(result).toBeHidden();
  const sealedAfter = await savedCiphertext(query);
  expect(sealedAfter).not.toBe(sealedBefore);
  expect(sealedAfter).not.toContain(SIM_LOGIN.password);
  await expect(connection.getByTestId('credentials-last-worked')).not.toHaveText('Aldri');
  await expectAccessible(page, 'new credentials saved');

  // Back on the board: the queued sync worked with them, and so does the next one asked for.
  await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Synkstatus' }).click();
  await expect(card).toHaveAttribute('data-health', 'healthy');
  await expect(card.getByTestId('sync-error')).toBeHidden();
  await card.getByRole('button', { name: 'Synkroniser nå' }).click();
  const statuses = async () =>
    (await query<{ status: string }>('select status from sync.sync_runs where integration_id = $1 order by started_at', [INTEGRATION])).map(
      (run) => run.status,
    );
  await expect.poll(statuses).toEqual(['failed', 'succeeded', 'succeeded']);
  await expect(card).toHaveAttribute('data-health', 'healthy');
  await expectAccessible(page, 'health board, healthy again after new credentials');
});

test('a registry that does not answer gives a timeout after 10 seconds, not a spinner forever', async ({ consoleApp }) => {
  const { page, cornerstone } = consoleApp;
  await cardOf(page).getByRole('link', { name: 'Innstillinger' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Innstillinger: Cornerstone – Norsk Friluftslag');
  await cornerstone.setLatency(11_000);

  const saved = page.getByTestId('saved-connection-test');
  const button = saved.getByRole('button', { name: 'Test de lagrede påloggingsopplysningene' });
  const startedAt = Date.now();
  await button.click();
  await expect(saved.getByText('Tester tilkoblingen … Dette tar høyst 10 sekunder.')).toBeVisible();
  await expect(saved.locator('.spinner')).toBeVisible();
  await expect(button).toHaveAttribute('aria-busy', 'true');
  await expectAccessible(page, 'saved credentials being tested');

  const result = saved.getByTestId('connection-test-result');
  // waitFor watches the page itself, so the moment it appears is measured closely.
  await result.waitFor({ state: 'visible', timeout: 15_000 });
  const waited = Date.now() - startedAt;
  expect(waited).toBeGreaterThanOrEqual(9_500);
  expect(waited).toBeLessThan(12_000);
  await expect(result).toHaveAttribute('data-outcome', 'failed');
  await expect(result).toHaveAttribute('data-problem', 'timeout');
  await expect(result).toContainText('Cornerstone svarte ikke innen 10 sekunder.');
  const took = /Testen tok (\d+(?:,\d+)?) s\./.exec((await result.textContent()) ?? '');
  expect(took, 'how long the test took, as shown').not.toBeNull();
  const seconds = Number((took?.[1] ?? '').replace(',', '.'));
  expect(seconds).toBeGreaterThanOrEqual(9.5);
  expect(seconds).toBeLessThan(12);
  await expect(saved.getByText('Tester tilkoblingen …')).toBeHidden();
  await expect(button).not.toHaveAttribute('aria-busy', 'true');
  await expectAccessible(page, 'saved credentials test timed out');
  await cornerstone.setLatency(0);
});

test('the webhook secret is replaced with an overlap: the old one works until the overlap ends, then only the new one', async ({ consoleApp }) => {
  const { page, cornerstone, query } = consoleApp;
  // Webhooks change members the console already holds: the first full sync comes first.
  const card = cardOf(page);
  await card.getByRole('button', { name: 'Synkroniser nå' }).click();
  await expect(card).toHaveAttribute('data-health', 'healthy');

  await card.getByRole('link', { name: 'Innstillinger' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Innstillinger: Cornerstone – Norsk Friluftslag');
  const webhooks = page.getByTestId('webhooks');
  await expect(webhooks).toHaveAttribute('data-supported', 'true');
  await expect(webhooks.getByRole('heading', { level: 2, name: 'Endringer med én gang (webhooks)' })).toBeVisible();
  const urlField = webhooks.getByLabel('Adresse du skal skrive inn i Cornerstone');
  await expect(urlField).toHaveAttribute('readonly', '');
  const receivingUrl = await urlField.inputValue();
  // The Node receiver in the demo; the project's cornerstone-webhook function on the remote host.
  const receiverPath = consoleApp.host === 'remote' ? '/functions/v1/cornerstone-webhook/' : '/cornerstone-webhook/';
  expect(receivingUrl).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+${receiverPath}${INTEGRATION}$`));
  await expect(webhooks.getByTestId('webhook-secret-status')).toHaveText(/^Laget /);
  await expect(webhooks.getByTestId('webhook-signature-failures')).toHaveText('Ingen');

  // The older secrets still accepted, and for how many more hours the newest of them is.
  const previousSecrets = () =>
    query<{ kept: number; hours: number | null }>(
      `select jsonb_array_length(previous_secrets) as kept,
              round(extract(epoch from (previous_secrets -> 0 ->> 'validUntil')::timestamptz - now()) / 3600)::int as hours
         from sync.webhook_secrets where integration_id = $1`,
      [INTEGRATION],
    );
  const overlap = webhooks.getByLabel('Fortsett å godta den gamle hemmeligheten i');
  const rotate = webhooks.getByRole('button', { name: 'Bytt hemmeligheten' });
  const newSecret = webhooks.getByTestId('new-webhook-secret');
  const secretField = newSecret.getByLabel('Ny signeringshemmelighet');

  // Secret A, with no overlap: the demo's own secret stops at once.
  await overlap.selectOption({ label: 'Ingen tid: slutt med en gang' });
  await rotate.click();
  const dialog = page.getByRole('dialog', { name: 'Bytte signeringshemmeligheten?' });
  await expect(dialog).toContainText('Varslene avvises fra nå av til Cornerstone har fått den nye.');
  await expectAccessible(page, 'confirm replacing the webhook secret, no overlap');
  await dialog.getByRole('button', { name: 'Bytt hemmeligheten' }).click();
  await expect(dialog).toBeHidden();
  await expect(secretField).toHaveValue(/^whsec_[0-9a-f]{64}$/);
  await expect(secretField).toBeFocused();
  const secretA = await secretField.inputValue();
  await expect(page.getByTestId('live-region')).toHaveText('En ny signeringshemmelighet er klar til å kopieres. Den blir ikke vist igjen.');
  // No overlap: no older secret is kept.
  expect(await previousSecrets()).toEqual([{ kept: 0, hours: null }]);
  await newSecret.getByRole('button', { name: 'Jeg har kopiert den' }).click();
  await expect(newSecret).toHaveCount(0);

  // The admin enters A in Cornerstone: its notices apply.
  await cornerstone.signWebhooksWith(receivingUrl, secretA);
  await cornerstone.editMember(5, { email: 'rotation.a@example.org' });
  await cornerstone.releaseWebhooks();
  await expect.poll(() => emailOf(query, 5)).toBe('rotation.a@example.org');

  // Secret B, with 24 hours' overlap: shown once.
  await overlap.selectOption({ label: '24 timer' });
  await rotate.click();
  await expect(dialog).toContainText('Inntil da godtas varslene bare så lenge den gamle hemmeligheten godtas: 24 timer.');
  await dialog.getByRole('button', { name: 'Bytt hemmeligheten' }).click();
  await expect(secretField).toHaveValue(/^whsec_[0-9a-f]{64}$/);
  const secretB = await secretField.inputValue();
  expect(secretB).not.toBe(secretA);
  await expect(newSecret).toContainText('Den nye hemmeligheten: kopier den nå');
  await expect(newSecret).toContainText('Kopier den inn i Cornerstone nå. Den blir ikke vist igjen.');
  await expect(webhooks.getByTestId('webhook-previous-valid-until')).toBeVisible();
  await expectAccessible(page, 'new webhook secret shown once');
  await newSecret.getByRole('button', { name: 'Jeg har kopiert den' }).click();
  await expect(newSecret).toHaveCount(0);
  await expect(rotate).toBeFocused();
  await expect(webhooks.getByText(secretB)).toHaveCount(0);
  // A, and only A, is kept for 24 hours (the demo's first secret stopped with the first rotation).
  expect(await previousSecrets()).toEqual([{ kept: 1, hours: 24 }]);

  // Cornerstone still signs with A: within the overlap its notices apply.
  await cornerstone.editMember(6, { email: 'rotation.overlap@example.org' });
  await cornerstone.releaseWebhooks();
  await expect.poll(() => emailOf(query, 6)).toBe('rotation.overlap@example.org');

  // The overlap is over: A is refused, and the member keeps its email.
  await query(
    `update sync.webhook_secrets
        set previous_secrets = (select coalesce(jsonb_agg(jsonb_set(e, '{validUntil}', to_jsonb(now() - interval '1 second'))), '[]'::jsonb)
                                  from jsonb_array_elements(previous_secrets) as e)
      where integration_id = $1`,
    [INTEGRATION],
  );
  const rejectedCount = async () =>
    Number((await query<{ count: string }>(`select count(*) from sync.audit_events where type = 'webhook_rejected'`))[0]?.count ?? 0);
  expect(await rejectedCount()).toBe(0);
  const emailBefore = await emailOf(query, 7);
  await cornerstone.editMember(7, { email: 'rotation.refused@example.org' });
  // Waits until Cornerstone has given up its retries, so none of them is re-signed with B below.
  await cornerstone.releaseWebhooks();
  await expect.poll(rejectedCount).toBeGreaterThan(0);
  expect(await emailOf(query, 7)).toBe(emailBefore);

  // Cornerstone gets B: notices apply again.
  await cornerstone.signWebhooksWith(receivingUrl, secretB);
  await cornerstone.editMember(8, { email: 'rotation.b@example.org' });
  await cornerstone.releaseWebhooks();
  await expect.poll(() => emailOf(query, 8)).toBe('rotation.b@example.org');
  expect(await emailOf(query, 7)).toBe(emailBefore);

  // The page says notices were refused, and what to check.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Innstillinger: Cornerstone – Norsk Friluftslag');
  const failures = webhooks.getByTestId('webhook-signature-failures');
  await expect(failures).not.toHaveAttribute('data-count', '0');
  await expect(failures).toHaveText(/^!\d+ avvist, det siste \d/);
  await expect(webhooks).toContainText('Et varsel avvises når signaturen ikke stemmer med hemmeligheten.');
  await expect(webhooks.getByTestId('webhook-last-delivery')).not.toHaveText('Aldri');
  await expect(webhooks.getByTestId('webhook-previous-valid-until')).toHaveCount(0);
  await expect(newSecret).toHaveCount(0);
  await webhooks.scrollIntoViewIfNeeded();
  await expectAccessible(page, 'webhooks with refused notices');
  await saveScreenshot(page, 'integration-webhooks-nb');
});

test.describe('in English', () => {
  test.use({ language: 'en' });

  test('the schedule helper: every week on Sunday at 03:30 lists the next three runs a week apart, and saves that cron', async ({ consoleApp }) => {
    const { page, query } = consoleApp;
    // The e2e host has no Consio registry (fixtures.ts), so its "no webhooks" screen is left to the onboarding spec.
    await cardOf(page).getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings: Cornerstone – Norsk Friluftslag');
    const [before] = await query<{ schedule_cron: string }>('select schedule_cron from sync.integrations where id = $1', [INTEGRATION]);

    const schedule = page.getByTestId('schedule');
    const runs = schedule.getByRole('list', { name: 'The next three full syncs' }).locator('time');
    const runTimes = async () =>
      (await runs.evaluateAll((times) => times.map((time) => time.getAttribute('datetime') ?? ''))).map((iso) => new Date(iso));
    const osloWeekdayAndTime = (date: Date) =>
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Oslo', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
        date,
      );
    const hoursApart = (dates: Date[]) => dates.slice(1).map((date, index) => (date.getTime() - (dates[index]?.getTime() ?? 0)) / 3_600_000);
    await expect(runs).toHaveCount(3);

    await schedule.getByLabel('Full sync', { exact: true }).selectOption({ label: 'Every week' });
    await schedule.getByLabel('On', { exact: true }).selectOption({ label: 'Sunday' });
    await schedule.getByLabel('At (hh:mm)').fill('03:30');
    await expect.poll(async () => (await runTimes()).map(osloWeekdayAndTime)).toEqual(['Sun 03:30', 'Sun 03:30', 'Sun 03:30']);
    const chosen = await runTimes();
    const firstRun = chosen[0]?.getTime() ?? 0;
    expect(firstRun).toBeGreaterThan(Date.now());
    expect(firstRun - Date.now()).toBeLessThanOrEqual(7 * 24 * 3_600_000);
    // A week apart (an hour more or less across a change to or from summer time).
    for (const hours of hoursApart(chosen)) expect([167, 168, 169]).toContain(hours);
    // Out of the field, so the screenshot shows the time as chosen rather than mid-edit.
    await schedule.getByLabel('At (hh:mm)').blur();
    await expectAccessible(page, 'weekly schedule chosen');
    await saveScreenshot(page, 'integration-settings-en');
    expect((await query<{ schedule_cron: string }>('select schedule_cron from sync.integrations where id = $1', [INTEGRATION]))[0]).toEqual(before);

    await schedule.getByRole('button', { name: 'Save the schedule' }).click();
    const outcome = schedule.getByTestId('schedule-save-outcome');
    await expect(outcome).toContainText(/The schedule is saved\./);
    await expect(page.getByTestId('live-region')).toHaveText('The schedule for Cornerstone – Norsk Friluftslag is saved.');
    await expect
      .poll(async () => query<{ schedule_cron: string }>('select schedule_cron from sync.integrations where id = $1', [INTEGRATION]))
      .toEqual([{ schedule_cron: '30 3 * * 0' }]);
    // The helper shows the saved schedule as the weekly preset it is.
    await expect(schedule.getByLabel('Full sync', { exact: true })).toHaveValue('weekly');
    await expect(schedule.getByLabel('At (hh:mm)')).toHaveValue('03:30');
    await expectAccessible(page, 'schedule saved');

    // After a reload, the same.
    await page.reload();
    await expect(schedule.getByLabel('Full sync', { exact: true })).toHaveValue('weekly');
    await expect(schedule.getByLabel('On', { exact: true })).toHaveValue('0');
    await expect(schedule.getByLabel('At (hh:mm)')).toHaveValue('03:30');
  });

  test('an organization admin cannot see or change another organization’s registry, on screen or through the bridge', async ({ consoleApp }) => {
    const { page, query } = consoleApp;
    const state = () =>
      query(
        `select i.enabled, i.schedule_cron, c.ciphertext as credentials, s.ciphertext as webhook_secret, s.previous_secrets,
                (select count(*)::int from sync.organizations) as organizations
           from sync.integrations i join sync.integration_credentials c on c.integration_id = i.id
           join sync.webhook_secrets s on s.integration_id = i.id where i.id = $1`,
        [INTEGRATION],
      );
    const before = await state();
    expect(before).toMatchObject([{ enabled: true, organizations: 3 }]);

    await consoleApp.signInAs('kari');
    await expect(page.getByTestId('integration-card')).toHaveCount(1);

    // Her own registry's settings open…
    await cardOf(page, DEMO_IDS.integrations.ungdomCornerstone).getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings: Cornerstone – Ungdom i Bevegelse');

    // …another organization's do not, typed in by address.
    await page.evaluate((id) => {
      window.location.hash = `#/integrations/${id}`;
    }, INTEGRATION);
    const heading = page.getByRole('heading', { level: 1 });
    await expect(heading).toHaveText('Registry settings');
    await expect(heading).toBeFocused();
    await expect(page.getByTestId('empty-state')).toContainText('This member registry does not exist, or you do not have access to it.');
    await expect(page.getByTestId('integration-settings')).toHaveCount(0);
    await expect(page.getByText('Norsk Friluftslag')).toHaveCount(0);
    await expectAccessible(page, 'integration settings not found for an organization admin');
    await saveScreenshot(page, 'integration-not-found-en');

    for (const [operation, input] of [
      ['integrations.get', { integrationId: INTEGRATION }],
      ['integrations.update', { integrationId: INTEGRATION, enabled: false }],
      ['integrations.updateSchedule', { integrationId: INTEGRATION, scheduleCron: '0 4 * * *', deltaIntervalMinutes: 60 }],
      ['integrations.rotateWebhookSecret', { integrationId: INTEGRATION, overlapHours: 0 }],
      ['integrations.testConnection', { source: 'saved', integrationId: INTEGRATION }],
    ] as const) {
      expect(await callBridge(page, operation, input), operation).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
    const onboarded = await callBridge(page, 'organizations.onboard', {
      name: 'Karis eget lag',
      slug: 'karis-eget-lag',
      integration: null,
      adminUserIds: [],
    });
    expect(onboarded).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await state()).toEqual(before);

    await page.getByRole('link', { name: 'Back to sync health' }).click();
    await expect(page.getByTestId('integration-card')).toHaveCount(1);
    await expectAccessible(page, 'health board after refused calls');
  });
});
