import { test, expect, DEMO_IDS } from './fixtures.ts';

test('an organization admin sees only their own organization; the global admin sees all', async ({ consoleApp }) => {
  const { page } = consoleApp;
  const orgs = page.getByTestId('organization-list').getByRole('listitem');
  const cards = page.getByTestId('integration-card');
  await expect(orgs).toHaveCount(3);
  await expect(cards).toHaveCount(2);

  await page.getByLabel('Acting as').selectOption({ label: 'Kari Nordmann (organization admin)' });
  await expect(orgs).toHaveCount(1);
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toHaveAttribute('data-integration-id', DEMO_IDS.integrations.ungdomCornerstone);
  await expect(page.getByRole('heading', { name: 'Your organizations' })).toBeVisible();

  await page.getByLabel('Acting as').selectOption({ label: 'Gunn Global (global admin)' });
  await expect(orgs).toHaveCount(3);
  await expect(cards).toHaveCount(2);
});

test('an organization admin cannot start a sync for another organization, even by calling the bridge directly', async ({ consoleApp }) => {
  const { page, query } = consoleApp;
  await page.getByLabel('Acting as').selectOption({ label: 'Kari Nordmann (organization admin)' });
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
});
