import { test, expect, DEMO_IDS } from './support/fixtures.ts';
import { expectAccessible, saveScreenshot } from './support/checks.ts';

const CARD = `[data-integration-id="${DEMO_IDS.integrations.friluftslagCornerstone}"]`;

test('an alert raised by a failed sync says who must act, and acknowledging it is recorded', async ({ consoleApp }) => {
  const { page, query, cornerstone } = consoleApp;
  await cornerstone.rotatePassword();
  const card = page.locator(CARD);
  await card.getByRole('button', { name: 'Synkroniser nå' }).click();
  await expect(card).toHaveAttribute('data-health', 'failed');

  const badge = page.getByTestId('alert-badge');
  await expect(badge).toContainText('1 åpent varsel');
  await page
    .getByRole('navigation', { name: 'Hovedmeny' })
    .getByRole('link', { name: /Varsler/ })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Varsler' })).toBeFocused();

  const alert = page.getByRole('article', { name: 'Registeret godtok ikke brukernavnet eller passordet vårt' });
  await expect(alert.getByTestId('alert-severity')).toHaveText('Feil');
  await expect(alert.getByTestId('alert-text')).toContainText('Den som forvalter registerbrukeren');
  await expect(alert.getByTestId('alert-actor')).toHaveText('Hvem må gjøre noe: organisasjonens administrator');
  await expect(alert.getByTestId('alert-occurrences')).toHaveText('Skjedde én gang');
  await expect(alert.getByRole('link', { name: 'Synkhistorikk' })).toBeVisible();
  await expect(alert.getByRole('link', { name: 'Åpne synken som mislyktes' })).toBeVisible();
  await expectAccessible(page, 'alerts, open');
  await saveScreenshot(page, 'alerts-open-nb');

  await alert.getByRole('button', { name: 'Kvitter' }).click();
  await expect(alert.getByTestId('alert-acknowledged')).toContainText('Kvittert av Gunn Global');
  await expect(alert.getByTestId('alert-acknowledged')).toBeFocused();
  await expect(page.getByTestId('live-region')).toHaveText('Varselet er kvittert: Registeret godtok ikke brukernavnet eller passordet vårt');
  // The badge counts alerts no one has acknowledged.
  await expect(badge).toBeHidden();
  await expectAccessible(page, 'alerts, acknowledged');
  await saveScreenshot(page, 'alerts-acknowledged-nb');

  const [row] = await query<{ acknowledged_at: unknown; acknowledged_by: string; status: string }>(
    `select acknowledged_at, acknowledged_by, status from sync.alerts where kind = 'credentials_failed'`,
  );
  expect(row?.acknowledged_at).not.toBeNull();
  expect(row).toMatchObject({ acknowledged_by: DEMO_IDS.admins.global, status: 'open' });
  const events = await query<{ actor_label: string }>(`select * from sync.audit_events where type = 'alert_acknowledged'`);
  expect(events).toHaveLength(1);

  // The link goes to the failed sync.
  await alert.getByRole('link', { name: 'Åpne synken som mislyktes' }).click();
  await expect(page.getByTestId('run-error')).toContainText('Den som forvalter registerbrukeren');
  await expectAccessible(page, 'failed sync opened from its alert');
});

test.describe('in English', () => {
  test.use({ language: 'en' });

  test('repeated failures raise an alert for the registry provider, filtered by organization in the address', async ({ consoleApp }) => {
    const { page, cornerstone } = consoleApp;
    await cornerstone.setDown(true);
    const card = page.locator(CARD);
    for (let attempt = 0; attempt < 3; attempt++) {
      await card.getByRole('button', { name: 'Sync now' }).click();
      await expect(card.getByTestId('sync-progress')).toBeHidden();
      await expect(card).toHaveAttribute('data-health', 'failed');
    }
    await card.getByRole('link', { name: /open alert/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Alerts' })).toBeFocused();
    await expect(page).toHaveURL(new RegExp(`orgId=${DEMO_IDS.organizations.friluftslag}`));
    await expect(page.getByLabel('Organization', { exact: true })).toHaveValue(DEMO_IDS.organizations.friluftslag);

    const alert = page.getByRole('article', { name: 'Several syncs in a row failed' });
    await expect(alert.getByTestId('alert-text')).toHaveText('The last 3 syncs failed. The latest one said: The registry could not be reached.');
    await expect(alert.getByTestId('alert-actor')).toContainText('the registry provider');
    await expectAccessible(page, 'alerts, repeated failures, English');
    await saveScreenshot(page, 'alerts-repeated-failures-en');

    await page.getByLabel('Organization', { exact: true }).selectOption({ label: 'Ungdom i Bevegelse' });
    await expect(page).toHaveURL(new RegExp(`orgId=${DEMO_IDS.organizations.ungdom}`));
    await expect(page.getByTestId('empty-state')).toHaveText('No open alerts. Nothing needs your attention right now.');
    await page.getByLabel('Show').selectOption('all');
    await expect(page).toHaveURL(/status=all/);
    await expect(page.getByTestId('empty-state')).toHaveText('There are no alerts.');
    await expectAccessible(page, 'alerts, empty');
  });
});
