import { test, expect, DEMO_IDS } from './fixtures.ts';

test('credentials that stopped working show red, with who must act', async ({ consoleApp }) => {
  const { page, cornerstone, query } = consoleApp;
  await cornerstone.rotatePassword();
  const card = page.locator(`[data-integration-id="${DEMO_IDS.integrations.friluftslagCornerstone}"]`);
  await card.getByRole('button', { name: 'Sync now' }).click();

  await expect(card).toHaveAttribute('data-health', 'failed');
  await expect(card.getByTestId('health-label')).toHaveText('Last sync failed');
  const error = card.getByTestId('sync-error');
  await expect(error).toContainText(/rejected the username or password/i);
  await expect(error).toContainText("your organization's administrator");
  const [run] = await query<{ status: string; error_code: string }>('select status, error_code from sync.sync_runs');
  expect(run).toEqual({ status: 'failed', error_code: 'source_auth_failed' });
});

test('a registry that cannot be reached shows red with a message to act on, and a retry recovers', async ({ consoleApp }) => {
  const { page, cornerstone } = consoleApp;
  await cornerstone.setDown(true);
  const card = page.locator(`[data-integration-id="${DEMO_IDS.integrations.friluftslagCornerstone}"]`);
  await card.getByRole('button', { name: 'Sync now' }).click();

  await expect(card).toHaveAttribute('data-health', 'failed');
  await expect(card.getByTestId('sync-error')).toContainText(/Cornerstone at 127\.0\.0\.1:\d+ cut the connection/);
  await expect(card.getByTestId('sync-error')).toContainText('registry vendor');

  await cornerstone.setDown(false);
  await card.getByRole('button', { name: 'Sync now' }).click();
  await expect(card).toHaveAttribute('data-health', 'healthy');
  await expect(card.getByTestId('sync-error')).toBeHidden();
});
