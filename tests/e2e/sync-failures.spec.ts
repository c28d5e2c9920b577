import { test, expect, DEMO_IDS } from './support/fixtures.ts';
import { expectAccessible, saveScreenshot } from './support/checks.ts';

test('credentials that stopped working show red, with who must act', async ({ consoleApp }) => {
  const { page, cornerstone, query } = consoleApp;
  await cornerstone.rotatePassword();
  const card = page.locator(`[data-integration-id="${DEMO_IDS.integrations.friluftslagCornerstone}"]`);
  await card.getByRole('button', { name: 'Synkroniser nå' }).click();

  await expect(card).toHaveAttribute('data-health', 'failed');
  await expect(card.getByTestId('health-label')).toHaveText('Siste synk mislyktes');
  const error = card.getByTestId('sync-error');
  await expect(error).toContainText('Medlemsregisteret godtok ikke det lagrede brukernavnet eller passordet.');
  await expect(error).toContainText('organisasjonens administrator');
  // What to do about it: the same words as the alert's, with the way to the settings.
  await expect(error.getByTestId('what-to-do')).toContainText('Den som forvalter registerbrukeren');
  await expect(error.getByTestId('what-to-do')).toContainText('test det der og lagre det');
  const [run] = await query<{ status: string; error_code: string }>('select status, error_code from sync.sync_runs');
  expect(run).toEqual({ status: 'failed', error_code: 'source_auth_failed' });
  await expectAccessible(page, 'health board, credentials failed');
  await saveScreenshot(page, 'health-credentials-failed-nb');
});

test('a registry that answers with errors of its own shows red, names the provider, and its run says the same', async ({ consoleApp }) => {
  const { page, cornerstone, query } = consoleApp;
  // Every try at the first page, the first and its four retries, gets HTTP 500.
  await cornerstone.failNext(5, 500);
  const card = page.locator(`[data-integration-id="${DEMO_IDS.integrations.friluftslagCornerstone}"]`);
  await card.getByRole('button', { name: 'Synkroniser nå' }).click();

  await expect(card).toHaveAttribute('data-health', 'failed');
  const error = card.getByTestId('sync-error');
  await expect(error).toHaveAttribute('data-code', 'source_server_error');
  await expect(page.getByTestId('live-region')).toHaveText('Synk av Norsk Friluftslag · Cornerstone mislyktes.');
  await expect(error).toContainText('Medlemsregisteret hadde en feil.');
  await expect(error).toContainText('leverandøren av medlemsregisteret (eller prøv igjen senere)');
  await expect(error).not.toContainText(/HTTP|500/);
  // One failed sync raises no alert yet, but its organization does not say "No errors" above a red card.
  const group = page.getByTestId('organization-group').filter({ has: card });
  await expect(group.getByTestId('organization-errors')).toHaveText(/1 feil/);
  // The sync took seconds of retries; when it ended is past, never "in 4 seconds".
  await expect(card.getByTestId('last-full-run')).toContainText(/^(nå|for \d+ sekunder? siden) \(/);
  const [run] = await query<{ status: string; error_code: string }>('select status, error_code from sync.sync_runs');
  expect(run).toEqual({ status: 'failed', error_code: 'source_server_error' });
  await expectAccessible(page, 'health board, registry server error');
  await saveScreenshot(page, 'health-registry-error-nb');

  await error.getByRole('link', { name: 'Synkhistorikk' }).click();
  await page.getByRole('table', { name: 'Synker, de nyeste først' }).locator('tbody tr').first().getByRole('link').click();
  await expect(page.getByTestId('run-error')).toContainText('Medlemsregisteret hadde en feil.');
  await expect(page.getByTestId('run-error')).toContainText('leverandøren av medlemsregisteret');
  await expectAccessible(page, 'failed run, registry server error');
});

test.describe('in English', () => {
  test.use({ language: 'en' });

  test('a registry that cannot be reached shows red with a message to act on, and a retry recovers', async ({ consoleApp }) => {
    const { page, cornerstone } = consoleApp;
    await cornerstone.setDown(true);
    const card = page.locator(`[data-integration-id="${DEMO_IDS.integrations.friluftslagCornerstone}"]`);
    await card.getByRole('button', { name: 'Sync now' }).click();

    await expect(card).toHaveAttribute('data-health', 'failed');
    const error = card.getByTestId('sync-error');
    await expect(error).toContainText('The registry could not be reached.');
    await expect(error).toContainText('the registry provider');
    // Words for volunteers: no host and port.
    await expect(error).not.toContainText(/127\.0\.0\.1|:\d{2,5}/);
    await expectAccessible(page, 'health board, registry unreachable');

    await cornerstone.setDown(false);
    await card.getByRole('button', { name: 'Sync now' }).click();
    await expect(card).toHaveAttribute('data-health', 'healthy');
    await expect(card.getByTestId('sync-error')).toBeHidden();
    await expectAccessible(page, 'health board, recovered');
  });
});
