import { test, expect, DEMO_IDS, E2E_MEMBER_COUNT } from './support/fixtures.ts';
import { expectAccessible, saveScreenshot } from './support/checks.ts';

test.use({ language: 'en' });

test('an admin syncs Cornerstone from the console and the health widget turns green', async ({ consoleApp }) => {
  const { page, query, cornerstone } = consoleApp;
  // Slow each page of the registry, so progress between pages stays on screen long enough to be
  // seen on a busy machine (five pages of 500: about four seconds in all).
  await cornerstone.setLatency(800);

  await expect(page.getByRole('heading', { level: 1, name: 'Sync health' })).toBeFocused();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  // The global admin sees every organization as a group, one without a registry included.
  await expect(page.getByTestId('organization-group')).toHaveCount(3);

  const card = page.locator(`[data-integration-id="${DEMO_IDS.integrations.friluftslagCornerstone}"]`);
  await expect(card.getByTestId('health-label')).toHaveText('Never synced');
  await expect(card.getByTestId('last-full-run')).toHaveText('Never');
  await expectAccessible(page, 'health board, never synced');

  // Every announcement the live region makes, in order, however quickly the next replaces it.
  await page.getByTestId('live-region').evaluate((region) => {
    const heard: string[] = [];
    (window as unknown as { heard: string[] }).heard = heard;
    new MutationObserver(() => heard.push(region.textContent ?? '')).observe(region, { childList: true, subtree: true, characterData: true });
  });
  const syncNow = card.getByRole('button', { name: 'Sync now' });
  await syncNow.focus();
  await page.keyboard.press('Enter');

  const progress = card.getByTestId('sync-progress');
  await expect(progress).toBeVisible();
  // Records processed of the total, with the total from the registry's own count.
  await expect(progress).toHaveAttribute('data-total', String(E2E_MEMBER_COUNT));
  await expect(progress).toContainText(/of 2,500 records/);
  await expect(card.getByRole('progressbar', { name: 'Sync progress for Norsk Friluftslag · Cornerstone' })).toBeVisible();
  // The same button, busy: focus stays on it, and it ignores presses until the sync ends.
  const syncing = card.getByRole('button', { name: 'Syncing…' }).first();
  await expect(syncing).toHaveAttribute('aria-disabled', 'true');
  await expect(syncing).toBeFocused();
  // Heard, not merely on screen now: a fast page can move the region on to "halfway" between two looks.
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { heard: string[] }).heard))
    .toContain('Sync of Norsk Friluftslag · Cornerstone started.');
  const midway = Number(await progress.getAttribute('data-processed'));
  expect(midway).toBeLessThan(E2E_MEMBER_COUNT);
  await expectAccessible(page, 'health board, syncing');
  await saveScreenshot(page, 'health-syncing-en');

  await expect(card).toHaveAttribute('data-health', 'healthy');
  await expect(card.getByTestId('health-label')).toHaveText('Up to date');
  await expect(page.getByTestId('live-region')).toHaveText('Sync of Norsk Friluftslag · Cornerstone finished.');
  // Its start, one milestone and its end: not every poll's progress.
  expect(await page.evaluate(() => (window as unknown as { heard: string[] }).heard)).toEqual([
    'Sync of Norsk Friluftslag · Cornerstone started.',
    'Sync of Norsk Friluftslag · Cornerstone is halfway.',
    'Sync of Norsk Friluftslag · Cornerstone finished.',
  ]);
  await expect(card.getByTestId('member-count')).toHaveAttribute('data-count', String(E2E_MEMBER_COUNT));
  await expect(card.getByTestId('last-full-run')).toContainText('2,500 read · 2,500 new · 0 changed');
  await expect(card.getByTestId('last-delta-run')).toHaveText('Never');
  await expect(progress).toBeHidden();
  await expect(card.getByRole('button', { name: 'Sync now' })).toBeFocused();

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

  await expectAccessible(page, 'health board, synced');
  await saveScreenshot(page, 'health-after-sync-en');
});

