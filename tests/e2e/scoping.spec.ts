import { test, expect, DEMO_IDS } from './support/fixtures.ts';
import { expectAccessible, saveScreenshot } from './support/checks.ts';

test('an organization admin sees only their own organization; the global admin sees all', async ({ consoleApp }) => {
  const { page } = consoleApp;
  const groups = page.getByTestId('organization-group');
  const cards = page.getByTestId('integration-card');
  await expect(page.getByRole('heading', { level: 1, name: 'Synkstatus' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'nb');
  await expect(groups).toHaveCount(3);
  await expect(cards).toHaveCount(2);
  await expect(groups.filter({ hasText: 'Kystkoret' })).toContainText('Ingen medlemsregister er koblet til denne organisasjonen.');
  await expectAccessible(page, 'health board, global admin, Norwegian');
  await saveScreenshot(page, 'health-global-admin-nb');

  await consoleApp.signInAs('kari');
  await expect(groups).toHaveCount(1);
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toHaveAttribute('data-integration-id', DEMO_IDS.integrations.ungdomCornerstone);
  await expect(groups.first().getByRole('heading', { level: 2 })).toHaveText('Ungdom i Bevegelse');
  await expect(groups.first().getByTestId('organization-errors')).toHaveText(/Ingen feil/);
  await expectAccessible(page, 'health board, organization admin');

  await consoleApp.signInAs('global');
  await expect(groups).toHaveCount(3);
  await expect(cards).toHaveCount(2);
});

test('an organization admin cannot start a sync for another organization, even by calling the bridge directly', async ({ consoleApp }) => {
  const { page, query } = consoleApp;
  await consoleApp.signInAs('kari');
  await expect(page.getByTestId('integration-card')).toHaveCount(1);

  const result = await page.evaluate(
    (integrationId) =>
      (window as unknown as { consoleBridge: { call(op: string, input: unknown): Promise<unknown> } }).consoleBridge.call('sync.start', {
        integrationId,
        kind: 'full',
      }),
    DEMO_IDS.integrations.friluftslagCornerstone,
  );
  expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
  expect(await query('select id from sync.sync_jobs')).toEqual([]);
  await expect(page.getByTestId('integration-card')).toHaveCount(1);
  await expectAccessible(page, 'health board of an organization admin after a refused call');
});
