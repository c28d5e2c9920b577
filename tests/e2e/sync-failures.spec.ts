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
  await expect(error).toContainText('Registeret godtar ikke lenger det lagrede brukernavnet eller passordet.');
  await expect(error).toContainText('organisasjonens administrator');
  const [run] = await query<{ status: string; error_code: string }>('select status, error_code from sync.sync_runs');
  expect(run).toEqual({ status: 'failed', error_code: 'source_auth_failed' });
  await expectAccessible(page, 'health board, credentials failed');
  await saveScreenshot(page, 'health-credentials-failed-nb');
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
  });
});
