import { test, expect, DEMO_IDS } from './support/fixtures.ts';
import { expectAccessible, saveScreenshot } from './support/checks.ts';

const CARD = `[data-integration-id="${DEMO_IDS.integrations.friluftslagCornerstone}"]`;

test.describe('in English', () => {
  test.use({ language: 'en' });

  test('the run history lists a full sync, a preview and a failed sync, and each opens its detail', async ({ consoleApp }) => {
    const { page, query, cornerstone } = consoleApp;
    const card = page.locator(CARD);
    await card.getByRole('button', { name: 'Sync now' }).click();
    await expect(card).toHaveAttribute('data-health', 'healthy');

    await card.getByRole('button', { name: 'More sync options' }).click();
    await card.getByRole('button', { name: 'Preview a full sync' }).click();
    await expect
      .poll(async () => (await query<{ n: number }>(`select count(*)::int as n from sync.sync_runs where dry_run and status = 'succeeded'`))[0]?.n)
      .toBe(1);

    // The registry cannot be reached: the next sync fails.
    await cornerstone.setDown(true);
    await card.getByRole('button', { name: 'Sync now' }).click();
    await expect(card).toHaveAttribute('data-health', 'failed');
    await cornerstone.setDown(false);

    await card.getByRole('link', { name: 'Run history' }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: 'Run history: Norsk Friluftslag · Cornerstone' })).toBeFocused();
    const table = page.getByRole('table', { name: 'Syncs, newest first' });
    const rows = table.locator('tbody tr');
    await expect(rows).toHaveCount(3);
    // Newest first: the failed sync, the preview, the first full sync.
    await expect(rows.nth(0)).toHaveAttribute('data-status', 'failed');
    await expect(rows.nth(0)).toContainText('Full sync');
    await expect(rows.nth(0)).toContainText('Failed');
    await expect(rows.nth(1)).toHaveAttribute('data-kind', 'preview');
    await expect(rows.nth(1)).toContainText('Preview, nothing changed');
    await expect(rows.nth(2)).toContainText('Started by an admin');
    await expect(rows.nth(2)).toContainText('Finished');
    await expect(rows.nth(2)).toContainText('2,500');
    await expectAccessible(page, 'run history');
    await saveScreenshot(page, 'run-history-en');

    const runs = await query<{ id: string; status: string; dry_run: boolean; error_code: string | null }>(
      `select id, status, dry_run, error_code from sync.sync_runs where integration_id = $1 order by started_at desc`,
      [DEMO_IDS.integrations.friluftslagCornerstone],
    );
    expect(runs.map((run) => [run.status, run.dry_run])).toEqual([
      ['failed', false],
      ['succeeded', true],
      ['succeeded', false],
    ]);
    expect(runs[0]?.error_code).toBe('source_unreachable');

    // The failed sync: its error in words, and who must act.
    await rows.nth(0).getByRole('link').click();
    await expect(page.getByRole('heading', { level: 1, name: /^Full sync, / })).toBeFocused();
    const error = page.getByTestId('run-error');
    await expect(error).toContainText('The registry could not be reached.');
    await expect(error).toContainText('Who must act: the registry provider');
    await expect(page.getByTestId('run-status')).toHaveText('Failed');
    await expectAccessible(page, 'failed run detail');
    await saveScreenshot(page, 'run-failed-en');

    // The preview: clearly marked, with what a full sync would change.
    await page.getByRole('link', { name: 'All syncs of this registry' }).click();
    await rows.nth(1).getByRole('link').click();
    await expect(page.getByRole('heading', { level: 1, name: /^Preview, nothing changed, / })).toBeVisible();
    await expect(page.getByTestId('preview-notice')).toHaveText(/This was a preview\. Nothing was changed/);
    await expect(page.getByRole('heading', { level: 2, name: 'What a full sync would change' })).toBeVisible();
    await expect(page.getByTestId('run-counts').locator('[data-count-key="seen"]')).toHaveText('2,500');
    await expectAccessible(page, 'preview run detail');
    await saveScreenshot(page, 'run-preview-en');
  });
});

test('an organization admin opening another organization’s sync by its address is told it is not found', async ({ consoleApp }) => {
  const { page, query } = consoleApp;
  const card = page.locator(CARD);
  await card.getByRole('button', { name: 'Synkroniser nå' }).click();
  await expect(card).toHaveAttribute('data-health', 'healthy');
  const [run] = await query<{ id: string }>(`select id from sync.sync_runs where integration_id = $1`, [
    DEMO_IDS.integrations.friluftslagCornerstone,
  ]);

  // The global admin sees it.
  await page.evaluate((id) => (window.location.hash = `#/runs/${id}`), run?.id ?? '');
  await expect(page.getByRole('heading', { level: 1, name: /^Fullstendig synk, / })).toBeVisible();
  await expect(page.getByTestId('run-counts').locator('[data-count-key="created"]')).toHaveText('2 500');
  await expectAccessible(page, 'run detail, Norwegian');
  await saveScreenshot(page, 'run-detail-nb');

  await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Synkstatus' }).click();
  await consoleApp.signInAs('kari');
  await expect(page.getByTestId('organization-group')).toHaveCount(1);
  await page.evaluate((id) => (window.location.hash = `#/runs/${id}`), run?.id ?? '');
  await expect(page.getByRole('heading', { level: 1, name: 'Fant ikke synken' })).toBeVisible();
  await expect(page.getByTestId('empty-state')).toContainText('Denne synken finnes ikke, eller du har ikke tilgang til den.');
  await expect(page.getByTestId('run-detail')).toHaveCount(0);
  await expectAccessible(page, 'run not found for an organization admin');
  await saveScreenshot(page, 'run-not-found-nb');

  // Nor does her history of that registry show anything.
  await page.evaluate((id) => (window.location.hash = `#/integrations/${id}/runs`), DEMO_IDS.integrations.friluftslagCornerstone);
  await expect(page.getByTestId('empty-state')).toContainText('så har du ikke tilgang til det');
  await expectAccessible(page, 'run history of another organization, for an organization admin');
});