test('the board shows an update of recent changes beside the last full sync, and a sync it did not start', async ({ consoleApp }) => {
  const { page, query, cornerstone } = consoleApp;
  const card = page.locator(`[data-integration-id="${DEMO_IDS.integrations.friluftslagCornerstone}"]`);
  await card.getByRole('button', { name: 'Sync now' }).click();
  await expect(card).toHaveAttribute('data-health', 'healthy');

  await card.getByRole('button', { name: 'More sync options' }).click();
  await expectAccessible(page, 'sync options open');
  await card.getByRole('button', { name: 'Update recent changes' }).click();
  // The menu closes under the chosen option; focus goes back to the button that opened it.
  const moreOptions = card.getByRole('button', { name: 'More sync options' });
  await expect(moreOptions).toBeFocused();
  await expect(moreOptions).toHaveAttribute('aria-expanded', 'false');
  await expect(card.getByTestId('last-delta-run')).toHaveAttribute('data-status', 'succeeded');
  await expect(card.getByTestId('last-full-run')).toHaveAttribute('data-status', 'succeeded');

  // A preview changes nothing, is announced as a preview, and its report is one link away.
  await moreOptions.click();
  await card.getByRole('button', { name: 'Preview a full sync' }).click();
  await expect(moreOptions).toBeFocused();
  await expect(page.getByTestId('live-region')).toHaveText('Preview of Norsk Friluftslag · Cornerstone is ready: see what a full sync would change.');
  await expect(card.getByTestId('last-preview-run')).toHaveAttribute('data-status', 'succeeded');
  const [preview] = await query<{ id: string; dry_run: boolean }>(
    'select id, dry_run from sync.sync_runs where integration_id = $1 and dry_run order by started_at desc limit 1',
    [DEMO_IDS.integrations.friluftslagCornerstone],
  );
  expect(preview?.dry_run).toBe(true);
  await expectAccessible(page, 'health board with a preview');
  await card.getByRole('link', { name: 'See what a full sync would change' }).click();
  await expect(page).toHaveURL(new RegExp(`#/runs/${preview?.id ?? 'none'}$`));
  await expect(page.getByTestId('preview-notice')).toBeVisible();
  await expectAccessible(page, 'preview opened from the board');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sync health' }).click();

  // A sync queued behind the console's back (the schedule, another admin) shows up by itself.
  const before = await query<{ count: number }>('select count(*)::int as count from sync.sync_runs');
  // Slow enough that the board's idle refresh (every 5 s) sees it run.
  await cornerstone.setLatency(3_000);
  await query(
    `insert into sync.sync_jobs (org_id, integration_id, kind, status, trigger)
     select org_id, id, 'full', 'queued', 'schedule' from sync.integrations where id = $1`,
    [DEMO_IDS.integrations.friluftslagCornerstone],
  );
  await expect(card).toHaveAttribute('data-health', 'syncing');
  await expectAccessible(page, 'health board, a scheduled sync running');
  await expect(card).toHaveAttribute('data-health', 'healthy');
  const after = await query<{ count: number }>('select count(*)::int as count from sync.sync_runs');
  expect(after[0]?.count).toBe((before[0]?.count ?? 0) + 1);
});

test('a running sync can be cancelled, and says so', async ({ consoleApp }) => {
  const { page, query, cornerstone } = consoleApp;
  await cornerstone.setLatency(5_000);
  const card = page.locator(`[data-integration-id="${DEMO_IDS.integrations.friluftslagCornerstone}"]`);
  await card.getByRole('button', { name: 'Sync now' }).click();
  await expect(card.getByTestId('sync-progress')).toBeVisible();

  const cancel = card.getByRole('button', { name: 'Cancel sync' });
  // Esc closes the dialog and focus returns to the button that opened it.
  await cancel.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Cancel the sync of Norsk Friluftslag · Cornerstone?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Keep syncing' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(cancel).toBeFocused();

  await cancel.click();
  await expect(dialog).toBeVisible();
  await expectAccessible(page, 'cancel dialog');
  await saveScreenshot(page, 'health-cancel-dialog-en');
  await dialog.getByRole('button', { name: 'Cancel sync' }).click();

  await expect(page.getByTestId('live-region')).toHaveText('Sync of Norsk Friluftslag · Cornerstone was cancelled.');
  await expect(card.getByTestId('last-full-run')).toHaveAttribute('data-status', 'cancelled');
  // Focus was on Cancel when the progress went away with it: it lands on Sync now, not the page.
  await expect(card.getByRole('button', { name: 'Sync now' })).toBeFocused();
  await expectAccessible(page, 'health board, sync cancelled');
  const [job] = await query<{ status: string }>('select status from sync.sync_jobs where integration_id = $1', [
    DEMO_IDS.integrations.friluftslagCornerstone,
  ]);
  expect(job?.status).toBe('cancelled');
});
