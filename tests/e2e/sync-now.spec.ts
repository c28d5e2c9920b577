import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, DEMO_IDS, E2E_MEMBER_COUNT } from './fixtures.ts';

const SCREENSHOT_DIR = join(import.meta.dirname, '../artifacts');

test('an admin syncs Cornerstone from the console and the health widget turns green', async ({ consoleApp }) => {
  const { page, query, cornerstone } = consoleApp;
  // Slow each page of the registry a little, so progress between pages is on screen to be seen.
  await cornerstone.setLatency(400);

  await expect(page.getByRole('heading', { name: 'Member Sync Console' })).toBeVisible();
  await expect(page.getByTestId('organization-list').getByRole('listitem')).toHaveCount(3);

  const card = page.locator(`[data-integration-id="${DEMO_IDS.integrations.friluftslagCornerstone}"]`);
  await expect(card.getByTestId('health-label')).toHaveText('Never synced');
  await expect(card.getByTestId('last-sync')).toHaveText('Never');

  await card.getByRole('button', { name: 'Sync now' }).click();

  const progress = card.getByTestId('sync-progress');
  await expect(progress).toBeVisible();
  // Records processed of the total, with the total from the registry's own count.
  await expect(progress).toHaveAttribute('data-total', String(E2E_MEMBER_COUNT));
  await expect(progress).toContainText(/of 2\s500 records/);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await card.screenshot({ path: join(SCREENSHOT_DIR, 'sync-in-progress.png') });
  const midway = Number(await progress.getAttribute('data-processed'));
  expect(midway).toBeLessThan(E2E_MEMBER_COUNT);
  await expect(card.getByRole('button', { name: 'Syncing…' })).toBeDisabled();

  await expect(card).toHaveAttribute('data-health', 'healthy');
  await expect(card.getByTestId('health-label')).toHaveText('Healthy');
  await expect(card.getByTestId('member-count')).toHaveAttribute('data-count', String(E2E_MEMBER_COUNT));
  await expect(card.getByTestId('last-sync')).not.toHaveText('Never');
  await expect(card.getByTestId('last-run')).toContainText('new');
  await expect(progress).toBeHidden();

  // What the database holds: every member, pulled over HTTP, and a run with its counts.
  const [members] = await query<{ count: number }>('select count(*)::int as count from sync.members where org_id = $1', [
    DEMO_IDS.organizations.friluftslag,
  ]);
  expect(members?.count).toBe(E2E_MEMBER_COUNT);
  const runs = await query<{ status: string; records_seen: number; records_created: number; duration_ms: number }>(
    'select status, records_seen, records_created, duration_ms from sync.sync_runs where integration_id = $1',
    [DEMO_IDS.integrations.friluftslagCornerstone],
  );
  expect(runs).toEqual([expect.objectContaining({ status: 'succeeded', records_seen: E2E_MEMBER_COUNT, records_created: E2E_MEMBER_COUNT })]);
  expect(runs[0]?.duration_ms).toBeGreaterThan(0);
  const [job] = await query<{ status: string; processed: number; total: number }>(
    'select status, processed, total from sync.sync_jobs where integration_id = $1',
    [DEMO_IDS.integrations.friluftslagCornerstone],
  );
  expect(job).toEqual({ status: 'succeeded', processed: E2E_MEMBER_COUNT, total: E2E_MEMBER_COUNT });

  await page.screenshot({ path: join(SCREENSHOT_DIR, 'health-after-sync.png'), fullPage: true });
});

test('a second sync changes nothing that did not change', async ({ consoleApp }) => {
  const { page, query } = consoleApp;
  const card = page.locator(`[data-integration-id="${DEMO_IDS.integrations.friluftslagCornerstone}"]`);
  for (let round = 1; round <= 2; round++) {
    await card.getByRole('button', { name: 'Sync now' }).click();
    await expect(card).toHaveAttribute('data-health', 'syncing');
    await expect(card).toHaveAttribute('data-health', 'healthy');
  }
  const runs = await query<{ records_created: number; records_updated: number; records_unchanged: number }>(
    'select records_created, records_updated, records_unchanged from sync.sync_runs where integration_id = $1 order by started_at',
    [DEMO_IDS.integrations.friluftslagCornerstone],
  );
  expect(runs).toEqual([
    { records_created: E2E_MEMBER_COUNT, records_updated: 0, records_unchanged: 0 },
    { records_created: 0, records_updated: 0, records_unchanged: E2E_MEMBER_COUNT },
  ]);
});
